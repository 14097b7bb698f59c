from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jobpledge.core.periods import full_age, generation_band, retention_deadline, span_for_code, term_periods
from jobpledge.core.pseudonym import pseudonymise
from jobpledge.core.rounding import percent
from jobpledge.core.spreadsheet import neutralise


@pytest.mark.parametrize(
    ("num", "den", "half_up", "truncated"),
    [
        (5000, 53300, "9.4", "9.3"),
        (18300, 53300, "34.3", "34.3"),
        (45300, 53300, "85.0", "84.9"),
        (56087, 53000, "105.8", "105.8"),
    ],
)
def test_percent_rules(num, den, half_up, truncated):
    assert percent(num, den, rule="half_up") == Decimal(half_up)
    assert percent(num, den, rule="truncate") == Decimal(truncated)


def test_percent_half_up_at_exact_half():
    assert percent(1, 8, rule="half_up", decimals=1) == Decimal("12.5")
    assert percent(1, 16, rule="half_up", decimals=1) == Decimal("6.3")  # 6.25 → 6.3, not banker's 6.2
    assert percent(1, 0, rule="half_up") is None


def test_term_periods_of_the_seventh_term():
    spans = term_periods(dt.date(2018, 7, 1), dt.date(2022, 6, 30))
    assert [(s.code, s.start, s.end) for s in spans] == [
        ("2018H2", dt.date(2018, 7, 1), dt.date(2018, 12, 31)),
        ("2019", dt.date(2019, 1, 1), dt.date(2019, 12, 31)),
        ("2020", dt.date(2020, 1, 1), dt.date(2020, 12, 31)),
        ("2021", dt.date(2021, 1, 1), dt.date(2021, 12, 31)),
        ("2022H1", dt.date(2022, 1, 1), dt.date(2022, 6, 30)),
    ]
    with pytest.raises(ValueError):
        span_for_code("2019H3")


def test_retention_deadline_and_leap_day():
    assert retention_deadline(dt.date(2019, 3, 1)) == dt.date(2020, 2, 29)
    assert retention_deadline(dt.date(2020, 2, 29)) == dt.date(2021, 2, 27)
    assert retention_deadline(dt.date(2019, 7, 15)) == dt.date(2020, 7, 14)


def test_full_age_and_bands():
    assert full_age(dt.date(2000, 3, 2), dt.date(2015, 3, 1)) == 14
    assert full_age(dt.date(2000, 3, 1), dt.date(2015, 3, 1)) == 15
    assert [generation_band(a) for a in (15, 29, 30, 49, 50, 64, 65, 90)] == [
        "15-29", "15-29", "30-39", "40-49", "50-64", "50-64", "65+", "65+"
    ]  # fmt: skip


def test_pseudonym_is_keyed_and_normalised():
    a = pseudonymise("900101-1234567", key="k1")
    assert a == pseudonymise(" 9001011234567 ", key="k1")
    assert a != pseudonymise("900101-1234567", key="k2")
    assert len(a) == 64 and "1234567" not in a


def test_neutralise_formula_cells():
    assert [neutralise(v) for v in ("=1+1", "@SUM(A1)", "+82-2-860", "-2+3", "plain", 5)] == [
        "'=1+1", "'@SUM(A1)", "'+82-2-860", "'-2+3", "plain", 5
    ]  # fmt: skip
