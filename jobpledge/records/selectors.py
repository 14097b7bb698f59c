"""Reads over job records: the counting engine behind every published number.

Contract used by jobpledge.plans.selectors.pledge_report (do not change field names without updating it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Counts:
    """Counts over person-level records (and, for `actual` only, aggregate entries)."""

    actual: int = 0  # records + aggregates
    retained_1y: int = 0  # records only
    excluding_senior: int = 0  # records only
    unique_persons: int = 0  # records only
    unknown: int = 0  # aggregate entries: retention, senior, persons, generation unknown


@dataclass
class Actuals:
    """Everything the report needs from the records, as of one day."""

    as_of: dt.date
    by_period: dict[str, Counts] = field(default_factory=dict)  # period code -> counts
    total: Counts = field(default_factory=Counts)
    by_program: dict[str, int] = field(default_factory=dict)  # program name -> actual
    by_sector: dict[str, int] = field(default_factory=dict)  # sector name -> actual
    by_department: dict[str, Counts] = field(default_factory=dict)  # department name -> counts
    generations: dict[str, int] = field(default_factory=dict)  # band ("15-29" …) -> records counted
    gender: dict[str, int] = field(default_factory=dict)  # "M"/"F" -> records counted
    resident: dict[str, int] = field(default_factory=dict)  # "Y"/"N"/"unknown" -> records counted
    outside_term: int = 0  # records started (on or before as_of) outside every period
    demo: bool = False  # any demo data among what was counted
