"""factory_boy factories for records tests (and anyone who needs a record without a file).

JobRecordFactory derives period/age/generation/retention through records.derive, like every write path.
Programs come from the default plan: load it first (the `guro_plan` fixture).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory

from jobpledge.accounts.models import Department
from jobpledge.core.pseudonym import pseudonymise
from jobpledge.plans.models import Period, Program
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
