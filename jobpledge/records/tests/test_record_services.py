"""Single-record services (the forms' back end): the import's validator, history, scope, withdrawal."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from jobpledge.accounts.models import Department
from jobpledge.core.models import DataVersion
from jobpledge.core.pseudonym import pseudonymise
from jobpledge.records import services
from jobpledge.records.factories import JobRecordFactory
from jobpledge.records.importers import messages as msg
from jobpledge.records.models import ImportBatch, JobRecord
from jobpledge.records.tests.conftest import import_file

AS_OF = dt.date(2023, 6, 30)


@pytest.fixture
def department(plan: Any) -> Department:
    return Department.objects.create(name="일자리지원과")


def form(**overrides: Any) -> dict[str, Any]:
    data = {
        "record_id": "W-1",
        "department": "일자리지원과",
        "program": "고용서비스",
        "person_id": "900101-1234567",
        "birth_date": "1990. 1. 1.",
        "gender": "여",
        "start_date": "2019-03-01",
        "end_date": "",
        "employment_type": "상용",
        "monthly_wage": "2,100,000",
        "weekly_hours": "40",
        "employer": "구로구청",
        "resident": "Y",
        "senior_activity": "",
        "evidence": "",
    }
    return {**data, **overrides}


def test_create_uses_the_import_rules_and_writes_history(department: Department, owner: Any) -> None:
    version = DataVersion.current()
    record = services.record_create(data=form(), user=owner)
    assert (record.department, record.program.name, record.monthly_wage, record.evidence) == (
        department,
        "고용서비스",
        2100000,
        "자체집계",
    )
    assert (record.period.code, record.age_at_start, record.is_resident, record.is_senior_activity) == (
        "2019",
        29,
        True,
        False,
    )
    assert record.person_pseudonym == pseudonymise("9001011234567")
    assert (record.created_by, record.batch.kind) == (owner, ImportBatch.Kind.FORM)
    history = record.history.get()  # type: ignore[attr-defined]
    assert (history.history_type, history.history_user, history.history_change_reason) == ("+", owner, "화면 입력")
    assert DataVersion.current() == version + 1


def test_create_accepts_python_values_and_model_instances(department: Department, plan: Any) -> None:
    program = plan.programs.get(name="창업지원")
    data = form(
        department=department,
        program=program,
        birth_date=dt.date(1990, 1, 1),
        start_date=dt.date(2020, 5, 1),
        resident=False,
        monthly_wage=1800000,
    )
    record = services.record_create(data=data, user=None)
    assert (record.program, record.start_date, record.is_resident, record.monthly_wage) == (
        program,
        dt.date(2020, 5, 1),
        False,
        1800000,
    )


def test_create_reports_every_field_error(department: Department) -> None:
    with pytest.raises(services.ValidationFailed) as caught:
        services.record_create(
            data=form(gender="?", start_date="2019-13-45", monthly_wage="-1", person_id=""), user=None
        )
    error = caught.value
    assert error.message == msg.VALIDATION_FAILED
    assert error.by_field == {
        "gender": [msg.BAD_GENDER.format(value="?")],
        "start_date": [msg.IMPOSSIBLE_DATE.format(value="2019-13-45")],
        "monthly_wage": [msg.NEGATIVE_NUMBER.format(value="-1")],
        "person_id": [msg.MISSING_VALUE],
    }
    assert error.field_errors == error.by_field
    assert "성별: " + msg.BAD_GENDER.format(value="?") in error.lines
    assert JobRecord.objects.count() == 0


def test_create_refuses_unknown_department_existing_record_and_other_scope(department: Department) -> None:
    with pytest.raises(services.ValidationFailed) as caught:
        services.record_create(data=form(department="없는과"), user=None)
    assert caught.value.by_field == {"department": [msg.UNKNOWN_DEPARTMENT.format(value="없는과")]}
    services.record_create(data=form(), user=None)
    with pytest.raises(services.ValidationFailed) as caught:
        services.record_create(data=form(), user=None)
    assert caught.value.by_field == {"record_id": [msg.RECORD_EXISTS.format(value="W-1")]}
    other = Department.objects.create(name="복지정책과")
    with pytest.raises(services.ValidationFailed) as caught:
        services.record_create(data=form(record_id="W-2"), user=None, department_scope=other)
    assert caught.value.by_field == {
        "department": [msg.DEPARTMENT_OUT_OF_SCOPE.format(scope="복지정책과", value="일자리지원과")]
    }


def test_update_changes_only_what_differs_and_keeps_the_pseudonym(department: Department, owner: Any) -> None:
    record = services.record_create(data=form(), user=None)
    pseudonym = record.person_pseudonym
    same = services.record_update(record=record, data=form(person_id=""), user=owner)
    assert same.history.count() == 1  # type: ignore[attr-defined]  # nothing changed, nothing written
    updated = services.record_update(record=record, data={"end_date": "2020.02.28", "person_id": ""}, user=owner)
    assert (updated.end_date, updated.person_pseudonym, updated.updated_by) == (dt.date(2020, 2, 28), pseudonym, owner)
    latest = updated.history.latest()  # type: ignore[attr-defined]
    assert (latest.history_type, latest.history_change_reason, latest.end_date) == (
        "~",
        "화면 수정",
        dt.date(2020, 2, 28),
    )
    moved = services.record_update(
        record=record, data={"person_id": "850505-2345678", "start_date": "2021-01-04", "end_date": ""}, user=owner
    )
    assert moved.person_pseudonym == pseudonymise("850505-2345678")
    assert (moved.period.code, moved.age_at_start) == ("2021", 31)


def test_update_applies_the_same_rules(department: Department) -> None:
    record = services.record_create(data=form(), user=None)
    with pytest.raises(services.ValidationFailed) as caught:
        services.record_update(record=record, data={"end_date": "2019-02-01"}, user=None)
    assert caught.value.by_field == {"end_date": [msg.END_BEFORE_START.format(end="2019-02-01", start="2019-03-01")]}
    with pytest.raises(services.ValidationFailed) as caught:
        services.record_update(record=record, data={"birth_date": "2010-01-01"}, user=None)
    assert caught.value.by_field == {"birth_date": [msg.UNDER_15.format(age=9)]}
    other = Department.objects.create(name="복지정책과")
    with pytest.raises(services.ValidationFailed):
        services.record_update(record=record, data={"employer": "x"}, user=None, department_scope=other)


def test_update_of_an_imported_record_starts_its_history_with_the_import(plan: Any, owner: Any) -> None:
    result = import_file("records_cp949.csv")
    record = JobRecord.objects.get(record_id="R-001")
    services.record_update(record=record, data={"weekly_hours": "35"}, user=owner)
    history = list(record.history.order_by("history_id"))  # type: ignore[attr-defined]
    assert [(h.history_type, h.history_change_reason) for h in history] == [
        ("+", f"적재 #{result.batch_id}"),
        ("~", "화면 수정"),
    ]
    assert history[0].history_date == record.created_at


def test_factory_records_are_valid(plan: Any) -> None:
    record = JobRecordFactory(start_date=dt.date(2018, 6, 30))
    assert (record.period, record.age_at_start) == (None, 28)
