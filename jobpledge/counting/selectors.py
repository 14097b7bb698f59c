"""Reads for the counting: the counting engine behind every published number, its cache, and the records behind a
figure.

Contract used by jobpledge.reports.selectors.pledge_report (do not change field names without updating it).
The rules live in counting.rules (docs/counting.md).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet, Sum

from jobpledge.accounts.models import Department
from jobpledge.core.models import DataVersion
from jobpledge.counting.rules import (
    GENERATION_LABELS,
    RESIDENT_KEYS,
    Actuals,
    Counts,
    q_aggregate_live,
    q_excluding_senior,
    q_record_in_term,
    q_record_live,
    q_retained_1y,
    records_for_counting,
)
from jobpledge.counting.summary import ActualsSummary, build_summary
from jobpledge.plans.models import Period, Plan, Program
from jobpledge.records.models import AggregateEntry, Gender, JobRecord

logger = logging.getLogger(__name__)

# How long a computed Actuals stays in the cache. Correctness never depends on it (the key carries the
# data version); it only bounds how long superseded entries linger.
CACHE_TIMEOUT_SECONDS = 24 * 60 * 60
CACHE_PREFIX = "jobpledge:actuals:v1"


# ---------------------------------------------------------------------------------------------------------------
# The records behind a figure (drill-down)


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


# ---------------------------------------------------------------------------------------------------------------
# The counting engine


def count_actuals(*, plan: Plan, as_of: dt.date) -> Actuals:
    """Count every figure of the pledge report as of one day, exactly, in a handful of GROUP BY queries.

    Queries: plan shape (periods, programs), one GROUP BY over records by (period, department, program,
    generation, gender, resident) with conditional counts, COUNT(DISTINCT) persons per period, in total and per
    department, one GROUP BY over aggregate entries, department names. This is the reference engine; the
    report reads cached_count_actuals, which answers from an as-of-independent summary (counting.summary).
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
    ActualsSummary (counting.summary) from which Actuals for any day follow without touching the records again.
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
    """The plan's ActualsSummary for the current data version, read from the summary tallies (counting.tallies)
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
