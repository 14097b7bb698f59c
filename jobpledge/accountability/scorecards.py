"""Reads for the department pages: the ranking by pace (/departments/) and one department's scorecard
(/departments/<id>/), from counting's figures and the department targets — the same numbers as the report's
`departments[]` (selectors.department_report_entries), plus freshness and the department's alerts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Max

from jobpledge.accountability.alerts import alerts
from jobpledge.accountability.selectors import department_report_entries
from jobpledge.accounts.models import Department
from jobpledge.core.rounding import percent
from jobpledge.counting.selectors import cached_count_actuals
from jobpledge.plans.models import Plan
from jobpledge.records.models import JobRecord


def _rate(plan: Plan) -> Any:
    def rate(numerator: int, denominator: int | None) -> float | None:
        value = percent(numerator, denominator, rule=plan.rounding, decimals=plan.rate_decimals)
        return None if value is None else float(value)

    return rate


def department_ranking(*, plan: Plan, as_of: dt.date) -> list[dict[str, Any]]:
    """Every department with targets or counted jobs, slowest pace first (unknown pace last, then by name): the
    report's figures, the four counting bases, the department id, and freshness (last start, last write)."""
    actuals = cached_count_actuals(plan=plan, as_of=as_of)
    base = [
        {
            "department": name,
            "actual": c.actual,
            "actual_retained_1y": c.retained_1y,
            "actual_excluding_senior": c.excluding_senior,
            "unique_persons": c.unique_persons,
            "unknown_aggregate": c.unknown,
        }
        for name, c in actuals.by_department.items()
    ]
    entries = department_report_entries(plan=plan, as_of=as_of, departments=base, rate=_rate(plan))
    ids = dict(Department.objects.filter(name__in=[e["department"] for e in entries]).values_list("name", "id"))
    live = JobRecord.objects.filter(program__plan=plan, withdrawn_at__isnull=True, start_date__lte=as_of)
    freshness = {
        row["department__name"]: row
        for row in live.values("department__name").annotate(
            last_start=Max("start_date"), last_written=Max("created_at")
        )
    }
    for entry in entries:
        entry["id"] = ids.get(entry["department"])
        fresh = freshness.get(entry["department"], {})
        entry["last_start"] = fresh.get("last_start")
        entry["last_written"] = fresh.get("last_written")
    return sorted(
        entries,
        key=lambda e: (e["pace_rate"] is None, Decimal(str(e["pace_rate"] or 0)), e["department"]),
    )


def department_scorecard(*, plan: Plan, as_of: dt.date, department: Department) -> dict[str, Any] | None:
    """One department's entry of the ranking with its period × program grid, shares and alerts; None when it has
    neither targets nor counted jobs."""
    entry = next((e for e in department_ranking(plan=plan, as_of=as_of) if e["id"] == department.pk), None)
    if entry is None:
        return None
    rate = _rate(plan)
    entry["kept_share"] = rate(entry["actual_retained_1y"], entry["actual"] - entry["unknown_aggregate"])
    entry["non_senior_share"] = rate(entry["actual_excluding_senior"], entry["actual"] - entry["unknown_aggregate"])
    entry["alerts"] = [a for a in alerts(plan=plan, as_of=as_of) if a["subject"] == department.name]
    return entry
