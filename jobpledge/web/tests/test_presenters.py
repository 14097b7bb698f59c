"""Shaping the report for the pages: expected-to-date, suppression on the public side, drill-down on the staff side."""

from __future__ import annotations

import datetime as dt
from typing import Any

from jobpledge.web.presenters import bar_class, expected_cumulative, present

PERIODS = [
    {"period": "2018H2", "start": "2018-07-01", "end": "2018-12-31", "target": 5000},
    {"period": "2019", "start": "2019-01-01", "end": "2019-12-31", "target": 13300},
    {"period": "2020", "start": "2020-01-01", "end": "2020-12-31", "target": 13500},
]


def test_expected_cumulative_is_pro_rata_in_the_current_period_and_stops_at_as_of() -> None:
    # 2019-07-02 is day 183 of 365: 13,300 × 183 / 365 = 6,668.2 → 5,000 + 6,668 = 11,668
    assert expected_cumulative(PERIODS, dt.date(2019, 7, 2)) == [5000, 11668, None]
    assert expected_cumulative(PERIODS, dt.date(2018, 6, 30)) == [None, None, None]
    assert expected_cumulative(PERIODS, dt.date(2021, 1, 1)) == [5000, 18300, 31800]


def test_bar_class_steps_of_five_and_clamps() -> None:
    assert bar_class(None) == "jp-w-0"
    assert bar_class(9.4) == "jp-w-10"
    assert bar_class(65.5) == "jp-w-65"
    assert bar_class(130) == "jp-w-100"


def _report(**overrides: Any) -> dict[str, Any]:
    periods = [
        {
            **p,
            "label": p["period"],
            "cumulative_target": c,
            "planned_rate": None,
            "actual": a,
            "cumulative_actual": ca,
            "period_rate": 1.0,
            "achievement_rate": 1.0,
            "actual_retained_1y": a,
            "actual_excluding_senior": a,
            "unique_persons": a,
        }
        for p, c, a, ca in zip(PERIODS, [5000, 18300, 31800], [120, 3, 200], [120, 123, 323], strict=True)
    ]
    report = {
        "plan": {"id": "III-1-1", "title": "t", "total_target": 31800, "term_start": "2018-07-01", "term_end": "2020-12-31"},
        "as_of": "2021-01-31",
        "demo": False,
        "periods": periods,
        "totals": {"target": 31800, "actual": 323, "achievement_rate": 1.0, "actual_retained_1y": 323,
                   "actual_excluding_senior": 323, "unique_persons": 300, "outside_term": 0},
        "sectors": [{"sector": "정부부문", "target": 100, "actual": 320, "achievement_rate": 3.2},
                    {"sector": "민간부문", "target": 100, "actual": 3, "achievement_rate": 3.0}],
        "programs": [{"program": "A", "program_id": 7, "sector": "정부부문", "target": 10, "actual": 2, "achievement_rate": 20.0},
                     {"program": "B", "program_id": 8, "sector": "정부부문", "target": None, "actual": 0, "achievement_rate": None},
                     {"program": "C", "program_id": 9, "sector": "민간부문", "target": 500, "actual": 321, "achievement_rate": 64.2}],
        "departments": [{"department": "일자리지원과", "actual": 2}],
        "generations": [{"band": "15-29", "actual": 4, "share": 1.2}, {"band": "30-39", "actual": 319, "share": 98.8}],
        "gender": [], "resident": [], "baseline": None, "budget": {},
    }  # fmt: skip
    report.update(overrides)
    return report


def test_public_view_suppresses_small_cells_and_their_rates() -> None:
    view = present(_report(), public=True)
    # 3 is suppressed; 120, the smallest other period, goes with it so that the total cannot give 3 back
    assert [p.actual.label or p.actual.value for p in view.periods] == ["–", "<5", 200]
    # cumulatives would give the hidden values back: hidden from the first hidden period on
    assert [p.cumulative_actual.value for p in view.periods] == [None, None, None]
    assert view.programs[0].actual.label == "<5"
    assert view.programs[0].rate is None
    # A lone suppressed program (2) would be recoverable from the total: C is hidden as well, B (0) stays
    assert view.programs[1].actual.value == 0
    assert view.programs[2].actual.suppressed
    assert view.generations[0].share is None
    assert view.departments == []
    assert view.any_suppressed
    assert view.chart["roadmap"]["actual"] == [None, None, 200]


def test_public_view_has_no_drill_down_links() -> None:
    view = present(_report(), public=True, drill=lambda **kw: "/records/?x")
    assert all(p.drill_url is None for p in view.periods)
    assert all(r.drill_url is None for r in view.programs)


def test_staff_view_is_exact_with_drill_down() -> None:
    calls: list[dict[str, Any]] = []

    def drill(**kw: Any) -> str:
        calls.append(kw)
        return "/records/?" + "&".join(f"{k}={v}" for k, v in kw.items())

    view = present(_report(), public=False, drill=drill)
    assert [p.actual.value for p in view.periods] == [120, 3, 200]
    assert view.periods[1].drill_url == "/records/?period=2019"
    assert view.programs[0].drill_url == "/records/?program=7"
    assert view.departments[0].drill_url == "/records/?department=일자리지원과"
    assert not view.any_suppressed


def test_periods_not_begun_have_no_cumulative_or_rates() -> None:
    view = present(_report(as_of="2019-06-30"), public=False)
    assert view.periods[2].cumulative_actual.value is None
    assert view.periods[2].period_rate is None
    assert view.chart["roadmap"]["expected"][2] is None
