"""Page-specific reads: data freshness per department, the plans for the menu.

Counting lives in jobpledge.counting, the report and the card in jobpledge.reports; nothing here counts jobs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Q

from jobpledge.accountability.alerts import alerts
from jobpledge.accounts.models import Department, Role
from jobpledge.accounts.permissions import role_of, sees_all_departments
from jobpledge.core.cache import versioned
from jobpledge.plans.models import (
    Plan,
)
from jobpledge.records.models import AggregateEntry, JobRecord

# ---------------------------------------------------------------------------------------------
# Data freshness per department


@dataclass(frozen=True)
class DepartmentFreshness:
    """When a department's results last changed, and how many it has on file."""

    department_id: int
    department: str
    records: int
    aggregates: int
    last_change: dt.datetime | None
    last_import: dt.datetime | None

    @property
    def days_since_change(self) -> int | None:
        if self.last_change is None:
            return None
        from django.utils import timezone

        return (timezone.now() - self.last_change).days


def _freshness_uncached() -> list[DepartmentFreshness]:
    live = Q(withdrawn_at__isnull=True)
    record_rows = {
        row["department_id"]: row
        for row in JobRecord.objects.values("department_id").annotate(
            n=Count("id", filter=live), changed=Max("updated_at"), imported=Max("batch__created_at")
        )
    }
    aggregate_rows = {
        row["department_id"]: row
        for row in AggregateEntry.objects.values("department_id").annotate(
            n=Count("id", filter=live), changed=Max("updated_at"), imported=Max("batch__created_at")
        )
    }
    out: list[DepartmentFreshness] = []
    for dep_id, name in Department.objects.values_list("id", "name").order_by("name"):
        rec = record_rows.get(dep_id, {})
        agg = aggregate_rows.get(dep_id, {})
        changes = [d for d in (rec.get("changed"), agg.get("changed")) if d]
        imports = [d for d in (rec.get("imported"), agg.get("imported")) if d]
        out.append(
            DepartmentFreshness(
                department_id=dep_id,
                department=name,
                records=int(rec.get("n") or 0),
                aggregates=int(agg.get("n") or 0),
                last_change=max(changes) if changes else None,
                last_import=max(imports) if imports else None,
            )
        )
    return out


def department_freshness(*, version: str | None = None) -> list[DepartmentFreshness]:
    """Latest change and latest import per department, cached per data version.

    Every write that can change a report bumps DataVersion, so the cache never outlives the data.
    """
    return versioned("freshness", version, _freshness_uncached)


def plans_for_menu() -> list[Plan]:
    """Plans side by side, default first, for the card index."""
    return list(Plan.objects.only("id", "key", "code", "title", "government", "term_name", "is_default"))


# ---------------------------------------------------------------------------------------------
# Accountability alerts on the dashboard (issue 10): computed once per plan, day and data version


def alerts_for(*, user: Any, plan: Plan, as_of: dt.date, version: str) -> list[dict[str, Any]] | None:
    """The plan owner and administrators see every alert; department staff the alerts about their department;
    other roles none (None: not theirs to see at all)."""
    if not (sees_all_departments(user) or role_of(user) == Role.DEPARTMENT):
        return None
    found, ids = versioned(
        f"alerts:{plan.pk}:{plan.source_sha256[:12]}:{as_of.isoformat()}",
        version,
        lambda: (alerts(plan=plan, as_of=as_of), dict(Department.objects.values_list("name", "id"))),
    )
    if sees_all_departments(user):
        return list(found)
    own = user.profile.department_id
    return [a for a in found if a["kind"].startswith("department_") and ids.get(a["subject"]) == own]
