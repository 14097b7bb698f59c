"""`jobpledge plan load FILE [--force]`: load a plan file; inconsistent plans are refused unless forced."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from jobpledge.core.errors import JobpledgeError
from jobpledge.plans.services import plan_load_file


class Command(BaseCommand):
    help = "계획 파일을 적재합니다. 합계가 맞지 않으면 --force 없이는 거부합니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--force", action="store_true", help="불일치가 있어도 적재하고 그 내역을 기록합니다.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = plan_load_file(path=options["file"], user=None, force=options["force"])
        except JobpledgeError as exc:
            self.stderr.write(str(exc))
            sys.exit(1)
        for line in result.mismatches:
            self.stderr.write(f"(강제 적재) {line}")
        state = "적재했습니다" if result.changed else "이미 같은 내용이 적재되어 있어 바뀐 것이 없습니다"
        self.stdout.write(f"계획 {result.plan.code} ({result.plan.key}): {state}.")
