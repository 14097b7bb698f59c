"""`jobpledge demo-accountability [--plan KEY] [--replace] [--if-demo]`: demo department targets and spending (예시 데이터)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jobpledge.accountability.demo import demo_accountability_load
from jobpledge.accountability.models import DepartmentTarget
from jobpledge.plans.models import Plan
from jobpledge.records.models import JobRecord

MSG_DONE = "예시 데이터: 부서 목표 {targets:,}건, 예산 집행 {spending:,}건을 적재했습니다."
MSG_EXISTS = "부서 목표가 이미 있어 예시 데이터를 적재하지 않았습니다 (다시 만들려면 --replace)."
MSG_REAL_DATA = "실제 실적이 있어 예시 목표·집행을 적재하지 않았습니다 (--if-demo)."
MSG_NO_PLAN = "계획을 찾을 수 없습니다: {key}"


class Command(BaseCommand):
    help = "예시 데이터: 부서별 목표와 예산 집행 (demo department targets and spending)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", help="계획 키 (기본: 기본 계획)")
        parser.add_argument("--replace", action="store_true", help="기존 예시 목표·집행을 지우고 다시 적재")
        parser.add_argument("--if-demo", action="store_true", help="실제 실적이 하나라도 있으면 아무것도 하지 않음")

    def handle(self, *args: Any, **options: Any) -> None:
        key = options["plan"]
        plan = Plan.objects.filter(key=key).first() if key else Plan.objects.filter(is_default=True).first()
        if plan is None:
            raise CommandError(MSG_NO_PLAN.format(key=key or "(기본)"))
        if options["if_demo"] and JobRecord.objects.filter(is_demo=False).exists():
            self.stdout.write(MSG_REAL_DATA)
            return
        if not options["replace"] and DepartmentTarget.objects.filter(plan=plan).exists():
            self.stdout.write(MSG_EXISTS)
            return
        targets, spending = demo_accountability_load(plan=plan, replace=options["replace"])
        self.stdout.write(MSG_DONE.format(targets=targets, spending=spending))
