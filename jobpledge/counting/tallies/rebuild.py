"""The rebuild: every tally recomputed from the records with GROUP BY queries (also the tests' reference)."""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from typing import Any

from django.db import connections, transaction
from django.db.models import Count, F, Min
from django.utils import timezone

from jobpledge.counting.models import SummaryTally, TallyState
from jobpledge.counting.rules import q_kept_if_long_enough
from jobpledge.counting.tallies.changes import program_plans
from jobpledge.counting.tallies.guard import needs_rebuild
from jobpledge.counting.tallies.keys import (
    KEY_FIELDS,
    OUTSIDE_TERM,
    PERSON_SCOPES,
    POSTGRES_WORK_MEM,
    RESIDENT_KEYS,
    STATE_PK,
    CellKey,
    person_cell,
)
from jobpledge.records.models import JobRecord

logger = logging.getLogger(__name__)


def tallies_ready(*, using: str = "default") -> None:
    """Make sure the tallies can be read: rebuild them when stale, missing, or short of a raw write."""
    if needs_rebuild(using):
        tallies_rebuild(using=using, only_if_needed=True)


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
        if only_if_needed and not needs_rebuild(using):  # another reader rebuilt them while we waited
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
            cells[person_cell(plan_id, kind, scope_id, _day(first))] += n
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
