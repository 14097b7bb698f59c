"""The counting engine's rules (issue 3 §4, docs/counting.md), each at its boundary."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from jobpledge.accounts.models import Department
from jobpledge.core.periods import term_periods
from jobpledge.counting.rules import Actuals, Counts
from jobpledge.counting.selectors import count_actuals, counted_records
from jobpledge.counting.summary import build_summary
from jobpledge.plans.models import Period, Plan, Program, Sector
from jobpledge.records.derive import PeriodBounds
from jobpledge.records.factories import add_record
from jobpledge.records.models import AggregateEntry

D = dt.date
DEFAULT_BIRTH = D(1980, 5, 5)

GURO_PROGRAMS: list[tuple[str, str, int | None]] = [
    ("직접일자리 사업", "정부부문", 17600),
    ("직업능력개발훈련", "정부부문", 1000),
    ("고용서비스", "정부부문", 18200),
    ("고용장려금", "정부부문", 600),
    ("창업지원", "정부부문", 1000),
    ("일자리 인프라구축", "정부부문", None),
    ("중소기업 역량강화", "민간부문", 560),
    ("민간·관급 공사장 근로자 채용", "민간부문", 13840),
    ("민간위탁사업", "민간부문", 500),
]
GURO_TARGETS = {"2018H2": 5000, "2019": 13300, "2020": 13500, "2021": 13500, "2022H1": 8000}


def build_plan(key: str = "guro-test") -> Plan:
    """A second plan of the Guro card's shape (periods, sectors, programs), built directly.

    The tests' `plan` fixture (records/tests/conftest.py) is the real Guro plan loaded from its file.
    """
    plan = Plan.objects.create(
        key=key,
        code="III-1-1",
        title="매년 1만개 일자리 창출",
        government="서울특별시 구로구",
        term_name="민선7기",
        term_start=D(2018, 7, 1),
        term_end=D(2022, 6, 30),
        project_type="계속",
        timing="임기내완료",
        funding_label="국/시/구비/민자",
        lead_department="일자리지원과",
        cooperating_departments="전 부서",
        indicator="일자리 창출",
        total_target=53300,
        budget_total=247040,
        rounding="half_up",
        source_name="test",
        source_sha256="0" * 64,
    )
    for order, span in enumerate(term_periods(plan.term_start, plan.term_end)):
        Period.objects.create(
            plan=plan,
            order=order,
            code=span.code,
            label=span.code,
            start=span.start,
            end=span.end,
            target=GURO_TARGETS[span.code],
        )
    sectors = {
        name: Sector.objects.create(plan=plan, order=i, name=name) for i, name in enumerate(["정부부문", "민간부문"])
    }
    for order, (name, sector, target) in enumerate(GURO_PROGRAMS):
        Program.objects.create(
            plan=plan, sector=sectors[sector], order=order, name=name, description=name, job_target=target
        )
    return plan


def period_bounds(plan: Plan) -> list[PeriodBounds]:
    return [PeriodBounds(p.id, p.code, p.start, p.end) for p in plan.periods.all()]


def add_aggregate(
    plan: Plan,
    *,
    period: str,
    count: int,
    department: str = "건축과",
    program: str = "민간·관급 공사장 근로자 채용",
    demo: bool = False,
    withdrawn: bool = False,
) -> AggregateEntry:
    return AggregateEntry.objects.create(
        department=Department.objects.get_or_create(name=department)[0],
        program=Program.objects.get(plan=plan, name=program),
        period=Period.objects.get(plan=plan, code=period),
        count=count,
        is_demo=demo,
        withdrawn_at=dt.datetime(2023, 1, 1, tzinfo=dt.UTC) if withdrawn else None,
    )


AS_OF = D(2023, 6, 30)


def count(plan: Plan, as_of: dt.date = AS_OF) -> Actuals:
    """count_actuals, checked against the summary path (records.summary) that the cached report uses."""
    direct = count_actuals(plan=plan, as_of=as_of)
    assert build_summary(plan=plan).count(as_of) == direct
    return direct


# --- the empty case and the shape -----------------------------------------------------------------------------


def test_no_records_gives_zeroes_in_every_key(plan: Plan) -> None:
    actuals = count(plan)
    assert actuals.total == Counts()
    assert list(actuals.by_period) == ["2018H2", "2019", "2020", "2021", "2022H1"]
    assert all(counts == Counts() for counts in actuals.by_period.values())
    assert list(actuals.by_program) == [name for name, _s, _t in GURO_PROGRAMS]
    assert actuals.by_sector == {"정부부문": 0, "민간부문": 0}
    assert actuals.generations == {"15-29": 0, "30-39": 0, "40-49": 0, "50-64": 0, "65+": 0}
    assert actuals.gender == {"M": 0, "F": 0}
    assert actuals.resident == {"Y": 0, "N": 0, "unknown": 0}
    assert actuals.by_department == {}
    assert actuals.outside_term == 0
    assert actuals.demo is False


# --- term boundaries -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "period"),
    [
        (D(2018, 6, 30), None),
        (D(2018, 7, 1), "2018H2"),
        (D(2018, 12, 31), "2018H2"),
        (D(2019, 1, 1), "2019"),
        (D(2021, 12, 31), "2021"),
        (D(2022, 1, 1), "2022H1"),
        (D(2022, 6, 30), "2022H1"),
        (D(2022, 7, 1), None),
    ],
)
def test_record_counts_in_the_period_holding_its_start_date(plan: Plan, start: dt.date, period: str | None) -> None:
    add_record(plan, start=start)
    actuals = count(plan)
    counted = {code: counts.actual for code, counts in actuals.by_period.items() if counts.actual}
    if period is None:
        assert counted == {}
        assert actuals.total.actual == 0
        assert actuals.outside_term == 1
        assert actuals.by_program["직접일자리 사업"] == 0
        assert actuals.by_department == {}
    else:
        assert counted == {period: 1}
        assert actuals.total.actual == 1
        assert actuals.outside_term == 0


def test_outside_term_counts_only_when_started_by_as_of(plan: Plan) -> None:
    add_record(plan, start=D(2022, 7, 1))
    add_record(plan, start=D(2018, 1, 15))
    assert count(plan, D(2022, 6, 30)).outside_term == 1
    assert count(plan, D(2022, 7, 1)).outside_term == 2


# --- the as-of cut ---------------------------------------------------------------------------------------------


def test_start_after_as_of_is_not_counted_at_all(plan: Plan) -> None:
    add_record(plan, start=D(2019, 3, 1))
    add_record(plan, start=D(2019, 3, 2))
    actuals = count(plan, D(2019, 3, 1))
    assert actuals.by_period["2019"].actual == 1
    assert actuals.total.unique_persons == 1
    assert actuals.outside_term == 0
    assert count(plan, D(2019, 2, 28)).total.actual == 0


# --- kept one year ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "kept"),
    [
        (D(2019, 3, 1), D(2020, 2, 28), False),  # the day before the deadline
        (D(2019, 3, 1), D(2020, 2, 29), True),  # the deadline (leap day)
        (D(2019, 3, 1), D(2020, 3, 1), True),
        (D(2020, 2, 29), D(2021, 2, 26), False),  # 29 Feb start: +1 year = 28 Feb 2021, deadline 27 Feb
        (D(2020, 2, 29), D(2021, 2, 27), True),
        (D(2019, 1, 1), D(2019, 12, 30), False),
        (D(2019, 1, 1), D(2019, 12, 31), True),
        (D(2019, 1, 1), D(2019, 1, 1), False),  # a one-day job
    ],
)
def test_retention_boundaries(plan: Plan, start: dt.date, end: dt.date, kept: bool) -> None:
    add_record(plan, start=start, end=end)
    actuals = count(plan)
    assert actuals.total.actual == 1
    assert actuals.total.retained_1y == int(kept)


@pytest.mark.parametrize(
    ("as_of", "kept"),
    [(D(2020, 2, 28), False), (D(2020, 2, 29), True), (D(2020, 3, 1), True)],
)
def test_open_ended_record_is_kept_once_as_of_reaches_the_deadline(plan: Plan, as_of: dt.date, kept: bool) -> None:
    add_record(plan, start=D(2019, 3, 1), end=None)
    assert count(plan, as_of).total.retained_1y == int(kept)


@pytest.mark.parametrize(
    ("as_of", "kept"),
    [(D(2020, 2, 28), False), (D(2020, 2, 29), True)],
)
def test_end_date_after_as_of_is_cut_to_as_of(plan: Plan, as_of: dt.date, kept: bool) -> None:
    # ends well after the deadline, but on as_of = 28 Feb the job has not yet been kept a year
    add_record(plan, start=D(2019, 3, 1), end=D(2021, 12, 31))
    actuals = count(plan, as_of)
    assert actuals.total.actual == 1
    assert actuals.total.retained_1y == int(kept)


def test_retained_is_counted_per_period_and_department(plan: Plan) -> None:
    add_record(plan, start=D(2018, 8, 1), end=D(2019, 7, 31), department="복지정책과")  # kept
    add_record(plan, start=D(2018, 8, 1), end=D(2019, 7, 30), department="복지정책과")  # not kept
    add_record(plan, start=D(2021, 5, 1), department="일자리지원과")  # open-ended, kept by 2023
    actuals = count(plan)
    assert actuals.by_period["2018H2"].retained_1y == 1
    assert actuals.by_period["2021"].retained_1y == 1
    assert actuals.total.retained_1y == 2
    assert actuals.by_department["복지정책과"].retained_1y == 1
    assert actuals.by_department["일자리지원과"].retained_1y == 1


# --- senior activity -------------------------------------------------------------------------------------------


def test_senior_activity_records_are_left_out_of_excluding_senior_only(plan: Plan) -> None:
    add_record(plan, start=D(2019, 4, 1), senior=True, birth=D(1950, 1, 1), department="어르신복지과")
    add_record(plan, start=D(2019, 4, 1), senior=False)
    actuals = count(plan)
    assert actuals.total.actual == 2
    assert actuals.total.excluding_senior == 1
    assert actuals.by_period["2019"].excluding_senior == 1
    assert actuals.by_department["어르신복지과"].excluding_senior == 0
    assert actuals.by_department["어르신복지과"].actual == 1


# --- unique persons --------------------------------------------------------------------------------------------


def test_same_person_twice_in_one_period_is_one_person(plan: Plan) -> None:
    add_record(plan, start=D(2019, 2, 1), end=D(2019, 5, 31), person="p1")
    add_record(plan, start=D(2019, 9, 1), person="p1", program="고용서비스")
    add_record(plan, start=D(2019, 9, 1), person="p2")
    actuals = count(plan)
    assert actuals.by_period["2019"].actual == 3
    assert actuals.by_period["2019"].unique_persons == 2
    assert actuals.total.unique_persons == 2


def test_same_person_across_periods_counts_once_in_total(plan: Plan) -> None:
    add_record(plan, start=D(2019, 2, 1), end=D(2019, 5, 31), person="p1", department="복지정책과")
    add_record(plan, start=D(2020, 2, 1), person="p1", department="일자리지원과")
    add_record(plan, start=D(2018, 2, 1), person="p1")  # outside the term: not a counted record
    actuals = count(plan)
    assert actuals.by_period["2019"].unique_persons == 1
    assert actuals.by_period["2020"].unique_persons == 1
    assert actuals.total.actual == 2
    assert actuals.total.unique_persons == 1
    assert actuals.by_department["복지정책과"].unique_persons == 1
    assert actuals.by_department["일자리지원과"].unique_persons == 1


def test_unique_persons_ignores_records_not_counted(plan: Plan) -> None:
    add_record(plan, start=D(2019, 2, 1), person="p1", withdrawn=True)
    add_record(plan, start=D(2024, 2, 1), person="p2")  # after as_of
    add_record(plan, start=D(2019, 2, 1), person="p3")
    assert count(plan).total.unique_persons == 1


# --- generations, gender, residents ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "start", "band"),
    [
        (D(1989, 3, 1), D(2019, 2, 28), "15-29"),  # the day before the 30th birthday
        (D(1989, 3, 1), D(2019, 3, 1), "30-39"),  # the 30th birthday
        (D(1979, 3, 1), D(2019, 3, 1), "40-49"),
        (D(1969, 3, 2), D(2019, 3, 1), "40-49"),  # 50 tomorrow
        (D(1969, 3, 1), D(2019, 3, 1), "50-64"),
        (D(1954, 3, 2), D(2019, 3, 1), "50-64"),
        (D(1954, 3, 1), D(2019, 3, 1), "65+"),
        (D(2004, 3, 1), D(2019, 3, 1), "15-29"),  # 15 on the day
        (D(2000, 2, 29), D(2019, 2, 28), "15-29"),
    ],
)
def test_generation_is_full_age_at_start(plan: Plan, birth: dt.date, start: dt.date, band: str) -> None:
    add_record(plan, start=start, birth=birth)
    generations = count(plan).generations
    assert generations[band] == 1
    assert sum(generations.values()) == 1


def test_gender_and_resident_shares(plan: Plan) -> None:
    add_record(plan, start=D(2019, 1, 1), gender="M", resident=True)
    add_record(plan, start=D(2019, 1, 1), gender="F", resident=False)
    add_record(plan, start=D(2019, 1, 1), gender="F", resident=None)
    add_record(plan, start=D(2017, 1, 1), gender="M", resident=True)  # outside the term
    actuals = count(plan)
    assert actuals.gender == {"M": 1, "F": 2}
    assert actuals.resident == {"Y": 1, "N": 1, "unknown": 1}


# --- aggregates ------------------------------------------------------------------------------------------------


def test_aggregates_count_in_actual_and_unknown_only(plan: Plan) -> None:
    add_record(
        plan, start=D(2019, 6, 1), end=D(2021, 1, 1), department="건축과", program="민간·관급 공사장 근로자 채용"
    )
    add_aggregate(plan, period="2019", count=40)
    add_aggregate(plan, period="2020", count=7, department="지역경제과", program="중소기업 역량강화")
    actuals = count(plan)
    assert actuals.by_period["2019"] == Counts(
        actual=41, retained_1y=1, excluding_senior=1, unique_persons=1, unknown=40
    )
    assert actuals.by_period["2020"] == Counts(actual=7, unknown=7)
    assert actuals.total == Counts(actual=48, retained_1y=1, excluding_senior=1, unique_persons=1, unknown=47)
    assert actuals.by_program["민간·관급 공사장 근로자 채용"] == 41
    assert actuals.by_program["중소기업 역량강화"] == 7
    assert actuals.by_sector == {"정부부문": 0, "민간부문": 48}
    assert actuals.by_department["건축과"] == Counts(
        actual=41, retained_1y=1, excluding_senior=1, unique_persons=1, unknown=40
    )
    assert actuals.by_department["지역경제과"] == Counts(actual=7, unknown=7)
    assert sum(actuals.generations.values()) == 1
    assert sum(actuals.gender.values()) == 1
    assert actuals.records_counted == 1
    assert actuals.aggregates_counted == 47


@pytest.mark.parametrize(("as_of", "counted"), [(D(2019, 12, 31), 0), (D(2020, 1, 1), 5), (D(2020, 12, 31), 5)])
def test_aggregate_counts_once_its_period_has_begun(plan: Plan, as_of: dt.date, counted: int) -> None:
    add_aggregate(plan, period="2020", count=5)
    assert count(plan, as_of).total.actual == counted


def test_withdrawn_aggregate_does_not_count(plan: Plan) -> None:
    add_aggregate(plan, period="2019", count=5, withdrawn=True)
    assert count(plan).total == Counts()


# --- withdrawn, departments, programs, sectors, demo -----------------------------------------------------------


def test_withdrawn_records_never_count(plan: Plan) -> None:
    add_record(plan, start=D(2019, 1, 1), withdrawn=True, demo=True)
    add_record(plan, start=D(2017, 1, 1), withdrawn=True)
    actuals = count(plan)
    assert actuals.total == Counts()
    assert actuals.outside_term == 0
    assert actuals.demo is False
    assert actuals.by_department == {}


def test_department_breakdown(plan: Plan) -> None:
    add_record(plan, start=D(2019, 1, 1), department="일자리지원과", program="고용서비스", person="a")
    add_record(plan, start=D(2020, 1, 1), department="일자리지원과", program="고용서비스", person="a")
    add_record(plan, start=D(2020, 1, 1), department="어르신복지과", senior=True, person="b")
    add_record(plan, start=D(2017, 1, 1), department="여성가족과", program="직업능력개발훈련")  # outside the term
    actuals = count(plan)
    assert list(actuals.by_department) == ["어르신복지과", "일자리지원과"]  # sorted by name
    assert actuals.by_department["일자리지원과"] == Counts(
        actual=2, retained_1y=2, excluding_senior=2, unique_persons=1, unknown=0
    )
    assert actuals.by_department["어르신복지과"] == Counts(
        actual=1, retained_1y=1, excluding_senior=0, unique_persons=1
    )
    assert sum(c.actual for c in actuals.by_department.values()) == actuals.total.actual


def test_programs_and_sectors(plan: Plan) -> None:
    add_record(plan, start=D(2019, 1, 1), program="고용서비스")
    add_record(plan, start=D(2019, 1, 1), program="민간위탁사업")
    add_record(plan, start=D(2019, 1, 1), program="민간위탁사업")
    actuals = count(plan)
    assert actuals.by_program["고용서비스"] == 1
    assert actuals.by_program["민간위탁사업"] == 2
    assert actuals.by_sector == {"정부부문": 1, "민간부문": 2}


def test_other_plans_records_are_not_counted(plan: Plan) -> None:
    other = build_plan("other-plan")
    add_record(other, start=D(2019, 1, 1))
    add_aggregate(other, period="2019", count=3)
    assert count(plan).total == Counts()
    assert count(other).total.actual == 4


@pytest.mark.parametrize(
    ("kwargs", "demo"),
    [
        ({"start": D(2019, 1, 1), "demo": True}, True),
        ({"start": D(2017, 1, 1), "demo": True}, True),  # outside the term, but reported in outside_term
        ({"start": D(2024, 1, 1), "demo": True}, False),  # after as_of: not counted
        ({"start": D(2019, 1, 1), "demo": False}, False),
    ],
)
def test_demo_flag_follows_counted_data(plan: Plan, kwargs: dict[str, Any], demo: bool) -> None:
    add_record(plan, **kwargs)
    assert count(plan).demo is demo


def test_demo_aggregate_sets_demo(plan: Plan) -> None:
    add_aggregate(plan, period="2019", count=3, demo=True)
    assert count(plan).demo is True


# --- the drill-down queryset agrees with the counts ------------------------------------------------------------


def test_counted_records_match_each_figure(plan: Plan) -> None:
    add_record(plan, start=D(2019, 3, 1), end=D(2020, 2, 28))
    add_record(plan, start=D(2019, 3, 1), end=D(2020, 2, 29), senior=True)
    add_record(plan, start=D(2017, 3, 1))
    add_record(plan, start=D(2019, 3, 1), withdrawn=True)
    actuals = count(plan)
    assert counted_records(plan=plan, as_of=AS_OF).count() == actuals.total.actual
    assert counted_records(plan=plan, as_of=AS_OF, basis="retained_1y").count() == actuals.total.retained_1y
    assert counted_records(plan=plan, as_of=AS_OF, basis="excluding_senior").count() == actuals.total.excluding_senior
    assert counted_records(plan=plan, as_of=AS_OF, basis="outside_term").count() == actuals.outside_term
    with pytest.raises(ValueError, match="unknown basis"):
        counted_records(plan=plan, as_of=AS_OF, basis="nonsense")


def test_count_actuals_runs_a_fixed_number_of_queries(plan: Plan, django_assert_num_queries: Any) -> None:
    for day in range(1, 20):
        add_record(plan, start=D(2019, 1, day), department=f"부서{day % 4}", person=f"p{day % 7}")
    add_aggregate(plan, period="2019", count=3)
    # periods, programs, records GROUP BY, persons per period / in total / per department, aggregates, departments
    with django_assert_num_queries(8):
        count_actuals(plan=plan, as_of=AS_OF)
