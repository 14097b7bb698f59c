"""`jobpledge codes load keco FILE [--dry-run]`: load the 한국고용직업분류 (코드, 명칭) in full or in part."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jobpledge.jobcenter import messages as jmsg
from jobpledge.jobcenter.cli import report_import
from jobpledge.jobcenter.importers.services import keco_load


class Command(BaseCommand):
    help = "분류 코드 파일을 적재합니다(현재 keco: 한국고용직업분류). 코드의 자릿수가 수준입니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code_set", help="분류 이름: keco")
        parser.add_argument("file", help="코드, 명칭 열이 있는 CSV/XLSX")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["code_set"] != "keco":
            raise CommandError(jmsg.UNKNOWN_CODE_SET.format(value=options["code_set"]))
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(jmsg.FILE_NOT_FOUND.format(path=path))
        with path.open("rb") as handle:
            report_import(self, keco_load(file=handle, dry_run=options["dry_run"]))
