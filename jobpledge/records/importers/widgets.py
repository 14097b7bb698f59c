"""Cell widgets in the django-import-export spirit: `clean(cell) -> python value`, `render(value) -> str`.

A cell arrives as text (CSV) or as an XLSX cell typed as openpyxl typed it (str, int, float, bool, datetime;
importers/xlsx.py gives calamine's cells those types). Blank cells never reach `clean`: the row cleaner decides
what a blank means for each column. A bad cell raises CellError with a Korean message (messages.py); nothing
here evaluates a formula-looking cell.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from jobpledge.core.dates import EARLIEST_DATE, LATEST_DATE, DateFormatError, ImpossibleDateError, parse_date
from jobpledge.core.names import normalise_name
from jobpledge.records.importers import messages as msg

BIGINT_MAX = 2**63 - 1  # PositiveBigIntegerField (월임금)
INTEGER_MAX = 2**31 - 1  # PositiveIntegerField (집계 실적)
_FAST_DIGITS = 18  # up to 18 digits an int() is cheap and below BIGINT_MAX
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01 (after Excel's 1900 leap-year bug)
_NUMBER_NOISE = str.maketrans("", "", ", _원명시간")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class CellError(ValueError):
    """A cell that cannot be read; `message` is the Korean text shown to the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value: object) -> str:
    """A cell as text: 1001.0 from a numeric Excel cell reads as 1001, never as "1001.0"."""
    if isinstance(value, str):
        text = value.strip()
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    elif isinstance(value, dt.datetime):
        text = value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    else:
        text = str(value).strip()
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)  # Hangul saved decomposed (macOS) reads the same
    return text


def neutralise_formula(text: str) -> str:
    """For exports (CSV/XLSX injection): a text that a spreadsheet would run as a formula gets a leading '."""
    return "'" + text if text.startswith(_FORMULA_START) else text


class TextWidget:
    """Free text stored as written (formula-looking text included), at most `max_length` characters."""

    def __init__(self, max_length: int) -> None:
        self.max_length = max_length

    def clean(self, value: object) -> str:
        if value.__class__ is str and value.isascii():  # type: ignore[attr-defined]  # record ids, codes
            text = value.strip()  # type: ignore[attr-defined]
        else:
            text = as_text(value)
        if len(text) > self.max_length:
            raise CellError(msg.TOO_LONG.format(limit=self.max_length))
        return text

    def render(self, value: str | None) -> str:
        return value or ""


class NameWidget(TextWidget):
    """A department, program or employer name, read by `core.names.normalise_name` (NFC, no invisible
    characters, single spaces): `일자리지원과\u200b` is `일자리지원과`, not a new lookalike department."""

    def __init__(self, max_length: int, *, allow_empty: bool = False) -> None:
        super().__init__(max_length)
        self.allow_empty = allow_empty

    def clean(self, value: object) -> str:
        text = normalise_name(as_text(value))
        if not text and not self.allow_empty:
            raise CellError(msg.NAME_INVISIBLE)
        if len(text) > self.max_length:
            raise CellError(msg.TOO_LONG.format(limit=self.max_length))
        return text


class DateWidget:
    """2019-03-01, 2019.03.01, 2019. 3. 1., 2019/3/1, 20190301, 2019년 3월 1일, Excel date cells and serials."""

    def clean(self, value: object) -> dt.date:
        if isinstance(value, dt.datetime):
            return self._in_range(value.date(), value)
        if isinstance(value, dt.date):
            return self._in_range(value, value)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return self._from_number(value)
        text = as_text(value)
        if len(text) == 10 and text[4] == "-" and text[7] == "-":  # the common case, in C
            try:
                return self._in_range(dt.date.fromisoformat(text), text)
            except ValueError:
                pass
        return self.from_text(text)

    def from_text(self, text: str) -> dt.date:
        """The general reading of a date written as text (what the ISO fast path in `clean` must agree with)."""
        try:
            return parse_date(text)  # the same reading as the pages' as-of field and the CLI
        except ImpossibleDateError:
            raise CellError(msg.IMPOSSIBLE_DATE.format(value=msg.shown(text))) from None
        except DateFormatError:
            raise CellError(msg.BAD_DATE.format(value=msg.shown(text))) from None

    def _from_number(self, number: float) -> dt.date:
        if not float(number).is_integer():
            raise CellError(msg.BAD_DATE.format(value=msg.shown(number)))
        whole = int(number)
        if 10_000_000 <= whole <= 99_999_999:  # 20190301 typed as a number
            return self.clean(str(whole))
        if 1 <= whole <= 100_000:  # an Excel serial date in a cell formatted as a number
            return self._in_range(_EXCEL_EPOCH + dt.timedelta(days=whole), whole)
        raise CellError(msg.BAD_DATE.format(value=msg.shown(whole)))

    @staticmethod
    def _in_range(day: dt.date, shown_as: object) -> dt.date:
        if not EARLIEST_DATE <= day <= LATEST_DATE:
            raise CellError(msg.IMPOSSIBLE_DATE.format(value=msg.shown(shown_as)))
        return day

    def render(self, value: dt.date | None) -> str:
        return value.isoformat() if value else ""


def _decimal(value: object) -> Decimal:
    """A number cell or text with thousands separators (3,984,000) and unit words (원, 명, 시간)."""
    if isinstance(value, bool):
        raise CellError(msg.BAD_NUMBER.format(value=msg.shown(value)))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    text = as_text(value)
    try:
        number = Decimal(text.translate(_NUMBER_NOISE))
    except InvalidOperation:
        raise CellError(msg.BAD_NUMBER.format(value=msg.shown(text))) from None
    if not number.is_finite():
        raise CellError(msg.BAD_NUMBER.format(value=msg.shown(text)))
    return number


class IntegerWidget:
    """A non-negative whole number (KRW, counts), at most `maximum` (the database column's limit).

    The limit is checked on the Decimal, before any conversion to int: a cell like `1e10000000` is refused at
    once instead of building a ten-million-digit integer.
    """

    def __init__(self, maximum: int = BIGINT_MAX) -> None:
        self.maximum = maximum

    def clean(self, value: object) -> int:
        if value.__class__ is str:  # the common case: digits, perhaps with thousands separators
            digits = value.replace(",", "")  # type: ignore[attr-defined]
            if digits.isascii() and digits.isdigit() and len(digits) <= _FAST_DIGITS:
                number = int(digits)
                if number <= self.maximum:
                    return number
        elif value.__class__ is int and 0 <= value <= self.maximum:  # type: ignore[operator]  # an XLSX number cell
            return value  # type: ignore[return-value]
        return self.from_any(value)

    def from_any(self, value: object) -> int:
        """The general reading (what the fast paths in `clean` must agree with)."""
        number = _decimal(value)
        if number < 0:
            raise CellError(msg.NEGATIVE_NUMBER.format(value=msg.shown(value)))
        if number > self.maximum:
            raise CellError(msg.NUMBER_TOO_LARGE.format(limit=self.maximum, value=msg.shown(value)))
        if number != number.to_integral_value():
            raise CellError(msg.NOT_INTEGER.format(value=msg.shown(value)))
        return int(number)

    def render(self, value: int | None) -> str:
        return "" if value is None else str(value)


class DecimalWidget:
    """A non-negative number rounded half-up to `places` decimals, at most `maximum`."""

    def __init__(self, *, places: int, maximum: Decimal, too_large: str) -> None:
        self.quantum = Decimal(1).scaleb(-places)
        self.maximum = maximum
        self.too_large = too_large

    def clean(self, value: object) -> Decimal:
        number = _decimal(value)
        if number < 0:
            raise CellError(msg.NEGATIVE_NUMBER.format(value=msg.shown(value)))
        if number > self.maximum:
            raise CellError(self.too_large.format(value=msg.shown(value)))
        return number.quantize(self.quantum, rounding=ROUND_HALF_UP)

    def render(self, value: Decimal | None) -> str:
        if value is None:
            return ""
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text


class ChoiceWidget:
    """One of a fixed set of values; `aliases` maps accepted spellings (compared without spaces, lower-case)."""

    def __init__(self, *, aliases: Mapping[str, Any], message: str, labels: Mapping[Any, str] | None = None) -> None:
        self.aliases = {self._key(k): v for k, v in aliases.items()}
        self.message = message
        self.labels: Mapping[Any, str] = labels or {}

    @staticmethod
    def _key(text: str) -> str:
        return "".join(text.split()).lower()

    def clean(self, value: object) -> Any:
        if isinstance(value, bool) and value in self.aliases.values():
            return value
        text = as_text(value)
        try:
            return self.aliases[self._key(text)]
        except KeyError:
            raise CellError(self.message.format(value=msg.shown(text))) from None

    def render(self, value: Any) -> str:
        if value is None or value == "":
            return ""
        return self.labels.get(value, str(value))


GENDER = ChoiceWidget(
    aliases={
        "남": "M",
        "남자": "M",
        "남성": "M",
        "M": "M",
        "male": "M",
        "여": "F",
        "여자": "F",
        "여성": "F",
        "F": "F",
        "female": "F",
    },
    message=msg.BAD_GENDER,
    labels={"M": "남", "F": "여"},
)
FLAG = ChoiceWidget(
    aliases={
        **dict.fromkeys(["Y", "yes", "예", "네", "O", "1", "true", "참"], True),
        **dict.fromkeys(["N", "no", "아니오", "아니요", "X", "0", "false", "거짓"], False),
    },
    message=msg.BAD_FLAG,
    labels={True: "Y", False: "N"},
)
EMPLOYMENT_TYPE = ChoiceWidget(
    aliases={"상용": "상용", "상용직": "상용", "임시": "임시", "임시직": "임시", "일용": "일용", "일용직": "일용"},
    message=msg.BAD_EMPLOYMENT_TYPE,
)
EVIDENCE = ChoiceWidget(
    aliases={"고용보험 확인": "고용보험 확인", "고용보험": "고용보험 확인", "확인서": "확인서", "자체집계": "자체집계"},
    message=msg.BAD_EVIDENCE,
)
DATE = DateWidget()
INTEGER = IntegerWidget()
COUNT = IntegerWidget(maximum=INTEGER_MAX)
WEEKLY_HOURS = DecimalWidget(places=1, maximum=Decimal(168), too_large=msg.HOURS_TOO_MANY)
