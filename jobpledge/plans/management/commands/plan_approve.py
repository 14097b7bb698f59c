"""`jobpledge plan approve KEY REVISION --user U [--effective YYYY-MM-DD]`: approve a revision (four eyes)."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from jobpledge.accounts.lookup import user_named
from jobpledge.core.errors import JobpledgeError
from jobpledge.plans.revisions import plan_approve
from jobpledge.plans.selectors import get_plan

MSG_BAD_DATE = "시행일은 YYYY-MM-DD 형식이어야 합니다: {value}"


class Command(BaseCommand):
    help = "제안된 계획 변경을 승인하고 반영합니다 (제안자 아닌 계획 담당자·관리자)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("key", help="계획 키 또는 관리번호")
        parser.add_argument("revision", type=int, help="변경 차수")
        parser.add_argument("--user", required=True, help="승인하는 사용자")
        parser.add_argument("--effective", default=None, help="시행일 YYYY-MM-DD (기본: 오늘)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            effective = dt.date.fromisoformat(options["effective"]) if options["effective"] else None
        except ValueError:
            self.stderr.write(MSG_BAD_DATE.format(value=options["effective"]))
            sys.exit(1)
        try:
            user = user_named(options["user"])
            revision = plan_approve(
                plan=get_plan(options["key"]), number=options["revision"], user=user, effective=effective
            )
        except JobpledgeError as exc:
            self.stderr.write(str(exc))
            sys.exit(1)
        self.stdout.write(f"{revision.plan.key} {revision.number}차 변경을 승인했습니다 (시행일 {revision.effective}).")
