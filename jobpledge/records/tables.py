"""Columns of the job-record list and its CSV export, and the export writer.

No raw personal identifier exists in the database; even the pseudonym is shown truncated, so that
a list or an export cannot be joined to another data set by it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from jobpledge.core.pseudonym import short_pseudonym
from jobpledge.records.models import JobRecord

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: str) -> str:
    """Prefix ' to a cell a spreadsheet would run as a formula (CSV/XLSX injection)."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("Y" if value else "N")


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[JobRecord], Any]


EXPORT_COLUMNS: list[Column] = [
    Column("부서", lambda r: r.department.name),
    Column("세부사업", lambda r: r.program.name),
    Column("실적번호", lambda r: r.record_id),
    Column("개인 가명번호(앞 12자리)", lambda r: short_pseudonym(r.person_pseudonym)),
    Column("생년월일", lambda r: r.birth_date.isoformat()),
    Column("성별", lambda r: r.get_gender_display()),
    Column("취업일", lambda r: r.start_date.isoformat()),
    Column("종료일", lambda r: r.end_date.isoformat() if r.end_date else ""),
    Column("기간", lambda r: r.period.code if r.period else ""),
    Column("취업 시 만 나이", lambda r: r.age_at_start),
    Column("세대", lambda r: r.generation),
    Column("고용형태", lambda r: r.employment_type),
    Column("월임금", lambda r: "" if r.monthly_wage is None else r.monthly_wage),
    Column("주당근로시간", lambda r: "" if r.weekly_hours is None else r.weekly_hours),
    Column("사업체", lambda r: r.employer),
    Column("구민여부", lambda r: _yes_no(r.is_resident)),
    Column("노인활동지원", lambda r: _yes_no(r.is_senior_activity)),
    Column("근거", lambda r: r.evidence),
    Column("철회일시", lambda r: r.withdrawn_at.isoformat() if r.withdrawn_at else ""),
    Column("철회 사유", lambda r: r.withdrawn_reason),
]


def list_queryset(queryset: QuerySet[JobRecord]) -> QuerySet[JobRecord]:
    """What a list, an API page or an export needs, in one query."""
    return queryset.select_related("department", "program", "period").order_by("department__name", "record_id", "pk")


def export_rows(queryset: QuerySet[JobRecord]) -> Iterator[list[str]]:
    yield [column.header for column in EXPORT_COLUMNS]
    for record in list_queryset(queryset).iterator(chunk_size=2000):
        yield [neutralise_cell(str(column.value(record))) for column in EXPORT_COLUMNS]


def csv_lines(rows: Iterable[list[str]]) -> Iterator[str]:
    """CSV text, line by line, UTF-8 with a BOM first so that Korean Excel opens it correctly."""
    yield "\ufeff"
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)
