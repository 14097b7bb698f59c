"""docs/import-format.md names every column and every row/file error; the records admin is read-only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from jobpledge.records.importers import messages as msg
from jobpledge.records.importers.columns import AGGREGATE_COLUMNS, RECORD_COLUMNS

DOC = (Path(__file__).resolve().parents[3] / "docs" / "import-format.md").read_text(encoding="utf-8")
DOCUMENTED = [
    "FILE_EMPTY", "FILE_NOT_TABULAR", "FILE_XLS_UNSUPPORTED", "FILE_TOO_LARGE", "FILE_XLSX_UNSAFE", "FILE_XLSX_BROKEN",
    "FILE_ENCODING", "HEADER_NOT_FOUND", "NO_DATA_ROWS", "MISSING_COLUMN", "DUPLICATE_COLUMN", "MISSING_VALUE",
    "BAD_DATE", "IMPOSSIBLE_DATE", "BAD_NUMBER", "NEGATIVE_NUMBER", "NOT_INTEGER", "HOURS_TOO_MANY", "BAD_GENDER",
    "BAD_FLAG", "BAD_EMPLOYMENT_TYPE", "BAD_EVIDENCE", "TOO_LONG", "BAD_PERSON_ID", "UNKNOWN_PROGRAM", "UNKNOWN_PERIOD",
    "END_BEFORE_START", "UNDER_15", "DUPLICATE_RECORD", "DUPLICATE_AGGREGATE", "DEPARTMENT_OUT_OF_SCOPE",
]  # fmt: skip


@pytest.mark.parametrize("column", [*RECORD_COLUMNS, *AGGREGATE_COLUMNS], ids=lambda c: c.field)
def test_every_column_is_documented(column: Any) -> None:
    assert f"| {column.header} | {column.field} |" in DOC


@pytest.mark.parametrize("name", DOCUMENTED)
def test_every_error_message_is_documented(name: str) -> None:
    text = getattr(msg, name)
    assert text.split("{")[0] in DOC


def test_admin_lists_records_but_cannot_change_them(plan: Any, admin_client: Any) -> None:
    from jobpledge.records.tests.conftest import import_file

    assert import_file("records_cp949.csv").ok
    listing = admin_client.get("/admin/records/jobrecord/")
    assert listing.status_code == 200
    assert "R-001" in listing.content.decode()
    assert admin_client.get("/admin/records/jobrecord/add/").status_code == 403
    assert admin_client.get("/admin/records/importbatch/").status_code == 200
