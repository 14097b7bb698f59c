"""Reading an uploaded CSV or XLSX file as rows of cells, streamed, with its header row located.

CSV: UTF-8 (with or without BOM), UTF-16 (Excel's "유니코드 텍스트"), else CP949/EUC-KR — what Korean
Excel saves; a NUL character in a cell is refused with its row and column (PostgreSQL cannot store it, and
SQLite would, so both refuse it here). XLSX: the first worksheet, through importers/xlsx.py (python-calamine,
after the checks that keep hostile files within bounds; formulas read as their text, never evaluated).
Anything else is refused with a Korean message. Rows are numbered as a spreadsheet shows them: the first row of the file is 1.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import logging
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import IO, BinaryIO

from jobpledge.records.importers import messages as msg
from jobpledge.records.importers.columns import Column, HeaderMatch, match_header
from jobpledge.records.importers.problems import FileProblem
from jobpledge.records.importers.widgets import as_text, is_blank
from jobpledge.records.importers.xlsx import column_letters, xlsx_rows

__all__ = ["FileProblem", "Sheet", "detect_encoding", "open_sheet"]

logger = logging.getLogger(__name__)

SAMPLE_BYTES = 64 * 1024
HEADER_SEARCH_ROWS = 20  # title rows tolerated above the header
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r"}

Cells = Sequence[object]


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
    raw_rows: Iterator[tuple[int, Cells]]
    if head.startswith(_ZIP_MAGIC):
        kind, encoding, raw_rows = "xlsx", "", xlsx_rows(stream)
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


class _NulInCell(Exception):
    """A NUL character in a CSV cell; _locate_header names the column, which only it knows."""

    def __init__(self, row: int, position: int) -> None:
        super().__init__(row, position)
        self.row, self.position = row, position


def _nul_problem(nul: _NulInCell, header: Cells | None) -> FileProblem:
    cell = header[nul.position] if header is not None and nul.position < len(header) else None
    column = as_text(cell) if not is_blank(cell) else column_letters(nul.position + 1)
    return FileProblem.of(msg.CELL_NUL, row=nul.row, column=column)


def _csv_rows(stream: IO[bytes], encoding: str) -> Iterator[tuple[int, Cells]]:
    text = io.TextIOWrapper(stream, encoding=encoding, errors="strict", newline="")  # type: ignore[type-var]
    try:
        sample = text.read(SAMPLE_BYTES)
        delimiter = _sniff_delimiter(sample.splitlines()[:HEADER_SEARCH_ROWS])
        text.seek(0)
        nul_seen = False

        def lines() -> Iterator[str]:  # one C-level search per line: PostgreSQL cannot store a NUL, SQLite would
            nonlocal nul_seen
            for line in text:
                if "\x00" in line:
                    nul_seen = True
                yield line

        for number, cells in enumerate(csv.reader(lines(), delimiter=delimiter), start=1):
            if nul_seen:
                raise _NulInCell(number, next((i for i, cell in enumerate(cells) if "\x00" in cell), 0))
            yield number, cells
    except UnicodeDecodeError:
        raise FileProblem.of(msg.FILE_ENCODING) from None
    except csv.Error:
        raise FileProblem.of(msg.FILE_NOT_TABULAR) from None
    finally:
        with contextlib.suppress(ValueError):  # leave the caller's file open; it may be closed already
            text.detach()


def _is_blank_row(cells: Cells) -> bool:
    first = cells[0] if cells else None
    if first.__class__ is str and first and not first.isspace():  # type: ignore[attr-defined]
        return False  # the common case, decided by the first cell
    return all(is_blank(c) for c in cells)


def _locate_header(kind: str, encoding: str, raw_rows: Iterator[tuple[int, Cells]], columns: Sequence[Column]) -> Sheet:
    seen: list[tuple[int, Cells]] = []
    best: tuple[int, HeaderMatch] | None = None
    try:
        for number, cells in raw_rows:
            if _is_blank_row(cells):
                continue
            match = match_header(cells, columns)
            if match.size >= 2 and (best is None or match.size > best[1].size):
                best = (number, match)
            seen.append((number, cells))
            if len(seen) >= HEADER_SEARCH_ROWS or (best and best[1].size == len(columns)):
                break
    except _NulInCell as nul:
        raise _nul_problem(nul, None) from None
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
    header_cells = next(cells for n, cells in seen if n == header_row)

    def data_rows() -> Iterator[tuple[int, Cells]]:
        yield from buffered
        try:
            for number, cells in raw_rows:
                first = cells[0] if cells else None
                # a non-blank first text decides the common row without a call; anything else asks _is_blank_row
                if (first.__class__ is str and first and not first.isspace()) or not _is_blank_row(cells):  # type: ignore[attr-defined]
                    yield number, cells
        except _NulInCell as nul:
            raise _nul_problem(nul, header_cells) from None

    return Sheet(kind, encoding, header_row, match, data_rows())
