"""Reads over job records: the lists and exports, and a record's history.

Counting (what a figure counts, as of a day) lives one layer up, in jobpledge.counting.
"""

from __future__ import annotations

from django.db.models import QuerySet

from jobpledge.accounts.models import Department
from jobpledge.core.history import HistoryEntry, describe
from jobpledge.plans.models import Plan
from jobpledge.records.models import JobRecord


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


def record_history(record: JobRecord) -> list[HistoryEntry]:
    """A job record's history, newest first."""
    rows = list(record.history.select_related("history_user").order_by("-history_date", "-history_id"))  # type: ignore[attr-defined]
    return describe(rows, model=JobRecord, object_label=lambda entry: f"실적번호 {entry.record_id}")
