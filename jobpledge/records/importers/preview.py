"""What the upload preview shows of the file itself: its first rows and the 실적번호 of each row with an error.

Read with the importer's own reader (open_sheet), so that rows are numbered as in the error list. The personal
identifier column is never shown (it is pseudonymised on import and must not appear on a page); birth dates
are not shown either. Cells are shown as text, cut to a readable length.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from jobpledge.records.importers.columns import AGGREGATE_COLUMNS, PERSON_ID, RECORD_COLUMNS
from jobpledge.records.importers.readers import FileProblem, open_sheet
from jobpledge.records.importers.widgets import as_text, is_blank

PREVIEW_ROWS = 5
HIDDEN_FIELDS = frozenset({PERSON_ID, "birth_date"})
CELL_CHARS = 40


@dataclass
class FilePreview:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (row number as in the error list, shown cells)
    record_ids: dict[int, str] = field(default_factory=dict)  # row number -> 실적번호, for the rows with errors


def _shown(value: object) -> str:
    if is_blank(value):
        return ""
    text = as_text(value)
    return text if len(text) <= CELL_CHARS else text[: CELL_CHARS - 1] + "…"


def file_preview(
    path: Path, *, kind: str, error_rows: Iterable[int] = (), limit: int = PREVIEW_ROWS
) -> FilePreview | None:
    """The first `limit` rows and the 실적번호 of `error_rows`; None when the file cannot be read as the template."""
    columns = RECORD_COLUMNS if kind == "records" else AGGREGATE_COLUMNS
    wanted = {row for row in error_rows if row > 0}
    try:
        with path.open("rb") as handle:
            sheet = open_sheet(handle, columns=columns)
            shown = [c for c in columns if c.field in sheet.header.index and c.field not in HIDDEN_FIELDS]
            id_cell = sheet.header.index.get("record_id")
            preview = FilePreview(headers=[c.header for c in shown], rows=[])
            for number, cells in sheet.rows:
                if len(preview.rows) < limit:
                    row = [
                        _shown(cells[sheet.header.index[c.field]]) if sheet.header.index[c.field] < len(cells) else ""
                        for c in shown
                    ]
                    preview.rows.append((number, row))
                if id_cell is not None and number in wanted and id_cell < len(cells):
                    preview.record_ids[number] = _shown(cells[id_cell])
                if len(preview.rows) >= limit and (id_cell is None or len(preview.record_ids) >= len(wanted)):
                    break
    except (FileProblem, OSError):
        return None
    return preview
