"""The first worksheet of an XLSX file, read by python-calamine (Rust) within limits set by the file's real content.

calamine is fast (issue 13 §3), but it trusts the file in two places where a tiny hostile file can make it
allocate without bound, and a failed allocation in Rust aborts the whole process (no Python exception):
- it holds the sheet as a dense grid over the used range, so one cell at A1 and one at XFD1048576 ask for
  17 billion cells;
- it sizes the shared-string table from `uniqueCount`, so a 1 KB file can ask for 48 GB.
So nothing reaches calamine before these checks (docs/security.md, "Uploaded files"):
1. the zip directory: every member's declared size, all together and against its compressed size (a bomb
   inflates hundreds of times; real workbook XML ten to thirty times). Both zip readers, Python's and
   calamine's, stop at the declared size, so a member cannot lie about it;
2. the shared-string table's declared `uniqueCount` against the bytes it could occupy;
3. the worksheet XML, streamed once (no tree): the cells it really holds against the used range calamine
   would allocate (last row × last column, cells without a reference counted conservatively). Formulas are
   picked up in the same pass, so that a formula cell reads as its text ("=1+1"), never its cached value,
   as it did with openpyxl.
Cells come out as openpyxl gave them, so that the widgets see no difference: whole numbers as int, dates as
datetime (midnight), blanks as None.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any
from xml.sax.saxutils import unescape

from defusedxml import ElementTree

from jobpledge.records.importers import messages as msg
from jobpledge.records.importers.problems import FileProblem

logger = logging.getLogger(__name__)

# --- limits (docs/security.md and docs/import-format.md list them) --------------------------------------------
MAX_UNCOMPRESSED = 1024**3  # all members together, as declared in the zip directory
MAX_RATIO = 100  # a member larger than RATIO_FLOOR may inflate at most this many times
RATIO_FLOOR = 1024**2
MAX_PART_BYTES = 16 * 1024**2  # workbook.xml and its relationships: a few KB in any real workbook
SHARED_STRING_MIN_BYTES = 7  # "<si/>" plus a little: no table holds more strings than its bytes allow
MAX_ROWS = 1_048_576  # Excel's own limits; calamine would accept more
MAX_COLUMNS = 16_384
AREA_FLOOR = 1_000_000  # a used range of up to a million cells is always read
AREA_PER_CELL = 8  # beyond that, the used range may span at most 8 cells per cell the sheet really holds
MAX_AREA = 20_000_000  # and never more than this (calamine: ~32 bytes per cell of the range)
SCAN_BLOCK = 4 * 1024**2

_CELL_ANY = re.compile(rb"<(?:[\w.-]+:)?c[\s/>]")  # every cell element, whatever its namespace prefix
_ROW_ANY = re.compile(rb"<(?:[\w.-]+:)?row[\s/>]")
_CELL_REF = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')  # how every writer we know puts it
_CELL_REF_LOOSE = re.compile(rb"<(?:[\w.-]+:)?c\s[^>]*?\br\s*=\s*[\"']\s*([A-Za-z]*)([0-9]*)")
_TWO_REFS = re.compile(rb"<(?:[\w.-]+:)?(?:c|row)\s[^>]*?\br\s*=[^>]*?\sr\s*=")
_ROW_REF_LOOSE = re.compile(rb"<(?:[\w.-]+:)?row\s[^>]*?\br\s*=\s*[\"']\s*([0-9]*)")
_FORMULA_CELL = re.compile(
    rb"<c\s[^>]*?\br=\"([A-Z]{1,3})([0-9]{1,7})\"[^>]*(?<!/)>((?:(?!</c>).)*?)</c>", re.DOTALL
)  # only run on a block that has a formula in it
_FORMULA = re.compile(rb"<f\b([^>]*?)(?:/>|>(.*?)</f>)", re.DOTALL)
_ATTRIBUTE = re.compile(rb"""(\w+)\s*=\s*["']([^"']*)["']""")
_SST_START = re.compile(rb"<(?:[\w.-]+:)?sst\b([^>]*)>")
_UNIQUE_COUNT = re.compile(rb"""uniqueCount\s*=\s*["']\s*([0-9]+)""")
_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


@functools.lru_cache(maxsize=64)
def _beyond(column: int, row: int) -> re.Pattern[bytes]:
    """A search for any cell reference that is not canonical, or lies right of `column` or below `row`."""
    return re.compile(
        rb'<c r="(?:(?![A-Z]{1,3}[1-9][0-9]{0,6}")'
        + b"|" + _greater(column_letters(column), "ABCDEFGHIJKLMNOPQRSTUVWXYZ") + b"[0-9]"
        + b"|[A-Z]{1,3}" + _greater(str(row), "0123456789") + b'")'
    )  # fmt: skip


def _greater(text: str, alphabet: str) -> bytes:
    """A regex for the strings over `alphabet` (no leading zero) that are greater than `text` read as a number."""
    first = alphabet[1] if alphabet[0] == "0" else alphabet[0]
    longer = f"[{first}-{alphabet[-1]}][{alphabet[0]}-{alphabet[-1]}]{{{len(text)},}}"
    options = [longer]
    for position, char in enumerate(text):
        above = alphabet.index(char) + 1
        if above < len(alphabet):
            rest = len(text) - position - 1
            tail = f"[{alphabet[0]}-{alphabet[-1]}]{{{rest}}}" if rest else ""
            options.append(f"{text[:position]}[{alphabet[above]}-{alphabet[-1]}]{tail}")
    return ("(?:" + "|".join(options) + ")").encode()


def column_number(letters: bytes | str) -> int:
    """A → 1, Z → 26, AA → 27, XFD → 16384 (letters of any case, as calamine reads them)."""
    number = 0
    for char in letters.upper() if isinstance(letters, str) else letters.decode("ascii").upper():
        number = number * 26 + ord(char) - 64
    return number


def column_letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass
class SheetScan:
    """What one pass over the worksheet XML found: the extent calamine would allocate, and the formulas."""

    cells: int = 0  # cell elements in the XML: the real content
    last_row: int = 0  # 1-based upper bounds of the used range
    last_column: int = 0
    rows_without_ref: int = 0
    cells_without_ref: int = 0
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column), 1-based -> "=…"
    _shared: dict[bytes, tuple[str, str]] = field(default_factory=dict)  # si -> (formula, origin cell)

    @property
    def height(self) -> int:
        return self.last_row + self.rows_without_ref

    @property
    def width(self) -> int:
        return self.last_column + self.cells_without_ref

    def feed(self, block: bytes) -> None:
        """Count the cells and bound the range, with C-level passes when the block is written the common way.

        The common way: every cell `<c r="A1"…` (canonical reference), cells in row order. Then the block's
        last cell bounds its rows, and one regex search proves that no cell lies beyond it or beyond the widest
        column seen so far; a block that fails the proof (or the first block) has every reference read.
        """
        standard = block.count(b'<c r="')
        other = block.count(b"<c") - standard
        if other:  # <cols>, <cfRule> … also start with "<c"; anything left is a cell written some other way
            other -= block.count(b"<col") + block.count(b"<cf")
        unusual = other > 0 or b":c" in block  # another attribute order, quotes, a namespace prefix …
        if unusual or block.count(b"r=") != standard + block.count(b'<row r="'):  # or a second r= (calamine
            self._feed_loose(block)  # takes the last), or just "r=" in a text: let the exact reading decide
            return
        self.cells += standard
        if standard:
            last = _CELL_REF.match(block, block.rfind(b'<c r="'))
            if self.last_column and last is not None and _beyond(self.last_column, int(last[2])).search(block) is None:
                self.last_row = max(self.last_row, int(last[2]))
            else:
                refs = _CELL_REF.findall(block)
                if len(refs) != standard:  # a reference beyond "XFD…", with a leading zero, in lower case …
                    self.cells -= standard
                    self._feed_loose(block)
                    return
                letters, rows = zip(*refs, strict=True)
                self.last_column = max(self.last_column, max(column_number(c) for c in set(letters)))
                self.last_row = max(self.last_row, max(map(int, set(rows))))
        if b"<f" in block:
            self._formulas(block)

    def _feed_loose(self, block: bytes) -> None:
        if _TWO_REFS.search(block):  # not XML at all (an attribute twice); calamine would believe the last one
            raise FileProblem.of(msg.FILE_XLSX_BROKEN)
        cells = len(_CELL_ANY.findall(block))
        self.cells += cells
        refs = _CELL_REF_LOOSE.findall(block)
        self.cells_without_ref += max(cells - len(refs), 0)  # calamine places these one after another
        if refs:
            self.last_column = max(self.last_column, max(column_number(c) for c in {c for c, _ in refs}))
            self.last_row = max(self.last_row, max(int(r or 0) for _, r in refs))
        rows = len(_ROW_ANY.findall(block))
        row_refs = _ROW_REF_LOOSE.findall(block)
        self.rows_without_ref += max(rows - len(row_refs), 0)
        if row_refs:
            self.last_row = max(self.last_row, max(int(r or 0) for r in row_refs))
        if b"<f" in block:
            self._formulas(block)

    def _formulas(self, block: bytes) -> None:
        for letters, row, inner in _FORMULA_CELL.findall(block):
            found = _FORMULA.search(inner)
            if found is None:
                continue
            attributes = dict(_ATTRIBUTE.findall(found[1]))
            text = "=" + unescape((found[2] or b"").decode("utf-8", "replace"), {"&quot;": '"', "&apos;": "'"})
            cell = letters.decode() + row.decode()
            if attributes.get(b"t") == b"shared":
                text = self._shared_formula(attributes.get(b"si", b""), text, cell)
            elif attributes.get(b"t") == b"dataTable":
                continue  # openpyxl gave an object here; the cached value is as good
            self.formulas[(int(row), column_number(letters))] = text

    def _shared_formula(self, index: bytes, text: str, cell: str) -> str:
        if index in self._shared:
            from openpyxl.formula.translate import Translator  # only for shared formulas, as openpyxl did

            formula, origin = self._shared[index]
            return str(Translator(formula, origin).translate_formula(cell))
        if text != "=":
            self._shared[index] = (text, cell)
        return text


def check_archive(stream: IO[bytes]) -> tuple[int, str, str]:
    """Refuse zip bombs and non-workbooks; return the first worksheet's (index, sheet name, member name)."""
    try:
        with zipfile.ZipFile(stream) as archive:
            infos = archive.infolist()
            members = {m.filename: m for m in infos}
            if len(members) != len(infos):  # two members of one name: which would calamine read?
                raise FileProblem.of(msg.FILE_XLSX_BROKEN)
            if "xl/workbook.xml" not in members:
                raise FileProblem.of(msg.FILE_NOT_TABULAR)
            if sum(m.file_size for m in members.values()) > MAX_UNCOMPRESSED:
                raise FileProblem.of(msg.FILE_XLSX_UNSAFE)
            for member in members.values():
                if member.file_size > RATIO_FLOOR and member.file_size > MAX_RATIO * max(member.compress_size, 1):
                    logger.info("XLSX member refused: %s inflates %s -> %s", member.filename[:80],
                                member.compress_size, member.file_size)  # fmt: skip
                    raise FileProblem.of(msg.FILE_XLSX_UNSAFE)
            for member in members.values():
                if member.filename.lower().endswith("sharedstrings.xml"):
                    _check_shared_strings(archive, member)
            index, sheet, name = _first_worksheet(archive, members)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError):
        logger.info("XLSX archive could not be read", exc_info=True)
        raise FileProblem.of(msg.FILE_XLSX_BROKEN) from None
    finally:
        stream.seek(0)
    return index, sheet, name


def _check_shared_strings(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    with archive.open(member) as handle:
        head = handle.read(64 * 1024)
    start = _SST_START.search(head)
    if start is None:
        if member.file_size > len(head):  # the table's start tag hidden behind 64 KB of padding: not Excel's
            raise FileProblem.of(msg.FILE_XLSX_UNSAFE)
        return
    declared = _UNIQUE_COUNT.search(start[1])
    if declared and int(declared[1]) > member.file_size // SHARED_STRING_MIN_BYTES + 1:
        logger.info("XLSX shared strings refused: uniqueCount %s in %s bytes", declared[1][:20], member.file_size)
        raise FileProblem.of(msg.FILE_XLSX_UNSAFE)


def _part(archive: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo], name: str) -> Any:
    member = members.get(name)
    if member is None:
        raise FileProblem.of(msg.FILE_XLSX_BROKEN)
    if member.file_size > MAX_PART_BYTES:
        raise FileProblem.of(msg.FILE_XLSX_UNSAFE)
    try:
        return ElementTree.fromstring(archive.read(member))
    except Exception:  # defusedxml's refusals and any parse error: one message for the user
        logger.info("XLSX part %s could not be parsed", name, exc_info=True)
        raise FileProblem.of(msg.FILE_XLSX_BROKEN) from None


def _first_worksheet(archive: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo]) -> tuple[int, str, str]:
    """The first sheet that is a worksheet (not a chart sheet), in workbook order, as openpyxl chose it."""
    workbook = _part(archive, members, "xl/workbook.xml")
    relations = _part(archive, members, "xl/_rels/workbook.xml.rels")
    targets = {
        rel.get("Id"): (rel.get("Type", ""), rel.get("Target", ""))
        for rel in relations.iter(f"{{{_PKG_REL_NS}}}Relationship")
    }
    sheets = list(workbook.iter(f"{{{_MAIN_NS}}}sheet"))
    if len({sheet.get("name") for sheet in sheets}) != len(sheets):
        raise FileProblem.of(msg.FILE_XLSX_BROKEN)  # calamine finds sheets by name: names must be unique
    for index, sheet in enumerate(sheets):
        kind, target = targets.get(sheet.get(f"{{{_REL_NS}}}id"), ("", ""))
        if kind.endswith("/worksheet"):
            return index, sheet.get("name", ""), _member_name(target, members)
    raise FileProblem.of(msg.FILE_NOT_TABULAR)


def _member_name(target: str, members: dict[str, zipfile.ZipInfo]) -> str:
    """The zip member a worksheet relationship names, resolved as calamine resolves it, or refused.

    Any path that two readers could resolve differently ("..", ".", backslashes) is refused, so that the
    member scanned here is the member calamine reads.
    """
    name = target[1:] if target.startswith("/") else target if target.startswith("xl/") else "xl/" + target
    if "\\" in name or any(part in {"", ".", ".."} for part in name.split("/")) or name not in members:
        raise FileProblem.of(msg.FILE_XLSX_BROKEN)
    return name


def scan_sheet(stream: IO[bytes], name: str) -> SheetScan:
    """One streamed pass over the worksheet XML (blocks cut before a `<`, so that no tag is split)."""
    scan = SheetScan()
    try:
        with zipfile.ZipFile(stream) as archive, archive.open(name) as handle:
            pending = b""
            while block := handle.read(SCAN_BLOCK):
                pending += block
                cut = pending.rfind(b"</row>")
                cut = cut + 6 if cut > 0 else pending.rfind(b"<")
                if cut > 0:
                    scan.feed(pending[:cut])
                    pending = pending[cut:]
            scan.feed(pending)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        logger.info("XLSX sheet could not be scanned", exc_info=True)
        raise FileProblem.of(msg.FILE_XLSX_BROKEN) from None
    finally:
        stream.seek(0)
    far = f"{column_letters(min(scan.width, MAX_COLUMNS + 1))}{scan.height}"
    if scan.height > MAX_ROWS or scan.width > MAX_COLUMNS:
        raise FileProblem.of(msg.FILE_XLSX_BEYOND_EXCEL.format(cell=far))
    area = scan.height * scan.width
    if area > MAX_AREA or area > max(AREA_FLOOR, AREA_PER_CELL * scan.cells):
        logger.info("XLSX sheet refused: used range %sx%s for %s cells", scan.height, scan.width, scan.cells)
        raise FileProblem.of(
            msg.FILE_XLSX_SPARSE.format(rows=scan.height, columns=scan.width, cells=scan.cells, cell=far)
        )
    return scan


def xlsx_rows(stream: IO[bytes]) -> Iterator[tuple[int, list[Any]]]:
    """(row number, cells) of the first worksheet, numbered as Excel shows them; refuses what check_* refuse."""
    import python_calamine  # imported here: CSV imports never pay for it

    index, sheet_name, name = check_archive(stream)
    scan = scan_sheet(stream, name)
    WORKSHEET = python_calamine.SheetTypeEnum.WorkSheet  # noqa: N806 - the sheet we scanned, or none
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(stream)
        meta = book.sheets_metadata
        if index >= len(meta) or (meta[index].name, meta[index].typ) != (sheet_name, WORKSHEET):
            raise FileProblem.of(msg.FILE_XLSX_BROKEN)
        sheet = book.get_sheet_by_index(index)
    except FileProblem:
        raise
    except Exception:  # calamine's CalamineError, XmlError, ZipError …: the user needs one message
        logger.info("XLSX could not be opened", exc_info=True)
        raise FileProblem.of(msg.FILE_XLSX_BROKEN) from None
    start = sheet.start
    if start is None:
        return
    first_row, first_column = start[0] + 1, start[1] + 1
    formulas: dict[int, list[tuple[int, str]]] = {}  # row offset -> (column offset, "=…")
    for (row, column), text in scan.formulas.items():
        if row >= first_row and column >= first_column:
            formulas.setdefault(row - first_row, []).append((column - first_column, text))
    try:
        for offset, cells in enumerate(sheet.iter_rows()):
            _as_openpyxl(cells)
            for column, text in formulas.get(offset, ()):
                if column < len(cells):
                    cells[column] = text
            yield first_row + offset, cells
    except Exception:
        logger.info("XLSX sheet could not be read", exc_info=True)
        raise FileProblem.of(msg.FILE_XLSX_BROKEN) from None
    finally:
        book.close()


_MIDNIGHT = dt.time()


def _as_openpyxl(cells: list[Any]) -> None:
    """In place: calamine's '' → None, 3.0 → 3, date → datetime, as openpyxl read them (the widgets' contract)."""
    for position, value in enumerate(cells):
        kind = value.__class__
        if kind is str:
            if not value:
                cells[position] = None
        elif kind is float:
            if value.is_integer():
                cells[position] = int(value)
        elif kind is dt.date:
            cells[position] = dt.datetime.combine(value, _MIDNIGHT)
