"""Users of every role and two departments' records, shared by the view, API and role-matrix tests.

Import with `from jobpledge.accounts.tests.fixtures import *` in a test module.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from jobpledge.accounts.models import Department, Profile, Role
from jobpledge.core.pseudonym import pseudonymise
from jobpledge.records.derive import PeriodBounds, derive
from jobpledge.records.models import JobRecord

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


def make_record(plan: Any, department: Department, record_id: str, **overrides: Any) -> JobRecord:
    """A record written directly (test set-up only; the pages write through the services)."""
    program = overrides.pop("program", None) or plan.programs.get(name="직접일자리 사업")
    birth = overrides.pop("birth_date", dt.date(1990, 5, 1))
    start = overrides.pop("start_date", dt.date(2019, 3, 1))
    periods = [PeriodBounds(p.id, p.code, p.start, p.end) for p in plan.periods.all()]
    derived = derive(birth_date=birth, start_date=start, periods=periods)
    fields: dict[str, Any] = {
        "department": department,
        "program": program,
        "record_id": record_id,
        "person_pseudonym": pseudonymise(f"900501-1{record_id}"),
        "birth_date": birth,
        "gender": "F",
        "start_date": start,
        "employer": "구로 사회적협동조합",
        "period_id": derived.period_id,
        "age_at_start": derived.age_at_start,
        "generation": derived.generation,
        "retention_deadline": derived.retention_deadline,
    }
    fields.update(overrides)
    return JobRecord.objects.create(**fields)


@dataclass
class World:
    plan: Any
    owner_department: Department
    department_a: Department
    department_b: Department
    users: dict[str, Any]
    record_a: JobRecord
    record_b: JobRecord


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def fast_passwords(settings: Any) -> None:
    """Test users only: a cheap hasher, so that seven users do not cost seconds of PBKDF2."""
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture
def world(guro_plan: Any, fast_passwords: None) -> World:
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
    record_a = make_record(guro_plan, department_a, "A-0001")
    record_b = make_record(guro_plan, department_b, "B-0001", employer='=HYPERLINK("http://x")')
    return World(guro_plan, owner_department, department_a, department_b, users, record_a, record_b)
