"""Fields of a job record derived from its dates, computed by every write path (import, form, demo)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jobpledge.core.periods import full_age, generation_band, retention_deadline


@dataclass(frozen=True)
class PeriodBounds:
    """A plan period as plain values, so that deriving needs no query per row."""

    id: int
    code: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Derived:
    period_id: int | None
    age_at_start: int
    generation: str
    retention_deadline: dt.date


def derive(*, birth_date: dt.date, start_date: dt.date, periods: list[PeriodBounds]) -> Derived:
    """Period holding the start date (None outside the term), 만 나이 and band at start, 1-year deadline."""
    period_id = next((p.id for p in periods if p.start <= start_date <= p.end), None)
    age = full_age(birth_date, start_date)
    return Derived(period_id, age, generation_band(age), retention_deadline(start_date))
