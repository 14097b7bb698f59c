"""The pledge report: a plan's targets joined with the counts as of a day (the JSON contract in docs/report-json.md).

Every page, export and the CLI read this one dictionary; the pages read it through `cached_pledge_report`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch

from jobpledge.accountability.forecast import totals_forecast
from jobpledge.accountability.milestones import milestones_report
from jobpledge.accountability.money import budget_execution, program_costs
from jobpledge.accountability.quality import quality_by_period
from jobpledge.accountability.rules import expected_by
from jobpledge.accountability.selectors import department_report_entries
from jobpledge.core.cache import versioned
from jobpledge.core.periods import GENERATION_BANDS
from jobpledge.core.rounding import percent
from jobpledge.counting.rules import Actuals, Counts
from jobpledge.counting.selectors import cached_count_actuals
from jobpledge.plans.models import InvestmentAmount, InvestmentRow, Plan
from jobpledge.reports.published import annotate_closed
from jobpledge.reports.revisions import apply_targets, revision_in_force, revision_json


def cached_pledge_report(*, plan: Plan, as_of: dt.date, version: str | None = None) -> dict[str, Any]:
    """pledge_report, cached whole for the pages: one query (the data version) when warm.

    Plan loads and record writes bump DataVersion, so a cached report never outlives its data.
    """
    return versioned(
        f"report:{plan.pk}:{plan.source_sha256[:12]}:{as_of.isoformat()}",
        version,
        lambda: pledge_report(plan=plan, as_of=as_of),
    )


def _num(rate: Decimal | None) -> float | None:
    return None if rate is None else float(rate)


def expected_to_date(plan: Plan, periods: list[Any], as_of: dt.date) -> int:
    """Cumulative target expected by `as_of`: whole periods ended, the current one pro rata by days
    (accountability.rules.expected_by, the one definition shared with the department targets)."""
    return expected_by(((p.start, p.end, p.target) for p in periods), as_of)


def pledge_report(*, plan: Plan, as_of: dt.date, revision: int | None = None) -> dict[str, Any]:
    """The pledge card with actuals as of a day: targets, rates, the four counting bases, breakdowns, budget.

    Targets are those of the plan revision in force on `as_of` (or revision number `revision`): reports.revisions.
    """
    actuals: Actuals = cached_count_actuals(plan=plan, as_of=as_of)
    rule, places = plan.rounding, plan.rate_decimals

    def rate(numerator: int, denominator: int | None) -> float | None:
        return _num(percent(numerator, denominator, rule=rule, decimals=places))

    periods = list(plan.periods.all())
    sectors = list(plan.sectors.prefetch_related("programs"))
    programs = list(plan.programs.select_related("sector"))
    in_force = revision_in_force(plan, as_of, revision)
    sector_programs = [p for s in sectors for p in s.programs.all()]
    total = apply_targets(in_force, periods=periods, programs=[*programs, *sector_programs]) or plan.total_target
    period_rows = []
    cumulative_target = cumulative_actual = 0
    for p in periods:
        counts = actuals.by_period.get(p.code, Counts())
        cumulative_target += p.target
        cumulative_actual += counts.actual
        period_rows.append(
            {
                "period": p.code,
                "label": p.label,
                "start": p.start.isoformat(),
                "end": p.end.isoformat(),
                "target": p.target,
                "cumulative_target": cumulative_target,
                "planned_rate": rate(cumulative_target, total),
                "actual": counts.actual,
                "cumulative_actual": cumulative_actual,
                "period_rate": rate(counts.actual, p.target),
                "achievement_rate": rate(cumulative_actual, total),
                "actual_retained_1y": counts.retained_1y,
                "actual_excluding_senior": counts.excluding_senior,
                "unique_persons": counts.unique_persons,
                "unknown_aggregate": counts.unknown,
            }
        )

    annotate_closed(plan, period_rows)
    t = actuals.total
    records_counted = sum(actuals.generations.values())
    report: dict[str, Any] = {
        "plan": {
            "id": plan.code,
            "key": plan.key,
            "title": plan.title,
            "government": plan.government,
            "term": plan.term_name,
            "term_start": plan.term_start.isoformat(),
            "term_end": plan.term_end.isoformat(),
            "total_target": total,
            "lead_department": plan.lead_department,
            "rounding": plan.rounding,
            "revision": revision_json(in_force),
        },
        "as_of": as_of.isoformat(),
        "demo": actuals.demo,
        "periods": period_rows,
        "totals": {
            "target": total,
            "actual": t.actual,
            "achievement_rate": rate(t.actual, total),
            "expected_to_date": expected_to_date(plan, periods, as_of),
            "actual_retained_1y": t.retained_1y,
            "actual_excluding_senior": t.excluding_senior,
            "unique_persons": t.unique_persons,
            "unknown_retained_1y": t.unknown,
            "unknown_excluding_senior": t.unknown,
            "unknown_persons": t.unknown,
            "unknown_generation": t.unknown,
            "outside_term": actuals.outside_term,
        },
        "sectors": [
            {
                "sector": s.name,
                "target": (target := sum(p.job_target or 0 for p in s.programs.all())),
                "actual": actuals.by_sector.get(s.name, 0),
                "achievement_rate": rate(actuals.by_sector.get(s.name, 0), target),
            }
            for s in sectors
        ],
        "programs": [
            {
                "program": p.name,
                "program_id": p.pk,
                "sector": p.sector.name,
                "target": p.job_target,
                "actual": actuals.by_program.get(p.name, 0),
                "achievement_rate": rate(actuals.by_program.get(p.name, 0), p.job_target),
            }
            for p in programs
        ],
        "departments": [
            {
                "department": name,
                "actual": c.actual,
                "actual_retained_1y": c.retained_1y,
                "actual_excluding_senior": c.excluding_senior,
                "unique_persons": c.unique_persons,
                "unknown_aggregate": c.unknown,
            }
            for name, c in sorted(actuals.by_department.items(), key=lambda item: (-item[1].actual, item[0]))
        ],
        "generations": [
            {
                "band": band,
                "actual": actuals.generations.get(band, 0),
                "share": rate(actuals.generations.get(band, 0), records_counted),
            }
            for band, _, _ in GENERATION_BANDS
        ]
        if records_counted
        else [],
        "gender": [
            {
                "gender": label,
                "code": code,
                "actual": actuals.gender.get(code, 0),
                "share": rate(actuals.gender.get(code, 0), records_counted),
            }
            for code, label in (("M", "남"), ("F", "여"))
        ]
        if records_counted
        else [],
        "resident": [
            {
                "resident": label,
                "code": code,
                "actual": actuals.resident.get(code, 0),
                "share": rate(actuals.resident.get(code, 0), records_counted),
            }
            for code, label in (("Y", "구민"), ("N", "비구민"), ("unknown", "미상"))
        ]
        if records_counted
        else [],
        "baseline": _baseline(plan, rate),
        "budget": _budget(plan, periods),
    }
    # accountability (issue 10): department targets and pace, money against results, job quality
    report["departments"] = department_report_entries(
        plan=plan, as_of=as_of, departments=report["departments"], rate=rate
    )
    budget_execution(plan=plan, as_of=as_of, budget=report["budget"], rate=rate)
    program_costs(plan=plan, as_of=as_of, programs=report["programs"])
    quality = quality_by_period(
        plan=plan, as_of=as_of, aggregates_by_period={code: c.unknown for code, c in actuals.by_period.items()}
    )
    report["quality"] = quality["total"]
    report["totals"].update(totals_forecast(plan=plan, as_of=as_of, actual=t.actual))
    report["milestones"] = milestones_report(plan=plan, as_of=as_of)
    for row in report["periods"]:
        row["quality"] = quality["periods"][row["period"]]
    return report


def _baseline(plan: Plan, rate: Any) -> dict[str, Any] | None:
    rows = list(plan.baseline_rows.all())
    if not rows:
        return None
    total = next((r for r in rows if r.is_total), None)
    parts = [r for r in rows if not r.is_total]
    if total is None:
        target, actual = sum(r.target for r in parts), sum(r.stated_total for r in parts)
        years = {y: sum(r.years.get(y, 0) for r in parts) for y in (parts[0].years if parts else {})}
    else:
        target, actual, years = total.target, total.stated_total, total.years
    return {
        "term": rows[0].term_name,
        "target": target,
        "actual": actual,
        "achievement_rate": rate(actual, target),
        "years": [{"year": int(y), "actual": v} for y, v in years.items()],
        "sectors": [
            {
                "sector": r.label,
                "target": r.target,
                "actual": r.stated_total,
                "achievement_rate": rate(r.stated_total, r.target),
                "years": [{"year": int(y), "actual": v} for y, v in r.years.items()],
            }
            for r in parts
        ],
    }


def _budget(plan: Plan, periods: list[Any]) -> dict[str, Any]:
    rows = list(
        plan.investment_rows.prefetch_related(
            Prefetch("amounts", queryset=InvestmentAmount.objects.select_related("period"))
        )
    )
    sector_rows = [r for r in rows if r.kind == InvestmentRow.Kind.SECTOR]
    source_rows = [r for r in rows if r.kind == InvestmentRow.Kind.SOURCE]
    by_period: dict[str, int] = {p.code: 0 for p in periods}
    for r in sector_rows or source_rows:
        for a in r.amounts.all():
            by_period[a.period.code] += a.amount
    return {
        "unit": "백만원",
        "planned_total": sum(by_period.values()),
        "by_period": [{"period": code, "planned": amount} for code, amount in by_period.items()],
        "by_source": [
            {
                "source": r.name,
                "planned": sum(a.amount for a in r.amounts.all()),
                "by_period": {a.period.code: a.amount for a in r.amounts.all()},
            }
            for r in source_rows
        ],
        "by_sector": [
            {
                "sector": r.name,
                "planned": sum(a.amount for a in r.amounts.all()),
                "by_period": {a.period.code: a.amount for a in r.amounts.all()},
            }
            for r in sector_rows
        ],
    }
