"""Import services: the CLI and (later) the upload page call these same functions."""

from __future__ import annotations

from typing import Any, BinaryIO

from jobpledge.jobcenter.importers.engine import run_import
from jobpledge.jobcenter.importers.kinds import employer_kind, keco_kind, seeker_kind, vacancy_kind
from jobpledge.records.importers.results import ImportResult


def employer_import(*, file: BinaryIO, user: Any = None, dry_run: bool = False, source: str = "cli") -> ImportResult:
    """구인업체 file, all-or-nothing, upsert on 사업자등록번호."""
    return run_import(employer_kind(), file=file, dry_run=dry_run, source=source)


def vacancy_import(*, file: BinaryIO, user: Any = None, dry_run: bool = False, source: str = "cli") -> ImportResult:
    """구인 file, all-or-nothing, upsert on 구인번호; employers and KECO codes must be loaded first."""
    return run_import(vacancy_kind(), file=file, dry_run=dry_run, source=source)


def seeker_import(*, file: BinaryIO, user: Any = None, dry_run: bool = False, source: str = "cli") -> ImportResult:
    """구직 file, all-or-nothing, upsert on 구직번호; 개인식별번호 pseudonymised on reading, never stored."""
    return run_import(seeker_kind(), file=file, dry_run=dry_run, source=source)


def keco_load(*, file: BinaryIO, dry_run: bool = False, source: str = "cli") -> ImportResult:
    """한국고용직업분류 file (코드, 명칭), all-or-nothing, upsert on 코드."""
    return run_import(keco_kind(), file=file, dry_run=dry_run, source=source)
