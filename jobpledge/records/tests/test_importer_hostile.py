"""Hostile files (issue 13 §2): each is refused at once with a Korean message, the same way on SQLite and
PostgreSQL, in a dry run and in a commit, and nothing is stored. The files are built here, in tmp_path.

What the old reader did with them: the XFD1048576 sheet kept a worker busy for ~11 minutes (openpyxl walks the
declared range), and with calamine unguarded a sheet with cells at A1 and XFD1048576 — or a 1 KB shared-string
table declaring two billion entries — aborts the whole process; the 200 MB shared-string table inflated 139×,
under the old 200× ratio limit, and took 1.8 GB to read; a NUL byte after the first 64 KB of a CSV was stored on
SQLite and made PostgreSQL's commit fail with HTTP 500.
"""

from __future__ import annotations

import io
import random
import warnings
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from knox.models import AuthToken
from rest_framework.test import APIClient

from jobpledge.accounts.tests.fixtures import DEPARTMENT_A
from jobpledge.records import services
from jobpledge.records.importers import messages as msg
from jobpledge.records.importers import xlsx
from jobpledge.records.importers.columns import AGGREGATE_COLUMNS, RECORD_COLUMNS
from jobpledge.records.importers.readers import FileProblem, open_sheet
from jobpledge.records.models import AggregateEntry, ImportBatch, JobRecord
from jobpledge.records.tests.conftest import import_file
from jobpledge.records.tests.world import *  # noqa: F403

_MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_PARTS = {
    "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
    "_rels/.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": b'<?xml version="1.0"?><workbook ' + _MAIN.encode() + b' xmlns:r="http://schemas.'
    b'openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/>'
    b"</sheets></workbook>",
    "xl/_rels/workbook.xml.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
    b'2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
}
HEADERS = [c.header for c in RECORD_COLUMNS]
GOOD = ["A-1", DEPARTMENT_A, "직접일자리 사업", "900101-1234567", "1990-01-01", "여", "2019-03-01"]


def text_cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def sheet_rows(*rows: list[str], first: int = 1) -> str:
    """Inline-string rows from row `first` on, written the common way (`<c r="A1" …>`)."""
    out = []
    for number, cells in enumerate(rows, start=first):
        out.append(f'<row r="{number}">' + "".join(text_cell(f"{xlsx.column_letters(i + 1)}{number}", v)
                                                 for i, v in enumerate(cells)) + "</row>")  # fmt: skip
    return "".join(out)


def workbook(sheet_data: str, *, dimension: str = "A1:XFD1048576", extra: dict[str, bytes] | None = None) -> bytes:
    sheet = f'<?xml version="1.0"?><worksheet {_MAIN}><dimension ref="{dimension}"/><sheetData>{sheet_data}</sheetData></worksheet>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in {**_PARTS, "xl/worksheets/sheet1.xml": sheet.encode(), **(extra or {})}.items():
            archive.writestr(name, data)
    return out.getvalue()


def refusal(data: bytes, columns: Any = RECORD_COLUMNS) -> list[msg.RowError]:
    with pytest.raises(FileProblem) as caught:
        list(open_sheet(io.BytesIO(data), columns=columns).rows)
    return caught.value.errors


def nothing_stored() -> None:
    assert JobRecord.objects.count() == 0
    assert AggregateEntry.objects.count() == 0
    assert ImportBatch.objects.count() == 0


# --- the used range ----------------------------------------------------------------------------------------------


def test_a_single_cell_at_xfd1048576_is_refused_without_reading_the_declared_range() -> None:
    data = workbook(f'<row r="1048576">{text_cell("XFD1048576", "x")}</row>')
    assert len(data) < 2_000
    message = msg.FILE_XLSX_SPARSE.format(rows=1_048_576, columns=16_384, cells=1, cell="XFD1048576")
    assert refusal(data) == [msg.RowError(0, "", message)]


def test_a_template_with_one_far_cell_is_refused_before_calamine_allocates_the_range() -> None:
    """Unguarded, calamine would ask for 17 billion cells here and abort the process."""
    data = workbook(sheet_rows(HEADERS, GOOD) + f'<row r="1048576">{text_cell("XFD1048576", "x")}</row>')
    cells = len(HEADERS) + len(GOOD) + 1
    message = msg.FILE_XLSX_SPARSE.format(rows=1_048_576, columns=16_384, cells=cells, cell="XFD1048576")
    assert refusal(data) == [msg.RowError(0, "", message)]


def test_a_cell_reference_that_leaves_its_row_counts_where_calamine_puts_it() -> None:
    far = f'<row r="3">{text_cell("A3", "R-9")}{text_cell("B900000", "x")}</row>'
    message = msg.FILE_XLSX_SPARSE.format(rows=900_000, columns=len(HEADERS), cells=len(HEADERS) + 2, cell="O900000")
    assert refusal(workbook(sheet_rows(HEADERS) + far)) == [msg.RowError(0, "", message)]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("ZZZZ2", "XFE2"), ("A2000000", "O2000000")],
)
def test_references_beyond_excel_are_refused(cell: str, expected: str) -> None:
    data = workbook(sheet_rows(HEADERS) + f'<row r="2">{text_cell(cell, "x")}</row>')
    assert refusal(data) == [msg.RowError(0, "", msg.FILE_XLSX_BEYOND_EXCEL.format(cell=expected))]


def test_cells_written_unusually_are_bounded_too() -> None:
    """Attribute order, quotes, lower case, a namespace prefix, cells and rows without a reference."""
    far = "<row r='2'><c t='inlineStr' r='xfd1048576'><is><t>x</t></is></c></row>"
    assert refusal(workbook(sheet_rows(HEADERS) + far))[0].message.startswith("XLSX 시트의 사용 범위")
    cell = '<c t="inlineStr"><is><t>x</t></is></c>'
    unnumbered = f'<row>{cell * 3}</row><row r="1048576">{cell}</row>'  # a conservative bound: 3 + 1 columns
    assert refusal(workbook(unnumbered))[0].message == msg.FILE_XLSX_BEYOND_EXCEL.format(cell="D1048577")
    prefixed = '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c></x:row><x:row r="900000">'
    prefixed += '<x:c r="Z900000" t="inlineStr"><x:is><x:t>b</x:t></x:is></x:c></x:row>'
    assert refusal(workbook(prefixed))[0].message == msg.FILE_XLSX_SPARSE.format(
        rows=900_000, columns=26, cells=2, cell="Z900000"
    )


def test_a_cell_with_two_references_is_refused_not_believed() -> None:
    """Not XML (an attribute twice); calamine would take the second, far reference."""
    twice = f'<row r="2">{text_cell("A2", "R-1")}<c r="B2" r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    assert refusal(workbook(sheet_rows(HEADERS) + twice)) == [msg.RowError(0, "", msg.FILE_XLSX_BROKEN)]


def test_unusual_but_honest_cells_are_read_in_place() -> None:
    header = "".join(
        f"<c t='inlineStr' s='0' r='{xlsx.column_letters(i + 1)}1'><is><t>{h}</t></is></c>"
        for i, h in enumerate(HEADERS)
    )
    body = "<row>" + "".join(f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in GOOD) + "</row>"
    sheet = open_sheet(io.BytesIO(workbook(f"<row r='1'>{header}</row>" + body)), columns=RECORD_COLUMNS)
    ((number, cells),) = list(sheet.rows)
    assert number == 2
    assert cells[sheet.header.index["record_id"]] == "A-1"
    assert cells[sheet.header.index["start_date"]] == "2019-03-01"


def test_a_stray_note_right_of_the_data_is_still_read() -> None:
    """The limit is proportional: a note at column Z beside a few hundred rows is an ordinary file."""
    rows = [HEADERS + [""] * (25 - len(HEADERS)) + ["비고: 2019년 자료"]] + [GOOD] * 300
    sheet = open_sheet(io.BytesIO(workbook(sheet_rows(*rows))), columns=RECORD_COLUMNS)
    assert sum(1 for _ in sheet.rows) == 300


def test_formulas_read_as_their_text_shared_ones_translated() -> None:
    formula = '<c r="L2"><f t="shared" ref="L2:L3" si="0">A2&amp;"x"</f><v>A-1x</v></c>'
    follower = '<c r="L3"><f t="shared" si="0"/><v>A-2x</v></c>'
    rows = sheet_rows(HEADERS) + (
        f'<row r="2">{text_cell("A2", "A-1")}{formula}</row><row r="3">{text_cell("A3", "A-2")}{follower}</row>'
    )
    sheet = open_sheet(io.BytesIO(workbook(rows)), columns=RECORD_COLUMNS)
    employer = sheet.header.index["employer"]
    assert [cells[employer] for _, cells in sheet.rows] == ['=A2&"x"', '=A3&"x"']


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>',
        '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    ],
    ids=["entity-expansion", "external-entity"],
)
def test_entities_in_the_sheet_are_never_expanded(doctype: str) -> None:
    data = workbook(sheet_rows(HEADERS, ["&d;" if "&c;" in doctype else "&e;"] + GOOD[1:]))
    archive = zipfile.ZipFile(io.BytesIO(data))
    parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].replace(
        b'<?xml version="1.0"?>', b'<?xml version="1.0"?>' + doctype.encode()
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as rebuilt:
        for name, part in {**parts, "xl/worksheets/sheet1.xml": sheet}.items():
            rebuilt.writestr(name, part)
    assert refusal(out.getvalue()) == [msg.RowError(0, "", msg.FILE_XLSX_BROKEN)]


def test_archives_two_readers_could_read_differently_are_refused() -> None:
    """The member scanned must be the member calamine reads: no duplicate names, no '..' in a sheet's path."""
    benign, far = sheet_rows(HEADERS), f'<row r="1048576">{text_cell("XFD1048576", "x")}</row>'
    archive = zipfile.ZipFile(io.BytesIO(workbook(benign)))
    parts = {name: archive.read(name) for name in archive.namelist()}
    hostile = zipfile.ZipFile(io.BytesIO(workbook(benign + far))).read("xl/worksheets/sheet1.xml")

    def rebuilt(entries: list[tuple[str, bytes]]) -> bytes:
        out = io.BytesIO()
        with warnings.catch_warnings(), zipfile.ZipFile(out, "w") as target:
            warnings.simplefilter("ignore")  # zipfile warns about the duplicate name: that is the point
            for name, data in entries:
                target.writestr(name, data)
        return out.getvalue()

    twice = rebuilt([*parts.items(), ("xl/worksheets/sheet1.xml", hostile)])
    rels = parts["xl/_rels/workbook.xml.rels"].replace(b"worksheets/sheet1.xml", b"worksheets/../worksheets/sheet1.xml")
    dotted = rebuilt(
        [*{**parts, "xl/_rels/workbook.xml.rels": rels}.items(), ("xl/worksheets/../worksheets/sheet1.xml", hostile)]
    )
    book = parts["xl/workbook.xml"].replace(b"</sheets>", b'<sheet name="S" sheetId="2" r:id="rId1"/></sheets>')
    same_names = rebuilt(list({**parts, "xl/workbook.xml": book}.items()))
    for data in (twice, dotted, same_names):
        assert refusal(data) == [msg.RowError(0, "", msg.FILE_XLSX_BROKEN)]


# --- the shared-string table ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shared_string_bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 1.5 MB XLSX whose sharedStrings.xml inflates to 200 MB: 139×, under the old 200× limit."""
    rnd = random.Random(13)
    block = b"".join(b"<si><t>" + b"x" * 400 + bytes([97 + rnd.randrange(16)]) + b"</t></si>" for _ in range(20_000))
    path = tmp_path_factory.mktemp("bomb") / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in {**_PARTS, "xl/worksheets/sheet1.xml": workbook_sheet()}.items():
            archive.writestr(name, data)
        with archive.open("xl/sharedStrings.xml", "w") as handle:
            handle.write(f'<?xml version="1.0"?><sst {_MAIN} uniqueCount="480000">'.encode())
            for _ in range(24):
                handle.write(block)
            handle.write(b"</sst>")
    return path


def workbook_sheet() -> bytes:
    cells = "".join(f'<c r="{xlsx.column_letters(i + 1)}1" t="s"><v>{i}</v></c>' for i in range(len(HEADERS)))
    return (
        f'<?xml version="1.0"?><worksheet {_MAIN}><sheetData><row r="1">{cells}</row></sheetData></worksheet>'.encode()
    )


def test_shared_string_bomb_is_refused_from_the_zip_directory(shared_string_bomb: Path) -> None:
    (member,) = [m for m in zipfile.ZipFile(shared_string_bomb).infolist() if m.filename == "xl/sharedStrings.xml"]
    assert member.file_size > 200 * 1000**2 and shared_string_bomb.stat().st_size < 2 * 1024**2
    assert xlsx.MAX_RATIO < member.file_size / member.compress_size < 200  # the old limit let it through
    assert refusal(shared_string_bomb.read_bytes()) == [msg.RowError(0, "", msg.FILE_XLSX_UNSAFE)]


def test_a_shared_string_table_that_claims_billions_of_entries_is_refused() -> None:
    """Unguarded, calamine reserves uniqueCount entries up front: 48 GB, and the process aborts."""
    table = f'<?xml version="1.0"?><sst {_MAIN} count="1" uniqueCount="2000000000"><si><t>a</t></si></sst>'
    data = workbook(sheet_rows(HEADERS), extra={"xl/sharedStrings.xml": table.encode()})
    assert refusal(data) == [msg.RowError(0, "", msg.FILE_XLSX_UNSAFE)]


# --- through the import service and the API, on the database under test ----------------------------------------------


def nul_csv(*, kind: str = "records") -> tuple[bytes, int]:
    """A valid CSV whose row after the first 64 KB has a NUL byte in one cell; (file, that row's number)."""
    if kind == "records":
        header = ",".join(HEADERS)
        good = [f"A-{i},일자리지원과,고용서비스,900101-1234567,1990-01-01,남,2019-03-01" for i in range(1, 1_200)]
        bad = "A-9999,일자리지원과,고용서비스,900101-1234567,1990-01-01,남,2019-03-01,,상용,,,구로\x00상사"
    else:
        header = ",".join(c.header for c in AGGREGATE_COLUMNS)
        good = [f"부서{i},창업지원,2019,3," for i in range(1, 4_000)]
        bad = "부서x,창업지원,2019,3,자체\x00집계"
    data = "\n".join([header, *good, bad]).encode() + b"\n"
    assert data.index(b"\x00") > 64 * 1024
    return data, len(good) + 2


@pytest.mark.parametrize("dry_run", [True, False])
def test_nul_byte_after_the_sample_is_refused_with_row_and_column(plan: Any, dry_run: bool) -> None:
    data, row = nul_csv()
    result = import_file(data, dry_run=dry_run)
    assert result.errors == [msg.RowError(row, "사업체", msg.CELL_NUL)]
    nothing_stored()


@pytest.mark.parametrize("dry_run", [True, False])
def test_nul_byte_in_an_aggregates_file(plan: Any, dry_run: bool) -> None:
    data, row = nul_csv(kind="aggregates")
    result = import_file(data, kind="aggregates", dry_run=dry_run)
    assert result.errors == [msg.RowError(row, "근거", msg.CELL_NUL)]
    nothing_stored()


@pytest.mark.parametrize("dry_run", [True, False])
def test_far_cell_xlsx_through_the_service(plan: Any, dry_run: bool) -> None:
    data = workbook(sheet_rows(HEADERS, GOOD) + f'<row r="1048576">{text_cell("XFD1048576", "x")}</row>')
    result = services.record_import(file=io.BytesIO(data), filename="far.xlsx", user=None, dry_run=dry_run)
    assert [e.message for e in result.errors] == [
        msg.FILE_XLSX_SPARSE.format(rows=1_048_576, columns=16_384, cells=len(HEADERS) + 8, cell="XFD1048576")
    ]
    nothing_stored()


def api_for(user: Any) -> APIClient:
    client = APIClient()
    _, token = AuthToken.objects.create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


@pytest.mark.parametrize("dry_run", ["true", "false"])
def test_hostile_uploads_through_the_api_get_an_answer_not_a_500(world: Any, dry_run: str) -> None:
    client = api_for(world.users["department"])
    records_before = JobRecord.objects.count()
    data, row = nul_csv()
    far = workbook(sheet_rows(HEADERS, GOOD) + f'<row r="1048576">{text_cell("XFD1048576", "x")}</row>')
    sparse = msg.FILE_XLSX_SPARSE.format(rows=1_048_576, columns=16_384, cells=len(HEADERS) + 8, cell="XFD1048576")
    files = {
        "nul.csv": (data.replace("일자리지원과".encode(), DEPARTMENT_A.encode()), [row, "사업체", msg.CELL_NUL]),
        "far.xlsx": (far, [0, "", sparse]),
    }
    for name, (content, (row_number, column, message)) in files.items():
        upload = SimpleUploadedFile(name, content)
        response = client.post("/api/records/import/", {"file": upload, "dry_run": dry_run}, format="multipart")
        assert response.status_code == 422, name
        body = response.json()
        assert body["batch_id"] is None
        assert body["errors"] == [{"row": row_number, "column": column, "message": message}]
    assert JobRecord.objects.count() == records_before


def test_hostile_uploads_through_the_upload_page_show_the_message(client: Any, world: Any) -> None:
    client.force_login(world.users["department"])
    before = (JobRecord.objects.count(), ImportBatch.objects.count())
    data, row = nul_csv()
    far = workbook(sheet_rows(HEADERS, GOOD) + f'<row r="1048576">{text_cell("XFD1048576", "x")}</row>')
    cases = {"nul.csv": (data.replace("일자리지원과".encode(), DEPARTMENT_A.encode()), (row, "사업체", msg.CELL_NUL))}
    cases["far.xlsx"] = (far, (0, "", "XLSX 시트의 사용 범위(1,048,576행 × 16,384열)"))
    for name, (content, (row_number, column, message)) in cases.items():
        response = client.post(
            reverse("records:upload"), {"kind": "records", "file": SimpleUploadedFile(name, content)}
        )
        assert response.status_code == 200, name
        (error,) = response.context["result"].errors
        assert (error.row, error.column) == (row_number, column) and error.message.startswith(message), error
        assert 'name="token"' not in response.content.decode()  # nothing to commit
    assert (JobRecord.objects.count(), ImportBatch.objects.count()) == before
