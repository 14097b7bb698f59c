"""Reading files: encodings, title rows, blank rows, XLSX cells, and every refusal of a non-template file."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest

from jobpledge.records.importers import messages as msg
from jobpledge.records.importers.columns import AGGREGATE_COLUMNS, RECORD_COLUMNS
from jobpledge.records.importers.readers import FileProblem, open_sheet

FIXTURES = Path(__file__).parent / "fixtures"


def sheet_of(data: bytes, **kwargs: object):  # type: ignore[no-untyped-def]
    return open_sheet(io.BytesIO(data), columns=RECORD_COLUMNS, **kwargs)  # type: ignore[arg-type]


def problem_of(data: bytes, **kwargs: object) -> list[msg.RowError]:
    with pytest.raises(FileProblem) as caught:
        sheet_of(data, **kwargs)
    return caught.value.errors


def test_cp949_csv_is_detected_and_read() -> None:
    sheet = sheet_of((FIXTURES / "records_cp949.csv").read_bytes())
    rows = list(sheet.rows)
    assert (sheet.kind, sheet.encoding, sheet.header_row) == ("csv", "cp949", 1)
    assert [number for number, _ in rows] == [2, 3, 4, 5, 6, 7]
    assert rows[0][1][sheet.header.index["department"]] == "일자리지원과"
    assert rows[3][1][sheet.header.index["employer"]] == "=1+1"


def test_utf8_bom_with_title_row_english_aliases_and_blank_rows() -> None:
    sheet = sheet_of((FIXTURES / "records_utf8_bom.csv").read_bytes())
    rows = list(sheet.rows)
    assert (sheet.encoding, sheet.header_row) == ("utf-8-sig", 2)
    assert {"record_id", "person_id", "start_date"} <= set(sheet.header.index)
    assert [number for number, _ in rows] == [3, 6]  # rows 4 and 5 are blank and skipped


def test_utf8_without_bom_utf16_and_semicolons() -> None:
    text = "실적번호;부서;세부사업\nR-1;일자리지원과;고용서비스\n"
    with pytest.raises(FileProblem):  # required columns are missing, but the header was found
        sheet_of(text.encode("utf-8"))
    full = ",".join(c.header for c in RECORD_COLUMNS) + "\n" + ",".join(["x"] * len(RECORD_COLUMNS)) + "\n"
    assert sheet_of(full.encode("utf-8")).encoding == "utf-8-sig"
    tabbed = full.replace(",", "\t")
    sheet = sheet_of(tabbed.encode("utf-16"))
    assert sheet.encoding == "utf-16"
    assert [n for n, _ in sheet.rows] == [2]


def test_xlsx_with_title_row_excel_dates_numbers_and_formulas() -> None:
    sheet = sheet_of((FIXTURES / "records_title_row.xlsx").read_bytes())
    rows = list(sheet.rows)
    index = sheet.header.index
    assert (sheet.kind, sheet.header_row) == ("xlsx", 2)
    assert [number for number, _ in rows] == [3, 4, 6]  # row 5 is blank
    first, second, third = (cells for _, cells in rows)
    assert first[index["record_id"]] == 1001
    assert first[index["start_date"]] == dt.datetime(2019, 3, 1)
    assert second[index["employer"]] == "=1+1"  # a formula is read as its text, never evaluated
    assert third[index["employer"]] == "@SUM(A1)"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.csv", msg.FILE_EMPTY),
        ("junk.bin", msg.FILE_NOT_TABULAR),
        ("old_excel.xls", msg.FILE_XLS_UNSUPPORTED),
        ("prose.txt", msg.HEADER_NOT_FOUND.format(example="실적번호, 부서, 세부사업")),
    ],
)
def test_files_that_are_not_the_template(name: str, message: str) -> None:
    assert problem_of((FIXTURES / name).read_bytes()) == [msg.RowError(0, "", message)]


def test_blank_lines_only_is_empty() -> None:
    assert problem_of(b"\r\n,,,\r\n\r\n") == [msg.RowError(0, "", msg.FILE_EMPTY)]


def test_missing_required_column_is_named_at_the_header_row() -> None:
    errors = problem_of((FIXTURES / "records_missing_column.csv").read_bytes())
    assert errors == [msg.RowError(1, "성별", msg.MISSING_COLUMN.format(column="성별"))]
    assert str(errors[0]) == "행 1, 열 「성별」: 필수 열 「성별」이(가) 없습니다."


def test_duplicate_column() -> None:
    header = ",".join([c.header for c in RECORD_COLUMNS] + ["부서"])
    errors = problem_of(header.encode())
    assert errors == [msg.RowError(1, "부서", msg.DUPLICATE_COLUMN.format(column="부서"))]


def test_size_limit_for_uploads() -> None:
    data = (FIXTURES / "records_cp949.csv").read_bytes()
    assert problem_of(data, max_bytes=100) == [msg.RowError(0, "", msg.FILE_TOO_LARGE.format(limit=100))]


def test_undecodable_bytes_after_the_sample_are_an_encoding_error() -> None:
    header = ",".join(c.header for c in RECORD_COLUMNS) + "\n"
    data = header.encode() + b"x" * 70_000 + b"\n\xff\xfe\xfa,broken\n"
    with pytest.raises(FileProblem) as caught:
        list(sheet_of(data).rows)
    assert caught.value.errors == [msg.RowError(0, "", msg.FILE_ENCODING)]


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_zip_bomb_is_refused_before_opening() -> None:
    bomb = _zip(
        {"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>", "xl/worksheets/sheet1.xml": b"\0" * (40 * 1024**2)}
    )
    assert len(bomb) < 200_000
    assert problem_of(bomb) == [msg.RowError(0, "", msg.FILE_XLSX_UNSAFE)]


def test_zip_that_is_not_a_workbook_and_broken_xlsx() -> None:
    assert problem_of(_zip({"word/document.xml": b"<x/>"})) == [msg.RowError(0, "", msg.FILE_NOT_TABULAR)]
    assert problem_of(b"PK\x03\x04" + b"\x00garbage" * 50) == [msg.RowError(0, "", msg.FILE_XLSX_BROKEN)]
    fake = _zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"not xml at all"})
    assert problem_of(fake) == [msg.RowError(0, "", msg.FILE_XLSX_BROKEN)]


def test_aggregate_header() -> None:
    data = "부서,세부사업,기간,실적,근거\n건설행정과,창업지원,2019,3,\n".encode()
    sheet = open_sheet(io.BytesIO(data), columns=AGGREGATE_COLUMNS)
    assert list(sheet.header.index) == ["department", "program", "period", "count", "evidence"]


def test_a_row_is_blank_only_when_every_cell_is() -> None:
    """The first cell decides a row with text in it; a blank first cell makes the reader look at the rest."""
    header = "실적번호,부서,세부사업,개인식별번호,생년월일,성별,취업일\n"
    body = "R-1,a,b,c,d,e,f\n , ,\n,부서만,,,,,\n\t,,,,,,\n ,,,,,,x\n,,,,,,\n\nR-2\n"
    rows = list(sheet_of((header + body).encode()).rows)
    assert [number for number, _ in rows] == [2, 4, 6, 9]
