"""Dates as people type them: one reading for the importer, the pages' as-of field and the CLI.

2019-03-01, 2019.03.01, 2019. 3. 1., 2019/3/1, 20190301 and 2019년 3월 1일 all read as 2019-03-01.
A text that is no date raises DateFormatError; one that names a day that does not exist (2020-02-30,
2019-13-45) or lies outside 1900–2100 raises ImpossibleDateError. Callers turn both into their own Korean
message (the importer names row and column; the pages and the CLI name the field).
"""

from __future__ import annotations

import datetime as dt
import re

EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)
DATE_PARTS = re.compile(r"^(\d{4})\s*[-./년]\s*(\d{1,2})\s*[-./월]\s*(\d{1,2})\s*[.일]?$")
DATE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")

#: The spellings shown to people wherever a date is typed.
DATE_EXAMPLES = "2019-03-01, 2019.03.01, 20190301"
MSG_AS_OF_FORMAT = "기준일 「{value}」은(는) 날짜가 아닙니다. 2019-03-01, 2019.03.01, 20190301처럼 입력하세요."
MSG_AS_OF_IMPOSSIBLE = (
    "기준일 「{value}」은(는) 있을 수 없는 날짜입니다. 달력에 있는 날짜를 입력하세요(예: 2019-03-01)."
)


class DateFormatError(ValueError):
    """The text is not written as a date."""


class ImpossibleDateError(ValueError):
    """The text is written as a date, but no such day exists (or it lies outside 1900–2100)."""


def in_range(day: dt.date) -> dt.date:
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ImpossibleDateError(day.isoformat())
    return day


def parse_date(text: str) -> dt.date:
    """Read a date typed by a person (see the module docstring); raises DateFormatError / ImpossibleDateError."""
    text = text.strip()
    match = DATE_PARTS.match(text.rstrip(". ")) or DATE_COMPACT.match(text)
    if not match:
        raise DateFormatError(text)
    try:
        day = dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise ImpossibleDateError(text) from None
    return in_range(day)


def read_as_of(text: str) -> tuple[dt.date | None, str | None]:
    """An as-of date typed in a page or on the command line: (date, None) or (None, a Korean message)."""
    shown = " ".join(text.split())[:40]
    try:
        return parse_date(text), None
    except ImpossibleDateError:
        return None, MSG_AS_OF_IMPOSSIBLE.format(value=shown)
    except DateFormatError:
        return None, MSG_AS_OF_FORMAT.format(value=shown)
