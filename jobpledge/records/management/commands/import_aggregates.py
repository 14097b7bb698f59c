"""`jobpledge import aggregates FILE [--dry-run]`: import aggregate counts (부서, 세부사업, 기간, 실적, 근거)."""

from __future__ import annotations

from jobpledge.records.importers.cli import ImportCommand
from jobpledge.records.services import aggregate_import


class Command(ImportCommand):
    help = "집계 실적 파일(CSV/XLSX)을 적재합니다. 오류가 하나라도 있으면 아무것도 저장하지 않습니다."
    service = staticmethod(aggregate_import)
