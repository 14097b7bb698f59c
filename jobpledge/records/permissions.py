"""Which job records and aggregate entries a user may see: the role rules of accounts.permissions applied to them."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from jobpledge.accounts.permissions import Action, department_of, has_perm, sees_all_departments
from jobpledge.records.models import AggregateEntry, JobRecord


def records_in_scope(user: Any) -> QuerySet[JobRecord]:
    """The job records a user may see: all, their own department's, or none."""
    if not has_perm(user, Action.VIEW_RECORDS):
        return JobRecord.objects.none()
    if sees_all_departments(user):
        return JobRecord.objects.all()
    return JobRecord.objects.filter(department=department_of(user))


def aggregates_in_scope(user: Any) -> QuerySet[AggregateEntry]:
    """The aggregate entries a user may see, under the same rule as records."""
    if not has_perm(user, Action.VIEW_RECORDS):
        return AggregateEntry.objects.none()
    if sees_all_departments(user):
        return AggregateEntry.objects.all()
    return AggregateEntry.objects.filter(department=department_of(user))
