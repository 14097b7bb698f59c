"""Counts by (department, period, program) as of a day, from the same summary as the report's figures.

The summary tallies' `started` and `kept` cells are keyed by program, period and department already
(counting.summary.GroupKey), so this split costs no scan of the records: it reads the cached ActualsSummary and
applies the rules of `ActualsSummary.count` — in-term records and aggregate entries into `actual`, records only
into `retained_1y` — so that a department's cells add up to its `actual` in the report, and all cells to the total.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from jobpledge.counting.selectors import actuals_summary
from jobpledge.plans.models import Plan


@dataclass
class CellCounts:
    actual: int = 0  # records + aggregate entries
    retained_1y: int = 0  # records only
    aggregates: int = 0  # the part of `actual` known only as counts


# (department name, period code, program name)
CellKey = tuple[str, str, str]


def counts_by_department_period_program(*, plan: Plan, as_of: dt.date) -> dict[CellKey, CellCounts]:
    """Every non-empty (department, period, program) cell as of `as_of`; records outside the term are left out,
    as they are from every department's and period's `actual`."""
    summary = actuals_summary(plan=plan)
    day = as_of.toordinal()
    code = dict(summary.period_codes)
    cells: dict[CellKey, CellCounts] = defaultdict(CellCounts)
    for key, started in summary.started.items():
        period_id, department_id, program_id, _senior, _demo = key
        if period_id is None:
            continue
        n = started.up_to(day)
        if not n:
            continue
        cell = cells[(summary.department_names[department_id], code[period_id], summary.program_names[program_id])]
        cell.actual += n
        cell.retained_1y += summary.kept[key].up_to(day) if key in summary.kept else 0
    for period_start, period_id, department_id, program_id, n, _demo in summary.aggregates:
        if period_start > day or not n:
            continue
        cell = cells[(summary.department_names[department_id], code[period_id], summary.program_names[program_id])]
        cell.actual += n
        cell.aggregates += n
    return dict(cells)


def monthly_starts(*, plan: Plan, as_of: dt.date) -> dict[tuple[int, int], int]:
    """In-term person-level records by (year, month) of their start date, up to and including `as_of` — the
    seasonality of the forecast (accountability.forecast). Read from the summary's per-day start counts."""
    summary = actuals_summary(plan=plan)
    day = as_of.toordinal()
    months: dict[tuple[int, int], int] = defaultdict(int)
    for key, started in summary.started.items():
        if key[0] is None:
            continue
        previous = 0
        for ordinal, running in zip(started.days, started.running, strict=True):
            if ordinal > day:
                break
            start = dt.date.fromordinal(ordinal)
            months[(start.year, start.month)] += running - previous
            previous = running
    return dict(months)
