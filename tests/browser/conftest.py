"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

One browser per session, a fresh context (cookies, downloads) per test. Chromium is the system package
(/usr/bin/chromium, installed by `make setup`); Playwright never downloads a browser here.

Playwright's sync API runs an asyncio loop in the main thread, and Django refuses ORM calls from a thread
with a running loop unless DJANGO_ALLOW_ASYNC_UNSAFE is set; the tests only use the ORM for set-up.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.helpers import Page, make_user

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
TIMEOUT_MS = 15_000


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


@pytest.fixture
def owner(transactional_db: None) -> Any:
    return make_user("owner1", "owner", "일자리지원과")
