"""`jobpledge import seekers FILE [--dry-run]`: all-or-nothing, upsert on the natural key (docs/jobcenter.md)."""

from __future__ import annotations

from jobpledge.jobcenter.cli import RegisterImportCommand
from jobpledge.jobcenter.importers.services import seeker_import


class Command(RegisterImportCommand):
    help = "일자리플러스센터 구직자 파일(CSV/XLSX)을 적재합니다. 오류가 하나라도 있으면 아무것도 저장하지 않습니다."
    service = staticmethod(seeker_import)
