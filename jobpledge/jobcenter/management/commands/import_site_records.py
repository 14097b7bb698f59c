"""`jobpledge import site-records FILE [--dry-run]`: link 공사장 근로자 채용 records to their sites."""

from __future__ import annotations

from jobpledge.jobcenter.cli import RegisterImportCommand
from jobpledge.jobcenter.construction import site_records_import


class Command(RegisterImportCommand):
    help = "공사장 채용 실적(공사번호, 부서, 실적번호)을 공사장에 연결합니다. 모두 맞아야 저장합니다."
    service = staticmethod(site_records_import)
