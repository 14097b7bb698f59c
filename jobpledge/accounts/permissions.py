"""Who may do what: the one place where roles become permissions and record scopes.

Pages, the API and the exports all ask this module, so a rule changed here changes everywhere. Scopes over
another app's objects (which records a user sees) live with that app and apply these rules (records.permissions).

| role        | records                          | plans         | audit | dashboards / report |
|-------------|----------------------------------|---------------|-------|---------------------|
| admin       | all, change, upload, export      | view, load    | yes   | yes                 |
| owner       | all, change, upload, export      | view, load    | yes   | yes                 |
| department  | own department only (same verbs) | view          | no    | yes                 |
| counsellor  | none                             | view          | no    | yes                 |
| viewer      | none                             | view          | no    | yes                 |

Job Plus Center (jobpledge.jobcenter): counsellors see and work the registers and see a seeker's name and phone in
full (every such view logged); admin and owner see and work them with names and phones masked; department staff
and viewers see none of it.

A logged-in user without a profile is a viewer; a superuser is an administrator.
"""

from __future__ import annotations

import enum
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import QuerySet

from jobpledge.accounts.models import Department, Role


class Action(enum.StrEnum):
    """Everything a page, an API endpoint or an export can ask permission for."""

    VIEW_DASHBOARD = "view_dashboard"
    VIEW_REPORT = "view_report"
    VIEW_PLANS = "view_plans"
    LOAD_PLAN = "load_plan"
    VIEW_RECORDS = "view_records"
    CHANGE_RECORDS = "change_records"  # create, edit, withdraw
    IMPORT_RECORDS = "import_records"  # upload (dry run and commit), template download
    EXPORT_RECORDS = "export_records"
    VIEW_AUDIT = "view_audit"
    VIEW_JOBCENTER = "view_jobcenter"  # registers, matching, due lists (names and phones masked)
    WORK_JOBCENTER = "work_jobcenter"  # counselling, referrals, outcomes, follow-ups, consent withdrawal, imports
    VIEW_SEEKER_PERSONAL = "view_seeker_personal"  # a seeker's name and phone in full (logged: 열람 기록)
    PURGE_SEEKERS = "purge_seekers"  # erase personal data past the retention period
    CLOSE_PERIOD = "close_period"  # 공표: freeze a period's figures (jobpledge period close)


_READ_ONLY = frozenset({Action.VIEW_DASHBOARD, Action.VIEW_REPORT, Action.VIEW_PLANS})
_RECORD_WORK = frozenset({Action.VIEW_RECORDS, Action.CHANGE_RECORDS, Action.IMPORT_RECORDS, Action.EXPORT_RECORDS})
_JOBCENTER_WORK = frozenset({Action.VIEW_JOBCENTER, Action.WORK_JOBCENTER})
# a seeker's full name and phone are for the counsellor who works with them, not for administrators
_EVERYTHING = frozenset(Action) - {Action.VIEW_SEEKER_PERSONAL}

#: The role × action matrix. docs/roles.md renders it; the matrix tests walk it.
PERMISSIONS: dict[str, frozenset[Action]] = {
    Role.ADMIN: _EVERYTHING,
    Role.OWNER: _EVERYTHING,
    Role.DEPARTMENT: _READ_ONLY | _RECORD_WORK,
    Role.COUNSELLOR: _READ_ONLY | _JOBCENTER_WORK | {Action.VIEW_SEEKER_PERSONAL},
    Role.VIEWER: _READ_ONLY,
}

#: Roles that see every department's records (department staff see only their own).
ALL_DEPARTMENTS_ROLES = frozenset({Role.ADMIN, Role.OWNER})

DENIED_MESSAGE = "이 기능을 사용할 권한이 없습니다."


def role_of(user: Any) -> str | None:
    """The user's role, or None for anonymous and inactive users."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Role.ADMIN
    try:
        return str(user.profile.role)
    except ObjectDoesNotExist:
        return Role.VIEWER


def department_of(user: Any) -> Department | None:
    """The department of department staff; None for everyone else."""
    if role_of(user) != Role.DEPARTMENT:
        return None
    return user.profile.department  # type: ignore[no-any-return]


def has_perm(user: Any, action: Action) -> bool:
    role = role_of(user)
    return role is not None and action in PERMISSIONS.get(role, frozenset())


def require(user: Any, action: Action) -> None:
    """Raise PermissionDenied (HTTP 403) unless the user may take the action."""
    if not has_perm(user, action):
        raise PermissionDenied(DENIED_MESSAGE)


def sees_all_departments(user: Any) -> bool:
    return role_of(user) in ALL_DEPARTMENTS_ROLES


def departments_in_scope(user: Any) -> QuerySet[Department]:
    if not has_perm(user, Action.VIEW_RECORDS):
        return Department.objects.none()
    if sees_all_departments(user):
        return Department.objects.all()
    return Department.objects.filter(pk=department_of(user).pk)  # type: ignore[union-attr]


def import_scope(user: Any, action: Action = Action.IMPORT_RECORDS) -> Department | None:
    """The department_scope argument of the import, create and update services.

    None means plan-owner rights (any department, new departments created); department staff
    are held to their own department. Raises PermissionDenied unless the user may take `action`.
    """
    require(user, action)
    return None if sees_all_departments(user) else department_of(user)
