"""Who sees the department pages (docs/roles.md): the plan owner and administrators see every department; department
staff see the ranking and their own scorecard; counsellors and viewers neither. The rules of accounts.permissions,
applied to departments' scorecards."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from jobpledge.accounts.models import Department, Role
from jobpledge.accounts.permissions import DENIED_MESSAGE, department_of, role_of, sees_all_departments


def can_view_ranking(user: Any) -> bool:
    return sees_all_departments(user) or role_of(user) == Role.DEPARTMENT


def can_view_scorecard(user: Any, department_id: int) -> bool:
    if sees_all_departments(user):
        return True
    own = department_of(user)
    return own is not None and own.pk == department_id


def require_ranking(user: Any) -> None:
    if not can_view_ranking(user):
        raise PermissionDenied(DENIED_MESSAGE)


def require_scorecard(user: Any, department: Department) -> None:
    if not can_view_scorecard(user, department.pk):
        raise PermissionDenied(DENIED_MESSAGE)
