from __future__ import annotations

from decimal import Decimal

import pytest

from jobpledge.jobcenter.wages import hourly_wage, monthly_paid_hours, monthly_wage, weekly_holiday_hours


def test_weekly_holiday_hours() -> None:
    assert weekly_holiday_hours(Decimal(40)) == 8
    assert weekly_holiday_hours(Decimal(20)) == 4
    assert weekly_holiday_hours(Decimal(15)) == 3
    assert weekly_holiday_hours(Decimal("14.5")) == 0  # under 15 hours a week: no 주휴


def test_monthly_paid_hours_of_a_full_week() -> None:
    assert monthly_paid_hours(Decimal(40)) == Decimal("208.560")  # (40 + 8) × 4.345


@pytest.mark.parametrize(
    ("form", "amount", "hours", "expected"),
    [
        ("시급", 9_160, None, 9_160),
        ("일급", 80_000, None, 10_000),
        ("월급", 2_085_600, Decimal(40), 10_000),  # 2,085,600 ÷ 208.56
        ("연봉", 25_027_200, Decimal(40), 10_000),  # ÷ 12 = 2,085,600, then as 월급
        ("월급", 1_000_000, Decimal(20), 9_590),  # ÷ ((20 + 4) × 4.345 = 104.28) = 9,589.57 → 9,590 (half-up)
    ],
)
def test_hourly_wage(form: str, amount: int, hours: Decimal | None, expected: int) -> None:
    assert hourly_wage(form, amount, hours) == expected


def test_monthly_wage_with_hours_under_15_has_no_holiday_pay() -> None:
    assert hourly_wage("월급", 434_500, Decimal(10)) == 10_000  # 10 × 4.345 = 43.45 hours


def test_unknown_hours_make_a_monthly_wage_unknown() -> None:
    assert hourly_wage("월급", 2_000_000, None) is None
    assert hourly_wage("연봉", 24_000_000, None) is None
    assert hourly_wage("", 2_000_000, Decimal(40)) is None


def test_monthly_wage_for_the_job_record() -> None:
    assert monthly_wage("월급", 2_100_000, None) == 2_100_000
    assert monthly_wage("연봉", 30_000_000, None) == 2_500_000
    assert monthly_wage("시급", 10_000, Decimal(40)) == 2_085_600
    assert monthly_wage("일급", 80_000, Decimal(40)) == 2_085_600
    assert monthly_wage("시급", 10_000, None) is None
