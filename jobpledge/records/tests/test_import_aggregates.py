"""Aggregate counts: import, upsert on (부서, 세부사업, 기간), errors by message/row/column, scope, dry run."""

from __future__ import annotations

from typing import Any

from jobpledge.accounts.models import Department
from jobpledge.records.importers import messages as msg
from jobpledge.records.models import AggregateEntry, ImportBatch
from jobpledge.records.tests.conftest import import_file

HEADER = "부서,세부사업,기간,실적,근거"


def entries() -> dict[tuple[str, str, str], tuple[int, str]]:
    return {
        (e.department.name, e.program.name, e.period.code): (e.count, e.evidence)
        for e in AggregateEntry.objects.select_related("department", "program", "period")
    }


def test_import_creates_entries_and_departments(plan: Any, owner: Any) -> None:
    result = import_file("aggregates.csv", kind="aggregates", user=owner)
    assert result.ok, result.errors
    assert (result.rows, result.created, result.new_departments) == (4, 4, ["건설행정과", "기업지원과"])
    assert entries() == {
        ("건설행정과", "민간·관급 공사장 근로자 채용", "2018H2"): (1200, "공사장 채용 보고"),
        ("건설행정과", "민간·관급 공사장 근로자 채용", "2019"): (3400, "공사장 채용 보고"),
        ("기업지원과", "중소기업 역량강화", "2020"): (140, ""),
        ("기업지원과", "중소기업 역량강화", "2022H1"): (60, "육성자금 지원 실적"),
    }
    entry = AggregateEntry.objects.get(period__code="2019")
    assert (entry.batch_id, entry.created_by, entry.updated_by) == (result.batch_id, owner, owner)
    assert ImportBatch.objects.get().kind == "aggregates"
    assert entry.history.count() == 1  # type: ignore[attr-defined]


def test_reimport_is_idempotent_and_a_changed_count_updates(plan: Any) -> None:
    assert import_file("aggregates.csv", kind="aggregates").ok
    again = import_file("aggregates.csv", kind="aggregates")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    data = f"{HEADER}\n건설행정과,민간·관급 공사장 근로자 채용,2019,3500,정정 보고\n건설행정과,민간·관급 공사장 근로자 채용,2020,10,\n"
    changed = import_file(data.encode(), kind="aggregates")
    assert (changed.created, changed.updated, changed.unchanged) == (1, 1, 0)
    assert entries()[("건설행정과", "민간·관급 공사장 근로자 채용", "2019")] == (3500, "정정 보고")
    entry = AggregateEntry.objects.get(period__code="2019")
    assert [h.history_type for h in entry.history.order_by("history_id")] == ["+", "~"]  # type: ignore[attr-defined]


def test_period_spellings(plan: Any) -> None:
    rows = ["2018 h2", "2019년", "2022년 상반기"]
    data = HEADER + "\n" + "\n".join(f"기업지원과,창업지원,{p},1," for p in rows) + "\n"
    result = import_file(data.encode(), kind="aggregates")
    assert result.ok, result.errors
    assert {code for (_, _, code) in entries()} == {"2018H2", "2019", "2022H1"}


def test_errors_by_message_row_and_column_and_nothing_stored(plan: Any) -> None:
    result = import_file("aggregates_errors.csv", kind="aggregates")
    choices = "2018H2, 2019, 2020, 2021, 2022H1"
    assert result.errors == [
        msg.RowError(2, "세부사업", msg.UNKNOWN_PROGRAM.format(value="없는 사업")),
        msg.RowError(3, "기간", msg.UNKNOWN_PERIOD.format(value="2017", choices=choices)),
        msg.RowError(4, "실적", msg.NEGATIVE_NUMBER.format(value="-3")),
        msg.RowError(5, "실적", msg.MISSING_VALUE),
        msg.RowError(7, "부서", msg.DUPLICATE_AGGREGATE.format(first=6)),
    ]
    assert AggregateEntry.objects.count() == 0
    assert ImportBatch.objects.count() == 0
    assert Department.objects.count() == 0


def test_missing_column_and_a_records_file_given_as_aggregates(plan: Any) -> None:
    result = import_file("부서,세부사업,실적\n기업지원과,창업지원,3\n".encode(), kind="aggregates")
    assert result.errors == [msg.RowError(1, "기간", msg.MISSING_COLUMN.format(column="기간"))]
    wrong = import_file("records_cp949.csv", kind="aggregates")
    assert [e.message for e in wrong.errors] == [
        msg.MISSING_COLUMN.format(column="기간"),
        msg.MISSING_COLUMN.format(column="실적"),
    ]


def test_department_scope(plan: Any) -> None:
    scope = Department.objects.create(name="기업지원과")
    result = import_file("aggregates.csv", kind="aggregates", department_scope=scope)
    assert [(e.row, e.column) for e in result.errors] == [(2, "부서"), (3, "부서")]
    assert result.errors[0].message == msg.DEPARTMENT_OUT_OF_SCOPE.format(scope="기업지원과", value="건설행정과")
    assert AggregateEntry.objects.count() == 0


def test_dry_run(plan: Any) -> None:
    result = import_file("aggregates.csv", kind="aggregates", dry_run=True)
    assert (result.ok, result.created, result.batch_id) == (True, 4, None)
    assert AggregateEntry.objects.count() == 0
    assert Department.objects.count() == 0


def test_counts_beyond_the_database_column_are_refused_by_row_and_column(plan: Any) -> None:
    data = f'{HEADER}\n기업지원과,창업지원,2019,"3,000,000,000",\n기업지원과,창업지원,2020,1e10000000,\n'
    result = import_file(data.encode(), kind="aggregates")
    assert result.errors == [
        msg.RowError(2, "실적", msg.NUMBER_TOO_LARGE.format(limit=2**31 - 1, value="3,000,000,000")),
        msg.RowError(3, "실적", msg.NUMBER_TOO_LARGE.format(limit=2**31 - 1, value="1e10000000")),
    ]
    assert AggregateEntry.objects.count() == 0
