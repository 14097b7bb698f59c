"""The row validator shared by the file import and the record forms: raw values in, a clean row or errors out.

One cleaner instance is built per import (programs, periods and the pseudonym key looked up once),
then `clean(values)` runs per row without a query. Derived fields (period, 만 나이, generation,
retention deadline) come from records.derive, the one place that computes them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from jobpledge.core.pseudonym import normalise_identifier
from jobpledge.records.derive import PeriodBounds
from jobpledge.records.importers import messages as msg
from jobpledge.records.importers.columns import AGGREGATE_COLUMNS, EVIDENCE_DEFAULT, PERSON_ID, RECORD_COLUMNS, Column
from jobpledge.records.importers.fast import Derivations, Pseudonymiser
from jobpledge.records.importers.widgets import CellError, as_text, is_blank

_DOTS = str.maketrans({"ㆍ": "·", "‧": "·", "・": "·", "･": "·", "•": "·", "∙": "·"})
_PERIOD_HALF = re.compile(r"^(\d{4})년?\s*(?:(h[12])|(상반기|상|전반기)|(하반기|하|후반기))?$", re.IGNORECASE)
_HEADERS = {c.field: c.header for c in [*RECORD_COLUMNS, *AGGREGATE_COLUMNS]}


def name_key(name: str) -> str:
    """Program and department names compare without spaces, with any middle dot (ㆍ, ・ …) read as ·."""
    return "".join(unicodedata.normalize("NFC", name).translate(_DOTS).split()).lower()


def period_key(code: str) -> str:
    """2018H2, 2018 h2, 2018년 하반기 → 2018H2; 2019년 → 2019."""
    match = _PERIOD_HALF.match(code.strip())
    if not match:
        return code.strip().upper()
    half = "H1" if match[3] else "H2" if match[4] else (match[2] or "").upper()
    return match[1] + half


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str
    message: str

    @property
    def column(self) -> str:
        return _HEADERS.get(self.field, self.field)


@dataclass(slots=True)
class CleanRecord:
    """One valid record row, ready to write: the person only as a pseudonym (None: keep the stored one)."""

    record_id: str
    department: str
    program_id: int
    person_pseudonym: str | None
    birth_date: dt.date
    gender: str
    start_date: dt.date
    end_date: dt.date | None
    employment_type: str
    monthly_wage: int | None
    weekly_hours: Decimal | None
    employer: str
    is_resident: bool | None
    is_senior_activity: bool
    evidence: str
    period_id: int | None
    age_at_start: int
    generation: str
    retention_deadline: dt.date


@dataclass(slots=True)
class CleanAggregate:
    department: str
    program_id: int
    period_id: int
    count: int
    evidence: str


_RECORD_BLANKS: dict[str, object] = {
    "end_date": None,
    "employment_type": "",
    "monthly_wage": None,
    "weekly_hours": None,
    "employer": "",
    "resident": None,
    "senior_activity": False,
    "evidence": EVIDENCE_DEFAULT,
}


CACHE_LIMIT = 20_000  # distinct cell texts remembered per column (dates, names, codes repeat a lot)
_CACHED_FIELDS = {
    "department", "program", "period", "gender", "birth_date", "start_date", "end_date", "employment_type",
    "monthly_wage", "weekly_hours", "employer", "resident", "senior_activity", "evidence", "count",
}  # fmt: skip
_ABSENT = 1 << 30  # the position of a column the file lacks: past the end of every row, so read as blank
_MISS = object()


@dataclass(slots=True)
class _Column:
    """One column as a file has it: where its cell is, how it cleans, what its distinct texts cleaned to."""

    field: str
    position: int
    clean: Any
    required: bool
    blank: object
    limit: int  # distinct texts `values` and `failures` may remember together (0: none)
    values: dict[str, object]  # text -> clean value (an optional column's blank texts included)
    failures: dict[str, str]  # text -> the Korean message it failed with


class ColumnsCleaner:
    """Cleans the columns of one row; remembers what each distinct text cell cleaned to (or why it failed).

    A file repeats the same departments, programs, codes and dates on every row: reading each distinct
    text once keeps the per-row work small on large files, one dictionary probe per cell for a row whose
    texts were all seen before. Caches are bounded (CACHE_LIMIT per column). `positions` say which cell
    holds which column (a column absent from the file reads as blank). Only texts are remembered: an XLSX
    number or date cell is cleaned every time (1 and "1" must not share an entry).
    """

    def __init__(self, columns: Sequence[Column], blanks: Mapping[str, object], positions: Mapping[str, int]) -> None:
        self.columns = [
            _Column(
                c.field,
                positions.get(c.field, _ABSENT),
                c.widget.clean,
                c.required,
                blanks.get(c.field),
                CACHE_LIMIT if c.field in _CACHED_FIELDS else 0,
                {},
                {},
            )
            for c in columns
        ]
        # an optional column the file lacks is its blank on every row; the others are read cell by cell
        self._absent = {c.field: c.blank for c in self.columns if c.position == _ABSENT and not c.required}
        self._probes = [(c.field, c.position, c.values, c) for c in self.columns if c.field not in self._absent]

    def clean(self, cells: Sequence[object], errors: list[FieldError]) -> dict[str, object]:
        out = self._absent.copy()
        size = len(cells)
        for field, position, values, column in self._probes:
            raw = cells[position] if position < size else None
            if raw.__class__ is str:
                value = values.get(raw, _MISS)  # type: ignore[call-overload]
                if value is not _MISS:
                    out[field] = value
                    continue
            self._clean_cell(column, raw, out, errors)
        return out

    @staticmethod
    def _clean_cell(column: _Column, raw: object, out: dict[str, object], errors: list[FieldError]) -> None:
        """A cell not answered from `values`: a remembered failure, a blank, or one cleaned by the widget."""
        text = cast(str, raw) if raw.__class__ is str else None
        if text is not None:
            message = column.failures.get(text)
            if message is not None:
                errors.append(FieldError(column.field, message))
                return
            if text == "" or text.isspace():
                raw = None
        remember = text is not None and len(column.values) + len(column.failures) < column.limit
        if raw is None:
            if column.required:
                errors.append(FieldError(column.field, msg.MISSING_VALUE))
            elif remember:
                column.values[text] = column.blank  # type: ignore[index]  # remember implies a text
            out[column.field] = column.blank
            return
        try:
            value = column.clean(raw)
        except CellError as exc:
            errors.append(FieldError(column.field, exc.message))
            if remember:
                column.failures[text] = exc.message  # type: ignore[index]
            return
        out[column.field] = value
        if remember:
            column.values[text] = value  # type: ignore[index]


def _cells_from(values: Mapping[str, object], positions: Mapping[str, int]) -> list[object]:
    cells: list[object] = [None] * (max(positions.values(), default=-1) + 1)
    for field, position in positions.items():
        cells[position] = values.get(field)
    return cells


class RecordCleaner:
    """Validates record rows against one plan; `department_scope` (a name) refuses other departments.

    `clean(values)` takes a mapping keyed by field name (forms); `clean_cells(cells)` takes a file row,
    with `positions` (field -> cell index) from the located header.
    """

    def __init__(
        self,
        *,
        programs: Mapping[str, int],
        periods: list[PeriodBounds],
        pseudonym_key: str,
        department_scope: str | None = None,
        person_id_required: bool = True,
        positions: Mapping[str, int] | None = None,
    ) -> None:
        self.programs = {name_key(name): pk for name, pk in programs.items()}
        self.periods = periods
        self.pseudonymise = Pseudonymiser(pseudonym_key)
        self.scope = department_scope
        self.scope_key = name_key(department_scope) if department_scope is not None else None
        self.positions = dict(positions or {c.field: i for i, c in enumerate(RECORD_COLUMNS)})
        self.columns = ColumnsCleaner(
            [c for c in RECORD_COLUMNS if c.field != PERSON_ID], _RECORD_BLANKS, self.positions
        )
        self.person_position = self.positions.get(PERSON_ID, _ABSENT)
        self.person_id_required = person_id_required
        self.derive = Derivations(periods)
        self._program_ids: dict[str, int | None] = {}
        self._department_keys: dict[str, str] = {}

    def clean(self, values: Mapping[str, object]) -> tuple[CleanRecord | None, list[FieldError]]:
        return self.clean_cells(_cells_from(values, self.positions))

    def clean_cells(self, cells: Sequence[object]) -> tuple[CleanRecord | None, list[FieldError]]:
        errors: list[FieldError] = []
        v = self.columns.clean(cells, errors)
        pseudonym = self._pseudonym(cells[self.person_position] if self.person_position < len(cells) else None, errors)
        department = v.get("department")
        if (
            self.scope_key is not None
            and isinstance(department, str)
            and self.department_key(department) != self.scope_key
        ):
            message = msg.DEPARTMENT_OUT_OF_SCOPE.format(scope=self.scope, value=msg.shown(department))
            errors.append(FieldError("department", message))
        program_id = None
        program = v.get("program")
        if isinstance(program, str):
            program_id = self._program_ids.get(program, 0)
            if program_id == 0:
                program_id = self._program_ids[program] = self.programs.get(name_key(program))
            if program_id is None:
                errors.append(FieldError("program", msg.UNKNOWN_PROGRAM.format(value=msg.shown(program))))
        birth, start, end = v.get("birth_date"), v.get("start_date"), v.get("end_date")
        derived = None
        if isinstance(birth, dt.date) and isinstance(start, dt.date):
            derived = self.derive(birth, start)
            age = derived[1]
            if age < 15:
                errors.append(FieldError("birth_date", msg.UNDER_15.format(age=max(age, 0))))
            if end is not None and end < start:  # type: ignore[operator]
                errors.append(FieldError("end_date", msg.END_BEFORE_START.format(end=end, start=start)))
        if errors or derived is None or program_id is None:
            return None, errors
        return CleanRecord(
            v["record_id"],  # type: ignore[arg-type]
            department,  # type: ignore[arg-type]
            program_id,
            pseudonym,
            birth,  # type: ignore[arg-type]
            v["gender"],  # type: ignore[arg-type]
            start,  # type: ignore[arg-type]
            end,  # type: ignore[arg-type]
            v["employment_type"],  # type: ignore[arg-type]
            v["monthly_wage"],  # type: ignore[arg-type]
            v["weekly_hours"],  # type: ignore[arg-type]
            v["employer"],  # type: ignore[arg-type]
            v["resident"],  # type: ignore[arg-type]
            v["senior_activity"],  # type: ignore[arg-type]
            v["evidence"],  # type: ignore[arg-type]
            *derived,
        ), errors

    def department_key(self, name: str) -> str:
        key = self._department_keys.get(name)
        if key is None:
            key = self._department_keys[name] = name_key(name)
        return key

    def _pseudonym(self, raw: object, errors: list[FieldError]) -> str | None:
        """Pseudonymise at once; no message about this column ever carries the value."""
        if raw.__class__ is str and raw.isascii():  # type: ignore[attr-defined]
            # the common identifier (B00009156, 900101-1234567): what normalise_identifier would keep, directly
            text = raw.strip()  # type: ignore[attr-defined]
            if len(text) <= 100:
                compact = text.replace("-", "")
                if compact.isalnum():  # ASCII letters and digits only (and not empty)
                    return self.pseudonymise(compact.upper())
        if is_blank(raw):
            if self.person_id_required:
                errors.append(FieldError(PERSON_ID, msg.MISSING_VALUE))
            return None
        text = as_text(raw)
        if len(text) > 100:
            errors.append(FieldError(PERSON_ID, msg.TOO_LONG.format(limit=100)))
            return None
        normalised = normalise_identifier(text)
        if not normalised:
            errors.append(FieldError(PERSON_ID, msg.BAD_PERSON_ID))
            return None
        return self.pseudonymise(normalised)


class AggregateCleaner:
    """Validates aggregate rows (부서, 세부사업, 기간, 실적, 근거) against one plan."""

    def __init__(
        self,
        *,
        programs: Mapping[str, int],
        periods: Mapping[str, int],
        department_scope: str | None = None,
        positions: Mapping[str, int] | None = None,
    ) -> None:
        self.programs = {name_key(name): pk for name, pk in programs.items()}
        self.periods = {code.upper(): pk for code, pk in periods.items()}
        self.choices = ", ".join(periods)
        self.scope = department_scope
        self.positions = dict(positions or {c.field: i for i, c in enumerate(AGGREGATE_COLUMNS)})
        self.columns = ColumnsCleaner(AGGREGATE_COLUMNS, {"evidence": ""}, self.positions)

    def clean(self, values: Mapping[str, object]) -> tuple[CleanAggregate | None, list[FieldError]]:
        return self.clean_cells(_cells_from(values, self.positions))

    def clean_cells(self, cells: Sequence[object]) -> tuple[CleanAggregate | None, list[FieldError]]:
        errors: list[FieldError] = []
        v = self.columns.clean(cells, errors)
        department = v.get("department")
        if self.scope is not None and isinstance(department, str) and name_key(department) != name_key(self.scope):
            errors.append(
                FieldError(
                    "department", msg.DEPARTMENT_OUT_OF_SCOPE.format(scope=self.scope, value=msg.shown(department))
                )
            )
        program_id = period_id = None
        if isinstance(v.get("program"), str):
            program_id = self.programs.get(name_key(v["program"]))  # type: ignore[arg-type]
            if program_id is None:
                errors.append(FieldError("program", msg.UNKNOWN_PROGRAM.format(value=msg.shown(v["program"]))))
        if isinstance(v.get("period"), str):
            period_id = self.periods.get(period_key(v["period"]))  # type: ignore[arg-type]
            if period_id is None:
                errors.append(
                    FieldError("period", msg.UNKNOWN_PERIOD.format(value=msg.shown(v["period"]), choices=self.choices))
                )
        if errors or program_id is None or period_id is None:
            return None, errors
        return CleanAggregate(department, program_id, period_id, v["count"], v["evidence"]), errors  # type: ignore[arg-type]
