"""One pass over an uploaded file: validate every row, upsert valid rows chunk by chunk.

The caller (records.services) owns the transaction: it rolls back when the result carries errors or
is a dry run. A dry run writes nothing at all: it only looks up existing records to tell new,
updated and unchanged rows apart. Once a row fails, later chunks are validated but not written.
Duplicate keys within the file are caught in memory (compact 64-bit hashes per key: seen.py).
"""

from __future__ import annotations

import itertools
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.db import connection
from django.db.models import Exists, OuterRef
from django.db.models.expressions import RawSQL

from jobpledge.accounts.models import Department
from jobpledge.plans.models import Program
from jobpledge.records.closing import COLUMN, ClosedGuard
from jobpledge.records.importers import messages as msg
from jobpledge.records.importers.bulk import (
    DATA_FIELDS,
    RecordWriter,
    data_values,
    ensure_creation_history,
    stored_ids_sql,
    write_change_history,
)
from jobpledge.records.importers.readers import FileProblem, Sheet
from jobpledge.records.importers.results import ImportResult
from jobpledge.records.importers.rows import AggregateCleaner, CleanAggregate, CleanRecord, RecordCleaner, name_key
from jobpledge.records.importers.seen import SeenKeys
from jobpledge.records.models import AggregateEntry, JobRecord

logger = logging.getLogger(__name__)

CHUNK_ROWS = 2000
Progress = Callable[[int], None]


class Departments:
    """Departments by name key; unknown ones are created (owner imports) when the run writes."""

    def __init__(self) -> None:
        self.by_key = {name_key(d.name): d.pk for d in Department.objects.all()}
        self.new: dict[str, str] = {}  # key -> name as first written
        self._keys: dict[str, str] = {}

    def key(self, name: str) -> str:
        key = self._keys.get(name)
        if key is None:
            key = self._keys[name] = name_key(name)
        return key

    def id_for(self, key: str, name: str, *, create: bool) -> int | None:
        """The department's id; an unknown one is noted as new, and created when `create`."""
        pk = self.by_key.get(key)
        if pk is None:
            self.new.setdefault(key, name)
            if create:
                pk = self.by_key[key] = Department.objects.get_or_create(name=self.new[key])[0].pk
                logger.info("import created department id=%s", pk)
        return pk


def run_record_import(
    *,
    sheet: Sheet,
    cleaner: RecordCleaner,
    result: ImportResult,
    writer: RecordWriter | None,
    progress: Progress | None,
    guard: ClosedGuard | None = None,
) -> None:
    """Fill `result`; write through `writer` (None: dry run) while the file has no error.

    With a `guard`, rows that create or change a record of a closed period are noted; without its reason each
    is an error (records.closing), so nothing is written.
    """
    departments = Departments()
    if writer is not None:
        writer.tallies.begin()  # the writers' lock first (records.writes), so that the snapshot below holds
    occupied = _occupied_departments()
    seen = SeenKeys()  # (department key, record id) -> first row, compactly
    chunk: list[tuple[str, CleanRecord, int]] = []  # (department key, row, row number)

    def flush() -> None:
        _upsert_records(chunk, departments, occupied, result, writer if result.ok else None, guard)
        chunk.clear()
        if progress:
            progress(result.rows)

    try:
        for number, cells in sheet.rows:
            result.rows += 1
            row, errors = cleaner.clean_cells(cells)
            if row is None:
                for error in errors:
                    result.add_error(number, error.column, error.message)
                continue
            department_key = cleaner.department_key(row.department)
            first = seen.first_row((department_key, row.record_id), number)
            if first != number:
                message = msg.DUPLICATE_RECORD.format(value=msg.shown(row.record_id), first=first)
                result.add_error(number, "실적번호", message)
                continue
            chunk.append((department_key, row, number))
            if len(chunk) >= CHUNK_ROWS:
                flush()
        flush()
    except FileProblem as problem:
        for located in problem.errors:
            result.add_error(located.row, located.column, located.message)
    if result.rows == 0 and result.ok:
        result.add_error(0, "", msg.NO_DATA_ROWS)
    result.new_departments = list(departments.new.values())
    if writer is not None and result.ok:
        writer.finish()


def _stored_records(by_department: dict[int, list[str]]) -> Iterable[Any]:
    """The stored state (`values()`) of the records with these (department id, record id) keys.

    On PostgreSQL the keys come as arrays (`unnest`), each looked up through the unique index by a
    LATERAL subquery (its LIMIT keeps it from being flattened into a hash join): one query per chunk whose
    plan does not depend on statistics. Inside the import's one transaction nothing analyzes the growing
    table; without statistics the plain `department_id = … AND record_id IN (…)` scanned the whole
    department through `record_department_start` for every chunk, and a plain join of the arrays became a
    hash join over a sequential scan: both made a large import quadratic.
    """
    if not by_department:
        return []
    if connection.vendor != "postgresql":
        return itertools.chain.from_iterable(
            JobRecord.objects.filter(department_id=department_id, record_id__in=record_ids).values()
            for department_id, record_ids in by_department.items()
        )
    departments = [department_id for department_id, ids in by_department.items() for _ in ids]
    record_ids = [record_id for ids in by_department.values() for record_id in ids]
    matching = RawSQL(stored_ids_sql(), (departments, record_ids))  # noqa: S611 - quoted names, values as parameters
    return JobRecord.objects.filter(pk__in=matching).values()


def _occupied_departments() -> set[int]:
    """The departments that hold at least one record when the import begins (one index probe each).

    Only their keys can already be stored: a department without records gets only new ones from this file (a
    key twice in the file is caught by SeenKeys before any lookup), so its chunks skip the lookup query.
    """
    has_records = JobRecord.objects.filter(department_id=OuterRef("pk"))
    return set(Department.objects.filter(Exists(has_records)).values_list("pk", flat=True))


def _upsert_records(
    chunk: list[tuple[str, CleanRecord, int]],
    departments: Departments,
    occupied: set[int],
    result: ImportResult,
    writer: RecordWriter | None,
    guard: ClosedGuard | None = None,
) -> None:
    if not chunk:
        return
    ids: dict[str, int | None] = {}
    for key, row, _ in chunk:
        if key not in ids:
            ids[key] = departments.id_for(key, row.department, create=writer is not None)
    by_department: dict[int, list[str]] = defaultdict(list)
    keyed: list[tuple[int | None, CleanRecord, int]] = []
    for key, row, number in chunk:
        department_id = ids[key]
        keyed.append((department_id, row, number))
        if department_id in occupied:
            by_department[department_id].append(row.record_id)
    existing: dict[tuple[int, str], Any] = {}
    for found in _stored_records(by_department):
        existing[(found["department_id"], found["record_id"])] = found
    inserts: list[tuple[int, CleanRecord]] = []
    updates: list[tuple[Any, tuple[Any, ...]]] = []
    for department_id, row, number in keyed:
        state = existing.get((department_id, row.record_id)) if department_id is not None else None
        if state is None:
            _guard_row(guard, result, [row.period_id], number, row)
            result.created += 1
            inserts.append((department_id, row))  # type: ignore[arg-type]  # id is known when writing
            continue
        if state["withdrawn_at"] is not None:
            result.still_withdrawn += 1
        new = data_values(row)
        if new == tuple(state[name] for name in DATA_FIELDS):
            result.unchanged += 1
        else:
            _guard_row(guard, result, [state["period_id"], row.period_id], number, row)
            result.updated += 1
            updates.append((state, new))
    if writer is None or not result.ok:
        return
    writer.chunk_changes(inserts, updates)  # the summary tallies, from the state before this chunk's writes
    if inserts:
        writer.insert(inserts)
    if updates:
        ensure_creation_history(state for state, _ in updates)
        writer.update([(state["id"], new) for state, new in updates])
        after = []
        for state, new in updates:
            after.append(
                {
                    **state,
                    **dict(zip(DATA_FIELDS, new, strict=True)),
                    "batch_id": writer.batch_id,
                    "updated_by_id": writer.user_id,
                }
            )
        write_change_history(after, user_id=writer.user_id, now=writer.now, reason=f"적재 #{writer.batch_id}")


def _guard_row(
    guard: ClosedGuard | None, result: ImportResult, period_ids: list[int | None], number: int, row: CleanRecord
) -> None:
    if guard is None:
        return
    for touch in guard.touch(period_ids, row=number, label=f"{row.department} {row.record_id}"):
        if not guard.reason:
            result.add_error(number, COLUMN, guard.message(touch))


def _guard_aggregates(
    guard: ClosedGuard, result: ImportResult, rows: list[CleanAggregate], numbers: list[int], departments: Departments
) -> None:
    """Note the rows that create or change an entry of a closed period; without a reason each is an error."""
    existing: dict[tuple[int | None, int, int], AggregateEntry] = {
        (e.department_id, e.program_id, e.period_id): e
        for e in AggregateEntry.objects.filter(department_id__in=set(departments.by_key.values()))
    }
    names = dict(Program.objects.filter(pk__in={r.program_id for r in rows}).values_list("pk", "name"))
    for number, row in zip(numbers, rows, strict=True):
        entry = existing.get((departments.by_key.get(departments.key(row.department)), row.program_id, row.period_id))
        if entry is not None and entry.count == row.count and entry.evidence == row.evidence:
            continue
        label = f"{row.department} {names.get(row.program_id, row.program_id)}"
        for touch in guard.touch([row.period_id], row=number, label=label):
            if not guard.reason:
                result.add_error(number, "기간", guard.message(touch))


def run_aggregate_import(
    *,
    sheet: Sheet,
    cleaner: AggregateCleaner,
    result: ImportResult,
    batch_id: int | None,
    user: Any,
    progress: Progress | None,
    guard: ClosedGuard | None = None,
) -> None:
    """Aggregate files are small (one row per department × program × period): validated whole, then upserted."""
    departments = Departments()
    seen: dict[tuple[str, int, int], int] = {}
    rows: list[CleanAggregate] = []
    numbers: list[int] = []
    try:
        for number, cells in sheet.rows:
            result.rows += 1
            row, errors = cleaner.clean_cells(cells)
            if row is None:
                for error in errors:
                    result.add_error(number, error.column, error.message)
                continue
            key = (departments.key(row.department), row.program_id, row.period_id)
            first = seen.setdefault(key, number)
            if first != number:
                result.add_error(number, "부서", msg.DUPLICATE_AGGREGATE.format(first=first))
                continue
            rows.append(row)
            numbers.append(number)
    except FileProblem as problem:
        for located in problem.errors:
            result.add_error(located.row, located.column, located.message)
    if result.rows == 0 and result.ok:
        result.add_error(0, "", msg.NO_DATA_ROWS)
    if progress:
        progress(result.rows)
    if guard is not None and guard.closed:  # before anything is written: a refused row stops the whole file
        _guard_aggregates(guard, result, rows, numbers, departments)
    write = batch_id is not None and result.ok
    keyed = [(departments.id_for(departments.key(row.department), row.department, create=write), row) for row in rows]
    result.new_departments = list(departments.new.values())
    existing = {
        (e.department_id, e.program_id, e.period_id): e
        for e in AggregateEntry.objects.filter(department_id__in={d for d, _ in keyed if d is not None})
    }
    for department_id, row in keyed:
        entry = existing.get((department_id, row.program_id, row.period_id)) if department_id is not None else None
        if entry is not None and entry.withdrawn_at is not None:
            result.still_withdrawn += 1
        if entry is None:
            result.created += 1
            if write:
                entry = AggregateEntry(
                    department_id=department_id or 0, program_id=row.program_id, period_id=row.period_id
                )
                entry.created_by = user
        elif entry.count == row.count and entry.evidence == row.evidence:
            result.unchanged += 1
            continue
        else:
            result.updated += 1
        if write and entry is not None:
            entry.count, entry.evidence, entry.batch_id, entry.updated_by = row.count, row.evidence, batch_id, user
            entry._history_user = user  # type: ignore[attr-defined]
            entry._change_reason = f"적재 #{batch_id}"  # type: ignore[attr-defined]
            entry.save()
    logger.info("aggregate import rows=%s created=%s updated=%s", result.rows, result.created, result.updated)
