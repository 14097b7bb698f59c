"""Each accountability formula against cases computed by hand (the arithmetic is in the comments)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jobpledge.accountability.rules import (
    expected_by,
    hourly_wage,
    hours_status,
    is_lagging,
    living_wage_status,
    million_to_krw,
    monthly_paid_hours,
    per_unit,
    weekly_paid_rest_hours,
)

D = dt.date
P2018H2 = (D(2018, 7, 1), D(2018, 12, 31), 5000)  # 184 days
P2019 = (D(2019, 1, 1), D(2019, 12, 31), 13300)  # 365 days
P2020 = (D(2020, 1, 1), D(2020, 12, 31), 13500)  # 366 days (leap year)


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (D(2018, 6, 30), 0),  # before the term
        (D(2018, 7, 1), 27),  # 5000 × 1/184 = 27.17 → 27
        (D(2018, 12, 31), 5000),  # the period ended: in full
        (D(2019, 1, 1), 5036),  # 5000 + 13300 × 1/365 = 5036.43 → 5036 (across the boundary)
        (D(2019, 12, 31), 18300),
        (D(2020, 2, 28), 20476),  # 18300 + 13500 × 59/366 = 18300 + 2176.23 → 20476
        (D(2020, 2, 29), 20513),  # 18300 + 13500 × 60/366 = 18300 + 2213.11 → 20513 (29 Feb counts as a day)
        (D(2020, 3, 1), 20550),  # 18300 + 13500 × 61/366 = 18300 + 2250.0 → 20550 exactly
        (D(2023, 1, 1), 31800),  # after the last period: everything
    ],
)
def test_expected_by_pro_rata(as_of: dt.date, expected: int) -> None:
    assert expected_by([P2018H2, P2019, P2020], as_of) == expected


def test_expected_by_floors_the_sum_once() -> None:
    # two current periods of 1/3 each would floor to 0 + 0 separately; summed exactly: 2/3 + 2/3 = 1.33 → 1
    periods = [(D(2021, 1, 1), D(2021, 1, 3), 2), (D(2021, 1, 1), D(2021, 1, 3), 2)]
    assert expected_by(periods, D(2021, 1, 1)) == 1


@pytest.mark.parametrize(
    ("actual", "expected", "lagging"),
    [(89, 100, True), (90, 100, False), (0, 0, False), (0, None, False), (899, 1000, True), (900, 1000, False)],
)
def test_is_lagging(actual: int, expected: int | None, lagging: bool) -> None:
    assert is_lagging(actual, expected, Decimal(90)) is lagging


def test_money() -> None:
    assert million_to_krw(247040) == 247_040_000_000  # the card's 총사업비, exactly
    assert per_unit(10, 3) == 3  # floor
    assert per_unit(1_000_000_000, 7) == 142_857_142
    assert per_unit(5, 0) is None  # zero divisor: unknown, not 0


@pytest.mark.parametrize(
    ("weekly", "rest", "monthly"),
    [
        ("40", "8", "208.56"),  # (40 + 8) × 4.345
        ("15", "3", "78.21"),  # the 주휴 boundary: (15 + 3) × 4.345
        ("14.9", "0", "64.7405"),  # below 15 h: no 주휴, 14.9 × 4.345
        ("25", "5", "130.35"),  # (25 + 5) × 4.345
    ],
)
def test_monthly_paid_hours(weekly: str, rest: str, monthly: str) -> None:
    assert weekly_paid_rest_hours(Decimal(weekly)) == Decimal(rest)
    assert monthly_paid_hours(Decimal(weekly)) == Decimal(monthly)


def test_hourly_wage() -> None:
    assert hourly_wage(2_085_600, Decimal(40)) == Decimal(10000)  # 2,085,600 ÷ 208.56
    assert hourly_wage(None, Decimal(40)) is None
    assert hourly_wage(2_000_000, None) is None
    assert hourly_wage(2_000_000, Decimal(0)) is None


@pytest.mark.parametrize(
    ("wage", "hours", "living", "status"),
    [
        (1_300_893, "25", 9980, "at_or_above"),  # 9,980 × 130.35 = 1,300,893 exactly: at the living wage
        (1_300_892, "25", 9980, "below"),
        (2_194_677, "40", 10523, "at_or_above"),  # 10,523 × 208.56 = 2,194,676.88
        (2_194_676, "40", 10523, "below"),
        (2_194_677, "40", None, "unknown"),  # a year missing from the table
        (None, "40", 10523, "unknown"),  # no wage
        (2_194_677, None, 10523, "unknown"),  # no hours
    ],
)
def test_living_wage_status(wage: int | None, hours: str | None, living: int | None, status: str) -> None:
    assert living_wage_status(wage, None if hours is None else Decimal(hours), living) == status


def test_hours_status() -> None:
    assert hours_status(Decimal(36)) == "full_time"
    assert hours_status(Decimal("35.9")) == "part_time"
    assert hours_status(None) == "hours_unknown"
