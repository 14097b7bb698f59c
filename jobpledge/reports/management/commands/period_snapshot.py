"""`jobpledge period snapshot PERIOD [--plan KEY]`: print the published report of a closed period, byte for byte."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from jobpledge.core.errors import JobpledgeError
from jobpledge.plans.selectors import get_plan
from jobpledge.reports.snapshots import period_snapshot


class Command(BaseCommand):
    help = "마감된 기간의 공표 보고서 JSON을 저장된 그대로 출력합니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("period", help="기간 코드 (예: 2019)")
        parser.add_argument("--plan", default=None, help="계획 키 또는 관리번호 (기본: 기본 계획)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            snapshot = period_snapshot(plan=get_plan(options["plan"]), period_code=options["period"])
        except JobpledgeError as exc:
            self.stderr.write(str(exc))
            sys.exit(1)
        self.stdout.write(snapshot.report_json, ending="")
