# jobpledge — two commands on a fresh machine: `make run` and `make test`. Both start with `make setup`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Debian packages: WeasyPrint's Pango and a CJK fallback font (the card's hanja 區), Chromium for the browser
# tests, poppler-utils to read the PDFs back in tests, wrk for the load benchmark.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk chromium poppler-utils wrk

.PHONY: setup run test lint typecheck unit unit-postgres system-packages clean

setup: system-packages $(VENV)/.stamp-python node_modules/.stamp-npm var/.stamp-init

system-packages:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then echo "installing Debian packages:$$missing"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing) >var-apt.log 2>&1 \
	      || { cat var-apt.log; exit 1; }; rm -f var-apt.log; \
	  else echo "please install the Debian packages:$$missing (sudo apt-get install$$missing)"; exit 1; fi; \
	fi

$(VENV)/.stamp-python: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -c requirements.lock -e '.[dev]'
	touch $@

node_modules/.stamp-npm: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Schema and the default plan; `jobpledge init` is idempotent, the stamp only saves time.
var/.stamp-init: $(VENV)/.stamp-python $(wildcard jobpledge/*/migrations/*.py) data/plans/guro-III-1-1.toml
	$(BIN)/jobpledge init
	touch $@

run: setup
	$(BIN)/jobpledge demo-data --if-empty
	$(BIN)/jobpledge demo-accountability --if-demo
	$(BIN)/jobpledge jobcenter-demo --if-empty
	$(BIN)/jobpledge createadmin
	$(BIN)/jobpledge serve --host $(HOST) --port $(PORT)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: setup
	$(BIN)/mypy jobpledge config

unit: setup
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

# Same suite on PostgreSQL when TEST_DATABASE_URL points at one.
unit-postgres: setup
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
	  rm -f var/postgres-tests.ok; \
	  DATABASE_URL="$$TEST_DATABASE_URL" JOBPLEDGE_EXPECT_DB=postgresql $(BIN)/pytest && touch var/postgres-tests.ok; \
	else echo "TEST_DATABASE_URL not set: PostgreSQL run skipped"; fi

test: lint typecheck unit unit-postgres

clean:
	rm -rf $(VENV) node_modules staticfiles var
