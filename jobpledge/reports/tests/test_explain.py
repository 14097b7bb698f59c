"""`jobpledge explain`: the figure is records + aggregate units (persons for unique_persons), it reconciles with the
report on random write sequences (property test), batches add up, and the CLI prints JSON and a table."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobpledge.counting.tests.test_properties import AS_OFS, PROGRAMS, apply, operations
from jobpledge.plans.models import Plan
from jobpledge.records.factories import AggregateEntryFactory, add_record
from jobpledge.reports.explain import explain
from jobpledge.reports.selectors import pledge_report

REPORT_KEY = {
    "official": "actual",
    "retained_1y": "actual_retained_1y",
    "excluding_senior": "actual_excluding_senior",
    "unique_persons": "unique_persons",
}


def check_reconciles(plan: Plan, as_of: dt.date, program_name: str) -> None:
    report = pledge_report(plan=plan, as_of=as_of)
    program = plan.programs.get(name=program_name)
    program_total = 0
    for row in report["periods"]:
        period = plan.periods.get(code=row["period"])
        for basis, key in REPORT_KEY.items():
            result = explain(plan=plan, as_of=as_of, period=period, basis=basis)
            assert result["figure"] == row[key], (row["period"], basis)
            if basis == "unique_persons":
                assert result["persons"] == result["figure"] <= result["records"]
            else:
                assert result["records"] + result["aggregate_units"] == result["figure"]
            assert sum(b["rows"] for b in result["batches"]) >= result["records"]
            assert sum(b["aggregate_units"] for b in result["batches"]) == result["aggregate_units"]
            if basis == "official":
                assert result["aggregate_units"] == row["unknown_aggregate"]
                counted = explain(plan=plan, as_of=as_of, period=period, basis="official")["records"]
                assert counted - result["excluded"]["senior"] == row["actual_excluding_senior"]
                assert counted - result["excluded"]["not_kept_1y"] == row["actual_retained_1y"]
        program_total += explain(plan=plan, as_of=as_of, period=period, program=program)["figure"]
    assert program_total == next(p["actual"] for p in report["programs"] if p["program"] == program_name)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=operations, as_of=st.sampled_from(AS_OFS), program=st.sampled_from(PROGRAMS))
def test_explain_reconciles_with_the_report(
    plan: Plan, ops: list[tuple[str, dict[str, Any]]], as_of: dt.date, program: str
) -> None:
    cache.clear()  # each example rolls back, so data versions repeat: no report may come from an earlier example
    sequence = [0]
    with transaction.atomic():
        for operation in ops:
            apply(operation, sequence)
        check_reconciles(plan, as_of, program)
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_explain_parts_batches_and_exclusions(guro_plan: Plan) -> None:
    period = guro_plan.periods.get(code="2020")
    add_record(guro_plan, start=dt.date(2020, 2, 1), end=dt.date(2020, 3, 1))  # not kept one year
    add_record(guro_plan, start=dt.date(2020, 3, 1), senior=True, person="a" * 64)
    add_record(guro_plan, start=dt.date(2020, 4, 1), person="a" * 64)  # same person again
    add_record(guro_plan, start=dt.date(2020, 5, 1), withdrawn=True)
    add_record(guro_plan, start=dt.date(2020, 12, 1))  # after the as-of day
    add_record(guro_plan, start=dt.date(2023, 1, 1))  # outside the term
    AggregateEntryFactory(program=guro_plan.programs.get(name="직접일자리 사업"), period=period, count=40)
    as_of = dt.date(2023, 6, 30)

    early = explain(plan=guro_plan, as_of=dt.date(2020, 6, 30), period=period)
    assert (early["figure"], early["records"], early["aggregate_units"]) == (43, 3, 40)
    assert early["excluded"] == {"after_as_of": 1, "outside_term": 0, "withdrawn": 1, "senior": 1, "not_kept_1y": 3}

    late = explain(plan=guro_plan, as_of=as_of, period=period)
    assert (late["records"], late["excluded"]["outside_term"], late["excluded"]["not_kept_1y"]) == (4, 1, 1)
    persons = explain(plan=guro_plan, as_of=as_of, period=period, basis="unique_persons")
    assert (persons["figure"], persons["records"], persons["aggregate_units"]) == (3, 4, 0)
    assert explain(plan=guro_plan, as_of=as_of, period=period, basis="excluding_senior")["figure"] == 3


@pytest.mark.django_db
def test_explain_cli_json_and_table(guro_plan: Plan) -> None:
    add_record(guro_plan, start=dt.date(2019, 5, 1))
    out = io.StringIO()
    call_command("explain", "--period", "2019", "--as-of", "2023-06-30", "--format", "json", stdout=out)
    result = json.loads(out.getvalue())
    assert (result["figure"], result["records"], result["aggregate_units"]) == (1, 1, 0)
    out = io.StringIO()
    call_command("explain", "--period", "2019", "--as-of", "2023-06-30", stdout=out)
    assert "수치 1 = 개인별 실적 1건 + 집계 실적 0" in out.getvalue()
    err = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("explain", "--period", "2019", "--program", "없는 사업", stdout=io.StringIO(), stderr=err)
    assert "세부사업 없는 사업이(가) 없습니다" in err.getvalue()


@pytest.mark.django_db
def test_explain_api(guro_plan: Plan) -> None:
    from knox.models import AuthToken
    from rest_framework.test import APIClient

    from jobpledge.accounts.models import Role
    from jobpledge.accounts.tests.fixtures import make_user

    add_record(guro_plan, start=dt.date(2019, 5, 1))
    client = APIClient()
    assert client.get("/api/explain/?period=2019").status_code == 401
    client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user=make_user('v', Role.VIEWER))[1]}")
    body = client.get("/api/explain/?period=2019&as_of=2023-06-30").json()
    assert (body["figure"], body["records"], body["aggregate_units"]) == (1, 1, 0)
    bad = client.get("/api/explain/?period=1999")
    assert bad.status_code == 400 and "기간 1999" in bad.json()["detail"]
