"""The records import service: fixture files end to end, every error by message/row/column, all-or-nothing,
upsert semantics, dry run, department scope, chunking, and the raw identifier never stored."""

from __future__ import annotations

import datetime as dt
import io
import logging
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.db import models

from jobpledge.accounts.models import Department
from jobpledge.core.models import DataVersion
from jobpledge.core.pseudonym import pseudonymise
from jobpledge.records import services
from jobpledge.records.importers import messages as msg
from jobpledge.records.importers import runs
from jobpledge.records.importers.columns import RECORD_COLUMNS
from jobpledge.records.models import ImportBatch, JobRecord
from jobpledge.records.tests.conftest import FIXTURES, import_file

HEADER = ",".join(c.header for c in RECORD_COLUMNS)


def snapshot() -> list[dict[str, Any]]:
    return list(JobRecord.objects.order_by("pk").values())


def record(record_id: str) -> JobRecord:
    return JobRecord.objects.select_related("department", "program", "period").get(record_id=record_id)


_VERSION_AT_START: dict[str, int] = {}


@pytest.fixture(autouse=True)
def _version_at_start(request: pytest.FixtureRequest) -> None:
    """The records data version once the plan is loaded (loading a plan bumps it too)."""
    if "plan" in request.fixturenames:
        request.getfixturevalue("plan")
        _VERSION_AT_START["records"] = DataVersion.current()


def nothing_stored(departments_before: int = 0) -> None:
    assert JobRecord.objects.count() == 0
    assert ImportBatch.objects.count() == 0
    assert Department.objects.count() == departments_before
    assert JobRecord.history.count() == 0  # type: ignore[attr-defined]
    assert DataVersion.current() == _VERSION_AT_START["records"]


def csv_rows(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def row(record_id: str = "A-1", department: str = "일자리지원과", **cells: str) -> str:
    values = {
        "program": "고용서비스",
        "person_id": "900101-1234567",
        "birth_date": "1990-01-01",
        "gender": "남",
        "start_date": "2019-03-01",
        **cells,
    }
    ordered = [record_id, department] + [values.get(c.field, "") for c in RECORD_COLUMNS[2:]]
    return ",".join(ordered)


def test_cp949_file_creates_records_departments_batch_and_bumps_version(plan: Any, owner: Any) -> None:
    result = import_file("records_cp949.csv", user=owner)
    assert result.ok, result.errors
    assert (result.rows, result.created, result.updated, result.unchanged) == (6, 6, 0, 0)
    assert result.new_departments == ["일자리지원과", "어르신복지과", "기업지원과"]
    batch = ImportBatch.objects.get()
    assert (batch.pk, batch.kind, batch.rows, batch.created_count, batch.created_by) == (
        result.batch_id,
        "records",
        6,
        6,
        owner,
    )
    assert batch.filename == "records_cp949.csv" and len(batch.sha256) == 64
    assert batch.new_departments == result.new_departments
    assert DataVersion.current() == _VERSION_AT_START["records"] + 1  # once per import

    first = record("R-001")
    assert (first.department.name, first.program.name, first.gender) == ("일자리지원과", "직접일자리 사업", "M")
    assert (first.birth_date, first.start_date, first.end_date) == (dt.date(1990, 1, 1), dt.date(2019, 3, 1), None)
    assert (first.monthly_wage, first.weekly_hours, first.employment_type) == (2100000, Decimal("40.0"), "임시")
    assert (first.is_resident, first.is_senior_activity, first.evidence) == (True, False, "고용보험 확인")
    assert (first.period.code, first.age_at_start, first.generation) == ("2019", 29, "15-29")
    assert first.retention_deadline == dt.date(2020, 2, 29)
    assert (first.created_by, first.updated_by, first.batch_id) == (owner, owner, batch.pk)
    assert first.person_pseudonym == pseudonymise("9001011234567")

    senior = record("R-003")
    assert (senior.birth_date, senior.end_date, senior.weekly_hours) == (
        dt.date(1950, 3, 3),
        dt.date(2020, 12, 31),
        Decimal("12.5"),
    )
    assert (senior.is_senior_activity, senior.evidence, senior.generation) == (True, "자체집계", "65+")
    assert record("R-004").start_date == dt.date(2021, 3, 1)
    assert record("-2+3").period.code == "2018H2"  # 2018. 7. 1. – the first day of the term
    assert record("R-006").period.code == "2022H1"  # 2022-06-30 – the last day


def test_formula_looking_cells_are_stored_as_text(plan: Any) -> None:
    assert import_file("records_cp949.csv").ok
    assert record("R-004").employer == "=1+1"
    assert record("-2+3").employer == "@SUM(A1)"
    assert record("R-006").employer == "+82-2-860-2054"


def test_xlsx_with_title_row_excel_dates_numbers_and_formulas(plan: Any) -> None:
    result = import_file("records_title_row.xlsx")
    assert result.ok, result.errors
    assert result.created == 3
    numeric = record("1001")  # a numeric cell, read as 1001, not 1001.0
    assert (numeric.start_date, numeric.birth_date, numeric.monthly_wage) == (
        dt.date(2019, 3, 1),
        dt.date(1990, 1, 1),
        2100000,
    )
    second = record("1002")
    assert (second.end_date, second.weekly_hours, second.monthly_wage) == (
        dt.date(2020, 4, 14),
        Decimal("37.5"),
        3984000,
    )
    assert second.employer == "=1+1"  # a real Excel formula, stored as its text
    third = record("X-3")
    assert third.birth_date == dt.date(1950, 3, 3)  # Excel serial 18325 in a number-formatted cell
    assert (third.is_resident, third.employer, third.evidence) == (True, "@SUM(A1)", "확인서")


def test_utf8_bom_with_title_row_aliases_and_blank_rows(plan: Any) -> None:
    result = import_file("records_utf8_bom.csv")
    assert result.ok, result.errors
    assert (result.rows, result.created) == (2, 2)


def test_errors_each_by_message_row_and_column_and_nothing_stored(plan: Any) -> None:
    result = import_file("records_errors.csv")
    assert not result.ok
    assert result.errors == [
        msg.RowError(2, "세부사업", msg.UNKNOWN_PROGRAM.format(value="없는 사업")),
        msg.RowError(3, "종료일", msg.END_BEFORE_START.format(end="2019-02-28", start="2019-03-01")),
        msg.RowError(4, "생년월일", msg.UNDER_15.format(age=9)),
        msg.RowError(5, "취업일", msg.IMPOSSIBLE_DATE.format(value="2019-13-45")),
        msg.RowError(6, "월임금", msg.NEGATIVE_NUMBER.format(value="-1000")),
        msg.RowError(7, "주당근로시간", msg.NEGATIVE_NUMBER.format(value="-5")),
        msg.RowError(8, "생년월일", msg.MISSING_VALUE),
        msg.RowError(9, "성별", msg.BAD_GENDER.format(value="X")),
        msg.RowError(11, "실적번호", msg.DUPLICATE_RECORD.format(value="E-09", first=10)),
        msg.RowError(12, "개인식별번호", msg.MISSING_VALUE),
    ]
    assert str(result.errors[3]) == "행 5, 열 「취업일」: 있을 수 없는 날짜입니다: 「2019-13-45」"
    nothing_stored()


def test_one_bad_row_after_good_chunks_rolls_back_everything(plan: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runs, "CHUNK_ROWS", 2)
    rows = [row(f"A-{i}", person_id=f"P{i}") for i in range(7)] + [row("A-99", gender="?")]
    result = import_file(csv_rows(*rows))
    assert result.errors == [msg.RowError(9, "성별", msg.BAD_GENDER.format(value="?"))]
    nothing_stored()


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("records_missing_column.csv", msg.RowError(1, "성별", msg.MISSING_COLUMN.format(column="성별"))),
        ("empty.csv", msg.RowError(0, "", msg.FILE_EMPTY)),
        ("junk.bin", msg.RowError(0, "", msg.FILE_NOT_TABULAR)),
        ("old_excel.xls", msg.RowError(0, "", msg.FILE_XLS_UNSUPPORTED)),
        ("prose.txt", msg.RowError(0, "", msg.HEADER_NOT_FOUND.format(example="실적번호, 부서, 세부사업"))),
    ],
)
def test_files_refused_as_a_whole(plan: Any, name: str, error: msg.RowError) -> None:
    result = import_file(name)
    assert result.errors == [error]
    nothing_stored()


def test_header_only_file_has_no_rows(plan: Any) -> None:
    assert import_file(csv_rows()).errors == [msg.RowError(0, "", msg.NO_DATA_ROWS)]


def test_same_record_id_in_two_departments_is_fine_but_not_twice_in_one(
    plan: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runs, "CHUNK_ROWS", 2)  # the duplicate sits in a later chunk than its first row
    ok = import_file(csv_rows(row("A-1"), row("A-1", "복지정책과")))
    assert ok.ok and ok.created == 2
    again = import_file(csv_rows(row("B-1"), row("B-2"), row("B-3"), row("B-1")))
    assert again.errors == [msg.RowError(5, "실적번호", msg.DUPLICATE_RECORD.format(value="B-1", first=2))]


def test_reimport_is_idempotent(plan: Any) -> None:
    assert import_file("records_cp949.csv").ok
    before, history_before = snapshot(), JobRecord.history.count()  # type: ignore[attr-defined]
    again = import_file("records_cp949.csv")
    assert (again.ok, again.created, again.updated, again.unchanged, again.new_departments) == (True, 0, 0, 6, [])
    assert snapshot() == before
    assert JobRecord.history.count() == history_before  # type: ignore[attr-defined]


def test_xlsx_and_csv_of_the_same_records_agree(plan: Any) -> None:
    assert import_file("records_cp949.csv").ok
    assert import_file("records_utf8_bom.csv").unchanged == 2  # again, other encoding and headers


def test_later_file_with_end_dates_updates_those_records_with_history(plan: Any, owner: Any) -> None:
    first = import_file("records_cp949.csv")
    created_at = record("R-001").created_at
    later = import_file("records_later_cp949.csv", user=owner)
    assert (later.ok, later.created, later.updated, later.unchanged) == (True, 0, 2, 4)
    updated = record("R-001")
    assert updated.end_date == dt.date(2020, 2, 28)
    assert (updated.batch_id, updated.updated_by) == (later.batch_id, owner)
    assert record("R-003").batch_id == first.batch_id  # unchanged records keep their batch
    history = list(updated.history.order_by("history_date", "history_id"))  # type: ignore[attr-defined]
    assert [h.history_type for h in history] == ["+", "~"]
    assert (history[0].history_date, history[0].end_date) == (created_at, None)
    assert history[1].end_date == dt.date(2020, 2, 28)
    assert history[1].history_user == owner
    assert history[1].history_change_reason == f"적재 #{later.batch_id}"
    assert {c.field for c in history[1].diff_against(history[0]).changes} == {"end_date", "batch", "updated_by"}


def test_dry_run_stores_nothing_and_says_what_would_happen(plan: Any) -> None:
    dry = import_file("records_cp949.csv", dry_run=True)
    assert (dry.ok, dry.dry_run, dry.created, dry.batch_id) == (True, True, 6, None)
    assert dry.new_departments == ["일자리지원과", "어르신복지과", "기업지원과"]
    nothing_stored()
    assert import_file("records_cp949.csv").ok
    before = snapshot()
    later = import_file("records_later_cp949.csv", dry_run=True)
    assert (later.created, later.updated, later.unchanged) == (0, 2, 4)
    assert snapshot() == before
    assert ImportBatch.objects.count() == 1


def test_department_scope_refuses_other_departments(plan: Any) -> None:
    scope = Department.objects.create(name="일자리지원과")
    result = import_file("records_cp949.csv", department_scope=scope)
    assert result.errors == [
        msg.RowError(4, "부서", msg.DEPARTMENT_OUT_OF_SCOPE.format(scope="일자리지원과", value="어르신복지과")),
        msg.RowError(5, "부서", msg.DEPARTMENT_OUT_OF_SCOPE.format(scope="일자리지원과", value="기업지원과")),
    ]
    nothing_stored(departments_before=1)
    own = import_file(csv_rows(row("A-1"), row("A-2", "일자리 지원과")), department_scope=scope)  # spacing aside
    assert (own.ok, own.created, own.new_departments) == (True, 2, [])
    assert set(JobRecord.objects.values_list("department", flat=True)) == {scope.pk}


def test_withdrawn_record_stays_withdrawn_when_the_file_has_it_again(plan: Any) -> None:
    assert import_file("records_cp949.csv").ok
    services.record_withdraw(record=record("R-001"), reason="중복 등록", user=None)
    again = import_file("records_later_cp949.csv")
    assert (again.updated, again.still_withdrawn) == (2, 1)
    refreshed = record("R-001")
    assert refreshed.withdrawn_at is not None and refreshed.end_date == dt.date(2020, 2, 28)


def test_program_names_tolerate_spacing_and_middle_dot_variants(plan: Any) -> None:
    result = import_file(
        csv_rows(row("A-1", program="직접일자리사업"), row("A-2", program="민간ㆍ관급 공사장 근로자 채용"))
    )
    assert result.ok, result.errors
    assert record("A-2").program.name == "민간·관급 공사장 근로자 채용"


def test_every_error_is_reported_up_to_the_cap(plan: Any) -> None:
    rows = [row(f"A-{i}", gender="?") for i in range(1005)]
    result = import_file(csv_rows(*rows))
    assert (len(result.errors), result.more_errors, result.error_count) == (1000, 5, 1005)
    assert result.error_lines()[-1] == msg.MORE_ERRORS.format(count=5)


def test_many_rows_across_chunks_and_progress(plan: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runs, "CHUNK_ROWS", 50)
    rows = [row(f"A-{i:04d}", person_id=f"P-{i}", end_date="2020-01-01" if i % 3 else "") for i in range(230)]
    seen: list[int] = []
    result = import_file(csv_rows(*rows), progress=seen.append)
    assert (result.ok, result.created) == (True, 230)
    assert seen == [50, 100, 150, 200, 230]
    changed = [
        row(f"A-{i:04d}", person_id=f"P-{i}", end_date="2021-01-01" if i < 120 else ("2020-01-01" if i % 3 else ""))
        for i in range(230)
    ]
    again = import_file(csv_rows(*changed))
    assert (again.created, again.updated, again.unchanged) == (0, 120, 110)
    assert JobRecord.objects.filter(end_date=dt.date(2021, 1, 1)).count() == 120


def test_a_stream_that_cannot_seek_is_read_too(plan: Any) -> None:
    class Pipe(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self.inner = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            chunk = self.inner.read(len(buffer))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    data = (FIXTURES / "records_cp949.csv").read_bytes()
    result = services.record_import(file=io.BufferedReader(Pipe(data)), filename="pipe.csv", user=None)  # type: ignore[arg-type]
    assert (result.ok, result.created) == (True, 6)


def test_upload_size_limit_applies_to_web_uploads_only(plan: Any, settings: Any) -> None:
    settings.JOBPLEDGE_UPLOAD_MAX_BYTES = 100
    web = import_file("records_cp949.csv", source="web")
    assert web.errors == [msg.RowError(0, "", msg.FILE_TOO_LARGE.format(limit=100))]
    assert import_file("records_cp949.csv", source="cli").ok


def test_a_concurrent_write_of_the_same_key_fails_cleanly(plan: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another import stored A-1 after our lookup: the unique constraint stops ours, which reports and rolls back."""
    assert import_file(csv_rows(row("A-1"))).ok

    # the lookup misses the stored record, as it would under a concurrent commit
    monkeypatch.setattr(runs, "_stored_records", lambda by_department: [])
    result = import_file(csv_rows(row("A-2"), row("A-1")))
    assert result.errors == [msg.RowError(0, "", msg.CONCURRENT_IMPORT)]
    monkeypatch.undo()
    assert list(JobRecord.objects.values_list("record_id", flat=True)) == ["A-1"]
    assert ImportBatch.objects.count() == 1


def test_no_plan_loaded(db: None) -> None:
    assert import_file("records_cp949.csv").errors == [msg.RowError(0, "", msg.NO_PLAN)]


def test_raw_identifier_is_never_stored_logged_or_shown(plan: Any, caplog: pytest.LogCaptureFixture) -> None:
    raw = ["900101-1234567", "850505-2345678", "500303-1456789", "950707-2567890"]
    caplog.set_level(logging.DEBUG)
    assert import_file("records_cp949.csv").ok
    assert import_file("records_later_cp949.csv").ok
    too_long = import_file(csv_rows(row("A-1", person_id="900101-1234567" * 10), row("A-2", person_id="---")))
    assert too_long.errors == [
        msg.RowError(2, "개인식별번호", msg.TOO_LONG.format(limit=100)),
        msg.RowError(3, "개인식별번호", msg.BAD_PERSON_ID),
    ]
    shown = "\n".join(too_long.error_lines())
    needles = [*raw, *[r.replace("-", "") for r in raw]]
    for needle in needles:
        assert needle not in caplog.text
        assert needle not in shown
    for model in apps.get_models():
        text_fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        for name in text_fields:
            for needle in needles:
                lookup = f"{name}__contains" if not isinstance(model._meta.get_field(name), models.JSONField) else None
                if lookup is None:
                    hits = [v for v in model.objects.values_list(name, flat=True) if needle in str(v)]
                    assert not hits, (model, name)
                else:
                    assert not model.objects.filter(**{lookup: needle}).exists(), (model, name)


def test_departments_without_records_skip_the_lookup(plan: Any) -> None:
    """Only a department that held records when the import began can have stored keys: the others' chunks
    are inserted without a lookup query (duplicates within the file are caught before any lookup)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    table = JobRecord._meta.db_table
    with CaptureQueriesContext(connection) as fresh:
        assert import_file(csv_rows(row("A-1"), row("A-2"))).ok
    lookups = [q for q in fresh.captured_queries if q["sql"].startswith("SELECT") and f'FROM "{table}"' in q["sql"]]
    assert [q for q in lookups if "record_id" in q["sql"]] == []
    with CaptureQueriesContext(connection) as again:
        result = import_file(csv_rows(row("A-1", end_date="2020-02-29"), row("A-3")))
    assert (result.created, result.updated) == (1, 1)
    assert any("record_id" in q["sql"] for q in again.captured_queries if f'FROM "{table}"' in q["sql"])
