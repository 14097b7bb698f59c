"""Alerts (`jobpledge alerts`, the dashboard): who lags, who has gone quiet, where money goes without jobs.

Kinds (thresholds from the plan file's `[accountability]`, defaults in rules.DEFAULT_THRESHOLDS):
- department_lagging: a department's actual ÷ its expected to date < lag_threshold (the report's `lagging`);
- program_lagging: a program's actual ÷ its pro-rata expected < program_lag_threshold, where the program's target
  is spread over the periods in proportion to the periods' targets and then pro-rated like `expected_to_date`;
- department_stale: a period is open on as_of and a department (with targets or records) has had no record start
  and no record written for stale_days days;
- spending_without_jobs: a program's execution rate (executed ÷ 예산현액 of its spending rows, started periods)
  ≥ spending_rate_min while its actual ÷ pro-rata expected ≤ achievement_ratio_max.
Figures are plain numbers (rates as the plan rounds them); messages are Korean.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Max, Sum

from jobpledge.accountability.models import DepartmentTarget, Spending
from jobpledge.accountability.rules import DEFAULT_THRESHOLDS, expected_by
from jobpledge.accountability.selectors import department_report_entries
from jobpledge.core.rounding import percent
from jobpledge.counting.selectors import cached_count_actuals
from jobpledge.plans.models import Plan
from jobpledge.records.models import JobRecord

MSG_DEPARTMENT_LAGGING = "「{subject}」 진도율 {pace}% — 기준 {threshold}% 미만 (실적 {actual:,} / 기대 {expected:,})"
MSG_PROGRAM_LAGGING = "「{subject}」 진도율 {pace}% — 기준 {threshold}% 미만 (실적 {actual:,} / 기대 {expected:,})"
MSG_DEPARTMENT_STALE = (
    "「{subject}」 {days}일 동안 새 실적 없음 (마지막 취업일 {last_start}, 마지막 입력 {last_written})"
)
MSG_SPENDING_WITHOUT_JOBS = "「{subject}」 집행률 {execution}% 인데 진도율 {pace}% (집행 {executed:,}원)"


def thresholds(plan: Plan) -> dict[str, Decimal]:
    stored = plan.accountability or {}
    return {key: Decimal(str(stored.get(key, default))) for key, default in DEFAULT_THRESHOLDS.items()}


def _rate(plan: Plan, numerator: int, denominator: int | None) -> float | None:
    value = percent(numerator, denominator, rule=plan.rounding, decimals=plan.rate_decimals)
    return None if value is None else float(value)


def program_expected(plan: Plan, as_of: dt.date) -> dict[str, int]:
    """Each program's target spread over the periods like the periods' targets, pro-rated to as_of."""
    periods = list(plan.periods.order_by("order"))
    total = sum(p.target for p in periods)
    result = {}
    for program in plan.programs.exclude(job_target=None):
        target = Decimal(program.job_target or 0)
        shares = [(p.start, p.end, target * p.target / total) for p in periods] if total else []
        result[program.name] = expected_by(shares, as_of)
    return result


def alerts(*, plan: Plan, as_of: dt.date) -> list[dict[str, Any]]:
    limits = thresholds(plan)
    actuals = cached_count_actuals(plan=plan, as_of=as_of)
    found: list[dict[str, Any]] = []

    def rate(numerator: int, denominator: int | None) -> float | None:
        return _rate(plan, numerator, denominator)

    base = [{"department": name, "actual": c.actual} for name, c in actuals.by_department.items()]
    for entry in department_report_entries(plan=plan, as_of=as_of, departments=base, rate=rate):
        if entry["lagging"]:
            figures = {k: entry[k] for k in ("actual", "target", "expected_to_date", "pace_rate")}
            message = MSG_DEPARTMENT_LAGGING.format(
                subject=entry["department"], pace=entry["pace_rate"], threshold=limits["lag_threshold"],
                actual=entry["actual"], expected=entry["expected_to_date"],
            )  # fmt: skip
            found.append(
                {"kind": "department_lagging", "subject": entry["department"], "message": message, "figures": figures}
            )

    expected = program_expected(plan, as_of)
    paces: dict[str, Decimal | None] = {}
    for name, exp in expected.items():
        actual = actuals.by_program.get(name, 0)
        paces[name] = Decimal(actual) * 100 / exp if exp else None
        if exp and Decimal(actual) * 100 < limits["program_lag_threshold"] * exp:
            figures = {"actual": actual, "expected_to_date": exp, "pace_rate": rate(actual, exp)}
            message = MSG_PROGRAM_LAGGING.format(
                subject=name,
                pace=rate(actual, exp),
                threshold=limits["program_lag_threshold"],
                actual=actual,
                expected=exp,
            )
            found.append({"kind": "program_lagging", "subject": name, "message": message, "figures": figures})

    found += _stale(plan, as_of, limits)

    spent: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    rows = Spending.objects.filter(plan=plan, period__start__lte=as_of, budget_krw__isnull=False)
    for name, executed, budget in rows.values_list("program__name", "executed_krw", "budget_krw"):
        spent[name][0] += executed
        spent[name][1] += budget or 0
    for name, (executed, budget) in spent.items():
        pace = paces.get(name)
        if not budget or pace is None:
            continue  # no budget stated or no job target: the ratio is unknown, never an alert
        execution = Decimal(executed) * 100 / budget
        if execution >= limits["spending_rate_min"] and pace <= limits["achievement_ratio_max"]:
            figures = {"executed_krw": executed, "budget_krw": budget, "execution_rate": rate(executed, budget),
                       "pace_rate": rate(actuals.by_program.get(name, 0), expected[name])}  # fmt: skip
            message = MSG_SPENDING_WITHOUT_JOBS.format(
                subject=name, execution=figures["execution_rate"], pace=figures["pace_rate"], executed=executed
            )
            found.append({"kind": "spending_without_jobs", "subject": name, "message": message, "figures": figures})
    return found


def _stale(plan: Plan, as_of: dt.date, limits: dict[str, Decimal]) -> list[dict[str, Any]]:
    if not plan.periods.filter(start__lte=as_of, end__gte=as_of).exists():
        return []
    days = int(limits["stale_days"])
    cutoff = as_of - dt.timedelta(days=days)
    end_of_day = dt.datetime.combine(as_of, dt.time.max, tzinfo=dt.UTC)
    live = JobRecord.objects.filter(program__plan=plan, withdrawn_at__isnull=True)
    last_start = dict(
        live.filter(start_date__lte=as_of)
        .values("department__name")
        .annotate(d=Max("start_date"))
        .values_list("department__name", "d")
    )
    last_written = {
        name: when.date()
        for name, when in live.filter(created_at__lte=end_of_day)
        .values("department__name").annotate(d=Max("created_at")).values_list("department__name", "d")
    }  # fmt: skip
    with_targets = set(
        DepartmentTarget.objects.filter(plan=plan)
        .values("department__name")
        .annotate(n=Sum("target"))
        .values_list("department__name", flat=True)
    )
    found = []
    for name in sorted(with_targets | set(last_start)):
        latest = max((d for d in (last_start.get(name), last_written.get(name)) if d is not None), default=None)
        if latest is None or latest < cutoff:
            figures = {
                "days": days,
                "last_start": last_start[name].isoformat() if name in last_start else None,
                "last_written": last_written[name].isoformat() if name in last_written else None,
            }
            message = MSG_DEPARTMENT_STALE.format(
                subject=name,
                days=days,
                last_start=figures["last_start"] or "없음",
                last_written=figures["last_written"] or "없음",
            )
            found.append({"kind": "department_stale", "subject": name, "message": message, "figures": figures})
    return found
