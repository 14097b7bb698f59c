"""One run of a register import: read, clean every cell and row, then upsert on the natural key — or nothing.

A kind (employers, vacancies, seekers, KECO) supplies its columns, its natural key and a row cleaner that
turns the cleaned cells into model fields (reporting row-level problems). The run collects every error with
its row and Korean column header; only a file without errors is written, and a dry run writes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from django.conf import settings
from django.db import models, transaction

from jobpledge.jobcenter import messages as jmsg
from jobpledge.records.importers import messages as msg
from jobpledge.records.importers.columns import Column
from jobpledge.records.importers.readers import FileProblem, open_sheet
from jobpledge.records.importers.results import ImportResult
from jobpledge.records.importers.widgets import CellError, is_blank

logger = logging.getLogger(__name__)

#: reports a problem of the current row: (field or "" for the row, Korean message)
Report = Callable[[str, str], None]


@dataclass
class ImportKind:
    """What a register import needs to know about its kind."""

    name: str  # "employers" …
    columns: Sequence[Column]
    model: type[models.Model]
    key: str  # the model field of the natural key (also the cleaned field's name)
    key_label: str  # Korean header of the key, for the duplicate message
    clean_row: Callable[[dict[str, Any], Report], dict[str, Any] | None]
    create_only: Mapping[str, Any] = field(default_factory=dict)  # defaults for new rows only (status …)
    #: checks a row against the stored object it would update (e.g. a withdrawn consent)
    check_stored: Callable[[dict[str, Any], Any, Report], None] | None = None


def run_import(
    kind: ImportKind, *, file: BinaryIO, dry_run: bool, source: str = "cli", is_demo: bool = False
) -> ImportResult:
    """Read and check the whole file; write it (upsert on the key) only when no row has an error."""
    with transaction.atomic():
        result = ImportResult(kind=kind.name, dry_run=dry_run)
        max_bytes = None if source == "cli" else int(settings.JOBPLEDGE_UPLOAD_MAX_BYTES)
        try:
            sheet = open_sheet(file, columns=kind.columns, max_bytes=max_bytes)
        except FileProblem as problem:
            for error in problem.errors:
                result.add_error(error.row, error.column, error.message)
            return result
        by_field = {c.field: c for c in kind.columns}
        rows: dict[Any, tuple[int, dict[str, Any]]] = {}
        for number, cells in sheet.rows:
            result.rows += 1
            fields = _clean(kind, by_field, sheet.header.index, number, cells, result)
            if fields is None:
                continue
            key = fields[kind.key]
            if key in rows:
                first = rows[key][0]
                result.add_error(
                    number,
                    kind.key_label,
                    jmsg.DUPLICATE_KEY.format(key=kind.key_label, value=key, first=first),
                )
                continue
            rows[key] = (number, fields)
        if result.rows == 0:
            result.add_error(0, "", jmsg.NO_DATA_ROWS)
        if not result.ok:
            return result
        existing = {getattr(o, kind.key): o for o in kind.model._default_manager.filter(**{f"{kind.key}__in": rows})}
        if kind.check_stored is not None:
            for key, (number, fields) in rows.items():
                if key in existing:
                    _report_row(kind.check_stored, fields, existing[key], number, by_field, result)
            if not result.ok:
                return result
        to_create, to_update = [], []
        for key, (_, fields) in rows.items():
            current = existing.get(key)
            if current is None:
                result.created += 1
                to_create.append(kind.model(**{**kind.create_only, **fields, **({"is_demo": True} if is_demo else {})}))
                continue
            changed = {name: value for name, value in fields.items() if getattr(current, name) != value}
            if not changed:
                result.unchanged += 1
                continue
            result.updated += 1
            for name, value in changed.items():
                setattr(current, name, value)
            to_update.append(current)
        if not dry_run:
            kind.model._default_manager.bulk_create(to_create, batch_size=1000)
            for obj in to_update:
                obj.save()
        logger.info(
            "jobcenter %s import source=%s rows=%s created=%s updated=%s unchanged=%s dry_run=%s",
            kind.name, source, result.rows, result.created, result.updated, result.unchanged, dry_run,
        )  # fmt: skip
        return result


def _report_row(
    check: Callable[[dict[str, Any], Any, Report], None],
    fields: dict[str, Any],
    current: Any,
    number: int,
    by_field: Mapping[str, Column],
    result: ImportResult,
) -> None:
    check(
        fields, current, lambda name, message: result.add_error(number, by_field[name].header if name else "", message)
    )


def _clean(
    kind: ImportKind,
    by_field: Mapping[str, Column],
    positions: Mapping[str, int],
    number: int,
    cells: Sequence[object],
    result: ImportResult,
) -> dict[str, Any] | None:
    values: dict[str, Any] = {}
    bad = False
    for name, column in by_field.items():
        position = positions.get(name)
        raw = cells[position] if position is not None and position < len(cells) else None
        if is_blank(raw):
            if column.required:
                result.add_error(number, column.header, msg.MISSING_VALUE)
                bad = True
            values[name] = None
            continue
        try:
            values[name] = column.widget.clean(raw)
        except CellError as error:
            result.add_error(number, column.header, error.message)
            bad = True
    if bad:
        return None
    problems: list[tuple[str, str]] = []
    fields = kind.clean_row(values, lambda name, message: problems.append((name, message)))
    for name, message in problems:
        result.add_error(number, by_field[name].header if name else "", message)
    return None if problems else fields
