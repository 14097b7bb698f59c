"""Reads: department targets against the counts (부서별 책임제) — the report's `departments[]` additions and the
coverage lines of a targets import.

A department's actuals here are counting's cells by (department, period, program)
(counting.breakdown.counts_by_department_period_program): the very counts behind its `actual` in the report,
split, so that its periods and programs add up to it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db.models import Sum

from jobpledge.accountability import messages as amsg
from jobpledge.accountability.models import DepartmentTarget
from jobpledge.accountability.rules import DEFAULT_LAG_THRESHOLD, expected_by, is_lagging
from jobpledge.counting.breakdown import CellCounts, counts_by_department_period_program
from jobpledge.plans.models import Plan

Rate = Callable[[int, int | None], float | None]
EMPTY_COUNTS = {
    "actual": 0,
    "actual_retained_1y": 0,
    "actual_excluding_senior": 0,
    "unique_persons": 0,
    "unknown_aggregate": 0,
}


def lag_threshold(plan: Plan) -> Decimal:
    """The plan's pace threshold in % (plan file `[accountability] lag_threshold`), default 90."""
    stored = plan.accountability or {}
    return Decimal(str(stored.get("lag_threshold", DEFAULT_LAG_THRESHOLD)))


def targets_by_department(*, plan: Plan) -> dict[str, dict[tuple[str, str], int]]:
    """department name -> {(period code, program name): target}."""
    result: dict[str, dict[tuple[str, str], int]] = defaultdict(dict)
    rows = DepartmentTarget.objects.filter(plan=plan).values_list(
        "department__name", "period__code", "program__name", "target"
    )
    for department, period, program, target in rows:
        result[department][(period, program)] = target
    return dict(result)


def target_coverage_lines(*, plan: Plan) -> list[str]:
    """Per program, then per period: the department targets' sum against the plan's target."""
    targets = DepartmentTarget.objects.filter(plan=plan)
    by_program = dict(targets.values("program_id").annotate(n=Sum("target")).values_list("program_id", "n"))
    by_period = dict(targets.values("period_id").annotate(n=Sum("target")).values_list("period_id", "n"))
    lines = []
    for program in plan.programs.order_by("order"):
        allotted = int(by_program.get(program.pk) or 0)
        if program.job_target is None and not allotted:
            continue
        planned = f"{program.job_target:,}" if program.job_target is not None else amsg.COVERAGE_NO_PLAN_TARGET
        lines.append(amsg.COVERAGE_PROGRAM.format(name=program.name, allotted=allotted, planned=planned))
    for period in plan.periods.order_by("order"):
        allotted = int(by_period.get(period.pk) or 0)
        lines.append(amsg.COVERAGE_PERIOD.format(name=period.code, allotted=allotted, planned=period.target))
    return lines


def department_report_entries(
    *, plan: Plan, as_of: dt.date, departments: list[dict[str, Any]], rate: Rate
) -> list[dict[str, Any]]:
    """The report's `departments[]`, each gaining target, expected_to_date, achievement_rate, pace_rate, lagging,
    periods[] and programs[]; departments with targets but nothing counted yet are added with zero counts.
    Order: most jobs first, then by name (the report's order)."""
    periods = list(plan.periods.order_by("order"))
    programs = list(plan.programs.order_by("order").values_list("name", flat=True))
    targets = targets_by_department(plan=plan)
    cells = counts_by_department_period_program(plan=plan, as_of=as_of)
    actual_cells: dict[str, dict[tuple[str, str], CellCounts]] = defaultdict(dict)
    for (department, period, program), counts in cells.items():
        actual_cells[department][(period, program)] = counts
    threshold = lag_threshold(plan)
    entries = {entry["department"]: dict(entry) for entry in departments}
    for name in targets:
        entries.setdefault(name, {"department": name, **EMPTY_COUNTS})
    for name, entry in entries.items():
        mine, done = targets.get(name, {}), actual_cells.get(name, {})
        period_target = {p.code: sum(t for (code, _), t in mine.items() if code == p.code) for p in periods}
        has_period_target = {code for code, _ in mine}
        period_actual = {p.code: sum(c.actual for (code, _), c in done.items() if code == p.code) for p in periods}
        target = sum(mine.values()) if mine else None
        expected = expected_by(((p.start, p.end, period_target[p.code]) for p in periods), as_of) if mine else None
        entry.update(
            {
                "target": target,
                "expected_to_date": expected,
                "achievement_rate": rate(entry["actual"], target),
                "pace_rate": rate(entry["actual"], expected),
                "lagging": is_lagging(entry["actual"], expected, threshold),
                "periods": [
                    {
                        "period": p.code,
                        "target": period_target[p.code] if p.code in has_period_target else None,
                        "actual": period_actual[p.code],
                        "period_rate": rate(period_actual[p.code], period_target[p.code]),
                    }
                    for p in periods
                ],
                "programs": [
                    {
                        "program": program,
                        "target": _program_sum(mine, program),
                        "actual": sum(c.actual for (_, prog), c in done.items() if prog == program),
                    }
                    for program in programs
                    if _program_sum(mine, program) is not None or any(prog == program for _, prog in done)
                ],
            }
        )
    return sorted(entries.values(), key=lambda e: (-e["actual"], e["department"]))


def _program_sum(targets: dict[tuple[str, str], int], program: str) -> int | None:
    values = [t for (_, prog), t in targets.items() if prog == program]
    return sum(values) if values else None
