"""The aggregate entries behind a drill-down: the records list of one period shows "N건 + 집계 실적 M".

A figure of the report is person-level records plus aggregate units (docs/counting.md); the records list shows the
records only, so it states the aggregate part beside them. Mirrors counting.rules.q_aggregate_live (not withdrawn,
period begun by the as-of day), which records cannot import; reports.explain checks the same figure from counting.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet, Sum

from jobpledge.accounts.models import Department
from jobpledge.records.models import AggregateEntry

# Filters that aggregate entries do not have: with any of them the list is no longer one report figure.
RECORD_ONLY_FILTERS = ("q", "generation", "senior", "status")


def aggregate_units(values: dict[str, Any], *, departments: QuerySet[Department]) -> int | None:
    """Units of the aggregate entries matching the list's period/program/department/as_of; None without a period."""
    if not values.get("period") or any(values.get(name) for name in RECORD_ONLY_FILTERS):
        return None
    entries = AggregateEntry.objects.filter(
        withdrawn_at__isnull=True, period__code=str(values["period"]).strip().upper(), department__in=departments
    )
    if as_of := values.get("as_of"):
        entries = entries.filter(period__start__lte=as_of)
    if program := values.get("program"):
        entries = entries.filter(program=program)
    if department := values.get("department"):
        entries = entries.filter(department=department)
    return int(entries.aggregate(units=Sum("count"))["units"] or 0)
