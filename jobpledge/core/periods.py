"""Periods of a term: half-years at its ends, calendar years between (2018H2, 2019, …, 2022H1)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_CODE = re.compile(r"^(?P<year>\d{4})(?P<half>H[12])?$")


@dataclass(frozen=True)
class PeriodSpan:
    code: str
    start: dt.date
    end: dt.date

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def span_for_code(code: str) -> PeriodSpan:
    """2019 → 2019-01-01..2019-12-31; 2018H2 → 2018-07-01..2018-12-31; 2022H1 → 2022-01-01..2022-06-30."""
    match = _CODE.match(code.strip())
    if not match:
        raise ValueError(f"not a period code: {code!r}")
    year = int(match["year"])
    if match["half"] == "H1":
        return PeriodSpan(code, dt.date(year, 1, 1), dt.date(year, 6, 30))
    if match["half"] == "H2":
        return PeriodSpan(code, dt.date(year, 7, 1), dt.date(year, 12, 31))
    return PeriodSpan(code, dt.date(year, 1, 1), dt.date(year, 12, 31))


def term_periods(term_start: dt.date, term_end: dt.date) -> list[PeriodSpan]:
    """The periods covering a term that starts and ends on half-year boundaries."""
    spans: list[PeriodSpan] = []
    year = term_start.year
    while year <= term_end.year:
        for candidate in (f"{year}H1", f"{year}", f"{year}H2"):
            span = span_for_code(candidate)
            if span.start == max(term_start, dt.date(year, 1, 1)) and span.end == min(term_end, dt.date(year, 12, 31)):
                spans.append(span)
                break
        year += 1
    return spans


def add_years(day: dt.date, years: int) -> dt.date:
    """Same calendar day `years` later; 29 Feb becomes 28 Feb in a non-leap year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def retention_deadline(start: dt.date) -> dt.date:
    """The last day a job must reach to count as kept one year: start + 1 calendar year − 1 day."""
    return add_years(start, 1) - dt.timedelta(days=1)


def full_age(birth: dt.date, on: dt.date) -> int:
    """만 나이 on a day."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


GENERATION_BANDS: list[tuple[str, int, int | None]] = [
    ("15-29", 15, 29),
    ("30-39", 30, 39),
    ("40-49", 40, 49),
    ("50-64", 50, 64),
    ("65+", 65, None),
]


def generation_band(age: int) -> str:
    for label, low, high in GENERATION_BANDS:
        if age >= low and (high is None or age <= high):
            return label
    return "under-15"
