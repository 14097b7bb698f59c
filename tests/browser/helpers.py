"""Helpers of the browser tests: a page that collects console errors, and users made for set-up.

Records for set-up come from jobpledge.records.factories.add_record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PASSWORD = "browser-test-password-7"


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


def make_user(username: str, role: str = "owner", department: str | None = None) -> Any:
    from django.contrib.auth import get_user_model

    from jobpledge.accounts.models import Department, Profile

    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    dep = Department.objects.get_or_create(name=department)[0] if department else None
    Profile.objects.create(user=user, role=role, department=dep)
    return user
