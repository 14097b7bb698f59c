"""Reads: money against results (예산 집행) — the report's `budget` and `programs[]` additions.

Everything is integer won: the plan's 백만원 amounts are multiplied by 1,000,000 (rules.million_to_krw), spending
is stored in won, costs are floored integer divisions, and rates go through the plan's Decimal rounding. A
spending row counts when its period has started by as_of; execution rates compare it with the plan's amounts of
the same started periods.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from jobpledge.accountability.models import Spending
from jobpledge.accountability.rules import million_to_krw, per_unit
from jobpledge.counting.breakdown import counts_by_department_period_program
from jobpledge.plans.models import Plan

Rate = Callable[[int, int | None], float | None]


def _executed(plan: Plan, as_of: dt.date) -> list[tuple[str, str, str, str, int]]:
    """(period code, program, program's sector, source, executed won) of the spending rows counted as of a day."""
    return list(
        Spending.objects.filter(plan=plan, period__start__lte=as_of).values_list(
            "period__code", "program__name", "program__sector__name", "source", "executed_krw"
        )
    )


def budget_execution(*, plan: Plan, as_of: dt.date, budget: dict[str, Any], rate: Rate) -> dict[str, Any]:
    """The report's `budget`, each part gaining executed_krw and execution_rate (executed ÷ planned, both over the
    periods started by as_of); the whole gains executed_krw, planned_to_date_krw and execution_rate."""
    started = set(plan.periods.filter(start__lte=as_of).values_list("code", flat=True))
    rows = _executed(plan, as_of)
    by_period: dict[str, int] = defaultdict(int)
    by_source: dict[str, int] = defaultdict(int)
    by_sector: dict[str, int] = defaultdict(int)
    for period, _program, sector, source, amount in rows:
        by_period[period] += amount
        by_source[source] += amount
        by_sector[sector] += amount

    def planned_to_date(amounts: dict[str, int]) -> int:
        return million_to_krw(sum(v for code, v in amounts.items() if code in started))

    for row in budget["by_period"]:
        planned = million_to_krw(row["planned"]) if row["period"] in started else 0
        row.update(
            {"executed_krw": by_period[row["period"]], "execution_rate": rate(by_period[row["period"]], planned)}
        )
    for key, executed in (("by_source", by_source), ("by_sector", by_sector)):
        for row in budget[key]:
            name = row["source" if key == "by_source" else "sector"]
            row.update(
                {
                    "executed_krw": executed[name],
                    "execution_rate": rate(executed[name], planned_to_date(row["by_period"])),
                }
            )
    total = sum(by_period.values())
    planned_total = sum(million_to_krw(r["planned"]) for r in budget["by_period"] if r["period"] in started)
    budget.update(
        {"executed_krw": total, "planned_to_date_krw": planned_total, "execution_rate": rate(total, planned_total)}
    )
    return budget


def program_costs(*, plan: Plan, as_of: dt.date, programs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The report's `programs[]`, each gaining executed_krw, actual_retained_1y (records only), cost_per_job_krw
    = floor(executed ÷ actual) and cost_per_kept_job_krw = floor(executed ÷ actual_retained_1y), null on 0."""
    executed: dict[str, int] = defaultdict(int)
    for _period, program, _sector, _source, amount in _executed(plan, as_of):
        executed[program] += amount
    retained: dict[str, int] = defaultdict(int)
    for (_department, _period, program), counts in counts_by_department_period_program(plan=plan, as_of=as_of).items():
        retained[program] += counts.retained_1y
    for row in programs:
        spent, kept = executed[row["program"]], retained[row["program"]]
        row.update(
            {
                "executed_krw": spent,
                "actual_retained_1y": kept,
                "cost_per_job_krw": per_unit(spent, row["actual"]),
                "cost_per_kept_job_krw": per_unit(spent, kept),
            }
        )
    return programs
