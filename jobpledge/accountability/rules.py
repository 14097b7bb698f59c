"""The accountability formulas as pure functions (docs/counting.md, docs/report-json.md): no query, no float.

Each has hand-computed tests in tests/test_rules.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

MILLION = 1_000_000
WEEKS_PER_MONTH = Decimal("4.345")  # 365 ÷ 12 ÷ 7, as the labour ministry rounds it
FULL_WEEK_HOURS = Decimal(40)
WEEKLY_PAID_REST_MIN_HOURS = Decimal(15)  # 주휴: only for 15 hours a week or more (근로기준법 제18조 제3항)
FULL_TIME_HOURS = Decimal(36)  # 주당근로시간 ≥ 36: full time (통계청 경제활동인구조사)
DEFAULT_LAG_THRESHOLD = Decimal(90)
# The plan file's [accountability] keys and their defaults (docs/plan-format.md)
DEFAULT_THRESHOLDS = {
    "lag_threshold": DEFAULT_LAG_THRESHOLD,  # % of expected to date, departments
    "program_lag_threshold": Decimal(90),  # % of pro-rata expected, programs
    "stale_days": Decimal(60),  # days without a record start or write while a period is open
    "spending_rate_min": Decimal(50),  # % executed of 예산현액 …
    "achievement_ratio_max": Decimal(50),  # … while actual is at most this % of the pro-rata expected
}


def expected_by(periods: Iterable[tuple[dt.date, dt.date, int | Decimal]], as_of: dt.date) -> int:
    """Target expected by `as_of` over (start, end, target) periods: ended periods in full, the current one pro
    rata by days (both ends inclusive), summed exactly and floored once. The rule of `totals.expected_to_date`."""
    expected = Decimal(0)
    for start, end, target in periods:
        if as_of >= end:
            expected += target
        elif as_of >= start:
            elapsed = (as_of - start).days + 1
            expected += Decimal(target) * elapsed / ((end - start).days + 1)
    return int(expected)


def is_lagging(actual: int, expected: int | None, threshold: Decimal = DEFAULT_LAG_THRESHOLD) -> bool:
    """Behind pace: something was expected by now and actual ÷ expected × 100 < threshold (exact, before rounding)."""
    if not expected:
        return False
    return Decimal(actual) * 100 < threshold * expected


def million_to_krw(amount_million: int) -> int:
    """백만원 → 원, exactly."""
    return int(amount_million) * MILLION


def per_unit(amount_krw: int, divisor: int) -> int | None:
    """floor(amount ÷ divisor) in won; None (unknown) when the divisor is 0."""
    if divisor <= 0:
        return None
    return amount_krw // divisor


def weekly_paid_rest_hours(weekly_hours: Decimal) -> Decimal:
    """주휴시간 = 주당근로시간 × 8 ÷ 40 for 15 hours a week or more, else 0."""
    if weekly_hours < WEEKLY_PAID_REST_MIN_HOURS:
        return Decimal(0)
    return weekly_hours * 8 / FULL_WEEK_HOURS


def monthly_paid_hours(weekly_hours: Decimal) -> Decimal:
    """월 소정근로시간 = (주당근로시간 + 주휴시간) × 4.345 — 40 h a week gives 208.56 h."""
    return (weekly_hours + weekly_paid_rest_hours(weekly_hours)) * WEEKS_PER_MONTH


def hourly_wage(monthly_wage: int | None, weekly_hours: Decimal | None) -> Decimal | None:
    """월임금 ÷ 월 소정근로시간, exact; None without a wage or without (positive) hours."""
    if monthly_wage is None or weekly_hours is None or weekly_hours <= 0:
        return None
    return Decimal(monthly_wage) / monthly_paid_hours(Decimal(weekly_hours))


def living_wage_status(monthly_wage: int | None, weekly_hours: Decimal | None, living_wage: int | None) -> str:
    """ "at_or_above", "below" or "unknown" (no wage, no hours, or no living wage known for the year).

    Compared without division: wage ≥ living wage × 월 소정근로시간 is hourly wage ≥ living wage, exactly.
    """
    if living_wage is None or monthly_wage is None or weekly_hours is None or weekly_hours <= 0:
        return "unknown"
    threshold = Decimal(living_wage) * monthly_paid_hours(Decimal(weekly_hours))
    return "at_or_above" if Decimal(monthly_wage) >= threshold else "below"


def hours_status(weekly_hours: Decimal | None) -> str:
    """ "full_time" (≥ 36 h a week), "part_time" or "hours_unknown"."""
    if weekly_hours is None:
        return "hours_unknown"
    return "full_time" if Decimal(weekly_hours) >= FULL_TIME_HOURS else "part_time"
