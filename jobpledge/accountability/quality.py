"""Reads: job quality (양보다 질적 향상) — the report's `quality` and `periods[].quality`.

Over exactly the person-level records counted in `totals.actual` (counting.selectors.counted_records): living
wage (the table in data/living-wage/, rules.living_wage_status), hours, employment type and persons with two or
more counted records. Aggregate entries are not records: their jobs are reported as `aggregate_unknown`. Nothing
unknown is guessed: no wage, no hours or a year missing from the table counts as unknown.
"""

from __future__ import annotations

import datetime as dt
import logging
import tomllib
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Count

from jobpledge.accountability.rules import hours_status, living_wage_status
from jobpledge.counting.selectors import counted_records
from jobpledge.plans.models import Plan

logger = logging.getLogger(__name__)

EMPLOYMENT_TYPES = ("상용", "임시", "일용")


def living_wage_table(government: str, directory: Path | None = None) -> dict[int, int]:
    """year -> 생활임금 (won per hour) for a government, from the first file of the directory naming it; {} when
    none does (then every record's living-wage status is unknown)."""
    directory = Path(directory or settings.JOBPLEDGE_LIVING_WAGE_DIR)
    for path in sorted(directory.glob("*.toml")):
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        if data.get("government") == government:
            return {int(year): int(rate) for year, rate in data.get("rates", {}).items()}
    logger.info("no living wage table for government=%s in %s", government, directory)
    return {}


def empty_quality() -> dict[str, Any]:
    return {
        "records": 0,
        "living_wage_at_or_above": 0,
        "living_wage_below": 0,
        "living_wage_unknown": 0,
        "full_time": 0,
        "part_time": 0,
        "hours_unknown": 0,
        "employment_type": {**dict.fromkeys(EMPLOYMENT_TYPES, 0), "unknown": 0},
        "repeat_persons": 0,
        "aggregate_unknown": 0,
    }


def quality_by_period(*, plan: Plan, as_of: dt.date, aggregates_by_period: dict[str, int]) -> dict[str, Any]:
    """{"total": quality, "periods": {code: quality}} — one GROUP BY over the counted records and one over
    (period, person) pairs with two or more records."""
    table = living_wage_table(plan.government)
    codes = dict(plan.periods.values_list("id", "code"))
    total, periods = empty_quality(), {code: empty_quality() for code in codes.values()}
    records = counted_records(plan=plan, as_of=as_of).order_by()
    grouped = records.values("period_id", "start_date__year", "employment_type", "monthly_wage", "weekly_hours")
    for row in grouped.annotate(n=Count("id")):
        hours = None if row["weekly_hours"] is None else Decimal(row["weekly_hours"])
        wage_status = living_wage_status(row["monthly_wage"], hours, table.get(row["start_date__year"]))
        kind = row["employment_type"] if row["employment_type"] in EMPLOYMENT_TYPES else "unknown"
        for quality in (total, periods[codes[row["period_id"]]]):
            n = row["n"]
            quality["records"] += n
            quality[f"living_wage_{wage_status}"] += n
            quality[hours_status(hours)] += n
            quality["employment_type"][kind] += n
    repeats = records.values("person_pseudonym").annotate(n=Count("id")).filter(n__gte=2)
    total["repeat_persons"] = repeats.count()
    in_period = records.values("period_id", "person_pseudonym").annotate(n=Count("id")).filter(n__gte=2)
    repeats_by_period: dict[int, int] = defaultdict(int)
    for period_id in in_period.values_list("period_id", flat=True):
        repeats_by_period[period_id] += 1
    for period_id, persons in repeats_by_period.items():
        periods[codes[period_id]]["repeat_persons"] = persons
    for code, n in aggregates_by_period.items():
        periods[code]["aggregate_unknown"] = n
        total["aggregate_unknown"] += n
    return {"total": total, "periods": periods}
