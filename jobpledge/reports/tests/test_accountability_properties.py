"""Property: whatever the records, aggregate entries and as-of day, the department split adds up — each
department's periods and programs sum to its `actual`, and the departments sum to `totals.actual`."""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobpledge.accounts.models import Department
from jobpledge.core.models import DataVersion
from jobpledge.counting.tests.test_properties import AS_OFS, DEPARTMENTS, PERIOD_CODES, PROGRAMS
from jobpledge.records.factories import add_record
from jobpledge.records.models import AggregateEntry
from jobpledge.reports.selectors import pledge_report

records = st.lists(
    st.tuples(
        st.sampled_from(DEPARTMENTS),
        st.sampled_from(PROGRAMS),
        st.dates(min_value=dt.date(2018, 1, 1), max_value=dt.date(2023, 1, 1)),
        st.booleans(),  # withdrawn
    ),
    max_size=12,
)
aggregates = st.lists(
    st.tuples(
        st.sampled_from(DEPARTMENTS), st.sampled_from(PROGRAMS), st.sampled_from(PERIOD_CODES), st.integers(0, 50)
    ),
    max_size=4,
    unique_by=lambda row: row[:3],
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=records, aggregates=aggregates, as_of=st.sampled_from(AS_OFS))
def test_department_split_adds_up_to_the_totals(plan, records, aggregates, as_of) -> None:
    cache.clear()  # each example starts from its own data: no summary cached by an earlier one
    with transaction.atomic():
        DataVersion.bump()
        for department, program, start, withdrawn in records:
            add_record(plan, start=start, program=program, department=department, withdrawn=withdrawn)
        for department, program, period, count in aggregates:
            AggregateEntry.objects.create(
                department=Department.objects.get_or_create(name=department)[0],
                program=plan.programs.get(name=program),
                period=plan.periods.get(code=period),
                count=count,
            )
        report = pledge_report(plan=plan, as_of=as_of)
        for entry in report["departments"]:
            assert sum(p["actual"] for p in entry["periods"]) == entry["actual"]
            assert sum(p["actual"] for p in entry["programs"]) == entry["actual"]
        assert sum(d["actual"] for d in report["departments"]) == report["totals"]["actual"]
        by_period = {p["period"]: p["actual"] for p in report["periods"]}
        for code, actual in by_period.items():
            assert (
                sum(next(x for x in d["periods"] if x["period"] == code)["actual"] for d in report["departments"])
                == actual
            )
        transaction.set_rollback(True)
