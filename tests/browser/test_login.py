"""Logging in through the real form: a wrong password is refused in Korean, the right one opens the dashboard."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.helpers import Page

pytestmark = pytest.mark.browser

MSG_INVALID_LOGIN = "아이디 또는 비밀번호가 올바르지 않습니다."


def test_wrong_password_shows_korean_error(page: Page, owner: Any) -> None:
    page.login("owner1", password="not-the-password")

    assert page.page.url.endswith("/accounts/login/")
    # KRDS error summary (not role=alert): it takes focus on load, so a screen reader reads it first
    summary = page.page.locator("#error-summary")
    assert MSG_INVALID_LOGIN in summary.inner_text()
    assert page.page.evaluate("document.activeElement.id") == "error-summary"
    assert page.page.title().startswith("오류: ")
    assert "/dashboard/" not in page.page.url
    assert page.errors == []


def test_login_opens_dashboard_and_logout_returns_to_public(page: Page, owner: Any, plan: Any) -> None:
    page.login("owner1")

    assert page.page.url.endswith("/dashboard/")
    assert page.page.get_by_role("heading", level=1).inner_text().startswith("대시보드")
    assert "owner1" in page.page.locator(".jp-user").inner_text()

    with page.page.expect_navigation():
        page.page.get_by_role("button", name="로그아웃").click()
    assert page.page.url.endswith("/public/")
    response = page.goto("/dashboard/")
    assert "/accounts/login/" in page.page.url, response.url
    assert page.errors == []
