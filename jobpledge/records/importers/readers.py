"""Reading an uploaded CSV or XLSX file as rows of cells, streamed, with its header row located.

CSV: UTF-8 (with or without BOM), UTF-16 (Excel's "유니코드 텍스트"), else CP949/EUC-KR — what Korean
Excel saves. XLSX: the first sheet, read-only (streamed), formulas read as their text and never
evaluated, after checking the zip members' declared sizes (zip bombs). Anything else is refused with
a Korean message. Rows are numbered as a spreadsheet shows them: the first row of the file is 1.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import logging
import shutil
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any, BinaryIO

from jobpledge.core.errors import JobpledgeError
from jobpledge.records.importers import messages as msg
from jobpledge.records.importers.columns import Column, HeaderMatch, match_header
from jobpledge.records.importers.widgets import is_blank

logger = logging.getLogger(__name__)

SAMPLE_BYTES = 64 * 1024
HEADER_SEARCH_ROWS = 20  # title rows tolerated above the header
XLSX_MAX_UNCOMPRESSED = 2 * 1024**3  # all members together, as declared in the zip directory
XLSX_MAX_RATIO = 200  # a member that inflates more than this (and past XLSX_RATIO_FLOOR) is a bomb
XLSX_RATIO_FLOOR = 16 * 1024**2
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r"}

Cells = Sequence[object]


class FileProblem(JobpledgeError):
    """The file cannot be read as the template at all (or lacks columns); `errors` locate each problem."""

    def __init__(self, errors: list[msg.RowError]) -> None:
        super().__init__(errors[0].message, lines=[str(e) for e in errors[1:]])
        self.errors = errors

    @classmethod
    def of(cls, message: str, row: int = 0, column: str = "") -> FileProblem:
        return cls([msg.RowError(row, column, message)])


@dataclass
class Sheet:
    """The located header and an iterator over the non-blank rows below it."""

    kind: str  # "csv" or "xlsx"
    encoding: str
    header_row: int
    header: HeaderMatch
    rows: Iterator[tuple[int, Cells]]  # (row number, cells); blank rows skipped


def open_sheet(file: BinaryIO, *, columns: Sequence[Column], max_bytes: int | None = None) -> Sheet:
    """Locate the header row among the first rows and check the required columns; raise FileProblem."""
    stream = _seekable(file)
    stream.seek(0, io.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    if size == 0:
        raise FileProblem.of(msg.FILE_EMPTY)
    if max_bytes is not None and size > max_bytes:
        raise FileProblem.of(msg.FILE_TOO_LARGE.format(limit=max_bytes))
    head = stream.read(8)
    stream.seek(0)
    if head.startswith(_ZIP_MAGIC):
        kind, encoding, raw_rows = "xlsx", "", _xlsx_rows(stream)
    elif head.startswith(_OLE_MAGIC):
        raise FileProblem.of(msg.FILE_XLS_UNSUPPORTED)
    else:
        encoding = detect_encoding(stream.read(SAMPLE_BYTES), complete=size <= SAMPLE_BYTES)
        stream.seek(0)
        kind, raw_rows = "csv", _csv_rows(stream, encoding)
    return _locate_header(kind, encoding, raw_rows, columns)


def _seekable(file: BinaryIO) -> IO[bytes]:
    if file.seekable():
        return file
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024**2)  # noqa: SIM115 - closed with the import
    shutil.copyfileobj(file, spool)
    spool.seek(0)
    return spool  # type: ignore[return-value]


def detect_encoding(sample: bytes, *, complete: bool) -> str:
    """utf-8-sig strictly, else CP949; binary junk (NUL bytes, control characters) is not tabular."""
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in sample:
        raise FileProblem.of(msg.FILE_NOT_TABULAR)
    for encoding in ("utf-8-sig", "cp949"):
        try:
            text = codecs.getincrementaldecoder(encoding)("strict").decode(sample, final=complete)
        except UnicodeDecodeError:
            continue
        if sum(ch in _CONTROL for ch in text) > len(text) // 100:
            raise FileProblem.of(msg.FILE_NOT_TABULAR)
        return encoding
    raise FileProblem.of(msg.FILE_NOT_TABULAR)


def _sniff_delimiter(lines: list[str]) -> str:
    counts = {d: sum(line.count(d) for line in lines) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _csv_rows(stream: IO[bytes], encoding: str) -> Iterator[tuple[int, Cells]]:
    text = io.TextIOWrapper(stream, encoding=encoding, errors="strict", newline="")  # type: ignore[type-var]
    try:
        sample = text.read(SAMPLE_BYTES)
        delimiter = _sniff_delimiter(sample.splitlines()[:HEADER_SEARCH_ROWS])
        text.seek(0)
        reader = csv.reader(text, delimiter=delimiter)
        yield from enumerate(reader, start=1)
    except UnicodeDecodeError:
        raise FileProblem.of(msg.FILE_ENCODING) from None
    except csv.Error:
        raise FileProblem.of(msg.FILE_NOT_TABULAR) from None
    finally:
        with contextlib.suppress(ValueError):  # leave the caller's file open; it may be closed already
            text.detach()


def check_xlsx_archive(stream: IO[bytes]) -> None:
    """Refuse archives that are not workbooks, or whose members would inflate beyond sane limits."""
    try:
        with zipfile.ZipFile(stream) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FileProblem.of(msg.FILE_XLSX_BROKEN) from None
    finally:
        stream.seek(0)
    if "xl/workbook.xml" not in {m.filename for m in members}:
        raise FileProblem.of(msg.FILE_NOT_TABULAR)
    if sum(m.file_size for m in members) > XLSX_MAX_UNCOMPRESSED:
        raise FileProblem.of(msg.FILE_XLSX_UNSAFE)
    for member in members:
        if member.file_size > XLSX_RATIO_FLOOR and member.file_size > XLSX_MAX_RATIO * max(member.compress_size, 1):
            raise FileProblem.of(msg.FILE_XLSX_UNSAFE)


def _xlsx_rows(stream: IO[bytes]) -> Iterator[tuple[int, Cells]]:
    import openpyxl  # imported here: CSV imports never pay for it

    check_xlsx_archive(stream)
    try:
        book = openpyxl.load_workbook(stream, read_only=True, data_only=False, keep_links=False)
    except Exception:  # openpyxl raises many kinds on a damaged file; the user needs one message
        logger.info("XLSX could not be opened", exc_info=True)
        raise FileProblem.of(msg.FILE_XLSX_BROKEN) from None
    try:
        sheet: Any = book.worksheets[0] if book.worksheets else None
        if sheet is None or not hasattr(sheet, "iter_rows"):
            raise FileProblem.of(msg.FILE_NOT_TABULAR)
        try:
            yield from enumerate(sheet.iter_rows(values_only=True), start=1)
        except FileProblem:
            raise
        except Exception:
            logger.info("XLSX sheet could not be read", exc_info=True)
            raise FileProblem.of(msg.FILE_XLSX_BROKEN) from None
    finally:
        book.close()


def _is_blank_row(cells: Cells) -> bool:
    first = cells[0] if cells else None
    if first.__class__ is str and first and not first.isspace():  # type: ignore[attr-defined]
        return False  # the common case, decided by the first cell
    return all(is_blank(c) for c in cells)


def _locate_header(kind: str, encoding: str, raw_rows: Iterator[tuple[int, Cells]], columns: Sequence[Column]) -> Sheet:
    seen: list[tuple[int, Cells]] = []
    best: tuple[int, HeaderMatch] | None = None
    for number, cells in raw_rows:
        if _is_blank_row(cells):
            continue
        match = match_header(cells, columns)
        if match.size >= 2 and (best is None or match.size > best[1].size):
            best = (number, match)
        seen.append((number, cells))
        if len(seen) >= HEADER_SEARCH_ROWS or (best and best[1].size == len(columns)):
            break
    if not seen:
        raise FileProblem.of(msg.FILE_EMPTY)
    if best is None:
        example = ", ".join(c.header for c in columns[:3])
        raise FileProblem.of(msg.HEADER_NOT_FOUND.format(example=example))
    header_row, match = best
    problems = [
        msg.RowError(header_row, c.header, msg.DUPLICATE_COLUMN.format(column=c.header)) for c in match.duplicates
    ]
    problems += [
        msg.RowError(header_row, c.header, msg.MISSING_COLUMN.format(column=c.header))
        for c in columns
        if c.required and c.field not in match.index
    ]
    if problems:
        raise FileProblem(problems)
    buffered = [(n, cells) for n, cells in seen if n > header_row]

    def data_rows() -> Iterator[tuple[int, Cells]]:
        yield from buffered
        for number, cells in raw_rows:
            first = cells[0] if cells else None
            # a non-blank first text decides the common row without a call; anything else asks _is_blank_row
            if (first.__class__ is str and first and not first.isspace()) or not _is_blank_row(cells):  # type: ignore[attr-defined]
                yield number, cells

    return Sheet(kind, encoding, header_row, match, data_rows())
