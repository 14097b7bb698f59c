"""Demo targets and spending: labelled, deterministic, covering the plan exactly; never mixed into real data."""

from __future__ import annotations

import io

from django.core.management import call_command
from django.db.models import Sum

from jobpledge.accountability.demo import _split
from jobpledge.accountability.models import DepartmentTarget, Spending
from jobpledge.accountability.selectors import target_coverage_lines
from jobpledge.records.factories import add_record


def test_split_adds_up() -> None:
    assert _split(10, [1, 1, 1]) == [4, 3, 3]
    assert _split(7, [5, 0, 2]) == [5, 0, 2]


def test_demo_targets_cover_the_plan_and_spending_is_won(plan) -> None:
    out = io.StringIO()
    call_command("demo_accountability", stdout=out)
    assert out.getvalue().startswith("예시 데이터:")
    assert not DepartmentTarget.objects.filter(is_demo=False).exists()
    assert DepartmentTarget.objects.aggregate(n=Sum("target"))["n"] == 53300
    for line in target_coverage_lines(plan=plan):
        if "목표 없음" in line:
            continue
        allotted, planned = (int(x.replace(",", "")) for x in line.split("배분 ")[1].split(", 계획 "))
        if " · 계:" in line:  # per program: exact
            assert allotted == planned, line
        else:  # per period: up to the rounding of the nine programs' shares
            assert abs(allotted - planned) <= 9, line
    spending = Spending.objects.all()
    assert spending.filter(is_demo=True).count() == spending.count() > 0
    assert all(s.executed_krw <= s.budget_krw for s in spending)
    assert spending.filter(program__name="일자리 인프라구축").exists()
    # the budgets split the plan's 247,040 백만원 exactly
    assert spending.aggregate(n=Sum("budget_krw"))["n"] == 247_040 * 1_000_000
    again = io.StringIO()
    call_command("demo_accountability", stdout=again)
    assert "이미 있어" in again.getvalue()


def test_if_demo_skips_real_data(plan) -> None:
    add_record(plan, start=__import__("datetime").date(2019, 3, 1))
    out = io.StringIO()
    call_command("demo_accountability", "--if-demo", stdout=out)
    assert "실제 실적이 있어" in out.getvalue()
    assert not DepartmentTarget.objects.exists()
