"""`jobpledge sites report [--as-of DATE] --format table|json`: residents hired vs pledged, and MOU alerts."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from jobpledge.jobcenter.cli import parse_date
from jobpledge.jobcenter.construction import sites_report


class Command(BaseCommand):
    help = "공사장별 구민 채용 실적과 약정, MOU 미체결 경고를 보여 줍니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-of", dest="as_of", default=None, help="기준일 YYYY-MM-DD (기본: 오늘)")
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = parse_date(options["as_of"]) or timezone.localdate()
        report = sites_report(as_of=as_of)
        if options["format"] == "json":
            self.stdout.write(json.dumps(report, ensure_ascii=False))
            return
        self.stdout.write(f"기준일 {report['as_of']}")
        self.stdout.write("공사번호 | 공사명 | 구분 | 약정 | 채용 | 구민 채용 | 구민 여부 모름 | 달성률")
        for s in report["sites"]:
            rate = "—" if s["rate"] is None else f"{s['rate']}%"
            self.stdout.write(
                f"{s['site']} | {s['name']} | {s['kind']} | {s['residents_pledged']} | {s['hired']} | "
                f"{s['residents_hired']} | {s['residency_unknown']} | {rate}"
            )
        for alert in report["alerts"]:
            self.stdout.write(f"[경고] {alert['site']} {alert['name']}: {alert['message']}")
