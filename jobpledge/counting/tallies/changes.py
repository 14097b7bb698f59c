"""Maintenance: the difference a write makes to the tallies (additive cells and person histograms), and the upsert."""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple

from django.db import connections
from django.db.models import F

from jobpledge.counting.models import SummaryTally, TallyState
from jobpledge.counting.tallies.guard import maintenance_done, tallies_lock
from jobpledge.counting.tallies.keys import (
    KEY_FIELDS,
    OUTSIDE_TERM,
    PERSON_BATCH,
    POSTGRES_TYPES,
    RESIDENT_KEYS,
    STATE_PK,
    CellKey,
    person_cell,
)
from jobpledge.plans.models import Program
from jobpledge.records.models import JobRecord
from jobpledge.records.writes import TRACKED_FIELDS, Change

logger = logging.getLogger(__name__)


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


# The JobRecord fields a contribution reads: those the records layer hands every tracker (records.writes).
TALLIED_FIELDS = TRACKED_FIELDS


def contribution(values: Mapping[str, Any] | None, plans: Mapping[int, int]) -> Contribution | None:
    """A record's contribution from its field values (TALLIED_FIELDS); None when absent or withdrawn."""
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
                    self.cells[person_cell(*scope, day)] -= 1
            for scope, day in first_after.items():
                if first_before.get(scope) != day:
                    self.cells[person_cell(*scope, day)] += 1

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
