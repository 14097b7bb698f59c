"""The columns of the records and aggregates templates: Korean header, English alias, widget, rules.

A header cell matches a column when, after dropping spaces, `*`, a parenthesised note and `_`/`-`
and lower-casing, it equals the Korean header, the English alias or one of the extra spellings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from jobpledge.records.importers import widgets as w


class Widget(Protocol):
    def clean(self, value: object) -> Any: ...

    def render(self, value: Any) -> str: ...


@dataclass(frozen=True)
class Column:
    field: str  # key of the row mapping, and the English alias accepted as a header
    header: str  # the Korean header written by the template and named in error messages
    required: bool
    widget: Widget
    help: str  # for the template's guide sheet and docs/import-format.md
    example: str
    spellings: tuple[str, ...] = ()


PERSON_ID = "person_id"
EVIDENCE_DEFAULT = "자체집계"

RECORD_COLUMNS: list[Column] = [
    Column(
        "record_id", "실적번호", True, w.TextWidget(100), "부서가 붙인 실적 고유번호(부서 안에서 중복 불가)", "2019-001"
    ),
    Column("department", "부서", True, w.NameWidget(100), "실적을 낸 부서명", "일자리지원과"),
    Column(
        "program", "세부사업", True, w.NameWidget(100), "공약 계획의 세부사업명 그대로", "직접일자리 사업", ("사업명",)
    ),
    Column(
        PERSON_ID,
        "개인식별번호",
        True,
        w.TextWidget(100),
        "주민등록번호 등 개인을 구별하는 번호. 저장하지 않고 즉시 가명 처리함",
        "900101-1234567",
        ("주민등록번호", "주민번호"),
    ),
    Column("birth_date", "생년월일", True, w.DATE, "날짜(2019-03-01, 2019.03.01, 20190301 등)", "1990-01-01"),
    Column("gender", "성별", True, w.GENDER, "남/여 또는 M/F", "여"),
    Column("start_date", "취업일", True, w.DATE, "취업(채용)일", "2019-03-01", ("취업일자", "채용일")),
    Column("end_date", "종료일", False, w.DATE, "퇴직·종료일. 계속 근무 중이면 비움", "", ("종료일자", "퇴직일")),
    Column("employment_type", "고용형태", False, w.EMPLOYMENT_TYPE, "상용/임시/일용", "상용"),
    Column("monthly_wage", "월임금", False, w.INTEGER, "원 단위 정수(3,984,000 가능)", "2,100,000", ("월급여",)),
    Column("weekly_hours", "주당근로시간", False, w.WEEKLY_HOURS, "0~168, 소수 첫째 자리까지", "40"),
    Column(
        "employer",
        "사업체",
        False,
        w.NameWidget(200, allow_empty=True),
        "고용한 사업체(기관)명",
        "구로구청",
        ("사업체명", "사업장"),
    ),
    Column("resident", "구민여부", False, w.FLAG, "Y/N 또는 예/아니오 (비우면 모름)", "Y", ("구민",)),
    Column("senior_activity", "노인활동지원", False, w.FLAG, "노인활동지원사업이면 Y (비우면 N)", "N"),
    Column(
        "evidence",
        "근거",
        False,
        w.EVIDENCE,
        f"고용보험 확인/확인서/자체집계 (비우면 {EVIDENCE_DEFAULT})",
        "고용보험 확인",
        ("evidence_basis",),
    ),
]

AGGREGATE_COLUMNS: list[Column] = [
    Column("department", "부서", True, w.NameWidget(100), "실적을 낸 부서명", "일자리지원과"),
    Column(
        "program", "세부사업", True, w.NameWidget(100), "공약 계획의 세부사업명 그대로", "민간·관급 공사장 근로자 채용"
    ),
    Column("period", "기간", True, w.TextWidget(20), "계획의 기간 코드(2018H2, 2019, …, 2022H1)", "2019"),
    Column("count", "실적", True, w.COUNT, "일자리 수(0 이상의 정수)", "120", ("실적수", "인원")),
    Column("evidence", "근거", False, w.TextWidget(200), "보고 근거(예: 공사장 채용 보고)", "공사장 채용 보고"),
]

_NOTE = re.compile(r"\(.*?\)|\[.*?\]")
_NOISE = re.compile(r"[\s*_\-]")


def header_key(text: object) -> str:
    return _NOISE.sub("", _NOTE.sub("", w.as_text(text))).lower() if text is not None else ""


def header_lookup(columns: Sequence[Column]) -> dict[str, Column]:
    lookup: dict[str, Column] = {}
    for column in columns:
        for spelling in (column.header, column.field, *column.spellings):
            lookup[header_key(spelling)] = column
    return lookup


@dataclass
class HeaderMatch:
    """Which cell of the header row holds which column."""

    index: dict[str, int]  # field -> 0-based cell index
    duplicates: list[Column]

    @property
    def size(self) -> int:
        return len(self.index)


def match_header(cells: Sequence[object], columns: Sequence[Column]) -> HeaderMatch:
    lookup = header_lookup(columns)
    index: dict[str, int] = {}
    duplicates: list[Column] = []
    for position, cell in enumerate(cells):
        column = lookup.get(header_key(cell))
        if column is None:
            continue  # extra columns (비고 …) are ignored
        if column.field in index:
            duplicates.append(column)
        else:
            index[column.field] = position
    return HeaderMatch(index, duplicates)
