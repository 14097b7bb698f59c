"""Wages on an hourly basis, for matching and for the job record a placement creates.

시급 as is; 일급 ÷ 8; 월급 ÷ 월 소정근로시간; 연봉 ÷ 12, then as 월급. 월 소정근로시간 includes the paid weekly
holiday (주휴시간, 근로기준법 제55조): (주당근로시간 + 주휴시간) × 4.345 weeks, 주휴시간 = 주당근로시간 × 8 ÷ 40
when the week has at least 15 hours, else 0. 40 hours a week gives (40 + 8) × 4.345 = 208.56 hours.
A monthly or annual wage whose weekly hours are unknown has no hourly value (None): unknown, never guessed.
"""

from __future__ import annotations

import functools
from decimal import ROUND_HALF_UP, Decimal

WEEKS_PER_MONTH = Decimal("4.345")
HOURS_PER_DAY = Decimal(8)
WEEKLY_HOLIDAY_THRESHOLD = Decimal(15)
FULL_WEEK = Decimal(40)
_WON = Decimal(1)


def weekly_holiday_hours(weekly_hours: Decimal) -> Decimal:
    """주휴시간: 8 hours for a 40-hour week, proportionally less, none under 15 hours a week."""
    if weekly_hours < WEEKLY_HOLIDAY_THRESHOLD:
        return Decimal(0)
    return min(weekly_hours, FULL_WEEK) * HOURS_PER_DAY / FULL_WEEK


def monthly_paid_hours(weekly_hours: Decimal) -> Decimal:
    """월 소정근로시간 (with 주휴시간)."""
    return (weekly_hours + weekly_holiday_hours(weekly_hours)) * WEEKS_PER_MONTH


@functools.lru_cache(maxsize=8192)  # matching converts the same few wage figures for thousands of seekers
def hourly_wage(form: str, amount: int | None, weekly_hours: Decimal | None) -> Decimal | None:
    """The wage per hour in won, rounded half-up to the won; None when it cannot be known."""
    if amount is None or not form:
        return None
    if form == "시급":
        value = Decimal(amount)
    elif form == "일급":
        value = Decimal(amount) / HOURS_PER_DAY
    elif form in ("월급", "연봉"):
        if weekly_hours is None or weekly_hours <= 0:
            return None
        monthly = Decimal(amount) if form == "월급" else Decimal(amount) / 12
        value = monthly / monthly_paid_hours(Decimal(weekly_hours))
    else:
        return None
    return value.quantize(_WON, rounding=ROUND_HALF_UP)


def monthly_wage(form: str, amount: int, weekly_hours: Decimal | None) -> int | None:
    """The monthly wage a job record stores (won): 월급 as is, 연봉 ÷ 12, 시급/일급 × 월 소정근로시간."""
    if form == "월급":
        return amount
    if form == "연봉":
        return int((Decimal(amount) / 12).quantize(_WON, rounding=ROUND_HALF_UP))
    if weekly_hours is None or weekly_hours <= 0:
        return None
    hourly = Decimal(amount) if form == "시급" else Decimal(amount) / HOURS_PER_DAY
    return int((hourly * monthly_paid_hours(Decimal(weekly_hours))).quantize(_WON, rounding=ROUND_HALF_UP))
