"""Reads over job records: the counting engine behind every published number.

Contract used by jobpledge.plans.selectors.pledge_report (do not change field names without updating it).
Every rule is documented in docs/counting.md; the Q objects below are the single source of those rules,
shared by the counts and by the drill-down querysets, so that a figure and the records behind it agree.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connections
from django.db.models import Count, F, Q, QuerySet, Sum

from jobpledge.accounts.models import Department
from jobpledge.core.models import DataVersion
from jobpledge.core.periods import GENERATION_BANDS
from jobpledge.plans.models import Period, Plan, Program
from jobpledge.records.models import AggregateEntry, Gender, JobRecord
from jobpledge.records.summary import ActualsSummary, build_summary

logger = logging.getLogger(__name__)

GENERATION_LABELS: list[str] = [label for label, _low, _high in GENERATION_BANDS]
RESIDENT_KEYS: dict[bool | None, str] = {True: "Y", False: "N", None: "unknown"}

# How long a computed Actuals stays in the cache. Correctness never depends on it (the key carries the
# data version); it only bounds how long superseded entries linger.
CACHE_TIMEOUT_SECONDS = 24 * 60 * 60
CACHE_PREFIX = "jobpledge:actuals:v1"


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


# ---------------------------------------------------------------------------------------------------------------
# Querysets (drill-down, lists)


def counted_records(
    *,
    plan: Plan,
    as_of: dt.date,
    period: Period | None = None,
    department: Department | None = None,
    program: Program | None = None,
    basis: str = "actual",
) -> QuerySet[JobRecord]:
    """The person-level records behind one figure of count_actuals.

    basis: "actual" (official count), "retained_1y", "excluding_senior", or "outside_term".
    """
    qs = JobRecord.objects.filter(q_record_live(plan=plan, as_of=as_of))
    if basis == "outside_term":
        qs = qs.filter(period__isnull=True)
    else:
        qs = qs.filter(q_record_in_term())
    if basis == "retained_1y":
        qs = qs.filter(q_retained_1y(as_of=as_of))
    elif basis == "excluding_senior":
        qs = qs.filter(q_excluding_senior())
    elif basis not in {"actual", "outside_term"}:
        raise ValueError(f"unknown basis: {basis!r}")
    if period is not None:
        qs = qs.filter(period=period)
    if department is not None:
        qs = qs.filter(department=department)
    if program is not None:
        qs = qs.filter(program=program)
    return qs


def record_list(
    *,
    plan: Plan | None = None,
    department: Department | None = None,
    include_withdrawn: bool = False,
) -> QuerySet[JobRecord]:
    """Records for list pages and exports, newest start first, with the related rows a table shows."""
    qs = JobRecord.objects.select_related("department", "program", "program__sector", "period", "batch")
    if plan is not None:
        qs = qs.filter(program__plan=plan)
    if department is not None:
        qs = qs.filter(department=department)
    if not include_withdrawn:
        qs = qs.filter(withdrawn_at__isnull=True)
    return qs.order_by("-start_date", "department_id", "record_id")


# ---------------------------------------------------------------------------------------------------------------
# The counting engine


def count_actuals(*, plan: Plan, as_of: dt.date) -> Actuals:
    """Count every figure of the pledge report as of one day, exactly, in a handful of GROUP BY queries.

    Queries: plan shape (periods, programs), one GROUP BY over records by (period, department, program,
    generation, gender, resident) with conditional counts, COUNT(DISTINCT) persons per period, in total and per
    department, one GROUP BY over aggregate entries, department names. This is the reference engine; the
    report reads cached_count_actuals, which answers from an as-of-independent summary (records.summary).
    """
    periods = list(Period.objects.filter(plan=plan).order_by("order").values_list("id", "code"))
    period_code = dict(periods)
    program_rows = list(
        Program.objects.filter(plan=plan).order_by("order").values_list("id", "name", "sector__name", "sector__order")
    )
    program_name = {pid: name for pid, name, _s, _o in program_rows}
    program_sector = {pid: sector for pid, _n, sector, _o in program_rows}

    result = Actuals(as_of=as_of)
    result.by_period = {code: Counts() for _pid, code in periods}
    result.by_program = {name: 0 for _pid, name, _s, _o in program_rows}
    for _pid, _n, sector, _o in sorted(program_rows, key=lambda row: row[3]):
        result.by_sector.setdefault(sector, 0)
    result.generations = {label: 0 for label in GENERATION_LABELS}
    result.gender = {value: 0 for value in Gender.values}
    result.resident = {"Y": 0, "N": 0, "unknown": 0}

    by_department_id: dict[int, Counts] = {}

    def department_counts(department_id: int) -> Counts:
        return by_department_id.setdefault(department_id, Counts())

    live = records_for_counting(list(program_name)).filter(start_date__lte=as_of)

    # 1. Everything additive, in one scan. period_id NULL = outside the term.
    grouped = live.values("period_id", "department_id", "program_id", "generation", "gender", "is_resident").annotate(
        n=Count("id"),
        kept=Count("id", filter=q_retained_1y(as_of=as_of)),
        non_senior=Count("id", filter=q_excluding_senior()),
        demo=Count("id", filter=Q(is_demo=True)),
    )
    for row in grouped:
        n: int = row["n"]
        if row["demo"]:
            result.demo = True
        if row["period_id"] is None:
            result.outside_term += n
            continue
        for counts in (
            result.by_period[period_code[row["period_id"]]],
            result.total,
            department_counts(row["department_id"]),
        ):
            counts.actual += n
            counts.retained_1y += row["kept"]
            counts.excluding_senior += row["non_senior"]
        result.records_counted += n
        result.by_program[program_name[row["program_id"]]] += n
        result.by_sector[program_sector[row["program_id"]]] += n
        result.generations[row["generation"]] = result.generations.get(row["generation"], 0) + n
        result.gender[row["gender"]] = result.gender.get(row["gender"], 0) + n
        resident_key = RESIDENT_KEYS[row["is_resident"]]
        result.resident[resident_key] += n

    # 2. Distinct persons per period, in total, and per department: not additive, so one COUNT(DISTINCT) each.
    # (Grouped queries, not one query with a filtered DISTINCT per period: SQLite keeps one temporary b-tree per
    # DISTINCT aggregate, which measured three times slower.)
    if result.records_counted:
        in_term = live.filter(q_record_in_term())
        for row in in_term.values("period_id").annotate(persons=Count("person_pseudonym", distinct=True)):
            result.by_period[period_code[row["period_id"]]].unique_persons = row["persons"]
        result.total.unique_persons = in_term.aggregate(persons=Count("person_pseudonym", distinct=True))["persons"]
        for row in in_term.values("department_id").annotate(persons=Count("person_pseudonym", distinct=True)):
            department_counts(row["department_id"]).unique_persons = row["persons"]

    # 4. Aggregate entries: into `actual` and `unknown` only.
    aggregates = (
        AggregateEntry.objects.filter(q_aggregate_live(plan=plan, as_of=as_of))
        .order_by()
        .values("period_id", "department_id", "program_id")
        .annotate(n=Sum("count"), demo=Count("id", filter=Q(is_demo=True)))
    )
    for row in aggregates:
        n = int(row["n"] or 0)
        if row["demo"]:
            result.demo = True
        for counts in (
            result.by_period[period_code[row["period_id"]]],
            result.total,
            department_counts(row["department_id"]),
        ):
            counts.actual += n
            counts.unknown += n
        result.aggregates_counted += n
        result.by_program[program_name[row["program_id"]]] += n
        result.by_sector[program_sector[row["program_id"]]] += n

    # 5. Department names, ordered by name for a stable report.
    if by_department_id:
        names = dict(Department.objects.filter(id__in=by_department_id).values_list("id", "name"))
        for department_id in sorted(by_department_id, key=lambda key: names[key]):
            result.by_department[names[department_id]] = by_department_id[department_id]
    return result


def actuals_cache_key(*, plan: Plan, as_of: dt.date, version: str) -> str:
    """Plan identity and content hash, the day, and the data version: any write or plan reload changes it."""
    return f"{CACHE_PREFIX}:{plan.pk}:{plan.source_sha256}:{as_of.isoformat()}:{version}"


def cached_count_actuals(*, plan: Plan, as_of: dt.date) -> Actuals:
    """count_actuals behind Django's cache: a cache lookup when warm, an as-of-independent summary otherwise.

    Two entries, both keyed by the plan (pk and file hash) and the data version (`DataVersion.token`): the Actuals for one as-of day, and the
    ActualsSummary (records.summary) from which Actuals for any day follow without touching the records again.
    The version is read *before* counting: a write committing meanwhile can only make an entry newer than its
    key, never older, and the next reader sees the new version and recounts. Every write service bumps the
    version in its own transaction, so no entry outlives the data it was computed from.
    """
    version = DataVersion.token()
    key = actuals_cache_key(plan=plan, as_of=as_of, version=version)
    hit = cache.get(key)
    if isinstance(hit, Actuals):
        return hit
    actuals = actuals_summary(plan=plan, version=version).count(as_of)
    cache.set(key, actuals, CACHE_TIMEOUT_SECONDS)
    return actuals


def actuals_summary(*, plan: Plan, version: str | None = None) -> ActualsSummary:
    """The plan's ActualsSummary for the current data version, read from the summary tallies (records.tallies)
    once per version and kept in the cache."""
    if version is None:
        version = DataVersion.token()
    key = f"{CACHE_PREFIX}:summary:{plan.pk}:{plan.source_sha256}:{version}"
    summary = cache.get(key)
    if isinstance(summary, ActualsSummary):
        return summary
    summary = build_summary(plan=plan)
    cache.set(key, summary, CACHE_TIMEOUT_SECONDS)
    logger.info("actuals summary built plan=%s version=%s", plan.pk, version)
    return summary
