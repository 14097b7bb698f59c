"""Summary tallies: what an ActualsSummary needs, kept up to date by the writes themselves.

Counting as of any day needs, per plan, only day histograms (records.summary explains why): records by start day
and by retention deadline per group, in-term records by start day per generation / gender / resident value, and
persons by the day of their earliest live in-term start per scope (whole term, period, department). These live in
one small table, SummaryTally (~10^4–10^5 rows at a million records), so that a report after a write reads them
instead of scanning the records.

Maintenance. Every write to JobRecord changes the tallies in its own transaction by the difference between the
rows' old and new contributions (a withdrawn record contributes nothing):

- the additive cells (started, kept, shares) by subtracting the old state and adding the new one;
- the person histograms by reading the live in-term records of the affected persons (one query, through the
  `record_person` index), computing each person's first start per scope before and after the change in Python,
  and moving the person from the old day to the new one.

`TallyChanges` does both and writes the cells with INSERT … ON CONFLICT DO UPDATE SET n = n + excluded.n. The
import keeps one per run (a person lookup per chunk, the cells written once at the end), the demo loader one per
load; single-row ORM saves and deletes (the record services, factories, tests) go through records.signals.

The guard (TallyState). Every maintaining write locks the state row first (so that two writers never compute the
same person's change from the same stale view). A set-based ORM write that bypasses maintenance (`.update()`,
`bulk_create` …; see models.JobRecordQuerySet) marks the tallies stale, and the state counts the records the
tallies have seen: the summary read (`tallies_ready`) rebuilds the tallies from scratch when they are stale or
when COUNT(*) disagrees (a raw INSERT or DELETE). `tallies_rebuild` recomputes everything with GROUP BY queries
over the records — independently of the maintenance code, which is what the property tests compare against.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple

from django.db import connections, transaction
from django.db.models import Count, F, Min
from django.utils import timezone

from jobpledge.plans.models import Program
from jobpledge.records.models import JobRecord, SummaryTally, TallyState

logger = logging.getLogger(__name__)

STATE_PK = 1
OUTSIDE_TERM = 0  # the period sentinel in the tally key (NULL would defeat the unique key)
# (plan, kind, program, period, department, senior, demo, value, day)
CellKey = tuple[int, str, int, int, int, bool, bool, str, int]
KEY_FIELDS = [
    "plan_id",
    "kind",
    "program_id",
    "period_id",
    "department_id",
    "is_senior_activity",
    "is_demo",
    "value",
    "day",
]
SHARE_KINDS = ("generation", "gender", "resident")
PERSON_SCOPES = ("persons_total", "persons_period", "persons_department")
RESIDENT_KEYS: dict[bool | None, str] = {True: "Y", False: "N", None: "unknown"}
# PostgreSQL's default work_mem (4 MB) makes the rebuild's per-person GROUP BYs spill to disk; SET LOCAL only.
POSTGRES_WORK_MEM = "256MB"
POSTGRES_TYPES = ["integer", "text", "integer", "integer", "integer", "boolean", "boolean", "text", "integer", "bigint"]
PERSON_BATCH = 5000  # pseudonyms per lookup (SQLite allows 32766 parameters); an import chunk has at most 4000

# PostgreSQL: the transaction-local setting that the guard trigger (migration 0005) reads.
MAINTAINED_SETTING = "jobpledge.tallies_maintained"

_maintained: contextvars.ContextVar[bool] = contextvars.ContextVar("tallies_maintained", default=False)


class Contribution(NamedTuple):
    """What one live record adds to the tallies (a withdrawn record adds nothing and has none)."""

    plan_id: int
    program_id: int
    period_id: int  # OUTSIDE_TERM when the start lies outside every period
    department_id: int
    senior: bool
    demo: bool
    start: int  # ordinal
    kept_day: int | None  # the retention deadline when the end is open or not before it, else None
    generation: str
    gender: str
    resident: str
    person: str


def contribution(values: Mapping[str, Any] | None, plans: Mapping[int, int]) -> Contribution | None:
    """A record's contribution from its field values (`values()` names); None when absent or withdrawn."""
    if values is None or values["withdrawn_at"] is not None:
        return None
    deadline: dt.date = values["retention_deadline"]
    end: dt.date | None = values["end_date"]
    return Contribution(
        plan_id=plans[values["program_id"]],
        program_id=values["program_id"],
        period_id=values["period_id"] or OUTSIDE_TERM,
        department_id=values["department_id"],
        senior=bool(values["is_senior_activity"]),
        demo=bool(values["is_demo"]),
        start=values["start_date"].toordinal(),
        kept_day=deadline.toordinal() if end is None or end >= deadline else None,
        generation=values["generation"],
        gender=values["gender"],
        resident=RESIDENT_KEYS[values["is_resident"]],
        person=values["person_pseudonym"],
    )


def program_plans(using: str = "default") -> dict[int, int]:
    return dict(Program.objects.using(using).values_list("id", "plan_id"))


# A person's records as the person histograms see them: (plan, period, department, start ordinal).
Footprint = tuple[int, int, int, int]


def _first_starts(footprints: Iterable[Footprint]) -> dict[tuple[int, str, int], int]:
    """(plan, scope kind, scope id) -> the earliest start among these in-term records."""
    first: dict[tuple[int, str, int], int] = {}
    for plan_id, period_id, department_id, start in footprints:
        for scope in (
            (plan_id, "persons_total", 0),
            (plan_id, "persons_period", period_id),
            (plan_id, "persons_department", department_id),
        ):
            if start < first.get(scope, start + 1):
                first[scope] = start
    return first


def _person_cell(scope: tuple[int, str, int], day: int) -> CellKey:
    plan_id, kind, scope_id = scope
    period_id = scope_id if kind == "persons_period" else 0
    department_id = scope_id if kind == "persons_department" else 0
    return (plan_id, kind, 0, period_id, department_id, False, False, "", day)


def _live_in_term(persons: set[str], using: str) -> Iterator[tuple[int, str, int, int, int, dt.date]]:
    """(id, person, program, period, department, start) of these persons' live in-term records: one query.

    PostgreSQL gets the pseudonyms as one array, each looked up through `record_person` by a LATERAL subquery
    (OFFSET 0 keeps it from being flattened into a hash join): inside an import's one long transaction the table
    has no statistics, and a plain `IN (…)` of thousands of values would be planned as a sequential scan.
    """
    connection = connections[using]
    if connection.vendor == "postgresql":
        quote = connection.ops.quote_name
        table = quote(JobRecord._meta.db_table)
        fields = ["id", "person_pseudonym", "program_id", "period_id", "department_id", "start_date"]
        selected = ", ".join(f"r.{quote(name)}" for name in fields)
        with connection.cursor() as cursor:
            # Without statistics each probe is estimated at hundreds of rows, and the query's total cost crosses
            # jit_above_cost: compiling it took ~65 ms per chunk, the probes themselves ~6 ms. Off for this query.
            cursor.execute("SELECT current_setting('jit'), set_config('jit', 'off', true)")
            jit = cursor.fetchone()[0]
            cursor.execute(
                f"SELECT j.* FROM unnest(%s::text[]) AS k(person) CROSS JOIN LATERAL "  # noqa: S608 - quoted
                f"(SELECT {selected} FROM {table} r WHERE r.{quote('person_pseudonym')} = k.person "
                f"AND r.{quote('withdrawn_at')} IS NULL AND r.{quote('period_id')} IS NOT NULL OFFSET 0) j",
                [sorted(persons)],
            )
            rows = cursor.fetchall()
            cursor.execute("SELECT set_config('jit', %s, true)", [jit])
        yield from rows
        return
    ordered = sorted(persons)
    for offset in range(0, len(ordered), PERSON_BATCH):  # SQLite allows 32,766 parameters
        yield from (
            JobRecord.objects.using(using)
            .filter(person_pseudonym__in=ordered[offset : offset + PERSON_BATCH], withdrawn_at__isnull=True)
            .filter(period__isnull=False)
            .order_by()
            .values_list("id", "person_pseudonym", "program_id", "period_id", "department_id", "start_date")
        )


# A change to one record: (its id, or None for a row not yet inserted; old values or None; new values or None).
Change = tuple[int | None, Mapping[str, Any] | None, Mapping[str, Any] | None]


class TallyChanges:
    """Accumulates the tally deltas of one write (or one whole import) and writes them in one go.

    Call `begin()` first, inside the writing transaction: it locks the state row and says whether the tallies are
    maintained at all (stale tallies are rebuilt by the next read, so a write need not maintain them). Then
    `change()` for each batch of rows *before* rows without an id are inserted (their persons are looked up in
    the database as it stands, and inserts are added by hand), and `write()` once at the end.
    """

    def __init__(self, using: str = "default") -> None:
        self.using = using
        self.cells: dict[CellKey, int] = defaultdict(int)
        self.rows = 0  # net number of JobRecord rows inserted (+) or deleted (-)
        self.active: bool | None = None
        self._plans: dict[int, int] | None = None

    def begin(self) -> bool:
        if self.active is None:
            self.active = tallies_lock(using=self.using)
        return self.active

    @property
    def plans(self) -> dict[int, int]:
        if self._plans is None:
            self._plans = program_plans(self.using)
        return self._plans

    def change(self, changes: Sequence[Change]) -> None:
        """Apply old -> new for these records (maintained only when `begin()` said so)."""
        if not changes or not self.begin():
            return
        pairs = [
            (record_id, contribution(old, self.plans), contribution(new, self.plans)) for record_id, old, new in changes
        ]
        for _id, old, new in pairs:
            if old != new:
                if old is not None:
                    self._add(old, -1)
                if new is not None:
                    self._add(new, +1)
        self._persons(pairs)

    def _add(self, c: Contribution, sign: int) -> None:
        group = (c.plan_id, c.program_id, c.period_id, c.department_id, c.senior, c.demo)
        plan_id, program_id, period_id, department_id, senior, demo = group
        self.cells[(plan_id, "started", program_id, period_id, department_id, senior, demo, "", c.start)] += sign
        if c.kept_day is not None:
            self.cells[(plan_id, "kept", program_id, period_id, department_id, senior, demo, "", c.kept_day)] += sign
        if c.period_id != OUTSIDE_TERM:
            for kind, value in (("generation", c.generation), ("gender", c.gender), ("resident", c.resident)):
                self.cells[(plan_id, kind, 0, 0, 0, False, False, value, c.start)] += sign

    def _persons(self, pairs: list[tuple[int | None, Contribution | None, Contribution | None]]) -> None:
        """Move each affected person from their old first-start day to the new one, in every scope."""
        affected = {
            c.person for _id, old, new in pairs for c in (old, new) if c is not None and c.period_id != OUTSIDE_TERM
        }
        if not affected:
            return
        changed_ids = {record_id for record_id, _old, _new in pairs if record_id is not None}
        others: dict[str, list[Footprint]] = defaultdict(list)
        for record_id, person, program_id, period_id, department_id, start in _live_in_term(affected, self.using):
            if record_id not in changed_ids:  # the changed rows enter with their explicit old and new states
                others[person].append((self.plans[program_id], period_id, department_id, start.toordinal()))
        before = {person: list(others[person]) for person in affected}
        after = {person: list(others[person]) for person in affected}
        for _id, old, new in pairs:
            for side, c in ((before, old), (after, new)):
                if c is not None and c.period_id != OUTSIDE_TERM:
                    side[c.person].append((c.plan_id, c.period_id, c.department_id, c.start))
        for person in affected:
            first_before, first_after = _first_starts(before[person]), _first_starts(after[person])
            for scope, day in first_before.items():
                if first_after.get(scope) != day:
                    self.cells[_person_cell(scope, day)] -= 1
            for scope, day in first_after.items():
                if first_before.get(scope) != day:
                    self.cells[_person_cell(scope, day)] += 1

    def write(self) -> None:
        """Upsert the accumulated cells and the row count (when the tallies are maintained); ends maintenance."""
        if self.active:
            _upsert([(*key, n) for key, n in self.cells.items() if n], using=self.using)
            if self.rows:
                state = TallyState.objects.using(self.using).filter(pk=STATE_PK)
                state.update(records=F("records") + self.rows)
        if self.active is not None:
            maintenance_done(using=self.using)
        self.cells.clear()
        self.rows = 0


def _upsert(cells: Sequence[tuple[Any, ...]], *, using: str) -> None:
    """Add each cell's n to the stored one (INSERT … ON CONFLICT DO UPDATE: SQLite ≥ 3.24 and PostgreSQL)."""
    if not cells:
        return
    connection = connections[using]
    quote = connection.ops.quote_name
    table = quote(SummaryTally._meta.db_table)
    columns = ", ".join(quote(name) for name in [*KEY_FIELDS, "n"])
    key = ", ".join(quote(name) for name in KEY_FIELDS)
    n = quote("n")
    add = f"ON CONFLICT ({key}) DO UPDATE SET {n} = {table}.{n} + excluded.{n}"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One statement with one array per column: psycopg parses a short query once (thousands of
            # placeholders cost more to parse client-side than the upsert itself).
            arrays = ", ".join(f"%s::{sql_type}[]" for sql_type in POSTGRES_TYPES)
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT * FROM unnest({arrays}) {add}",  # noqa: S608 - quoted names
                [list(column) for column in zip(*cells, strict=True)],
            )
        else:
            marks = ", ".join(["%s"] * (len(KEY_FIELDS) + 1))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks}) {add}", cells)  # noqa: S608


# --- the guard -------------------------------------------------------------------------------------------------


def tallies_lock(*, using: str = "default") -> bool:
    """Lock the state row until the transaction ends; True when the tallies are current (to be maintained).

    Writers take this lock before they lock or write any record, so that two writers (or a writer and a rebuild)
    always queue in the same order and never compute one person's change from the same view. On PostgreSQL it
    also tells the guard trigger that the record writes that follow are maintained (until `maintenance_done`).
    """
    connection = connections[using]
    if connection.vendor == "postgresql":
        _maintenance_flag(connection, on=True)
    stale = (
        TallyState.objects.using(using).select_for_update().filter(pk=STATE_PK).values_list("stale", flat=True).first()
    )
    return stale is False


def maintenance_done(*, using: str = "default") -> None:
    """Record writes from here on are no longer maintained (PostgreSQL's guard trigger watches again)."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        _maintenance_flag(connection, on=False)


def _maintenance_flag(connection: Any, *, on: bool) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, %s, true)", [MAINTAINED_SETTING, "on" if on else "off"])


@contextlib.contextmanager
def maintained_writes() -> Iterator[None]:
    """Set-based JobRecord writes inside this block maintain the tallies themselves (through TallyChanges)."""
    token = _maintained.set(True)
    try:
        yield
    finally:
        _maintained.reset(token)


def tallies_bypassed(*, using: str = "default") -> None:
    """A write changed records without maintaining the tallies: the next summary read rebuilds them."""
    if _maintained.get():
        return
    logger.info("records written without tally maintenance: tallies marked stale")
    TallyState.objects.using(using).filter(pk=STATE_PK).update(stale=True)


def _needs_rebuild(using: str) -> bool:
    """Stale or missing; on SQLite also a different number of records than the tallies saw (a raw INSERT or
    DELETE: SQLite has no statement triggers). One statement, so one snapshot."""
    connection = connections[using]
    quote = connection.ops.quote_name
    state, records = quote(TallyState._meta.db_table), quote(JobRecord._meta.db_table)
    counted = f"(SELECT COUNT(*) FROM {records})" if connection.vendor != "postgresql" else quote("records")  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote('stale')}, {quote('records')}, {counted} FROM {state} WHERE {quote('id')} = %s",  # noqa: S608
            [STATE_PK],
        )
        row = cursor.fetchone()
    if row is None or row[0]:
        return True
    if row[1] != row[2]:
        logger.warning("tallies saw %s records, the table holds %s: rebuilding", row[1], row[2])
        return True
    return False


def tallies_ready(*, using: str = "default") -> None:
    """Make sure the tallies can be read: rebuild them when stale, missing, or short of a raw write."""
    if _needs_rebuild(using):
        tallies_rebuild(using=using, only_if_needed=True)


# --- the rebuild -----------------------------------------------------------------------------------------------


def _ensure_state(using: str) -> None:
    connection = connections[using]
    quote = connection.ops.quote_name
    table = quote(TallyState._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({quote('id')}, {quote('stale')}, {quote('records')}) "  # noqa: S608 - quoted
            f"VALUES (%s, %s, %s) ON CONFLICT ({quote('id')}) DO NOTHING",
            [STATE_PK, True, 0],
        )


def tallies_rebuild(*, using: str = "default", only_if_needed: bool = False) -> int:
    """Recompute every tally from the records (GROUP BY queries); returns how many cells were written.

    Used when the tallies are stale (after a migration, a direct load, a bypassing write) and by the tests as the
    reference for the maintained tallies. Runs in its own transaction, holding the state row's lock (writers
    wait for it); `only_if_needed` re-checks under the lock, so that readers racing to rebuild do it once.
    """
    connection = connections[using]
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL work_mem = '{POSTGRES_WORK_MEM}'")
        _ensure_state(using)
        TallyState.objects.using(using).select_for_update().filter(pk=STATE_PK).values_list("id").first()
        if only_if_needed and not _needs_rebuild(using):  # another reader rebuilt them while we waited
            return 0
        SummaryTally.objects.using(using).all()._raw_delete(using)  # type: ignore[attr-defined]
        cells = scanned_cells(using=using)
        SummaryTally.objects.using(using).bulk_create(
            (SummaryTally(**dict(zip(KEY_FIELDS, key, strict=True)), n=n) for key, n in cells.items()),
            batch_size=2000,
        )
        TallyState.objects.using(using).filter(pk=STATE_PK).update(
            stale=False, records=JobRecord.objects.using(using).count(), rebuilt_at=timezone.now()
        )
    logger.info("summary tallies rebuilt: %s cells", len(cells))
    return len(cells)


def _day(value: dt.date | str) -> int:
    """A date from the database as an ordinal (raw SQLite cursors return ISO text for computed columns)."""
    return (value if isinstance(value, dt.date) else dt.date.fromisoformat(value)).toordinal()


def scanned_cells(*, using: str = "default") -> dict[CellKey, int]:
    """Every tally cell, counted from scratch over the live records (GROUP BY queries, no per-row Python)."""
    from jobpledge.records.selectors import q_kept_if_long_enough

    plans = program_plans(using)
    cells: dict[CellKey, int] = defaultdict(int)
    live = JobRecord.objects.using(using).filter(withdrawn_at__isnull=True).order_by()
    group = ("program_id", "period_id", "department_id", "is_senior_activity", "is_demo")
    rows = live.values(*group, "start_date", "retention_deadline").annotate(
        n=Count("id"), kept=Count("id", filter=q_kept_if_long_enough())
    )
    for row in rows:
        program_id, period_id, department_id, senior, demo = (row[name] for name in group)
        key = (plans[program_id], program_id, period_id or OUTSIDE_TERM, department_id, senior, demo)
        cells[(key[0], "started", *key[1:], "", row["start_date"].toordinal())] += row["n"]
        if row["kept"]:
            cells[(key[0], "kept", *key[1:], "", row["retention_deadline"].toordinal())] += row["kept"]
    in_term = live.filter(period__isnull=False)
    for kind, field in (("generation", "generation"), ("gender", "gender"), ("resident", "is_resident")):
        for program_id, value, start, n in (
            in_term.values("program_id", field, "start_date")
            .annotate(n=Count("id"))
            .values_list("program_id", field, "start_date", "n")
        ):
            shown = RESIDENT_KEYS[value] if kind == "resident" else value
            cells[(plans[program_id], kind, 0, 0, 0, False, False, shown, start.toordinal())] += n
    for kind, scope in zip(PERSON_SCOPES, (None, "period_id", "department_id"), strict=True):
        for plan_id, scope_id, first, n in _first_start_histogram(in_term, scope, using):
            period_id = scope_id if kind == "persons_period" else 0
            department_id = scope_id if kind == "persons_department" else 0
            cells[(plan_id, kind, 0, period_id, department_id, False, False, "", _day(first))] += n
    return cells


def _first_start_histogram(queryset: Any, scope: str | None, using: str) -> list[tuple[int, int, Any, int]]:
    """(plan, scope value or 0, first start, persons): SELECT … COUNT(*) FROM (per person MIN(start)) GROUP BY.

    The inner query is the ORM's, the outer one plain SQL that reads the same on SQLite and PostgreSQL.
    """
    fields = ["tally_plan", *([scope] if scope else []), "person_pseudonym"]
    inner = (
        queryset.annotate(tally_plan=F("program__plan_id"))
        .values(*fields)
        .annotate(first_start=Min("start_date"))
        .order_by()
    )
    sql, params = inner.query.sql_with_params()
    scope_column = f'sub."{scope}"' if scope else "0"
    outer = (
        f'SELECT sub."tally_plan", {scope_column}, sub.first_start, COUNT(*) FROM ({sql}) sub '  # noqa: S608
        "GROUP BY 1, 2, 3"
    )
    with connections[using].cursor() as cursor:
        cursor.execute(outer, params)
        return list(cursor.fetchall())


def stored_cells(*, using: str = "default") -> dict[CellKey, int]:
    """The tallies as stored (zero cells left out): what `scanned_cells` must equal."""
    return {
        tuple(row[:-1]): row[-1]  # type: ignore[misc]
        for row in SummaryTally.objects.using(using).exclude(n=0).values_list(*KEY_FIELDS, "n")
    }
