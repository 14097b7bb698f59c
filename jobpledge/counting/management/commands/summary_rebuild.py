"""`jobpledge summary rebuild [--check]`: recompute the summary tallies from the records (counting.tallies).

Needed after anything that wrote records behind the services' back (a direct database load, a restored dump);
the report also rebuilds them by itself when it finds them stale. `--check` only compares the stored tallies with
a fresh recount and fails when they differ.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from jobpledge.core.models import DataVersion
from jobpledge.counting.tallies import scanned_cells, stored_cells, tallies_rebuild

MSG_REBUILT = "요약 집계를 다시 계산했습니다: {cells:,}칸, {seconds:.1f}초"
MSG_CHECK_OK = "요약 집계가 실적과 일치합니다 ({cells:,}칸)."
MSG_CHECK_FAILED = "요약 집계가 실적과 {n:,}칸 다릅니다. `jobpledge summary rebuild`로 다시 계산하세요."


class Command(BaseCommand):
    help = "요약 집계(보고서용 일별 집계)를 실적에서 다시 계산합니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="다시 계산하지 않고 저장된 집계와 비교만 함")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["check"]:
            stored, fresh = stored_cells(), scanned_cells()
            differing = {key for key in stored.keys() | fresh.keys() if stored.get(key) != fresh.get(key)}
            if differing:
                raise CommandError(MSG_CHECK_FAILED.format(n=len(differing)))
            self.stdout.write(MSG_CHECK_OK.format(cells=len(stored)))
            return
        started = time.perf_counter()
        with transaction.atomic():
            cells = tallies_rebuild()
            DataVersion.bump()  # cached summaries were built from the old tallies
        self.stdout.write(MSG_REBUILT.format(cells=cells, seconds=time.perf_counter() - started))
