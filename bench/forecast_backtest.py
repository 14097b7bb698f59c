"""Backtest of the end-of-term forecast (accountability.forecast, `pace_seasonal_v1`) on data whose end is known.

    .venv/bin/python bench/forecast_backtest.py [--records 30000] [--json]

Two data sets over the Guro plan's term (2018-07-01 … 2022-06-30), both generated in memory (no database):
- demo: the demo data generator (`jobpledge demo-data`: records spread over the periods in proportion to their
  targets, uniform inside a period, plus the aggregate counts);
- seasonal: a synthetic set with a strong yearly season (starts concentrated in March–April and September, few in
  January and August) and a 20 % yearly growth.
For each as-of day (the last day of every third month from 2018-12 to 2022-03) the forecast is computed from what
was known on that day (jobs counted so far, monthly record starts) and compared with the true end-of-term total.
Reported per data set: mean absolute percentage error (MAPE) and worst error of the forecast, the same for the
pace-only forecast (no seasonality: a baseline), and how often the true total fell inside [low, high].
Figures: docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from jobpledge.accountability.forecast import forecast_end_of_term  # noqa: E402
from jobpledge.plans.planfile import read_plan_file  # noqa: E402
from jobpledge.records.derive import PeriodBounds  # noqa: E402
from jobpledge.records.management.commands.demo_data import synthetic_aggregates, synthetic_records  # noqa: E402

PLAN_FILE = ROOT / "data" / "plans" / "guro-III-1-1.toml"
SEASON = {1: 0.4, 2: 0.8, 3: 1.8, 4: 1.5, 5: 1.0, 6: 0.9, 7: 0.8, 8: 0.5, 9: 1.6, 10: 1.0, 11: 0.9, 12: 0.8}


def _month_ends() -> list[dt.date]:
    days, year, month = [], 2018, 12
    while (year, month) <= (2022, 3):
        following = dt.date(year + (month == 12), month % 12 + 1, 1)
        days.append(following - dt.timedelta(days=1))
        month += 3
        if month > 12:
            year, month = year + 1, month - 12
    return days


def demo_set(n: int) -> tuple[list[dt.date], list[tuple[dt.date, int]]]:
    """(record start dates, [(period start, aggregate count)]) of the demo generator."""
    spec = read_plan_file(PLAN_FILE)
    periods = [PeriodBounds(i, p.code, p.start, p.end) for i, p in enumerate(spec.periods)]
    period_targets = {p.code: p.target for p in spec.periods}
    program_targets = {p.name: p.target or 0 for p in spec.programs}
    shape = {"periods": periods, "period_targets": period_targets, "program_targets": program_targets}
    starts = [r.start_date for r in synthetic_records(**shape, n=n, seed=20180701)]
    start_of = {p.code: p.start for p in periods}
    aggregates = [(start_of[code], count) for _d, _p, code, count in synthetic_aggregates(**shape, n=n, seed=20180701)]
    return starts, aggregates


def seasonal_set(n: int) -> tuple[list[dt.date], list[tuple[dt.date, int]]]:
    rng = random.Random(7)  # noqa: S311 - synthetic data
    start, end = dt.date(2018, 7, 1), dt.date(2022, 6, 30)
    days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    weights = [SEASON[d.month] * 1.2 ** ((d - start).days / 365) for d in days]
    return rng.choices(days, weights=weights, k=n), []


def backtest(starts: list[dt.date], aggregates: list[tuple[dt.date, int]]) -> dict[str, float]:
    term_start, term_end = dt.date(2018, 7, 1), dt.date(2022, 6, 30)
    in_term = sorted(d for d in starts if term_start <= d <= term_end)
    truth = len(in_term) + sum(n for _s, n in aggregates)
    errors, baseline, inside = [], [], 0
    for as_of in _month_ends():
        known = [d for d in in_term if d <= as_of]
        actual = len(known) + sum(n for s, n in aggregates if s <= as_of)
        monthly = dict(Counter((d.year, d.month) for d in known))
        year_before = as_of - dt.timedelta(days=365)
        before = sum(1 for d in in_term if d <= year_before) + sum(n for s, n in aggregates if s <= year_before)
        result = forecast_end_of_term(
            term_start=term_start, term_end=term_end, as_of=as_of, actual=actual, monthly=monthly,
            actual_year_before=before,
        )  # fmt: skip
        pace_only = forecast_end_of_term(
            term_start=term_start, term_end=term_end, as_of=as_of, actual=actual, monthly={}
        )
        errors.append(abs(result["forecast_end_of_term"] - truth) / truth * 100)
        baseline.append(abs(pace_only["forecast_end_of_term"] - truth) / truth * 100)
        inside += result["forecast_low"] <= truth <= result["forecast_high"]
    return {
        "true_total": truth,
        "as_of_days": len(errors),
        "mape_pct": round(sum(errors) / len(errors), 2),
        "worst_pct": round(max(errors), 2),
        "pace_only_mape_pct": round(sum(baseline) / len(baseline), 2),
        "pace_only_worst_pct": round(max(baseline), 2),
        "interval_coverage_pct": round(inside / len(errors) * 100, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=30_000)
    parser.add_argument("--json", action="store_true", help="one JSON line")
    args = parser.parse_args()
    results = {
        "records": args.records,
        "demo": backtest(*demo_set(args.records)),
        "seasonal": backtest(*seasonal_set(args.records)),
    }
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
        return
    for name in ("demo", "seasonal"):
        print(name, json.dumps(results[name], ensure_ascii=False))


if __name__ == "__main__":
    main()
