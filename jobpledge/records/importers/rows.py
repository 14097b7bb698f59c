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

from jobpledge.core.pseudonym import normalise_identifier, pseudonymise
from jobpledge.records.derive import PeriodBounds, derive
from jobpledge.records.importers import messages as msg
from jobpledge.records.importers.columns import AGGREGATE_COLUMNS, EVIDENCE_DEFAULT, PERSON_ID, RECORD_COLUMNS, Column
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


def _clean_columns(
    columns: Sequence[Column], values: Mapping[str, object], blanks: Mapping[str, object], errors: list[FieldError]
) -> dict[str, object]:
    out: dict[str, object] = {}
    for column in columns:
        raw = values.get(column.field)
        if raw is None or (raw.__class__ is str and not raw.strip()):  # type: ignore[attr-defined]
            if column.required:
                errors.append(FieldError(column.field, msg.MISSING_VALUE))
            out[column.field] = blanks.get(column.field)
            continue
        try:
            out[column.field] = column.widget.clean(raw)
        except CellError as exc:
            errors.append(FieldError(column.field, exc.message))
    return out


class RecordCleaner:
    """Validates record rows against one plan; `department_scope` (a name) refuses other departments."""

    def __init__(
        self,
        *,
        programs: Mapping[str, int],
        periods: list[PeriodBounds],
        pseudonym_key: str,
        department_scope: str | None = None,
        person_id_required: bool = True,
    ) -> None:
        self.programs = {name_key(name): pk for name, pk in programs.items()}
        self.periods = periods
        self.key = pseudonym_key
        self.scope = department_scope
        self.columns = [c for c in RECORD_COLUMNS if c.field != PERSON_ID]
        self.person_id_required = person_id_required

    def clean(self, values: Mapping[str, object]) -> tuple[CleanRecord | None, list[FieldError]]:
        errors: list[FieldError] = []
        v = _clean_columns(self.columns, values, _RECORD_BLANKS, errors)
        pseudonym = self._pseudonym(values.get(PERSON_ID), errors)
        department = v.get("department")
        if self.scope is not None and isinstance(department, str) and name_key(department) != name_key(self.scope):
            errors.append(
                FieldError(
                    "department", msg.DEPARTMENT_OUT_OF_SCOPE.format(scope=self.scope, value=msg.shown(department))
                )
            )
        program_id = None
        if isinstance(v.get("program"), str):
            program_id = self.programs.get(name_key(v["program"]))  # type: ignore[arg-type]
            if program_id is None:
                errors.append(FieldError("program", msg.UNKNOWN_PROGRAM.format(value=msg.shown(v["program"]))))
        birth, start, end = v.get("birth_date"), v.get("start_date"), v.get("end_date")
        derived = None
        if isinstance(birth, dt.date) and isinstance(start, dt.date):
            derived = derive(birth_date=birth, start_date=start, periods=self.periods)
            if derived.age_at_start < 15:
                errors.append(FieldError("birth_date", msg.UNDER_15.format(age=max(derived.age_at_start, 0))))
            if isinstance(end, dt.date) and end < start:
                errors.append(FieldError("end_date", msg.END_BEFORE_START.format(end=end, start=start)))
        if errors or derived is None or program_id is None:
            return None, errors
        return CleanRecord(
            record_id=v["record_id"],  # type: ignore[arg-type]
            department=department,  # type: ignore[arg-type]
            program_id=program_id,
            person_pseudonym=pseudonym,
            birth_date=birth,  # type: ignore[arg-type]
            gender=v["gender"],  # type: ignore[arg-type]
            start_date=start,  # type: ignore[arg-type]
            end_date=end,  # type: ignore[arg-type]
            employment_type=v["employment_type"],  # type: ignore[arg-type]
            monthly_wage=v["monthly_wage"],  # type: ignore[arg-type]
            weekly_hours=v["weekly_hours"],  # type: ignore[arg-type]
            employer=v["employer"],  # type: ignore[arg-type]
            is_resident=v["resident"],  # type: ignore[arg-type]
            is_senior_activity=v["senior_activity"],  # type: ignore[arg-type]
            evidence=v["evidence"],  # type: ignore[arg-type]
            period_id=derived.period_id,
            age_at_start=derived.age_at_start,
            generation=derived.generation,
            retention_deadline=derived.retention_deadline,
        ), errors

    def _pseudonym(self, raw: object, errors: list[FieldError]) -> str | None:
        """Pseudonymise at once; no message about this column ever carries the value."""
        if is_blank(raw):
            if self.person_id_required:
                errors.append(FieldError(PERSON_ID, msg.MISSING_VALUE))
            return None
        text = as_text(raw)
        if len(text) > 100:
            errors.append(FieldError(PERSON_ID, msg.TOO_LONG.format(limit=100)))
            return None
        if not normalise_identifier(text):
            errors.append(FieldError(PERSON_ID, msg.BAD_PERSON_ID))
            return None
        return pseudonymise(text, key=self.key)


class AggregateCleaner:
    """Validates aggregate rows (부서, 세부사업, 기간, 실적, 근거) against one plan."""

    def __init__(
        self, *, programs: Mapping[str, int], periods: Mapping[str, int], department_scope: str | None = None
    ) -> None:
        self.programs = {name_key(name): pk for name, pk in programs.items()}
        self.periods = {code.upper(): pk for code, pk in periods.items()}
        self.choices = ", ".join(periods)
        self.scope = department_scope

    def clean(self, values: Mapping[str, object]) -> tuple[CleanAggregate | None, list[FieldError]]:
        errors: list[FieldError] = []
        v = _clean_columns(AGGREGATE_COLUMNS, values, {"evidence": ""}, errors)
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
