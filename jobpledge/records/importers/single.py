"""Checking one record's data (a form, the API) with the import's row validator, for records.services.

Form values are keyed by the template's field names; model instances (Program, Department) read as
their names; a stored record reads back as form values so that partial updates are checked whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings

from jobpledge.accounts.models import Department
from jobpledge.core.errors import JobpledgeError
from jobpledge.plans.models import Plan, Program
from jobpledge.records.derive import PeriodBounds
from jobpledge.records.importers import messages as msg
from jobpledge.records.importers.rows import FieldError, RecordCleaner, name_key
from jobpledge.records.models import JobRecord


class ValidationFailed(JobpledgeError):
    """A record form's data broke the import rules; `errors` name each field (Korean messages)."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(msg.VALIDATION_FAILED, lines=[f"{e.column}: {e.message}" for e in errors])
        self.errors = errors

    @property
    def by_field(self) -> dict[str, list[str]]:
        """Messages per form field (record_id, department, program, person_id, birth_date, …)."""
        out: dict[str, list[str]] = {}
        for error in self.errors:
            out.setdefault(error.field, []).append(error.message)
        return out

    field_errors = by_field  # the name the record form views read


def period_bounds(plan: Plan) -> list[PeriodBounds]:
    return [PeriodBounds(p.pk, p.code, p.start, p.end) for p in plan.periods.all()]


def plan_programs(plan: Plan) -> dict[str, int]:
    return dict(plan.programs.values_list("name", "pk"))


_MODEL_ALIASES = {"is_resident": "resident", "is_senior_activity": "senior_activity"}


def form_values(data: Mapping[str, Any]) -> dict[str, object]:
    """Form data keyed by template field (or model attribute) names; model instances read as their names."""
    values: dict[str, object] = {}
    for key, value in data.items():
        if isinstance(value, Program | Department):
            value = value.name
        values[_MODEL_ALIASES.get(key, key)] = value
    return values


def stored_values(record: JobRecord) -> dict[str, object]:
    """A stored record as form values (the raw person identifier is not stored, so it is absent)."""
    return {
        "record_id": record.record_id,
        "department": record.department.name,
        "program": record.program.name,
        "birth_date": record.birth_date,
        "gender": record.gender,
        "start_date": record.start_date,
        "end_date": record.end_date,
        "employment_type": record.employment_type,
        "monthly_wage": record.monthly_wage,
        "weekly_hours": record.weekly_hours,
        "employer": record.employer,
        "resident": record.is_resident,
        "senior_activity": record.is_senior_activity,
        "evidence": record.evidence,
    }


def validated(
    values: Mapping[str, object],
    *,
    plan: Plan,
    department_scope: Department | None,
    person_required: bool,
    record: JobRecord | None,
) -> tuple[dict[str, Any], Department]:
    cleaner = RecordCleaner(
        programs=plan_programs(plan),
        periods=period_bounds(plan),
        pseudonym_key=settings.JOBPLEDGE_PSEUDONYM_KEY,
        department_scope=department_scope.name if department_scope else None,
        person_id_required=person_required,
    )
    row, errors = cleaner.clean(values)
    department = None
    if row is not None:
        department = next((d for d in Department.objects.all() if name_key(d.name) == name_key(row.department)), None)
        if department is None:
            errors.append(FieldError("department", msg.UNKNOWN_DEPARTMENT.format(value=msg.shown(row.department))))
        else:
            clash = JobRecord.objects.filter(department=department, record_id=row.record_id)
            if record is not None:
                clash = clash.exclude(pk=record.pk)
            if clash.exists():
                errors.append(FieldError("record_id", msg.RECORD_EXISTS.format(value=msg.shown(row.record_id))))
    if errors or row is None or department is None:
        raise ValidationFailed(errors)
    fields = {
        "department": department,
        "program_id": row.program_id,
        "record_id": row.record_id,
        "birth_date": row.birth_date,
        "gender": row.gender,
        "start_date": row.start_date,
        "end_date": row.end_date,
        "employment_type": row.employment_type,
        "monthly_wage": row.monthly_wage,
        "weekly_hours": row.weekly_hours,
        "employer": row.employer,
        "is_resident": row.is_resident,
        "is_senior_activity": row.is_senior_activity,
        "evidence": row.evidence,
        "period_id": row.period_id,
        "age_at_start": row.age_at_start,
        "generation": row.generation,
        "retention_deadline": row.retention_deadline,
    }
    if row.person_pseudonym is not None:
        fields["person_pseudonym"] = row.person_pseudonym
    return fields, department
