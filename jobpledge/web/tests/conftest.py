"""Fixtures for the page tests: users by role, records created as the services would.

The root conftest empties the cache around every test.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from django.db import transaction

from jobpledge.accounts.models import Department, Profile, Role
from jobpledge.core.models import DataVersion
from jobpledge.plans.models import Plan, Program
from jobpledge.records.derive import PeriodBounds, derive
from jobpledge.records.models import JobRecord

_numbers = itertools.count(1)


@pytest.fixture
def staff_client(client: Any, django_user_model: Any) -> Any:
    user = django_user_model.objects.create_user(username="owner", password="pw-for-tests-only-9")
    Profile.objects.create(user=user, role=Role.OWNER)
    client.force_login(user)
    return client


def add_record(
    plan: Plan,
    *,
    start: dt.date,
    program: str = "직접일자리 사업",
    department: str = "일자리지원과",
    birth: dt.date = dt.date(1980, 5, 5),
    end: dt.date | None = None,
    person: str | None = None,
    record_id: str | None = None,
    senior: bool = False,
    demo: bool = False,
) -> JobRecord:
    number = next(_numbers)
    bounds = [PeriodBounds(p.id, p.code, p.start, p.end) for p in plan.periods.all()]
    derived = derive(birth_date=birth, start_date=start, periods=bounds)
    with transaction.atomic():
        DataVersion.bump()  # as every write service does, so cached reports see the new record
        return _create(
            department=Department.objects.get_or_create(name=department)[0],
            program=Program.objects.get(plan=plan, name=program),
            record_id=record_id or f"W{number}",
            person_pseudonym=person or f"{number:064x}",
            birth_date=birth,
            gender="F",
            start_date=start,
            end_date=end,
            is_resident=True,
            is_senior_activity=senior,
            is_demo=demo,
            period_id=derived.period_id,
            age_at_start=derived.age_at_start,
            generation=derived.generation,
            retention_deadline=derived.retention_deadline,
        )


def _create(**fields: Any) -> JobRecord:
    return JobRecord.objects.create(**fields)
