"""Set-based writes of job records for imports: chunked lookups, inserts and updates, and their history.

Inserts bypass the ORM on purpose: a million-row import must stay within twice a bare `executemany`,
and model instances cost more than the rest of the row's work. PostgreSQL gets `COPY`, other databases
`executemany`. Values are adapted as the ORM would (datetimes through `connection.ops`).

History (django-simple-history) is written for every change: a record created by a file has its
batch as its creation audit, and its "+" history row is written the first time it changes (from the
stored state, dated at its creation), so that the record's history always starts with how it began.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from django.db import connection

from jobpledge.records import writes
from jobpledge.records.importers.rows import CleanRecord
from jobpledge.records.models import JobRecord
from jobpledge.records.writes import Change

# Every concrete column of JobRecord except the primary key, in the order of `insert_row`.
INSERT_FIELDS = [
    "department_id",
    "program_id",
    "record_id",
    "person_pseudonym",
    "birth_date",
    "gender",
    "start_date",
    "end_date",
    "employment_type",
    "monthly_wage",
    "weekly_hours",
    "employer",
    "is_resident",
    "is_senior_activity",
    "evidence",
    "period_id",
    "age_at_start",
    "generation",
    "retention_deadline",
    "batch_id",
    "is_demo",
    "withdrawn_at",
    "withdrawn_reason",
    "created_by_id",
    "updated_by_id",
    "created_at",
    "updated_at",
]
# What a file row decides; a row equal on all of these leaves the record unchanged.
DATA_FIELDS = INSERT_FIELDS[1:19]  # program_id … retention_deadline (person_pseudonym may be kept)
UPDATE_FIELDS = [*DATA_FIELDS, "batch_id", "updated_by_id", "updated_at"]
# What an imported row has besides its data fields, as far as the tallies care.
_NEW = {"is_demo": False, "withdrawn_at": None}


def data_values(row: CleanRecord) -> tuple[Any, ...]:
    return (
        row.program_id,
        row.record_id,
        row.person_pseudonym,
        row.birth_date,
        row.gender,
        row.start_date,
        row.end_date,
        row.employment_type,
        row.monthly_wage,
        row.weekly_hours,
        row.employer,
        row.is_resident,
        row.is_senior_activity,
        row.evidence,
        row.period_id,
        row.age_at_start,
        row.generation,
        row.retention_deadline,
    )


def _quoted(fields: Sequence[str]) -> list[str]:
    meta = JobRecord._meta
    columns = {f.attname: f.column for f in meta.concrete_fields}
    return [connection.ops.quote_name(columns[name]) for name in fields]


def stored_ids_sql() -> str:
    """PostgreSQL: the ids of the records whose (department id, record id) pairs come as two arrays.

    Each pair is looked up through the unique index by a LATERAL subquery (its LIMIT keeps it from being
    flattened into a hash join), so the plan does not depend on statistics, which are missing or stale
    inside an import's one long transaction.
    """
    meta = JobRecord._meta
    quote = connection.ops.quote_name
    table, pk = quote(meta.db_table), quote(meta.pk.column)
    department, record = _quoted(["department_id", "record_id"])
    return (
        f"SELECT i.{pk} FROM unnest(%s::bigint[], %s::text[]) AS k(department, record) "  # noqa: S608 - names quoted
        f"CROSS JOIN LATERAL (SELECT j.{pk} FROM {table} j "
        f"WHERE j.{department} = k.department AND j.{record} = k.record LIMIT 1) i"
    )


class RecordWriter:
    """Writes chunks of one import: everything stamped with one batch, user and time.

    `tallies` collects the summary-tally deltas of the whole run (a records.writes tracker): the caller hands it each
    chunk's changes before writing them (`chunk_changes`), and `finish()` writes the deltas once at the end.
    """

    def __init__(self, *, batch_id: int | None, user_id: int | None, now: dt.datetime) -> None:
        self.batch_id = batch_id
        self.user_id = user_id
        self.now = now
        self.tallies = writes.tracker()
        self.now_db = connection.ops.adapt_datetimefield_value(now)
        table = connection.ops.quote_name(JobRecord._meta.db_table)
        columns = _quoted(INSERT_FIELDS)
        self.copy_sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        marks = ", ".join(["%s"] * len(columns))
        self.insert_sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"  # noqa: S608 - names quoted
        sets = ", ".join(f"{c} = %s" for c in _quoted(UPDATE_FIELDS))
        self.update_sql = f"UPDATE {table} SET {sets} WHERE {connection.ops.quote_name('id')} = %s"  # noqa: S608

    def insert(self, rows: Iterable[tuple[int, CleanRecord]]) -> None:
        """(department id, row) pairs become new records."""
        stamp = (self.batch_id, False, None, "", self.user_id, self.user_id)
        if connection.vendor == "postgresql":
            tail: tuple[Any, ...] = (*stamp, self.now, self.now)
            # the raw psycopg cursor: wrap its errors as Django's (IntegrityError …) like the ORM does
            with (
                connection.wrap_database_errors,
                connection.cursor() as cursor,
                cursor.cursor.copy(self.copy_sql) as copy,
            ):
                for department_id, row in rows:
                    copy.write_row((department_id, *data_values(row), *tail))
        else:
            tail = (*stamp, self.now_db, self.now_db)
            params = [(department_id, *data_values(row), *tail) for department_id, row in rows]
            with connection.cursor() as cursor:
                cursor.executemany(self.insert_sql, params)

    def chunk_changes(
        self, inserts: Sequence[tuple[int, CleanRecord]], updates: Sequence[tuple[Mapping[str, Any], tuple[Any, ...]]]
    ) -> None:
        """Account one chunk in the tallies; call before `insert` and `update` write it."""
        self.tallies.rows += len(inserts)
        if not self.tallies.begin():
            return
        changes: list[Change] = [
            (None, None, {**dict(zip(DATA_FIELDS, data_values(row), strict=True)), **_NEW, "department_id": dept})
            for dept, row in inserts
        ]
        changes += [
            (state["id"], state, {**state, **dict(zip(DATA_FIELDS, new, strict=True))}) for state, new in updates
        ]
        self.tallies.change(changes)

    def finish(self) -> None:
        """Write the run's tally deltas (once, at the end of a successful run)."""
        self.tallies.write()

    def update(self, rows: Sequence[tuple[int, tuple[Any, ...]]]) -> None:
        """(record id, data values) pairs overwrite the data fields of existing records."""
        tail = (self.batch_id, self.user_id, self.now_db)
        with connection.cursor() as cursor:
            cursor.executemany(self.update_sql, [(*values, *tail, pk) for pk, values in rows])


SQLITE_IMPORT_CACHE_KIB = 64 * 1024


@contextlib.contextmanager
def bulk_session() -> Iterator[None]:
    """SQLite's default page cache (2 MiB) makes index maintenance dominate a large import: widen it
    for the import's duration (a bounded 64 MiB), then restore it. Other databases need nothing."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")


def tracked_attnames() -> list[str]:
    return [f.attname for f in JobRecord.history.model.tracked_fields]  # type: ignore[attr-defined]


def ensure_creation_history(states: Iterable[Mapping[str, Any]]) -> None:
    """Write the "+" history row, from the stored state, for records that have no history yet.

    Call with the records' state *before* a change (an import update, a form edit, a withdrawal).
    """
    states = list(states)
    if not states:
        return
    history = JobRecord.history.model  # type: ignore[attr-defined]
    has_history = set(history.objects.filter(id__in=[s["id"] for s in states]).values_list("id", flat=True))
    attnames = tracked_attnames()
    history.objects.bulk_create(
        [
            history(
                **{name: state[name] for name in attnames},
                history_date=state["created_at"],
                history_user_id=state["created_by_id"],
                history_type="+",
                history_change_reason=f"적재 #{state['batch_id']}" if state["batch_id"] else "",
            )
            for state in states
            if state["id"] not in has_history
        ],
        batch_size=500,
    )


def write_change_history(
    states: Iterable[dict[str, Any]], *, user_id: int | None, now: dt.datetime, reason: str
) -> None:
    """The "~" history rows for records changed by a set-based update (states after the change)."""
    history = JobRecord.history.model  # type: ignore[attr-defined]
    attnames = tracked_attnames()
    history.objects.bulk_create(
        [
            history(
                **{name: state[name] for name in attnames},
                history_date=now,
                history_user_id=user_id,
                history_type="~",
                history_change_reason=reason,
            )
            for state in states
        ],
        batch_size=500,
    )
