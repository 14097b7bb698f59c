"""The report dict (jobpledge.plans.selectors.pledge_report) shaped for the pages.

One function for both audiences: `public=True` passes every breakdown through small-cell suppression
(jobpledge.web.suppression); the dashboard gets exact figures and drill-down links. Nothing here counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from jobpledge.core.rounding import percent
from jobpledge.web.suppression import Cell, cumulative_cells, suppress_count, suppress_group, suppress_rate

NOT_YET = "–"  # printed for a period that has not begun by the as-of day

BASES: list[tuple[str, str, str, str]] = [
    # key in totals/periods, label, explanation, unknown key in totals
    ("actual", "공식 집계", "재정지원 일자리사업 기준(1년 미만 고용 포함)", ""),
    (
        "actual_retained_1y",
        "1년 이상 유지",
        "취업일부터 1년 이상 고용이 유지된 일자리 (주민배심원단 권고 5)",
        "unknown_retained_1y",
    ),
    (
        "actual_excluding_senior",
        "노인활동지원 제외",
        "노인활동지원사업 일자리를 뺀 실적 (주민배심원단 권고 6)",
        "unknown_excluding_senior",
    ),
    ("unique_persons", "실인원", "같은 사람이 여러 번 취업해도 한 명으로 센 인원", "unknown_persons"),
]

DrillFn = Callable[..., str | None]


@dataclass
class Basis:
    key: str
    label: str
    explanation: str
    value: Cell
    unknown: int
    drill_url: str | None = None


@dataclass
class PeriodView:
    code: str
    label: str
    start: str
    end: str
    target: int
    cumulative_target: int
    planned_rate: float | None
    actual: Cell
    cumulative_actual: Cell
    period_rate: float | Decimal | None
    achievement_rate: float | Decimal | None
    retained: Cell
    excluding_senior: Cell
    unique_persons: Cell
    unknown_aggregate: int
    expected_cumulative: int | None
    is_current: bool
    drill_url: str | None = None
    published_actual: Cell | None = None  # a closed period (공표): the published figure, its date, later changes
    published_on: str = ""
    recount_differs: bool = False
    changes_after_close: int = 0


@dataclass
class Row:
    """A breakdown row: a name, an optional target, a (possibly suppressed) count and rates."""

    name: str
    actual: Cell
    target: int | None = None
    rate: float | Decimal | None = None
    share: float | Decimal | None = None
    group: str = ""
    drill_url: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class ReportView:
    plan: dict[str, Any]
    as_of: dt.date
    demo: bool
    public: bool
    total_target: int
    actual: Cell
    achievement_rate: float | Decimal | None
    expected_to_date: int
    expected_rate: Decimal | None
    progress_vs_expected: Decimal | None
    bar_class: str
    bases: list[Basis]
    outside_term: Cell
    periods: list[PeriodView]
    sectors: list[Row]
    programs: list[Row]
    generations: list[Row]
    gender: list[Row]
    resident: list[Row]
    departments: list[Row]
    baseline: dict[str, Any] | None
    budget: dict[str, Any]
    any_suppressed: bool
    chart: dict[str, Any]
    program_costs: list[dict[str, Any]] = field(default_factory=list)  # the report's programs[] (issue 10)


def bar_class(rate: float | Decimal | None) -> str:
    """A CSS class for a progress bar in 5 % steps (CSP forbids inline widths)."""
    if rate is None:
        return "jp-w-0"
    value = max(0.0, min(100.0, float(rate)))
    return f"jp-w-{int(round(value / 5.0) * 5)}"


def expected_cumulative(periods: list[dict[str, Any]], as_of: dt.date) -> list[int | None]:
    """Cumulative target expected by as_of at the end of each period (pro rata by days in the current one).

    Periods not yet begun get None: the expected-to-date line stops at the as-of date.
    """
    out: list[int | None] = []
    running = Decimal(0)
    for p in periods:
        start, end = dt.date.fromisoformat(p["start"]), dt.date.fromisoformat(p["end"])
        if as_of >= end:
            running += p["target"]
            out.append(int(running))
        elif as_of >= start:
            days = (end - start).days + 1
            running += Decimal(p["target"]) * ((as_of - start).days + 1) / days
            out.append(int(running))
        else:
            out.append(None)
    return out


def _cells(values: list[int], *, public: bool, additive: bool = True) -> list[Cell]:
    return suppress_group(values, additive=additive) if public else [Cell(v) for v in values]


def _cell(value: int, *, public: bool) -> Cell:
    return suppress_count(value) if public else Cell(value)


def _published(period: dict[str, Any], *, public: bool) -> dict[str, Any]:
    closed = period.get("closed")
    if not closed:
        return {}
    return {
        "published_actual": _cell(closed["published"]["actual"], public=public),
        "published_on": closed["closed_at"][:10],
        "recount_differs": period.get("changed_since_close") is not None,
        "changes_after_close": closed.get("changes_after_close", 0),
    }


def _no_drill(**_: Any) -> str | None:
    return None


def present(
    report: dict[str, Any],
    *,
    public: bool,
    rounding: str = "half_up",
    decimals: int = 1,
    drill: DrillFn | None = None,
) -> ReportView:
    """Shape a report for a page; `drill(program=…, period=…, department=…)` makes drill-down URLs."""
    link: DrillFn = _no_drill if public or drill is None else drill
    as_of = dt.date.fromisoformat(report["as_of"])
    totals = report["totals"]
    total_target = int(report["plan"]["total_target"])

    def pct(n: int, d: int | None) -> Decimal | None:
        return percent(n, d, rule=rounding, decimals=decimals)

    periods = report["periods"]
    actual_cells = _cells([p["actual"] for p in periods], public=public)
    retained_cells = _cells([p["actual_retained_1y"] for p in periods], public=public)
    senior_cells = _cells([p["actual_excluding_senior"] for p in periods], public=public)
    unique_cells = _cells([p["unique_persons"] for p in periods], public=public, additive=False)
    cumulative = (
        cumulative_cells(actual_cells, [p["cumulative_actual"] for p in periods])
        if public
        else [Cell(p["cumulative_actual"]) for p in periods]
    )
    expected = expected_cumulative(periods, as_of)
    period_views = []
    for i, p in enumerate(periods):
        start, end = dt.date.fromisoformat(p["start"]), dt.date.fromisoformat(p["end"])
        if start > as_of:
            # Not begun by the as-of day: nothing to accumulate or rate yet.
            cumulative[i] = Cell(None, NOT_YET)
        period_views.append(
            PeriodView(
                code=p["period"],
                label=p.get("label") or p["period"],
                start=p["start"],
                end=p["end"],
                target=p["target"],
                cumulative_target=p["cumulative_target"],
                planned_rate=p["planned_rate"],
                actual=actual_cells[i],
                cumulative_actual=cumulative[i],
                period_rate=None if start > as_of else suppress_rate(p["period_rate"], actual_cells[i]),
                achievement_rate=suppress_rate(p["achievement_rate"], cumulative[i]),
                retained=retained_cells[i],
                excluding_senior=senior_cells[i],
                unique_persons=unique_cells[i],
                unknown_aggregate=int(p.get("unknown_aggregate") or 0),
                expected_cumulative=expected[i],
                is_current=start <= as_of <= end,
                drill_url=link(period=p["period"]),
                **_published(p, public=public),
            )
        )

    total_cell = _cell(totals["actual"], public=public)
    bases = [
        Basis(
            key=key,
            label=label,
            explanation=explanation,
            value=_cell(int(totals.get(key) or 0), public=public),
            unknown=int(totals.get(unknown_key) or 0) if unknown_key else 0,
            drill_url=link() if key == "actual" else None,
        )
        for key, label, explanation, unknown_key in BASES
    ]

    sector_cells = _cells([s["actual"] for s in report["sectors"]], public=public)
    sectors = [
        Row(name=s["sector"], actual=c, target=s["target"], rate=suppress_rate(s["achievement_rate"], c))
        for s, c in zip(report["sectors"], sector_cells, strict=True)
    ]
    program_cells = _cells([p["actual"] for p in report["programs"]], public=public)
    programs = [
        Row(
            name=p["program"],
            actual=c,
            target=p["target"],
            rate=suppress_rate(p["achievement_rate"], c),
            group=p["sector"],
            drill_url=link(program=p.get("program_id")) if p.get("program_id") else None,
        )
        for p, c in zip(report["programs"], program_cells, strict=True)
    ]

    def shares(items: list[dict[str, Any]], label_key: str) -> list[Row]:
        cells = _cells([g["actual"] for g in items], public=public)
        return [
            Row(name=g[label_key], actual=c, share=suppress_rate(g.get("share"), c))
            for g, c in zip(items, cells, strict=True)
        ]

    generations = shares(report.get("generations") or [], "band")
    gender = shares(report.get("gender") or [], "gender")
    resident = shares(report.get("resident") or [], "resident")

    departments: list[Row] = []
    if not public:
        for d in report.get("departments") or []:
            departments.append(
                Row(
                    name=d["department"],
                    actual=Cell(d["actual"]),
                    drill_url=link(department=d["department"]),
                    extra={
                        "retained": d.get("actual_retained_1y", 0),
                        "excluding_senior": d.get("actual_excluding_senior", 0),
                        "unique_persons": d.get("unique_persons", 0),
                        "unknown_aggregate": d.get("unknown_aggregate", 0),
                        "share": pct(d["actual"], totals["actual"]),
                    },
                )
            )

    expected_to_date = int(totals.get("expected_to_date") or (next((e for e in reversed(expected) if e), 0)))
    achievement_rate = suppress_rate(totals["achievement_rate"], total_cell)
    all_cells = [
        total_cell,
        *actual_cells,
        *retained_cells,
        *senior_cells,
        *unique_cells,
        *sector_cells,
        *program_cells,
        *(r.actual for r in generations + gender + resident),
        *(b.value for b in bases),
    ]
    view = ReportView(
        plan=report["plan"],
        as_of=as_of,
        demo=bool(report.get("demo")),
        public=public,
        total_target=total_target,
        actual=total_cell,
        achievement_rate=achievement_rate,
        expected_to_date=expected_to_date,
        expected_rate=pct(expected_to_date, total_target),
        progress_vs_expected=None if total_cell.suppressed else pct(totals["actual"], expected_to_date),
        bar_class=bar_class(achievement_rate),
        bases=bases,
        outside_term=_cell(int(totals.get("outside_term") or 0), public=public),
        periods=period_views,
        sectors=sectors,
        programs=programs,
        generations=generations,
        gender=gender,
        resident=resident,
        departments=departments,
        baseline=report.get("baseline"),
        budget=report.get("budget") or {},
        any_suppressed=any(c.suppressed for c in all_cells),
        chart={},
        program_costs=report.get("programs") or [],
    )
    view.chart = chart_data(view)
    return view


def chart_data(view: ReportView) -> dict[str, Any]:
    """What charts.js draws; suppressed values become null so that a chart shows no more than the tables."""
    return {
        "roadmap": {
            "labels": [p.label for p in view.periods],
            "target": [p.target for p in view.periods],
            "actual": [p.actual.value for p in view.periods],
            "cumulative_target": [p.cumulative_target for p in view.periods],
            "cumulative_actual": [
                p.cumulative_actual.value if p.expected_cumulative is not None else None for p in view.periods
            ],
            "expected": [p.expected_cumulative for p in view.periods],
        },
        "bases": {
            "labels": [b.label for b in view.bases],
            "values": [b.value.value for b in view.bases],
        },
        "programs": {
            "labels": [r.name for r in view.programs if r.target],
            "target": [r.target for r in view.programs if r.target],
            "actual": [r.actual.value for r in view.programs if r.target],
        },
        "generations": {
            "labels": [r.name for r in view.generations],
            "values": [r.actual.value for r in view.generations],
        },
    }
