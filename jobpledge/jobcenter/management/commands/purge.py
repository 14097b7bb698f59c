"""`jobpledge purge [--dry-run] [--today DATE] [--years N]`: erase personal data past the retention period."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from jobpledge.jobcenter import messages as jmsg
from jobpledge.jobcenter.cli import parse_date
from jobpledge.jobcenter.privacy import seekers_purge


class Command(BaseCommand):
    help = "보유 기간(기본 3년)이 지난 구직자의 성명·연락처·상담 내용을 삭제하고, 삭제한 구직번호를 보고합니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="대상만 보고하고 지우지 않음")
        parser.add_argument("--today", default=None, help="기준일 YYYY-MM-DD (기본: 오늘)")
        parser.add_argument("--years", type=int, default=None, help="보유 기간(년), 기본 설정값")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        result = seekers_purge(today=parse_date(options["today"]), years=options["years"], dry_run=options["dry_run"])
        if options["format"] == "json":
            payload = {"cutoff": result.cutoff.isoformat(), "dry_run": result.dry_run, "seekers": result.seekers,
                       "erased": [] if result.dry_run else ["name", "phone", "counselling_notes"]}  # fmt: skip
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
            return
        template = jmsg.CLI_PURGE_DRY_RUN if result.dry_run else jmsg.CLI_PURGED
        self.stdout.write(template.format(count=len(result.seekers), cutoff=result.cutoff))
        for number in result.seekers:
            self.stdout.write(f"  {number}")
