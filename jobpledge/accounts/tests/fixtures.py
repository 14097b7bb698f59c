"""Users of every role, shared by the login tests and (through records.tests.world) the page and API tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from jobpledge.accounts.models import Department, Profile, Role

PASSWORD = "correct-horse-battery-staple-7"
OWNER_DEPARTMENT = "일자리지원과"
DEPARTMENT_A = "복지정책과"
DEPARTMENT_B = "건설과"
ROLES = ["admin", "owner", "department", "counsellor", "viewer"]


def make_user(username: str, role: str | None, department: Department | None = None, *, superuser: bool = False) -> Any:
    user_model = get_user_model()
    if superuser:
        user = user_model.objects.create_superuser(username=username, email="", password=PASSWORD)
    else:
        user = user_model.objects.create_user(username=username, password=PASSWORD)
    if role is not None:
        Profile.objects.create(user=user, role=role, department=department)
    return user


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def fast_passwords(settings: Any) -> None:
    """Test users only: a cheap hasher, so that seven users do not cost seconds of PBKDF2."""
    settings.PASSWORD_HASHERS = FAST_HASHERS


@dataclass
class People:
    owner_department: Department
    department_a: Department
    department_b: Department
    users: dict[str, Any]


@pytest.fixture
def people(db: None, fast_passwords: None) -> People:
    """Three departments and a user of every role (and a superuser, and one without a profile)."""
    owner_department = Department.objects.create(name=OWNER_DEPARTMENT)
    department_a = Department.objects.create(name=DEPARTMENT_A)
    department_b = Department.objects.create(name=DEPARTMENT_B)
    users = {
        "admin": make_user("admin1", None, superuser=True),
        "owner": make_user("owner1", Role.OWNER, owner_department),
        "department": make_user("staff_a", Role.DEPARTMENT, department_a),
        "department_b": make_user("staff_b", Role.DEPARTMENT, department_b),
        "counsellor": make_user("counsellor1", Role.COUNSELLOR),
        "viewer": make_user("viewer1", Role.VIEWER),
        "no_profile": make_user("plain1", None),
    }
    return People(owner_department, department_a, department_b, users)
