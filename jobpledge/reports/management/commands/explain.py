"""`jobpledge explain [--plan KEY] --as-of DATE --period P [--program NAME] [--department NAME] [--basis B]
--format json|table`: what makes up one figure of the report."""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from jobpledge.core.errors import JobpledgeError
from jobpledge.plans.selectors import get_plan
from jobpledge.reports.explain import BASES, explain, find_department, find_program
from jobpledge.reports.snapshots import find_period

MSG_BAD_DATE = "기준일은 YYYY-MM-DD 형식이어야 합니다: {value}"
EXCLUDED_LABELS = {
    "after_as_of": "기준일 이후 시작",
    "outside_term": "임기 기간 밖 (계획 전체)",
    "withdrawn": "철회",
    "senior": "노인활동지원",
    "not_kept_1y": "1년 미유지",
}


def render_table(result: dict[str, Any]) -> str:
    scope = " · ".join(x for x in (result["program"], result["department"]) if x)
    lines = [
        f"{result['plan']} 기간 {result['period']}{' · ' + scope if scope else ''} · 기준일 {result['as_of']}",
        f"기준 {result['basis']}: {result['rule']}",
        f"수치 {result['figure']:,} = 개인별 실적 {result['records']:,}건 + 집계 실적 {result['aggregate_units']:,}",
    ]
    if result["persons"] is not None:
        lines[-1] = f"수치 {result['figure']:,} = 개인별 실적 {result['records']:,}건의 실인원"
    lines.append("적재 묶음:")
    for b in result["batches"]:
        who = f"{b['file'] or b['kind'] or '묶음 없음'} · {b['uploaded_by'] or '-'} · {(b['uploaded_at'] or '-')[:16]}"
        lines.append(f"  #{b['batch'] or '-'} {who}: {b['rows']:,}행, 집계 {b['aggregate_units']:,}")
    lines.append("제외:")
    lines += [f"  {EXCLUDED_LABELS[k]}: {v:,}" for k, v in result["excluded"].items()]
    return "\n".join(lines)


class Command(BaseCommand):
    help = "보고서의 한 수치가 어떤 실적과 적재 묶음으로 이루어졌는지, 무엇이 제외되었는지 보여 줍니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", default=None, help="계획 키 또는 관리번호 (기본: 기본 계획)")
        parser.add_argument("--as-of", dest="as_of", default=None, help="기준일 YYYY-MM-DD (기본: 오늘)")
        parser.add_argument("--period", required=True, help="기간 코드 (예: 2020)")
        parser.add_argument("--program", default=None, help="세부사업명")
        parser.add_argument("--department", default=None, help="부서명")
        parser.add_argument("--basis", choices=list(BASES), default="official")
        parser.add_argument("--format", choices=["json", "table"], default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            as_of = dt.date.fromisoformat(options["as_of"]) if options["as_of"] else timezone.localdate()
        except ValueError:
            self.stderr.write(MSG_BAD_DATE.format(value=options["as_of"]))
            sys.exit(1)
        try:
            plan = get_plan(options["plan"])
            result = explain(
                plan=plan,
                as_of=as_of,
                period=find_period(plan, options["period"]),
                basis=options["basis"],
                program=find_program(plan, options["program"]),
                department=find_department(options["department"]),
            )
        except JobpledgeError as exc:
            self.stderr.write(str(exc))
            sys.exit(1)
        if options["format"] == "json":
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(render_table(result))
