"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

One browser per session, a fresh context (cookies, downloads) per test. Chromium is the system package
(/usr/bin/chromium, installed by `make setup`); Playwright never downloads a browser here.

Playwright's sync API runs an asyncio loop in the main thread, and Django refuses ORM calls from a thread
with a running loop unless DJANGO_ALLOW_ASYNC_UNSAFE is set; the tests only use the ORM for set-up.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("JOBPLEDGE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "browser-test-password-7"
TIMEOUT_MS = 15_000

_numbers = itertools.count(1)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A missing Chromium is a broken set-up, not a reason to skip: say so once, clearly."""
    if any(item.get_closest_marker("browser") for item in items) and not shutil.which(CHROMIUM):
        raise pytest.UsageError(f"browser tests need Chromium at {CHROMIUM} (make setup installs Debian's chromium)")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """A cheap hasher: PBKDF2's deliberate slowness would dominate the suite's runtime on two cores."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@dataclass
class Page:
    """A Playwright page plus every console error and uncaught exception it saw (CSP violations included)."""

    page: Any
    base_url: str
    errors: list[str] = field(default_factory=list)

    def on_console(self, message: Any) -> None:
        if message.type != "error":
            return
        source = (message.location or {}).get("url", "")
        # Chromium asks for /favicon.ico on its own; a missing icon is not an error of the page under test.
        if source.endswith("/favicon.ico"):
            return
        self.errors.append(f"{message.text} ({source})" if source else message.text)

    def goto(self, path: str) -> Any:
        response = self.page.goto(self.base_url + path)
        assert response is not None
        return response

    def login(self, username: str, password: str = PASSWORD) -> None:
        self.goto("/accounts/login/")
        self.page.get_by_label("아이디").fill(username)
        self.page.get_by_label("비밀번호").fill(password)
        with self.page.expect_navigation():
            self.page.get_by_role("button", name="로그인").click()


@pytest.fixture
def page(browser: Any, live_server: Any, transactional_db: None) -> Iterator[Page]:
    from django.core.cache import cache

    # Reports are cached per data version; the flush between tests resets that version, so start clean.
    cache.clear()
    context = browser.new_context(locale="ko-KR", timezone_id="Asia/Seoul", accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    wrapped = Page(context.new_page(), live_server.url)
    wrapped.page.on("console", wrapped.on_console)
    wrapped.page.on("pageerror", lambda exc: wrapped.errors.append(f"uncaught: {exc}"))
    yield wrapped
    context.close()
    cache.clear()


@pytest.fixture
def plan(transactional_db: None) -> Any:
    """The Guro III-1-1 plan, loaded from the embedded plan file by the real loader."""
    from django.conf import settings

    from jobpledge.plans.services import plan_load_file

    return plan_load_file(path=settings.JOBPLEDGE_DEFAULT_PLAN_FILE, user=None).plan


def make_user(username: str, role: str = "owner", department: str | None = None) -> Any:
    from django.contrib.auth import get_user_model

    from jobpledge.accounts.models import Department, Profile

    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    dep = Department.objects.get_or_create(name=department)[0] if department else None
    Profile.objects.create(user=user, role=role, department=dep)
    return user


@pytest.fixture
def owner(transactional_db: None) -> Any:
    return make_user("owner1", "owner", "일자리지원과")


def make_record(
    plan: Any,
    *,
    start: dt.date,
    department: str = "일자리지원과",
    program: str = "직접일자리 사업",
    birth: dt.date = dt.date(1980, 5, 5),
    record_id: str | None = None,
    pseudonym: str | None = None,
    employer: str = "구로구청",
) -> Any:
    """A record written directly, with the derived fields the services would compute (set-up only)."""
    from django.db import transaction

    from jobpledge.accounts.models import Department
    from jobpledge.core.models import DataVersion
    from jobpledge.plans.models import Program
    from jobpledge.records.derive import PeriodBounds, derive
    from jobpledge.records.models import JobRecord

    number = next(_numbers)
    bounds = [PeriodBounds(p.id, p.code, p.start, p.end) for p in plan.periods.all()]
    derived = derive(birth_date=birth, start_date=start, periods=bounds)
    record = JobRecord.objects.create(
        department=Department.objects.get_or_create(name=department)[0],
        program=Program.objects.get(plan=plan, name=program),
        record_id=record_id or f"BR-{number:05d}",
        person_pseudonym=pseudonym or f"{number:064x}",
        birth_date=birth,
        gender="F",
        start_date=start,
        employer=employer,
        is_resident=True,
        period_id=derived.period_id,
        age_at_start=derived.age_at_start,
        generation=derived.generation,
        retention_deadline=derived.retention_deadline,
    )
    with transaction.atomic():
        DataVersion.bump()
    return record
