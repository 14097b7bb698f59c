"""The summary tallies (records.tallies): maintained by every write, equal to a rebuild, guarded against bypasses."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from jobpledge.accounts.models import Department
from jobpledge.counting.models import SummaryTally, TallyState
from jobpledge.counting.selectors import cached_count_actuals, count_actuals
from jobpledge.counting.summary import build_summary
from jobpledge.counting.tallies import scanned_cells, stored_cells, tallies_rebuild
from jobpledge.counting.tests.test_counting import build_plan
from jobpledge.counting.tests.test_properties import reference_recount
from jobpledge.counting.tests.test_selectors import import_records
from jobpledge.plans.models import Period, Plan
from jobpledge.records import services
from jobpledge.records.factories import add_record
from jobpledge.records.management.commands.demo_data import demo_data_load
from jobpledge.records.models import JobRecord

pytestmark = pytest.mark.django_db
D = dt.date
AS_OFS = [D(2018, 12, 31), D(2019, 6, 30), D(2020, 12, 31), D(2023, 6, 30)]


@pytest.fixture(autouse=True)
def current_tallies(plan: Plan) -> None:
    """Start from current (not stale) tallies, so that every write below has to maintain them."""
    tallies_rebuild()


def assert_maintained(plan: Plan) -> None:
    """Exact without a fallback: the state is current, the cells equal a rebuild, the counts a naive recount."""
    state = TallyState.objects.get()
    assert not state.stale
    assert state.records == JobRecord.objects.count()
    assert stored_cells() == scanned_cells()
    summary = build_summary(plan=plan)
    for as_of in AS_OFS:
        assert summary.count(as_of) == reference_recount(plan, as_of) == count_actuals(plan=plan, as_of=as_of)


def persons(kind: str, **scope: int) -> dict[int, int]:
    """A person histogram as {date: persons}, zero cells left out."""
    cells = SummaryTally.objects.filter(kind=kind, **scope).exclude(n=0).values_list("day", "n")
    return {D.fromordinal(day): n for day, n in cells}


def period_id(plan: Plan, code: str) -> int:
    return Period.objects.get(plan=plan, code=code).pk


def test_a_person_in_two_periods_and_departments_counts_once_in_each_scope(plan: Plan) -> None:
    import_records(
        "A-1,일자리지원과,고용서비스,X1,1990-01-01,여,2019-03-01,\n"
        "A-2,복지정책과,고용서비스,X1,1990-01-01,여,2020-05-01,\n"
        "A-3,일자리지원과,고용서비스,X1,1990-01-01,여,2019-08-01,\n"
    )
    assert persons("persons_total") == {D(2019, 3, 1): 1}
    assert persons("persons_period", period_id=period_id(plan, "2019")) == {D(2019, 3, 1): 1}
    assert persons("persons_period", period_id=period_id(plan, "2020")) == {D(2020, 5, 1): 1}
    welfare = Department.objects.get(name="복지정책과").pk
    assert persons("persons_department", department_id=welfare) == {D(2020, 5, 1): 1}
    assert_maintained(plan)


def test_withdrawing_a_persons_earliest_record_moves_them_to_their_next_start(plan: Plan) -> None:
    import_records(
        "A-1,일자리지원과,고용서비스,X1,1990-01-01,여,2019-03-01,\nA-2,일자리지원과,고용서비스,X1,1990-01-01,여,2020-05-01,\n"
    )
    earliest = JobRecord.objects.get(record_id="A-1")
    services.record_withdraw(record=earliest, reason="중복", user=None)
    assert persons("persons_total") == {D(2020, 5, 1): 1}
    assert persons("persons_period", period_id=period_id(plan, "2019")) == {}
    assert_maintained(plan)
    services.record_restore(record=earliest, reason="확인", user=None)
    assert persons("persons_total") == {D(2019, 3, 1): 1}
    assert_maintained(plan)


def test_an_edit_moves_a_record_to_another_period_department_program_and_person(plan: Plan) -> None:
    import_records(
        "A-1,일자리지원과,고용서비스,X1,1990-01-01,여,2019-03-01,\nA-2,복지정책과,창업지원,X2,1990-01-01,남,2021-02-01,\n"
    )
    record = JobRecord.objects.get(record_id="A-1")
    services.record_update(
        record=record,
        data={"start_date": "2021-01-10", "department": "복지정책과", "program": "창업지원", "person_id": "X2"},
        user=None,
    )
    assert persons("persons_total") == {D(2021, 1, 10): 1}  # X1 is gone, X2 now starts earlier
    assert not persons("persons_period", period_id=period_id(plan, "2019"))
    assert_maintained(plan)


def test_a_reimport_changing_dates_and_program_is_maintained(plan: Plan) -> None:
    import_records("A-1,일자리지원과,고용서비스,X1,1990-01-01,여,2019-03-01,\n")
    import_records("A-1,일자리지원과,창업지원,X1,1990-01-01,여,2018-06-30,2019-06-30\n")  # now outside the term
    assert persons("persons_total") == {}
    assert_maintained(plan)
    import_records(
        "A-1,일자리지원과,창업지원,X1,1990-01-01,여,2019-03-01,2020-03-01\nA-2,일자리지원과,창업지원,X1,1990-01-01,여,2019-01-01,\n"
    )
    assert persons("persons_total") == {D(2019, 1, 1): 1}
    assert_maintained(plan)


def test_outside_term_records_are_started_cells_only(plan: Plan) -> None:
    import_records(
        "A-1,일자리지원과,고용서비스,X1,1990-01-01,여,2018-06-30,\nA-2,일자리지원과,고용서비스,X2,1990-01-01,여,2022-07-01,\n"
    )
    kinds = set(SummaryTally.objects.exclude(n=0).values_list("kind", "period_id"))
    assert kinds == {("started", 0), ("kept", 0)}
    assert cached_count_actuals(plan=plan, as_of=D(2023, 6, 30)).outside_term == 2
    assert_maintained(plan)


def test_demo_rows_are_maintained_on_load_and_replace(plan: Plan) -> None:
    demo_data_load(plan=plan, n=400, seed=7)
    assert_maintained(plan)
    assert build_summary(plan=plan).count(D(2023, 6, 30)).demo
    demo_data_load(plan=plan, n=250, seed=8, replace=True)
    assert_maintained(plan)


def test_orm_saves_and_deletes_are_maintained(plan: Plan) -> None:
    record = add_record(plan, start=D(2019, 5, 1), person="p1")
    add_record(plan, start=D(2020, 5, 1), person="p1", department="복지정책과")
    assert_maintained(plan)
    record.end_date = D(2020, 6, 1)
    record.save()
    assert_maintained(plan)
    record.delete()
    assert persons("persons_total") == {D(2020, 5, 1): 1}
    assert_maintained(plan)


# --- the guard -------------------------------------------------------------------------------------------------


def test_a_bypassing_queryset_update_marks_the_tallies_stale_and_the_next_read_rebuilds(plan: Plan) -> None:
    import_records("A-1,일자리지원과,고용서비스,X1,1990-01-01,여,2019-03-01,\n")
    JobRecord.objects.filter(record_id="A-1").update(withdrawn_at="2020-01-01T00:00:00Z")
    assert TallyState.objects.get().stale
    assert stored_cells() != scanned_cells()  # what the guard protects against
    assert build_summary(plan=plan).count(D(2023, 6, 30)) == count_actuals(plan=plan, as_of=D(2023, 6, 30))
    assert not TallyState.objects.get().stale
    assert stored_cells() == scanned_cells()


def test_a_bypassing_bulk_create_marks_the_tallies_stale(plan: Plan) -> None:
    template = add_record(plan, start=D(2019, 5, 1))
    template.pk, template.record_id = None, "BULK-1"
    JobRecord.objects.bulk_create([template])
    assert TallyState.objects.get().stale
    assert build_summary(plan=plan).count(D(2023, 6, 30)).total.actual == 2
    assert_maintained(plan)


def test_a_raw_sql_insert_is_caught(plan: Plan) -> None:
    """SQLite: the tallies' row count differs from COUNT(*); PostgreSQL: the guard trigger marks them stale."""
    add_record(plan, start=D(2019, 5, 1))
    table = connection.ops.quote_name(JobRecord._meta.db_table)
    with connection.cursor() as cursor:  # a copy of the row under another record id, behind the ORM's back
        cursor.execute(f"CREATE TEMPORARY TABLE tmp_copy AS SELECT * FROM {table}")  # noqa: S608
        cursor.execute("UPDATE tmp_copy SET id = id + 1000, record_id = 'RAW-1'")
        cursor.execute(f"INSERT INTO {table} SELECT * FROM tmp_copy")  # noqa: S608
        cursor.execute("DROP TABLE tmp_copy")
    assert stored_cells() != scanned_cells()
    assert build_summary(plan=plan).count(D(2023, 6, 30)).total.actual == 2
    assert_maintained(plan)


def test_a_raw_sql_update_is_caught_on_postgresql(plan: Plan) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no statement triggers: raw updates there need `jobpledge summary rebuild`")
    add_record(plan, start=D(2019, 5, 1))
    with connection.cursor() as cursor:
        cursor.execute(  # moved before the term, derived fields and all
            "UPDATE records_jobrecord SET start_date = '2017-05-01', retention_deadline = '2018-04-30', period_id = NULL"
        )
    assert TallyState.objects.get().stale
    assert build_summary(plan=plan).count(D(2023, 6, 30)).outside_term == 1
    assert_maintained(plan)


def test_maintained_writes_leave_the_tallies_current(plan: Plan) -> None:
    """No write path of the app trips the guard (which would hide a maintenance bug behind a rebuild)."""
    import_records("A-1,일자리지원과,고용서비스,X1,1990-01-01,여,2019-03-01,\n")
    record = JobRecord.objects.get()
    services.record_update(record=record, data={"end_date": "2020-01-01"}, user=None)
    services.record_withdraw(record=record, reason="중복", user=None)
    demo_data_load(plan=plan, n=50, seed=3)
    add_record(plan, start=D(2019, 5, 1)).delete()
    assert not TallyState.objects.get().stale


def test_missing_state_means_a_rebuild(plan: Plan) -> None:
    add_record(plan, start=D(2019, 5, 1))
    TallyState.objects.all().delete()
    add_record(plan, start=D(2019, 6, 1))  # not maintained: nothing to maintain
    assert build_summary(plan=plan).count(D(2023, 6, 30)).total.actual == 2
    assert_maintained(plan)


def test_reading_the_summary_does_not_scan_the_records(plan: Plan, django_assert_num_queries: Any) -> None:
    for i in range(20):
        add_record(plan, start=D(2019, 1, 1) + dt.timedelta(days=30 * i), person=f"p{i % 3}")
    # the guard (tally state and COUNT(*) in one statement), periods, programs, tally cells, aggregates, departments
    with django_assert_num_queries(6):
        build_summary(plan=plan)


def test_summary_rebuild_command(plan: Plan, capsys: Any) -> None:
    add_record(plan, start=D(2019, 5, 1))
    SummaryTally.objects.all().delete()  # tallies lost …
    with pytest.raises(CommandError):
        call_command("summary_rebuild", "--check")
    call_command("summary_rebuild")  # … and recomputed
    call_command("summary_rebuild", "--check")
    assert "일치" in capsys.readouterr().out
    assert_maintained(plan)


def test_a_person_in_two_plans_is_counted_in_each(plan: Plan) -> None:
    other = build_plan("other-plan")
    add_record(plan, start=D(2019, 5, 1), person="p1")
    add_record(other, start=D(2020, 5, 1), person="p1")
    assert persons("persons_total", plan_id=plan.pk) == {D(2019, 5, 1): 1}
    assert persons("persons_total", plan_id=other.pk) == {D(2020, 5, 1): 1}
    assert_maintained(plan)
    assert_maintained(other)
