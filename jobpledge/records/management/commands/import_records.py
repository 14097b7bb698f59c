"""`jobpledge import records FILE [--dry-run]`: import job records all-or-nothing (see docs/import-format.md)."""

from __future__ import annotations

from jobpledge.records.importers.cli import ImportCommand
from jobpledge.records.services import record_import


class Command(ImportCommand):
    help = "개인별 실적 파일(CSV/XLSX)을 적재합니다. 오류가 하나라도 있으면 아무것도 저장하지 않습니다."
    service = staticmethod(record_import)
