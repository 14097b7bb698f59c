"""Writes on users: create one with a role, set a password. Used by `jobpledge user …` (and any later page).

The role names of the command line are the words of docs/roles.md; each maps onto a `Role` value.
Password changes go through `User.set_password`, so the API tokens of the user are revoked with them
(accounts.tokens).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any, cast

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Field
from django.utils import translation

from jobpledge.accounts.models import Department, Profile, Role
from jobpledge.core.errors import JobpledgeError
from jobpledge.core.names import normalise_name

ROLE_NAMES: dict[str, str] = {
    "admin": Role.ADMIN,
    "plan_owner": Role.OWNER,
    "department_staff": Role.DEPARTMENT,
    "counsellor": Role.COUNSELLOR,
    "viewer": Role.VIEWER,
}

MSG_UNKNOWN_ROLE = "알 수 없는 역할입니다: 「{role}」 (가능한 역할: {choices})"
MSG_DEPARTMENT_REQUIRED = "부서 담당자(department_staff)는 부서를 지정해야 합니다: --department 부서명"
MSG_UNKNOWN_DEPARTMENT = "등록되지 않은 부서입니다: 「{name}」 (등록된 부서: {known})"
MSG_USER_EXISTS = "이미 있는 사용자입니다: {username}"
MSG_UNKNOWN_USER = "사용자를 찾을 수 없습니다: {username}"
MSG_BAD_USERNAME = "사용자 이름이 올바르지 않습니다: 「{username}」 (글자, 숫자, @ . + - _ 만, 150자 이내)"
MSG_WEAK_PASSWORD = "비밀번호를 쓸 수 없습니다: {reasons}"  # noqa: S105 - a message, not a password


@dataclass(frozen=True)
class NewUser:
    user: Any
    password: str  # shown once, never stored in clear


def generate_password() -> str:
    return secrets.token_urlsafe(12)  # 16 characters, 96 random bits


def role_of(name: str) -> str:
    try:
        return ROLE_NAMES[name]
    except KeyError:
        raise JobpledgeError(MSG_UNKNOWN_ROLE.format(role=name, choices=", ".join(ROLE_NAMES))) from None


def department_named(name: str) -> Department:
    """The department whose name reads the same (invisible characters, spacing and NFD ignored)."""
    wanted = normalise_name(name)
    departments = list(Department.objects.order_by("name"))
    for department in departments:
        if normalise_name(department.name) == wanted:
            return department
    compact = "".join(wanted.split())
    for department in departments:
        if "".join(normalise_name(department.name).split()) == compact:
            return department
    known = ", ".join(d.name for d in departments) or "없음"
    raise JobpledgeError(MSG_UNKNOWN_DEPARTMENT.format(name=wanted, known=known))


@transaction.atomic
def user_create(*, username: str, role: str, department: str | None = None) -> NewUser:
    """A user with a role (a CLI role name, see ROLE_NAMES) and a generated password, returned once.

    Department staff need a department; an admin is a superuser (as `jobpledge createadmin` makes one), so that
    the Django admin is open to them as docs/roles.md says.
    """
    role_value = role_of(role)
    if role_value == Role.DEPARTMENT and not (department or "").strip():
        raise JobpledgeError(MSG_DEPARTMENT_REQUIRED)
    user_model = get_user_model()
    username_field = cast("Field[Any, Any]", user_model._meta.get_field(user_model.USERNAME_FIELD))
    try:
        username_field.run_validators(username)
    except ValidationError:
        raise JobpledgeError(MSG_BAD_USERNAME.format(username=username)) from None
    if not username or len(username) > 150:
        raise JobpledgeError(MSG_BAD_USERNAME.format(username=username))
    if user_model.objects.filter(username=username).exists():
        raise JobpledgeError(MSG_USER_EXISTS.format(username=username))
    unit = department_named(department) if department else None
    password = generate_password()
    if role_value == Role.ADMIN:
        user = user_model.objects.create_superuser(username=username, email="", password=password)
    else:
        user = user_model.objects.create_user(username=username, password=password)
    Profile.objects.create(user=user, role=role_value, department=unit)
    return NewUser(user, password)


def user_named(username: str) -> Any:
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise JobpledgeError(MSG_UNKNOWN_USER.format(username=username))
    return user


@transaction.atomic
def user_set_password(*, username: str, password: str | None = None) -> str:
    """Set (or, with no password, generate) the user's password; returns it. The password validators of
    the settings apply to a chosen one, with their messages in Korean."""
    user = user_named(username)
    if password is None:
        password = generate_password()
    else:
        try:
            with translation.override(settings.LANGUAGE_CODE):
                validate_password(password, user)
        except ValidationError as error:
            with translation.override(settings.LANGUAGE_CODE):
                reasons = " ".join(str(m) for m in error.messages)
            raise JobpledgeError(MSG_WEAK_PASSWORD.format(reasons=reasons)) from None
    user.set_password(password)
    user.save(update_fields=["password"])
    return password
