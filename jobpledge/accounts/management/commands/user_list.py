"""`jobpledge user list`: every user with role, department, active flag and last login, as a table."""

from __future__ import annotations

import unicodedata
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from jobpledge.accounts.selectors import user_rows

HEADERS = ("사용자", "역할", "역할(이름)", "부서", "활성", "마지막 로그인")


class Command(BaseCommand):
    help = "사용자 목록(역할, 부서, 활성 여부, 마지막 로그인)을 표로 출력합니다."

    def handle(self, *args: Any, **options: Any) -> None:
        rows = [
            (
                r.username,
                r.role,
                r.role_label,
                r.department or "-",
                "예" if r.active else "아니오",
                timezone.localtime(r.last_login).strftime("%Y-%m-%d %H:%M") if r.last_login else "-",
            )
            for r in user_rows()
        ]
        if not rows:
            self.stdout.write("사용자가 없습니다.")
            return
        widths = [max(_width(str(v)) for v in column) for column in zip(HEADERS, *rows, strict=False)]
        for line in (HEADERS, *rows):
            self.stdout.write("  ".join(_pad(str(v), w) for v, w in zip(line, widths, strict=True)).rstrip())


def _width(text: str) -> int:
    """Display width: Hangul and other wide characters take two columns in a terminal."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
