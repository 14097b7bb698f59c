"""`jobpledge plan check FILE`: cross-foot a plan file. Exit 1 on any mismatch or a malformed file."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from jobpledge.core.errors import JobpledgeError
from jobpledge.plans.services import plan_check_file


class Command(BaseCommand):
    help = "계획 파일의 모든 합계가 맞는지 검증합니다 (불일치 시 종료 코드 1)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            mismatches = plan_check_file(path=options["file"])
        except JobpledgeError as exc:
            self.stderr.write(str(exc))
            sys.exit(1)
        for line in mismatches:
            self.stdout.write(str(line))
        if mismatches:
            self.stderr.write(f"불일치 {len(mismatches)}건")
            sys.exit(1)
        self.stdout.write("모든 합계가 일치합니다.")
