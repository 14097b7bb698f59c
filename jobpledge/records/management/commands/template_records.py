"""`jobpledge template records --format xlsx|csv [--output PATH]`: write the import template."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jobpledge.core.errors import JobpledgeError
from jobpledge.records.importers import messages as msg
from jobpledge.records.importers.template import template_bytes


class Command(BaseCommand):
    help = "실적 입력 양식(XLSX 또는 CSV)을 씁니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
        parser.add_argument("--output", help="쓸 파일 (기본: 현재 폴더의 records-template.xlsx|csv)")
        parser.add_argument(
            "--kind", choices=["records", "aggregates"], default="records", help="개인별 실적 또는 집계 실적"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            content, filename, _ = template_bytes(options["format"], kind=options["kind"])
        except JobpledgeError as exc:
            raise CommandError(exc.message) from exc
        path = Path(options["output"] or filename)
        path.write_bytes(content)
        self.stdout.write(msg.CLI_TEMPLATE_WRITTEN.format(path=path))
