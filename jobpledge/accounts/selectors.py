"""Reads on users."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model

from jobpledge.accounts.models import Role
from jobpledge.accounts.services import ROLE_NAMES

CLI_ROLE_NAMES = {value: name for name, value in ROLE_NAMES.items()}


@dataclass(frozen=True)
class UserRow:
    username: str
    role: str  # the command line's role name (admin, plan_owner, …)
    role_label: str
    department: str
    active: bool
    last_login: Any


def user_rows() -> list[UserRow]:
    """Every user with the role the permission rules give them (a superuser is admin, no profile is viewer)."""
    rows = []
    users = get_user_model().objects.select_related("profile__department").order_by("username")
    for user in users:
        profile = getattr(user, "profile", None)
        role = Role.ADMIN if user.is_superuser else Role(profile.role) if profile else Role.VIEWER
        department = profile.department.name if profile and profile.department else ""
        rows.append(
            UserRow(user.username, CLI_ROLE_NAMES[role], role.label, department, user.is_active, user.last_login)
        )
    return rows
