"""Demo department targets and spending (예시 데이터), so that the scorecards and the budget section show something
real-looking next to `jobpledge demo-data`'s records. Deterministic; every row is flagged `is_demo`.

Targets: each program's target per period (the program's target × the period's share of the plan's total) split
among the departments that run it in the demo data (records.demo_data.PROGRAM_DEPARTMENTS), by its weights, with
largest remainders — so that the department targets cover each program's target exactly (each period's up to
the rounding of the programs' shares). Spending: each funding source's
planned amount per period split over the programs by their targets (일자리 인프라구축 a fixed 5 %), executed at
82–99 % of it (integer won throughout).
"""

from __future__ import annotations

import random

from django.db import transaction

from jobpledge.accountability.models import DepartmentTarget, Spending
from jobpledge.accounts.models import Department
from jobpledge.core.models import DataVersion
from jobpledge.plans.models import InvestmentRow, Plan
from jobpledge.records.management.commands.demo_data import PROGRAM_DEPARTMENTS

INFRASTRUCTURE_SHARE_PERCENT = 5
SEED = 20180701


def _split(total: int, weights: list[int]) -> list[int]:
    """total split by integer weights, largest remainders first: the parts add up to total exactly."""
    whole = sum(weights)
    parts = [total * w // whole for w in weights]
    remainders = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % whole), i))
    for i in remainders[: total - sum(parts)]:
        parts[i] += 1
    return parts


@transaction.atomic
def demo_accountability_load(*, plan: Plan, replace: bool = False) -> tuple[int, int]:
    """Load demo targets and spending; returns (targets, spending rows) offered. A real row with the same key is
    kept (the demo row is skipped)."""
    if replace:
        DepartmentTarget.objects.filter(plan=plan, is_demo=True).delete()
        Spending.objects.filter(plan=plan, is_demo=True).delete()
    rng = random.Random(SEED)  # noqa: S311 - deterministic demo data
    periods = list(plan.periods.order_by("order"))
    programs = list(plan.programs.order_by("order"))
    targets = []
    for program in programs:
        if not program.job_target:
            continue
        by_period = _split(program.job_target, [p.target for p in periods])
        departments = PROGRAM_DEPARTMENTS.get(program.name, [("일자리지원과", 1)])
        for period, amount in zip(periods, by_period, strict=True):
            for (name, _w), share in zip(departments, _split(amount, [w for _n, w in departments]), strict=True):
                department = Department.objects.get_or_create(name=name)[0]
                targets.append(
                    DepartmentTarget(
                        plan=plan, department=department, program=program, period=period, target=share, is_demo=True
                    )
                )
    DepartmentTarget.objects.bulk_create(targets, ignore_conflicts=True)
    weights = [
        (program.job_target or 0) * (100 - INFRASTRUCTURE_SHARE_PERCENT) if program.job_target else 0
        for program in programs
    ]
    infrastructure = [i for i, program in enumerate(programs) if not program.job_target]
    for i in infrastructure:
        weights[i] = (
            sum(weights) * INFRASTRUCTURE_SHARE_PERCENT // (100 - INFRASTRUCTURE_SHARE_PERCENT) // len(infrastructure)
        )
    spending = []
    sources = plan.investment_rows.filter(kind=InvestmentRow.Kind.SOURCE).prefetch_related("amounts__period")
    for source in sources:
        for row in source.amounts.all():
            planned_krw = row.amount * 1_000_000
            for program, budget in zip(programs, _split(planned_krw, weights), strict=True):
                if not budget:
                    continue
                executed = budget * rng.randint(82, 99) // 100
                spending.append(
                    Spending(
                        plan=plan, period=row.period, program=program, source=source.name,
                        executed_krw=executed, budget_krw=budget, evidence="예시 데이터", is_demo=True,
                    )
                )  # fmt: skip
    Spending.objects.bulk_create(spending, ignore_conflicts=True)
    DataVersion.bump()
    return len(targets), len(spending)
