"""`jobpledge period close PERIOD [--plan KEY] --user U`: publish (공표) and close an ended period."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from jobpledge.accounts.lookup import user_named
from jobpledge.core.errors import JobpledgeError
from jobpledge.plans.selectors import get_plan
from jobpledge.reports.snapshots import period_close


class Command(BaseCommand):
    help = "끝난 기간을 마감(공표)하고 보고서 JSON을 SHA-256과 함께 고정합니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("period", help="기간 코드 (예: 2019)")
        parser.add_argument("--plan", default=None, help="계획 키 또는 관리번호 (기본: 기본 계획)")
        parser.add_argument("--user", required=True, help="마감하는 사용자 (계획 담당자 또는 관리자)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = user_named(options["user"])
            plan = get_plan(options["plan"])
            snapshot = period_close(plan=plan, period_code=options["period"], user=user)
        except JobpledgeError as exc:
            self.stderr.write(str(exc))
            sys.exit(1)
        period = snapshot.close.period
        self.stdout.write(
            f"{plan.key} 기간 {period.code}을(를) 마감했습니다 (기준일 {snapshot.as_of.isoformat()}, "
            f"SHA-256 {snapshot.sha256})."
        )
