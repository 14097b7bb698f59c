"""The end-of-term forecast, by hand (term 2018-07-01 … 2022-06-30: 1,461 days)."""

from __future__ import annotations

import calendar
import datetime as dt

from jobpledge.accountability.forecast import METHOD, forecast_end_of_term

D = dt.date
TERM = {"term_start": D(2018, 7, 1), "term_end": D(2022, 6, 30)}
UNIFORM = {(2018, 7): 31, (2018, 8): 31, (2018, 9): 30, (2018, 10): 31, (2018, 11): 30, (2018, 12): 31}


def forecast(as_of: dt.date, actual: int, monthly: dict, year_before: int | None = None) -> tuple:
    result = forecast_end_of_term(**TERM, as_of=as_of, actual=actual, monthly=monthly, actual_year_before=year_before)
    assert result["forecast_method"] == METHOD
    return result["forecast_end_of_term"], result["forecast_low"], result["forecast_high"]


def test_short_history_pace_only_with_the_fallback_band() -> None:
    # one month: pace 31/31 = 1 a day, 1,430 days left → 31 + 1,430; band × 0.5 and × 1.5
    assert forecast(D(2018, 7, 31), 31, {(2018, 7): 31}) == (1461, 31 + 715, 31 + 2145)


def test_even_months_forecast_the_pace_with_the_band_floor() -> None:
    # six complete months at exactly one a day: every factor 1, every ratio 1 — so the interval is the ±25 % floor
    # of the 1,277 days left: 184 + floor(957.75), 184 + floor(1,596.25)
    assert forecast(D(2018, 12, 31), 184, UNIFORM) == (1461, 184 + 957, 184 + 1596)


def test_seasonality_by_hand() -> None:
    # December doubles: per day Jul–Nov 1, Dec 2, mean 7/6 → factors 6/7 (Jul–Nov), 12/7 (Dec), 1 (Jan–Jun, no history).
    # Left: 725 days at 1, 459 at 6/7, 93 at 12/7 → 725 + 3,870/7 = 8,945/7 weighted days; pace 215/184 a day
    # → 215 × 8,945 / (184 × 7) = 1,493.15; every month's ratio is 1,288/1,290 (spread 1,490.8 … 1,490.8), inside
    # the ±25 % floor: 1,493.15 × 0.75 = 1,119.86, × 1.25 = 1,866.44
    monthly = {**UNIFORM, (2018, 12): 62}
    assert forecast(D(2018, 12, 31), 215, monthly) == (215 + 1493, 215 + 1119, 215 + 1866)


def test_recent_pace_and_month_spread_by_hand() -> None:
    # 2018H2 one a day (184), 2019 two a day (730): actual 914, a year before 184 → recent pace 730/365 = 2.
    # Per day: 2018 months 1, 2019 months 2; mean of 18 months 5/3 → factors Jul–Dec (1 + 2)/2 ÷ 5/3 = 0.9,
    # Jan–Jun 2 ÷ 5/3 = 1.2. Left: 544 Jan–Jun days × 1.2 + 368 Jul–Dec days × 0.9 = 984 weighted days
    # → forecast 914 + 2 × 984 = 2,882. Ratios to the whole-term pace 914/549: 2018 months 1/(914/549 × 0.9)
    # = 0.667 (six of them: the 10th percentile), 2019 Jul–Dec 1.335 (the 90th): low = 914/549 × 984 × 0.667
    # = 984/0.9 = 1,093.3; high = 2 × 984 × 1.335 = 2,626.9
    monthly = dict(UNIFORM)
    for month in range(1, 13):
        monthly[(2019, month)] = 2 * calendar.monthrange(2019, month)[1]
    assert forecast(D(2019, 12, 31), 914, monthly, year_before=184) == (2882, 914 + 1093, 914 + 2626)


def test_after_the_term_the_forecast_is_the_actual() -> None:
    assert forecast(D(2022, 6, 30), 53000, UNIFORM) == (53000, 53000, 53000)
    assert forecast(D(2023, 1, 1), 53000, UNIFORM) == (53000, 53000, 53000)


def test_before_the_term_unknown() -> None:
    assert forecast(D(2018, 6, 30), 0, {}) == (None, None, None)


def test_partial_current_month_is_not_a_complete_month() -> None:
    # 2019-01-15: Jul–Dec complete and uniform, January partial (not used for the factors); pace (184 + 15) / 199 = 1;
    # 1,262 days left, ±25 %: 946.5 and 1,577.5
    assert forecast(D(2019, 1, 15), 199, {**UNIFORM, (2019, 1): 15}) == (1461, 199 + 946, 199 + 1577)
