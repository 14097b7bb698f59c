"""The report's accountability additions (issue 10) against hand-computed figures: department targets and pace,
budget execution and program costs, job quality. The import rules are tested in jobpledge/accountability/tests."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from django.core.management import call_command
from openpyxl import load_workbook

from jobpledge.accountability.services import spending_import, targets_import
from jobpledge.records.factories import AggregateEntryFactory, DepartmentFactory, add_record
from jobpledge.records.models import JobRecord
from jobpledge.reports.selectors import pledge_report

D = dt.date
HEADER = "부서,세부사업,기간,목표\n"


def run(text: str, *, plan):
    return targets_import(file=io.BytesIO(text.encode("utf-8")), filename="targets.csv", user=None, plan=plan)


SPENDING = (
    "기간,세부사업,재원,집행액,예산현액,근거\n"
    + '2018H2,직접일자리 사업,구비,"5,000,000,000",,세출 결산\n'
    + "2019,직접일자리 사업,국비,1000000000원,1200000000,\n"
    + "2019,중소기업 역량강화,민자,300000000,,\n"
    + "2020,고용서비스,시비,999,,\n"
)


def department(report: dict, name: str) -> dict:
    return next(d for d in report["departments"] if d["department"] == name)


def test_department_figures_by_hand(plan) -> None:
    run(
        HEADER
        + "일자리지원과,고용서비스,2019,365\n"
        + "일자리지원과,고용서비스,2020,366\n"
        + "일자리지원과,직접일자리 사업,2020,100\n"
        + "건축과,고용서비스,2019,10\n",
        plan=plan,
    )
    for day in (D(2019, 3, 1), D(2019, 5, 1), D(2020, 1, 5)):
        add_record(plan, start=day, program="고용서비스", department="일자리지원과")
    add_record(plan, start=D(2020, 2, 1), program="직접일자리 사업", department="일자리지원과")
    add_record(plan, start=D(2017, 1, 1), program="고용서비스", department="일자리지원과")  # outside the term
    AggregateEntryFactory(
        department=DepartmentFactory(name="일자리지원과"),
        program=plan.programs.get(name="창업지원"),
        period=plan.periods.get(code="2019"),
        count=2,
    )
    report = pledge_report(plan=plan, as_of=D(2020, 2, 29))
    mine = department(report, "일자리지원과")
    # target 365 + 366 + 100 = 831; expected: 2019 in full (365) + (366 + 100) × 60/366 = 365 + 76.39 → 441
    assert (mine["actual"], mine["target"], mine["expected_to_date"]) == (6, 831, 441)
    assert mine["achievement_rate"] == 0.7  # 6 / 831 = 0.722 %
    assert mine["pace_rate"] == 1.4  # 6 / 441 = 1.36 %
    assert mine["lagging"] is True
    assert mine["periods"] == [
        {"period": "2018H2", "target": None, "actual": 0, "period_rate": None},
        {"period": "2019", "target": 365, "actual": 4, "period_rate": 1.1},  # 2 records + 2 aggregate
        {"period": "2020", "target": 466, "actual": 2, "period_rate": 0.4},
        {"period": "2021", "target": None, "actual": 0, "period_rate": None},
        {"period": "2022H1", "target": None, "actual": 0, "period_rate": None},
    ]
    assert mine["programs"] == [
        {"program": "직접일자리 사업", "target": 100, "actual": 1},
        {"program": "고용서비스", "target": 731, "actual": 3},
        {"program": "창업지원", "target": None, "actual": 2},
    ]
    other = department(report, "건축과")  # a target, nothing counted yet: listed with zeros
    assert (other["actual"], other["target"], other["expected_to_date"], other["pace_rate"]) == (0, 10, 10, 0.0)
    assert other["lagging"] is True


def test_department_without_targets_is_unknown_not_zero(plan) -> None:
    add_record(plan, start=D(2019, 3, 1), program="고용서비스", department="복지정책과")
    entry = department(pledge_report(plan=plan, as_of=D(2019, 6, 30)), "복지정책과")
    assert entry["target"] is None and entry["expected_to_date"] is None
    assert entry["achievement_rate"] is None and entry["pace_rate"] is None and entry["lagging"] is False
    assert entry["programs"] == [{"program": "고용서비스", "target": None, "actual": 1}]


def test_expected_zero_is_not_lagging(plan) -> None:
    run(HEADER + "일자리지원과,고용서비스,2021,100\n", plan=plan)
    entry = department(pledge_report(plan=plan, as_of=D(2019, 6, 30)), "일자리지원과")
    assert (entry["expected_to_date"], entry["pace_rate"], entry["lagging"]) == (0, None, False)


def test_budget_execution_by_hand(plan) -> None:
    assert spending_import(file=io.BytesIO(SPENDING.encode()), filename="s.csv", user=None, plan=plan).ok
    add_record(plan, start=D(2018, 7, 1), program="직접일자리 사업")  # deadline 2019-06-30, open end: kept
    add_record(plan, start=D(2018, 8, 1), program="직접일자리 사업")  # deadline 2019-07-31: not yet
    add_record(plan, start=D(2018, 7, 1), end=D(2018, 12, 31), program="직접일자리 사업")  # ended early
    report = pledge_report(plan=plan, as_of=D(2019, 6, 30))
    budget = report["budget"]
    # started periods 2018H2 and 2019: 18,000 + 58,640 백만원; the 2020 row (999 won) does not count yet
    assert (budget["executed_krw"], budget["planned_to_date_krw"]) == (6_300_000_000, 76_640_000_000)
    assert budget["execution_rate"] == 8.2  # 6.3 / 76.64 = 8.22 %
    assert [(r["period"], r["executed_krw"], r["execution_rate"]) for r in budget["by_period"]] == [
        ("2018H2", 5_000_000_000, 27.8),  # 5 / 18
        ("2019", 1_300_000_000, 2.2),  # 1.3 / 58.64
        ("2020", 0, None),  # not started: no planned amount to date
        ("2021", 0, None),
        ("2022H1", 0, None),
    ]
    assert [(r["source"], r["executed_krw"], r["execution_rate"]) for r in budget["by_source"]] == [
        ("국비", 1_000_000_000, 12.0),  # 1 / (2.0 + 6.3)
        ("시비", 0, 0.0),
        ("구비", 5_000_000_000, 11.2),  # 5 / (10 + 34.46)
        ("기타(민자)", 300_000_000, 10.0),  # 0.3 / (0 + 3)
    ]
    assert [(r["sector"], r["executed_krw"], r["execution_rate"]) for r in budget["by_sector"]] == [
        ("정부부문", 6_000_000_000, 10.1),  # 6 / 59.64
        ("민간부문", 300_000_000, 1.8),  # 0.3 / 17
    ]
    programs = {p["program"]: p for p in report["programs"]}
    direct = programs["직접일자리 사업"]
    assert (direct["executed_krw"], direct["actual"], direct["actual_retained_1y"]) == (6_000_000_000, 3, 1)
    assert (direct["cost_per_job_krw"], direct["cost_per_kept_job_krw"]) == (2_000_000_000, 6_000_000_000)
    small = programs["중소기업 역량강화"]  # spent, but no job yet: the costs are unknown, not 0
    assert (small["executed_krw"], small["cost_per_job_krw"], small["cost_per_kept_job_krw"]) == (
        300_000_000,
        None,
        None,
    )
    assert programs["고용서비스"]["executed_krw"] == 0


def record(plan, start: dt.date, person: str, *, wage=None, hours=None, kind="", **extra) -> None:
    made = add_record(plan, start=start, person=person, **extra)
    JobRecord.objects.filter(pk=made.pk).update(
        monthly_wage=wage, weekly_hours=None if hours is None else Decimal(hours), employment_type=kind
    )


def test_quality_by_hand(plan) -> None:
    record(plan, D(2019, 3, 1), "A", wage=1_300_893, hours="25", kind="상용")  # exactly the 2019 living wage
    record(plan, D(2019, 4, 1), "A", wage=1_300_892, hours="25", kind="임시")  # one won below
    record(plan, D(2020, 5, 1), "B", wage=2_194_677, hours="40")  # 10,523 × 208.56 = 2,194,676.88: at or above
    record(plan, D(2018, 8, 1), "B", wage=3_000_000, hours="40", kind="일용")  # 2018 is not in the table
    record(plan, D(2021, 2, 1), "C", wage=2_000_000)  # no hours
    record(plan, D(2021, 3, 1), "D", hours="36")  # no wage; 36 h is full time
    record(plan, D(2017, 1, 1), "C", wage=9_000_000, hours="40")  # outside the term: not counted
    record(plan, D(2020, 1, 2), "E", wage=9_000_000, hours="40", withdrawn=True)  # withdrawn: not counted
    AggregateEntryFactory(
        department=DepartmentFactory(name="건축과"),
        program=plan.programs.get(name="고용서비스"),
        period=plan.periods.get(code="2020"),
        count=5,
    )
    report = pledge_report(plan=plan, as_of=D(2023, 1, 1))
    assert report["totals"]["actual"] == 11  # 6 records + 5 aggregate
    assert report["quality"] == {
        "records": 6,
        "living_wage_at_or_above": 2,
        "living_wage_below": 1,
        "living_wage_unknown": 3,
        "full_time": 3,
        "part_time": 2,
        "hours_unknown": 1,
        "employment_type": {"상용": 1, "임시": 1, "일용": 1, "unknown": 3},
        "repeat_persons": 2,  # A (two in 2019) and B (2018H2 and 2020)
        "aggregate_unknown": 5,
    }
    periods = {p["period"]: p["quality"] for p in report["periods"]}
    assert (periods["2019"]["records"], periods["2019"]["repeat_persons"]) == (2, 1)
    assert (periods["2019"]["living_wage_at_or_above"], periods["2019"]["living_wage_below"]) == (1, 1)
    assert (periods["2018H2"]["living_wage_unknown"], periods["2018H2"]["repeat_persons"]) == (1, 0)
    assert (periods["2020"]["records"], periods["2020"]["aggregate_unknown"], periods["2020"]["repeat_persons"]) == (
        1,
        5,
        0,
    )
    assert periods["2021"]["hours_unknown"] == 1 and periods["2021"]["full_time"] == 1
    assert sum(p["records"] for p in periods.values()) == report["quality"]["records"]


def test_no_records_no_guess(plan) -> None:
    quality = pledge_report(plan=plan, as_of=D(2019, 1, 1))["quality"]
    assert quality["records"] == 0 and quality["living_wage_unknown"] == 0 and quality["aggregate_unknown"] == 0


def test_forecast_in_totals_equals_actual_after_the_term(plan) -> None:
    add_record(plan, start=D(2019, 3, 1), program="고용서비스")
    add_record(plan, start=D(2021, 3, 1), program="고용서비스")
    totals = pledge_report(plan=plan, as_of=D(2023, 1, 1))["totals"]
    assert (totals["forecast_end_of_term"], totals["forecast_low"], totals["forecast_high"]) == (2, 2, 2)
    assert totals["forecast_method"] == "pace_seasonal_v1"
    during = pledge_report(plan=plan, as_of=D(2018, 10, 15))["totals"]  # the 2019 record has not started yet
    assert during["forecast_end_of_term"] is not None
    add_record(plan, start=D(2018, 9, 1), program="고용서비스")
    during = pledge_report(plan=plan, as_of=D(2018, 10, 15))["totals"]
    # one job in 107 days; 1,354 days left at that pace (three complete months: no seasonality, band 0.5–1.5):
    # 1 + floor(1,354 / 107 = 12.65) = 13; 1 + floor(6.33) = 7; 1 + floor(18.98) = 19
    assert (during["forecast_end_of_term"], during["forecast_low"], during["forecast_high"]) == (13, 7, 19)


def test_milestones_in_the_report(plan) -> None:
    milestones = pledge_report(plan=plan, as_of=D(2020, 1, 1))["milestones"]
    assert [(m["name"], m["status"]) for m in milestones] == [
        ("천왕역 일자리토털플랫폼", "unscheduled"),
        ("일자리·산업·경제 도서관", "unscheduled"),
        ("근로자 복지센터", "unscheduled"),
    ]


def test_report_command_table_and_xlsx_show_execution_costs_quality_and_milestones(plan, tmp_path) -> None:
    assert spending_import(file=io.BytesIO(SPENDING.encode()), filename="s.csv", user=None, plan=plan).ok
    add_record(plan, start=D(2018, 7, 1), program="직접일자리 사업")
    out = io.StringIO()
    call_command("report", "--format", "table", "--as-of", "2019-06-30", stdout=out)
    text = out.getvalue()
    assert "예산 집행 (계획: 백만원, 집행: 원)" in text and "6,300,000,000" in text
    assert "6,000,000,000" in text  # 직접일자리 사업: executed, and per job (one job)
    assert "일자리의 질" in text and "인프라 이정표" in text and "일정 없음" in text
    path = tmp_path / "card.xlsx"
    call_command("report", "--format", "xlsx", "--as-of", "2019-06-30", "--output", str(path), stdout=io.StringIO())
    book = load_workbook(path)
    assert {"예산 집행", "사업비 대비 일자리", "일자리의 질", "인프라 이정표"} <= set(book.sheetnames)
    costs = {r[0]: r for r in book["사업비 대비 일자리"].iter_rows(min_row=3, values_only=True)}
    assert costs["직접일자리 사업"][1:] == (6_000_000_000, 1, 1, 6_000_000_000, 6_000_000_000)
    assert costs["고용서비스"][4] is None  # no job: unknown, not 0
