"""factory_boy factories for records tests, and `add_record` for page and browser tests (records without a file).

JobRecordFactory derives period/age/generation/retention through records.derive, like every write path.
Programs come from the default plan: load it first (the `guro_plan` fixture).
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import factory
from django.contrib.auth import get_user_model
from django.db import transaction
from factory.django import DjangoModelFactory

from jobpledge.accounts.models import Department
from jobpledge.core.models import DataVersion
from jobpledge.core.pseudonym import pseudonymise
from jobpledge.plans.models import Period, Plan, Program
from jobpledge.records.derive import PeriodBounds, derive
from jobpledge.records.models import AggregateEntry, ImportBatch, JobRecord


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")


class DepartmentFactory(DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"부서{n}")


class ImportBatchFactory(DjangoModelFactory):
    class Meta:
        model = ImportBatch

    kind = ImportBatch.Kind.RECORDS
    filename = "records.csv"


def _default_program() -> Program:
    return Program.objects.filter(plan__is_default=True, job_target__isnull=False).order_by("order").first()  # type: ignore[return-value]


def _derived(record: Any) -> Any:
    periods = [PeriodBounds(p.pk, p.code, p.start, p.end) for p in Period.objects.filter(plan=record.program.plan)]
    return derive(birth_date=record.birth_date, start_date=record.start_date, periods=periods)


class JobRecordFactory(DjangoModelFactory):
    class Meta:
        model = JobRecord

    department = factory.SubFactory(DepartmentFactory)
    program = factory.LazyFunction(_default_program)
    record_id = factory.Sequence(lambda n: f"F-{n:05d}")
    person_pseudonym = factory.Sequence(lambda n: pseudonymise(f"{900101 + n}-1000000", key="factory"))
    birth_date = dt.date(1990, 1, 1)
    gender = "F"
    start_date = dt.date(2019, 3, 1)
    evidence = "자체집계"
    period_id = factory.LazyAttribute(lambda r: _derived(r).period_id)
    age_at_start = factory.LazyAttribute(lambda r: _derived(r).age_at_start)
    generation = factory.LazyAttribute(lambda r: _derived(r).generation)
    retention_deadline = factory.LazyAttribute(lambda r: _derived(r).retention_deadline)


class AggregateEntryFactory(DjangoModelFactory):
    class Meta:
        model = AggregateEntry

    department = factory.SubFactory(DepartmentFactory)
    program = factory.LazyFunction(_default_program)
    period = factory.LazyAttribute(lambda e: Period.objects.filter(plan=e.program.plan).order_by("order").first())
    count = 10


_numbers = itertools.count(1)


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
    employer: str = "",
    gender: str = "F",
    resident: bool | None = True,
    senior: bool = False,
    demo: bool = False,
    withdrawn: bool = False,
    bump: bool = True,
) -> JobRecord:
    """A record of one plan's program, written as the services would for set-up: derived fields through
    records.derive, the data version bumped in the same transaction (so cached reports see it; `bump=False`
    writes behind the caches' back, for cache tests), the summary tallies maintained by the save signals."""
    number = next(_numbers)
    bounds = [PeriodBounds(p.id, p.code, p.start, p.end) for p in plan.periods.all()]
    derived = derive(birth_date=birth, start_date=start, periods=bounds)
    with transaction.atomic():
        if bump:
            DataVersion.bump()
        return JobRecord.objects.create(
            department=Department.objects.get_or_create(name=department)[0],
            program=Program.objects.get(plan=plan, name=program),
            record_id=record_id or f"W{number}",
            person_pseudonym=person or f"{number:064x}",
            birth_date=birth,
            gender=gender,
            start_date=start,
            end_date=end,
            employer=employer,
            is_resident=resident,
            is_senior_activity=senior,
            is_demo=demo,
            period_id=derived.period_id,
            age_at_start=derived.age_at_start,
            generation=derived.generation,
            retention_deadline=derived.retention_deadline,
            withdrawn_at=dt.datetime(2023, 1, 1, tzinfo=dt.UTC) if withdrawn else None,
            withdrawn_reason="중복" if withdrawn else "",
        )
