"""Users of every role and two departments' records, shared by the view, API and role-matrix tests.

Import with `from jobpledge.records.tests.world import *` in a test module (it brings the accounts fixtures too).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from jobpledge.accounts.models import Department
from jobpledge.accounts.tests.fixtures import *  # noqa: F403
from jobpledge.accounts.tests.fixtures import People
from jobpledge.core.pseudonym import pseudonymise
from jobpledge.records.derive import PeriodBounds, derive
from jobpledge.records.models import JobRecord


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


@pytest.fixture
def world(guro_plan: Any, people: People) -> World:
    record_a = make_record(guro_plan, people.department_a, "A-0001")
    record_b = make_record(guro_plan, people.department_b, "B-0001", employer='=HYPERLINK("http://x")')
    return World(
        guro_plan, people.owner_department, people.department_a, people.department_b, people.users, record_a, record_b
    )
