"""`jobpledge import sites FILE [--dry-run]`: the construction-site register, upsert on 공사번호."""

from __future__ import annotations

from jobpledge.jobcenter.cli import RegisterImportCommand
from jobpledge.jobcenter.construction import site_import


class Command(RegisterImportCommand):
    help = "공사장(구민 채용 MOU) 파일을 적재합니다. 오류가 하나라도 있으면 아무것도 저장하지 않습니다."
    service = staticmethod(site_import)
