"""`jobpledge period verify [--plan KEY]`: recompute every snapshot's SHA-256; exit 1 on a mismatch."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from jobpledge.core.errors import JobpledgeError
from jobpledge.plans.selectors import get_plan
from jobpledge.reports.snapshots import verify_snapshots

MSG_MISMATCH = "불일치: {plan} 기간 {period}의 공표 스냅숏이 마감 후 바뀌었습니다 (저장 {stored}, 계산 {computed})."
MSG_NONE = "마감된 기간이 없습니다."


class Command(BaseCommand):
    help = "마감된 기간의 공표 스냅숏 해시를 모두 다시 계산해 검증합니다 (불일치 시 종료 코드 1)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", default=None, help="계획 키 또는 관리번호 (기본: 모든 계획)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            plan = get_plan(options["plan"]) if options["plan"] else None
        except JobpledgeError as exc:
            self.stderr.write(str(exc))
            sys.exit(1)
        results = verify_snapshots(plan=plan)
        if not results:
            self.stdout.write(MSG_NONE)
        for result in results:
            if result.ok:
                self.stdout.write(f"확인: {result.plan} 기간 {result.period} SHA-256 {result.stored}")
            else:
                self.stderr.write(MSG_MISMATCH.format(**vars(result)))
        if any(not r.ok for r in results):
            sys.exit(1)
