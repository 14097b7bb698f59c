"""Fixtures of the Job Plus Center tests: files written to tmp_path, registers loaded through the real imports."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from jobpledge.jobcenter.importers.services import employer_import, keco_load, seeker_import, vacancy_import
from jobpledge.records.importers.results import ImportResult

KECO_SMALL = "코드,명칭\n891,제조 단순직\n8911,제품 포장원\n8912,제조 단순 종사원\n892,물품 이동 종사원\n612,판매직\n6120,매장 판매원\n"

EMPLOYERS = (
    "사업자등록번호,사업체명,업종,주소,동,상시근로자수,담당자,연락처\n"
    "124-81-00998,구로정밀(주),C,서울 구로구 디지털로 1,구로3동,45,박담당,02-111-2222\n"
    "1010100014,가리봉식품,C,서울 구로구 가리봉로 2,가리봉동,12,이담당,02-333-4444\n"
)


def csv_file(text: str, encoding: str = "utf-8") -> io.BytesIO:
    return io.BytesIO(text.encode(encoding))


def ok(result: ImportResult) -> ImportResult:
    assert result.ok, result.error_lines()
    return result


@pytest.fixture
def keco(db: None) -> None:
    ok(keco_load(file=csv_file(KECO_SMALL)))


@pytest.fixture
def employers(keco: None) -> None:
    ok(employer_import(file=csv_file(EMPLOYERS)))


def vacancy_rows(*rows: str) -> str:
    return (
        "구인번호,사업자등록번호,직종코드,직무명,모집인원,임금형태,임금,주당근로시간,고용형태,근무지,필요자격,경력,학력,등록일,마감일\n"
        + "".join(r + "\n" for r in rows)
    )


def seeker_rows(*rows: str) -> str:
    return (
        "구직번호,개인식별번호,성명,생년월일,성별,연락처,거주동,희망직종코드,희망임금형태,희망임금,희망주당근로시간,"
        "보유자격,경력,학력,취업취약계층,동의일,등록일,유효기한\n" + "".join(r + "\n" for r in rows)
    )


@pytest.fixture
def load_vacancies(employers: None) -> Callable[..., ImportResult]:
    return lambda *rows: ok(vacancy_import(file=csv_file(vacancy_rows(*rows))))


@pytest.fixture
def load_seekers(keco: None) -> Callable[..., ImportResult]:
    return lambda *rows: ok(seeker_import(file=csv_file(seeker_rows(*rows))))


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write
