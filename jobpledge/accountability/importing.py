"""Reading an accountability file (targets, spending) with the record importer's reader and widgets.

The conventions are the record import's (docs/import-format.md): CSV (UTF-8/CP949) or XLSX, title rows tolerated
above the header, Korean headers or their English aliases, every cell checked and every problem reported with its
row and column, and nothing stored unless every row is valid.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, BinaryIO

from django.conf import settings

from jobpledge.records.importers import messages as msg
from jobpledge.records.importers.columns import Column
from jobpledge.records.importers.readers import FileProblem, Sheet, open_sheet
from jobpledge.records.importers.results import ImportResult
from jobpledge.records.importers.widgets import CellError, is_blank


def open_file(result: ImportResult, *, file: BinaryIO, columns: Sequence[Column], source: str) -> Sheet | None:
    """The located sheet, or None with the file's problems in `result` (uploads are size-limited; the CLI is not)."""
    limit = None if source == "cli" else int(settings.JOBPLEDGE_UPLOAD_MAX_BYTES)
    try:
        return open_sheet(file, columns=columns, max_bytes=limit)
    except FileProblem as problem:
        for error in problem.errors:
            result.add_error(error.row, error.column, error.message)
        return None


def clean_rows(
    sheet: Sheet, *, columns: Sequence[Column], result: ImportResult
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Each row whose every cell is valid, as (row number, {field: value}); the others' errors go to `result`.

    A blank optional cell reads as None; a blank required cell is an error.
    """
    positions = sheet.header.index
    try:
        for number, cells in sheet.rows:
            result.rows += 1
            values: dict[str, Any] = {}
            valid = True
            for column in columns:
                position = positions.get(column.field)
                raw = cells[position] if position is not None and position < len(cells) else None
                if is_blank(raw):
                    if column.required:
                        result.add_error(number, column.header, msg.MISSING_VALUE)
                        valid = False
                    values[column.field] = None
                    continue
                try:
                    values[column.field] = column.widget.clean(raw)
                except CellError as error:
                    result.add_error(number, column.header, error.message)
                    valid = False
            if valid:
                yield number, values
    except FileProblem as problem:
        for located in problem.errors:
            result.add_error(located.row, located.column, located.message)
