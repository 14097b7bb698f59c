"""`jobpledge demo-data`: deterministic, labelled, spread over every program and the whole term."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from jobpledge.core.models import DataVersion
from jobpledge.counting.selectors import count_actuals
from jobpledge.plans.models import Plan
from jobpledge.records.factories import add_record
from jobpledge.records.management.commands.demo_data import BANNER, MSG_DEMO_EXISTS, MSG_RECORDS_EXIST
from jobpledge.records.models import AggregateEntry, ImportBatch, JobRecord


def demo(*args: str) -> str:
    out = io.StringIO()
    call_command("demo_data", *args, stdout=out)
    return out.getvalue()


def snapshot() -> list[tuple[Any, ...]]:
    return list(
        JobRecord.objects.order_by("department__name", "record_id").values_list(
            "department__name",
            "record_id",
            "program__name",
            "person_pseudonym",
            "birth_date",
            "gender",
            "start_date",
            "end_date",
            "is_senior_activity",
            "is_resident",
        )
    )


def test_loads_labelled_demo_data_across_programs_and_term(plan: Plan) -> None:
    version = DataVersion.current()
    output = demo("--records", "1500")
    assert BANNER in output and "예시 데이터" in output
    assert JobRecord.objects.count() == 1500
    assert not JobRecord.objects.filter(is_demo=False).exists()
    assert not AggregateEntry.objects.filter(is_demo=False).exists()
    assert list(ImportBatch.objects.values_list("kind", "is_demo")) == [("demo", True)]
    assert DataVersion.current() > version
    actuals = count_actuals(plan=plan, as_of=dt.date(2023, 6, 30))
    assert actuals.demo is True
    with_targets = [p.name for p in plan.programs.all() if p.job_target]
    assert len(with_targets) == 8
    assert all(actuals.by_program[name] > 0 for name in with_targets)
    assert all(counts.actual > 0 for counts in actuals.by_period.values())
    assert actuals.outside_term > 0  # a few records before and after the term
    assert actuals.total.unknown > 0  # construction and SME counts as aggregates
    assert set(AggregateEntry.objects.values_list("program__name", flat=True)) == {
        "민간·관급 공사장 근로자 채용",
        "중소기업 역량강화",
    }
    assert len(actuals.by_department) >= 6
    # senior activity jobs: 직접일자리 사업 of 어르신복지과, aged 65+
    seniors = JobRecord.objects.filter(is_senior_activity=True)
    assert seniors.exists()
    assert set(seniors.values_list("program__name", "department__name").distinct()) == {
        ("직접일자리 사업", "어르신복지과")
    }
    assert set(seniors.values_list("generation", flat=True)) == {"65+"}
    assert not JobRecord.objects.filter(age_at_start__lt=15).exists()
    # some jobs ended within a year, some were kept, some are open
    assert 0 < actuals.total.retained_1y < actuals.total.actual - actuals.total.unknown
    assert JobRecord.objects.filter(end_date__isnull=True).exists()
    # a person may appear more than once
    assert actuals.total.unique_persons < actuals.records_counted


def test_same_seed_same_data(plan: Plan) -> None:
    demo("--records", "300", "--seed", "5")
    first = snapshot()
    demo("--records", "300", "--seed", "5", "--replace")
    assert snapshot() == first
    demo("--records", "300", "--seed", "6", "--replace")
    assert snapshot() != first
    assert JobRecord.objects.count() == 300
    assert ImportBatch.objects.count() == 1


def test_if_empty_does_nothing_when_any_record_exists(plan: Plan) -> None:
    add_record(plan, start=dt.date(2019, 1, 1))
    assert demo("--if-empty", "--records", "100") == MSG_RECORDS_EXIST + "\n"
    assert JobRecord.objects.count() == 1


def test_if_empty_loads_on_an_empty_database(plan: Plan) -> None:
    demo("--if-empty", "--records", "100")
    assert JobRecord.objects.count() == 100


def test_refuses_to_load_twice_without_replace(plan: Plan) -> None:
    demo("--records", "50")
    with pytest.raises(CommandError, match=MSG_DEMO_EXISTS.split(" (")[0]):
        demo("--records", "50")
    assert JobRecord.objects.count() == 50


def test_identifiers_are_synthetic_and_pseudonymised(plan: Plan) -> None:
    demo("--records", "200")
    pseudonyms = set(JobRecord.objects.values_list("person_pseudonym", flat=True))
    assert all(len(p) == 64 and not p.startswith("DEMO") for p in pseudonyms)
    assert all(r.startswith("DEMO-") for r in JobRecord.objects.values_list("record_id", flat=True))
