"""`jobpledge report [--plan ID] [--as-of DATE] --format table|json|xlsx [--output PATH]`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from jobpledge.core.dates import read_as_of
from jobpledge.core.errors import JobpledgeError
from jobpledge.plans.selectors import get_plan
from jobpledge.reports.exports import pledge_card_xlsx, render_table
from jobpledge.reports.selectors import pledge_report

MSG_XLSX_OUTPUT = "xlsx 형식은 --output 경로가 필요합니다."


class Command(BaseCommand):
    help = "공약 이행 보고서를 표, JSON 또는 XLSX로 출력합니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", default=None, help="계획 키 또는 관리번호 (기본: 기본 계획)")
        parser.add_argument(
            "--as-of", dest="as_of", default=None, help="기준일 2019-03-01, 2019.03.01, 20190301 (기본: 오늘)"
        )
        parser.add_argument("--format", choices=["table", "json", "xlsx"], default="table")
        parser.add_argument("--output", default=None, help="출력 파일 (xlsx는 필수)")
        parser.add_argument("--revision", type=int, default=None, help="계획 변경 차수 (기본: 기준일에 시행 중인 차수)")

    def handle(self, *args: Any, **options: Any) -> None:
        as_of, date_error = read_as_of(options["as_of"]) if options["as_of"] else (timezone.localdate(), None)
        if as_of is None:  # the same reading and messages as the pages' as-of field (core.dates)
            self.stderr.write(str(date_error))
            sys.exit(1)
        try:
            plan = get_plan(options["plan"])
            if options["format"] == "xlsx":
                if not options["output"]:
                    raise JobpledgeError(MSG_XLSX_OUTPUT)
                Path(options["output"]).write_bytes(pledge_card_xlsx(plan=plan, as_of=as_of))
                self.stdout.write(f"{options['output']}에 저장했습니다.")
                return
            report = pledge_report(plan=plan, as_of=as_of, revision=options["revision"])
        except JobpledgeError as exc:
            self.stderr.write(str(exc))
            sys.exit(1)
        text = json.dumps(report, ensure_ascii=False, indent=2) if options["format"] == "json" else render_table(report)
        if options["output"]:
            Path(options["output"]).write_text(text + "\n", encoding="utf-8")
            self.stdout.write(f"{options['output']}에 저장했습니다.")
        else:
            self.stdout.write(text)
