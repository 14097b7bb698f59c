"""The end-of-term forecast (`totals.forecast_*`): the recent pace, shaped by the months' seasonality, with an
interval. docs/counting.md explains it; bench/forecast_backtest.py measures its error (docs/benchmarks.md).

1. Pace: the whole-term pace = totals.actual ÷ days of the term elapsed; the recent pace = jobs counted in the last
   365 days ÷ 365 (the whole-term pace during the first year).
2. Seasonality: record starts per day in each complete month of the term so far; factor s(m) = the mean for
   calendar month m ÷ the mean over all complete months (1 for a month without history; all 1 with fewer than
   MIN_MONTHS complete months or no start at all).
3. Forecast = actual + floor(recent pace × Σ over the rest of the term of days × s(m)).
4. Interval: each complete month's ratio of its starts to whole-term pace × days × s(m); low = the slower pace's
   projection × the LOW_Q quantile of the ratios, high = the faster pace's × the HIGH_Q quantile (× 0.5 and × 1.5
   with fewer than MIN_MONTHS months), and never narrower than ±BAND_FLOOR of the forecast's remaining part.
After the term ends the forecast, low and high all equal the actual; before it starts they are unknown (None).
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from jobpledge.counting.breakdown import monthly_starts
from jobpledge.counting.selectors import cached_count_actuals

METHOD = "pace_seasonal_v1"
YEAR_DAYS = 365
MIN_MONTHS = 6
LOW_Q, HIGH_Q = Decimal("0.1"), Decimal("0.9")
FALLBACK_BAND = (Decimal("0.5"), Decimal("1.5"))
# The interval is at least ±BAND_FLOOR of the remaining projection: month-to-month spread alone ignores drift of
# the pace itself (chosen with bench/forecast_backtest.py; docs/benchmarks.md).
BAND_FLOOR = Decimal("0.25")


def _month_days(start: dt.date, end: dt.date) -> list[tuple[int, int, int]]:
    """(year, month, days of it within start..end inclusive) for every month touched."""
    result = []
    day = start
    while day <= end:
        last = dt.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
        stop = min(last, end)
        result.append((day.year, day.month, (stop - day).days + 1))
        day = stop + dt.timedelta(days=1)
    return result


def _quantile(values: list[Decimal], q: Decimal) -> Decimal:
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _floor(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_FLOOR))


def forecast_end_of_term(
    *,
    term_start: dt.date,
    term_end: dt.date,
    as_of: dt.date,
    actual: int,
    monthly: dict[tuple[int, int], int],
    actual_year_before: int | None = None,
) -> dict[str, Any]:
    """{forecast_end_of_term, forecast_low, forecast_high, forecast_method}; `monthly` = record starts by month,
    `actual_year_before` = jobs counted as of as_of − 365 days (the recent pace; None: the whole-term pace only)."""
    if as_of >= term_end:
        return {
            "forecast_end_of_term": actual,
            "forecast_low": actual,
            "forecast_high": actual,
            "forecast_method": METHOD,
        }
    if as_of < term_start:
        return {"forecast_end_of_term": None, "forecast_low": None, "forecast_high": None, "forecast_method": METHOD}
    elapsed = (as_of - term_start).days + 1
    overall_pace = Decimal(actual) / elapsed
    recent_pace = overall_pace
    if actual_year_before is not None and elapsed > YEAR_DAYS:
        recent_pace = Decimal(actual - actual_year_before) / YEAR_DAYS
    spans = _month_days(term_start, as_of)
    month_ends = as_of.day == calendar.monthrange(as_of.year, as_of.month)[1]
    complete = spans if month_ends else spans[:-1]  # the month of as_of counts once it has ended
    factors: dict[int, Decimal] = {}
    if len(complete) >= MIN_MONTHS:
        per_day = {(y, m): Decimal(monthly.get((y, m), 0)) / d for y, m, d in complete}
        overall = sum(per_day.values(), Decimal(0)) / len(per_day)
        by_month: dict[int, list[Decimal]] = {}
        for (_y, m), rate in per_day.items():
            by_month.setdefault(m, []).append(rate)
        if overall > 0:
            factors = {m: sum(v, Decimal(0)) / len(v) / overall for m, v in by_month.items()}
    weighted_days = sum(
        (d * factors.get(m, Decimal(1)) for _y, m, d in _month_days(as_of + dt.timedelta(days=1), term_end)),
        Decimal(0),
    )
    remaining = recent_pace * weighted_days
    low_factor, high_factor = FALLBACK_BAND
    if len(complete) >= MIN_MONTHS and overall_pace > 0:
        ratios = [
            Decimal(monthly.get((y, m), 0)) / (overall_pace * d * factors.get(m, Decimal(1)))
            for y, m, d in complete
            if overall_pace * d * factors.get(m, Decimal(1)) > 0
        ]
        if ratios:
            low_factor, high_factor = _quantile(ratios, LOW_Q), _quantile(ratios, HIGH_Q)
    slow, fast = min(overall_pace, recent_pace) * weighted_days, max(overall_pace, recent_pace) * weighted_days
    return {
        "forecast_end_of_term": actual + _floor(remaining),
        "forecast_low": actual + _floor(min(slow * low_factor, remaining * (1 - BAND_FLOOR))),
        "forecast_high": actual + _floor(max(fast * high_factor, remaining * (1 + BAND_FLOOR))),
        "forecast_method": METHOD,
    }


def totals_forecast(*, plan: Any, as_of: dt.date, actual: int) -> dict[str, Any]:
    """The forecast keys of the report's `totals` for a plan (monthly starts from counting's summary)."""
    return forecast_end_of_term(
        term_start=plan.term_start,
        term_end=plan.term_end,
        as_of=as_of,
        actual=actual,
        monthly=monthly_starts(plan=plan, as_of=as_of),
        actual_year_before=cached_count_actuals(plan=plan, as_of=as_of - dt.timedelta(days=YEAR_DAYS)).total.actual,
    )
