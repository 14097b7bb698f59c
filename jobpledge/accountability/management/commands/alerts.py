"""`jobpledge alerts [--plan KEY] [--as-of DATE] --format table|json`: the accountability alerts."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jobpledge.accountability.alerts import alerts
from jobpledge.plans.models import Plan

MSG_NO_PLAN = "계획을 찾을 수 없습니다: {key}"
MSG_BAD_DATE = "날짜는 YYYY-MM-DD로 적어 주세요: {value}"
MSG_NONE = "경보 없음"
KIND_LABELS = {
    "department_lagging": "부서 부진",
    "program_lagging": "사업 부진",
    "department_stale": "부서 실적 정체",
    "spending_without_jobs": "집행 대비 실적 부진",
}


class Command(BaseCommand):
    help = "책임제 경보 (department/program lagging, stale departments, spending without jobs)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", help="계획 키 (기본: 기본 계획)")
        parser.add_argument("--as-of", help="기준일 YYYY-MM-DD (기본: 오늘)")
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        key = options["plan"]
        plan = Plan.objects.filter(key=key).first() if key else Plan.objects.filter(is_default=True).first()
        if plan is None:
            raise CommandError(MSG_NO_PLAN.format(key=key or "(기본)"))
        try:
            as_of = dt.date.fromisoformat(options["as_of"]) if options["as_of"] else dt.date.today()
        except ValueError:
            raise CommandError(MSG_BAD_DATE.format(value=options["as_of"])) from None
        found = alerts(plan=plan, as_of=as_of)
        if options["format"] == "json":
            self.stdout.write(json.dumps(found, ensure_ascii=False, indent=1))
            return
        if not found:
            self.stdout.write(MSG_NONE)
        for alert in found:
            self.stdout.write(f"[{KIND_LABELS[alert['kind']]}] {alert['message']}")
