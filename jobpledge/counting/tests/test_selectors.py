"""The report cache: a lookup when warm, and never older than the data (every service write invalidates it)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache

from jobpledge.accounts.models import Department
from jobpledge.counting.selectors import cached_count_actuals, count_actuals, counted_records
from jobpledge.plans.models import Plan
from jobpledge.records import services
from jobpledge.records.factories import add_record
from jobpledge.records.models import JobRecord
from jobpledge.records.selectors import record_list

AS_OF = dt.date(2023, 6, 30)
RECORDS = "실적번호,부서,세부사업,개인식별번호,생년월일,성별,취업일,종료일\n"
AGGREGATES = "부서,세부사업,기간,실적,근거\n"


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


def import_records(text: str) -> None:
    result = services.record_import(file=io.BytesIO((RECORDS + text).encode()), filename="t.csv", user=None)
    assert result.ok, result.errors


def import_aggregates(text: str) -> None:
    result = services.aggregate_import(file=io.BytesIO((AGGREGATES + text).encode()), filename="a.csv", user=None)
    assert result.ok, result.errors


def cached_total(plan: Plan) -> int:
    return cached_count_actuals(plan=plan, as_of=AS_OF).total.actual


def test_warm_cache_is_one_query_and_serves_the_stored_result(plan: Plan, django_assert_num_queries: Any) -> None:
    import_records("A-1,일자리지원과,고용서비스,X1,1990-01-01,여,2019-03-01,\n")
    assert cached_total(plan) == 1
    with django_assert_num_queries(1):  # the data version; the counts come from the cache
        assert cached_total(plan) == 1
    # a row written behind the services' back (no version bump) is not seen: proof that the cache answered
    add_record(plan, start=dt.date(2019, 5, 1), bump=False)
    assert cached_total(plan) == 1
    assert count_actuals(plan=plan, as_of=AS_OF).total.actual == 2


def test_a_new_as_of_day_is_answered_from_the_cached_summary(plan: Plan, django_assert_num_queries: Any) -> None:
    import_records(
        "A-1,일자리지원과,고용서비스,X1,1990-01-01,여,2019-03-01,\nA-2,일자리지원과,고용서비스,X2,1990-01-01,여,2020-03-01,\n"
    )
    assert cached_total(plan) == 2
    with django_assert_num_queries(1):
        assert cached_count_actuals(plan=plan, as_of=dt.date(2019, 12, 31)).total.actual == 1
    assert cached_count_actuals(plan=plan, as_of=dt.date(2019, 12, 31)) == count_actuals(
        plan=plan, as_of=dt.date(2019, 12, 31)
    )


def test_record_import_invalidates(plan: Plan) -> None:
    assert cached_total(plan) == 0
    import_records("A-1,일자리지원과,고용서비스,X1,1990-01-01,여,2019-03-01,\n")
    assert cached_total(plan) == 1


def test_reimport_with_a_changed_end_date_invalidates(plan: Plan) -> None:
    import_records("A-1,일자리지원과,고용서비스,X1,1990-01-01,여,2019-03-01,2019-06-30\n")
    assert cached_count_actuals(plan=plan, as_of=AS_OF).total.retained_1y == 0
    import_records("A-1,일자리지원과,고용서비스,X1,1990-01-01,여,2019-03-01,2020-02-29\n")
    assert cached_count_actuals(plan=plan, as_of=AS_OF).total.retained_1y == 1


def test_record_update_invalidates(plan: Plan) -> None:
    import_records("A-1,일자리지원과,고용서비스,X1,1990-01-01,여,2019-03-01,2019-06-30\n")
    assert cached_count_actuals(plan=plan, as_of=AS_OF).total.retained_1y == 0
    services.record_update(record=JobRecord.objects.get(), data={"end_date": ""}, user=None)
    assert cached_count_actuals(plan=plan, as_of=AS_OF).total.retained_1y == 1


def test_withdraw_and_restore_invalidate(plan: Plan) -> None:
    import_records("A-1,일자리지원과,고용서비스,X1,1990-01-01,여,2019-03-01,\n")
    assert cached_total(plan) == 1
    record = services.record_withdraw(record=JobRecord.objects.get(), reason="중복 입력", user=None)
    assert cached_total(plan) == 0
    services.record_restore(record=record, reason="철회 취소", user=None)
    assert cached_total(plan) == 1


def test_aggregate_import_invalidates(plan: Plan) -> None:
    assert cached_total(plan) == 0
    import_aggregates("건축과,민간·관급 공사장 근로자 채용,2019,40,보고\n")
    assert cached_total(plan) == 40
    import_aggregates("건축과,민간·관급 공사장 근로자 채용,2019,45,정정\n")
    assert cached_count_actuals(plan=plan, as_of=AS_OF).total.unknown == 45


def test_a_refused_or_dry_run_import_changes_nothing(plan: Plan) -> None:
    import_records("A-1,일자리지원과,고용서비스,X1,1990-01-01,여,2019-03-01,\n")
    before = cached_count_actuals(plan=plan, as_of=AS_OF)
    dry = services.record_import(
        file=io.BytesIO((RECORDS + "A-2,일자리지원과,고용서비스,X2,1990-01-01,여,2019-03-01,\n").encode()),
        filename="t.csv",
        user=None,
        dry_run=True,
    )
    assert dry.ok
    assert cached_count_actuals(plan=plan, as_of=AS_OF) == before == count_actuals(plan=plan, as_of=AS_OF)


def test_cache_is_per_plan_and_day(plan: Plan) -> None:
    import_records("A-1,일자리지원과,고용서비스,X1,1990-01-01,여,2019-03-01,\n")
    assert cached_count_actuals(plan=plan, as_of=dt.date(2019, 2, 28)).total.actual == 0
    assert cached_count_actuals(plan=plan, as_of=dt.date(2019, 3, 1)).total.actual == 1


def test_record_list_scopes_and_hides_withdrawn(plan: Plan) -> None:
    kept = add_record(plan, start=dt.date(2019, 1, 1), department="복지정책과")
    add_record(plan, start=dt.date(2020, 1, 1), department="건축과")
    gone = add_record(plan, start=dt.date(2021, 1, 1), department="복지정책과", withdrawn=True)
    welfare = Department.objects.get(name="복지정책과")
    assert list(record_list(plan=plan, department=welfare)) == [kept]
    assert list(record_list(plan=plan, department=welfare, include_withdrawn=True)) == [gone, kept]
    assert record_list(plan=plan).count() == 2


def test_counted_records_drill_down_by_period_department_program(plan: Plan) -> None:
    add_record(plan, start=dt.date(2019, 1, 1), department="복지정책과", program="직접일자리 사업")
    add_record(plan, start=dt.date(2019, 1, 1), department="복지정책과", program="고용서비스")
    add_record(plan, start=dt.date(2020, 1, 1), department="복지정책과", program="직접일자리 사업")
    period = plan.periods.get(code="2019")
    program = plan.programs.get(name="직접일자리 사업")
    welfare = Department.objects.get(name="복지정책과")
    assert counted_records(plan=plan, as_of=AS_OF, period=period, department=welfare, program=program).count() == 1
    assert counted_records(plan=plan, as_of=AS_OF, department=welfare).count() == 3
