"""The counting rules (docs/counting.md): what counts, kept one year, without senior activity, and the shapes of
the counts.

The Q objects below are the single source of those rules, shared by the counting engine (counting.selectors), the
summary tallies' rebuild (counting.tallies) and the drill-down querysets, so that a figure and the records behind
it agree. Counts and Actuals are plain values: the summary (counting.summary) builds them without a query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import connections
from django.db.models import F, Q, QuerySet

from jobpledge.core.periods import GENERATION_BANDS
from jobpledge.plans.models import Plan
from jobpledge.records.models import JobRecord

GENERATION_LABELS: list[str] = [label for label, _low, _high in GENERATION_BANDS]
RESIDENT_KEYS: dict[bool | None, str] = {True: "Y", False: "N", None: "unknown"}


@dataclass
class Counts:
    """Counts over person-level records (and, for `actual` only, aggregate entries)."""

    actual: int = 0  # records + aggregates
    retained_1y: int = 0  # records only
    excluding_senior: int = 0  # records only
    unique_persons: int = 0  # records only
    unknown: int = 0  # aggregate entries: retention, senior, persons, generation unknown


@dataclass
class Actuals:
    """Everything the report needs from the records, as of one day."""

    as_of: dt.date
    by_period: dict[str, Counts] = field(default_factory=dict)  # period code -> counts
    total: Counts = field(default_factory=Counts)
    by_program: dict[str, int] = field(default_factory=dict)  # program name -> actual
    by_sector: dict[str, int] = field(default_factory=dict)  # sector name -> actual
    by_department: dict[str, Counts] = field(default_factory=dict)  # department name -> counts
    generations: dict[str, int] = field(default_factory=dict)  # band ("15-29" …) -> records counted
    gender: dict[str, int] = field(default_factory=dict)  # "M"/"F" -> records counted
    resident: dict[str, int] = field(default_factory=dict)  # "Y"/"N"/"unknown" -> records counted
    outside_term: int = 0  # records started (on or before as_of) outside every period
    demo: bool = False  # any demo data among what was counted
    # added: how many person-level records / aggregate units make up total.actual
    records_counted: int = 0
    aggregates_counted: int = 0


# ---------------------------------------------------------------------------------------------------------------
# The rules, as Q objects over JobRecord / AggregateEntry (see docs/counting.md)


def q_record_live(*, plan: Plan, as_of: dt.date) -> Q:
    """Not withdrawn, belongs to one of the plan's programs, started on or before as_of."""
    return Q(program__plan=plan, withdrawn_at__isnull=True, start_date__lte=as_of)


def q_record_in_term() -> Q:
    """Started inside one of the plan's periods (period is derived from the start date at write time)."""
    return Q(period__isnull=False)


def q_retained_1y(*, as_of: dt.date) -> Q:
    """Kept one year: min(end_date or as_of, as_of) >= retention_deadline.

    Written without LEAST/MIN so that it reads the same on SQLite and PostgreSQL: the cut last day reaches the
    deadline exactly when the deadline is not after as_of and the end date (if any) is not before the deadline.
    """
    return Q(retention_deadline__lte=as_of) & q_kept_if_long_enough()


def q_kept_if_long_enough() -> Q:
    """The part of "kept one year" that does not depend on as_of: the end is open or not before the deadline."""
    return Q(end_date__isnull=True) | Q(end_date__gte=F("retention_deadline"))


def q_excluding_senior() -> Q:
    return Q(is_senior_activity=False)


def records_for_counting(program_ids: list[int]) -> QuerySet[JobRecord]:
    """Records of these programs, not withdrawn, filtered so that the planner *scans* the table.

    On SQLite, `program_id + 0` keeps the planner from walking the (program, start_date) index and fetching each
    of a million rows by random access — counting reads nearly the whole table, and a scan is many times
    cheaper (docs/benchmarks.md). PostgreSQL scans anyway and estimates the plain filter better.
    """
    live = JobRecord.objects.filter(withdrawn_at__isnull=True).order_by()
    if connections[live.db].vendor == "sqlite":
        return live.alias(program_scan=F("program_id") + 0).filter(program_scan__in=program_ids)
    return live.filter(program_id__in=program_ids)


def q_aggregate_live(*, plan: Plan, as_of: dt.date) -> Q:
    """Aggregate entries not withdrawn, of the plan's programs, whose period has begun by as_of."""
    return Q(program__plan=plan, withdrawn_at__isnull=True, period__start__lte=as_of)
