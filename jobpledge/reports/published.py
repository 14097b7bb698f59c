"""The published (closed) figures beside the current ones: `periods[].closed` and `changed_since_close`.

Read by reports.selectors.pledge_report in one query; the snapshots themselves are written by reports.snapshots.
"""

from __future__ import annotations

import json
from typing import Any

from django.utils import timezone

from jobpledge.plans.models import ClosedPeriodChange, Plan
from jobpledge.reports.models import PeriodSnapshot

#: The figures of a period that are published and compared after a close.
PUBLISHED_KEYS = (
    "actual",
    "period_rate",
    "achievement_rate",
    "actual_retained_1y",
    "actual_excluding_senior",
    "unique_persons",
)


def published_figures(report_json: str, period_code: str) -> dict[str, Any]:
    """The six published figures of one period, read from a snapshot's JSON text."""
    report = json.loads(report_json)
    row: dict[str, Any] = next((p for p in report.get("periods", []) if p.get("period") == period_code), {})
    return {key: row.get(key) for key in PUBLISHED_KEYS}


def _difference(current: Any, published: Any, places: int) -> Any:
    if current is None or published is None:  # a rate without a target: no difference to state
        return None
    if isinstance(current, float) or isinstance(published, float):
        return round(current - published, places)
    return current - published


def annotate_closed(plan: Plan, period_rows: list[dict[str, Any]]) -> None:
    """Add `closed` and `changed_since_close` to each period row of a report (null for an open period)."""
    snapshots = {
        s.close.period.code: s
        for s in PeriodSnapshot.objects.filter(close__period__plan=plan).select_related(
            "close__period", "close__closed_by"
        )
    }
    changes: dict[str, int] = {}
    if snapshots:
        for code, rows in ClosedPeriodChange.objects.filter(period__plan=plan).values_list("period__code", "rows"):
            changes[code] = changes.get(code, 0) + len(rows)
    for row in period_rows:
        snapshot = snapshots.get(row["period"])
        if snapshot is None:
            row["closed"] = row["changed_since_close"] = None
            continue
        published = published_figures(snapshot.report_json, row["period"])
        closed_by = snapshot.close.closed_by
        row["closed"] = {
            "closed_at": timezone.localtime(snapshot.close.closed_at).isoformat(),
            "closed_by": closed_by.get_username() if closed_by else None,
            "sha256": snapshot.sha256,
            "as_of": snapshot.as_of.isoformat(),
            "published": published,
            "changes_after_close": changes.get(row["period"], 0),
        }
        difference = {key: _difference(row[key], published[key], plan.rate_decimals) for key in PUBLISHED_KEYS}
        row["changed_since_close"] = difference if any(v not in (0, 0.0, None) for v in difference.values()) else None
