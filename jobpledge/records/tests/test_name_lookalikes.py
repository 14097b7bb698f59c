"""Names with invisible characters, decomposed Hangul or doubled spaces match the existing department or
program — in the records import, the aggregates import, the record form and the plan loader — instead of
creating a lookalike."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from django.urls import reverse

from jobpledge.accounts.models import Department
from jobpledge.accounts.tests.fixtures import OWNER_DEPARTMENT
from jobpledge.plans.models import Program
from jobpledge.records.importers import messages as msg
from jobpledge.records.importers.columns import RECORD_COLUMNS
from jobpledge.records.models import AggregateEntry, JobRecord
from jobpledge.records.tests.conftest import import_file
from jobpledge.records.tests.world import *  # noqa: F403

DEPARTMENT = "일자리지원과"
LOOKALIKES = {
    "zwsp": DEPARTMENT + "\u200b",
    "shy": "일자리\u00ad지원과",
    "bom": "\ufeff" + DEPARTMENT,
    "nfd": unicodedata.normalize("NFD", DEPARTMENT),
    "inner-spaces": "일자리  지원과",  # (the record form offers names as choices: there the program carries the spaces)
}
PROGRAM = "직접일자리 사업"
PROGRAM_LOOKALIKES = {
    "zwsp": "직접일자리\u200b 사업",
    "shy": "직접\u00ad일자리 사업",
    "bom": "\ufeff직접일자리 사업",
    "nfd": unicodedata.normalize("NFD", PROGRAM),
    "inner-spaces": "직접일자리   사업",
}
HEADER = ",".join(c.header for c in RECORD_COLUMNS)


def _record_row(record_id: str, department: str, program: str, employer: str = "") -> str:
    values = {
        "record_id": record_id,
        "department": department,
        "program": program,
        "person_id": "900101-1234567",
        "birth_date": "1990-01-01",
        "gender": "남",
        "start_date": "2019-03-01",
        "employer": employer,
    }
    return ",".join(values.get(c.field, "") for c in RECORD_COLUMNS)


@pytest.mark.parametrize("case", list(LOOKALIKES))
def test_records_import_matches_the_existing_department_and_program(plan: Any, case: str) -> None:
    existing = Department.objects.create(name=DEPARTMENT)
    data = f"{HEADER}\n{_record_row('N-1', LOOKALIKES[case], PROGRAM_LOOKALIKES[case])}\n".encode()
    result = import_file(data)
    assert result.ok, result.errors
    assert result.new_departments == []
    assert list(Department.objects.values_list("name", flat=True)) == [DEPARTMENT]
    record = JobRecord.objects.get(record_id="N-1")
    assert record.department == existing
    assert record.program.name == PROGRAM


def test_a_new_department_is_created_under_its_clean_name(plan: Any) -> None:
    line = _record_row("N-2", "기업지원과\u200b  팀", PROGRAM, employer="구로\u00ad구청  본청")
    data = f"{HEADER}\n{line}\n".encode()
    result = import_file(data)
    assert result.ok, result.errors
    assert result.new_departments == ["기업지원과 팀"]
    record = JobRecord.objects.get(record_id="N-2")
    assert record.department.name == "기업지원과 팀"
    assert record.employer == "구로구청 본청"


def test_a_name_of_invisible_characters_only_is_refused(plan: Any) -> None:
    line = _record_row("N-3", "\u200b\ufeff", PROGRAM)
    data = f"{HEADER}\n{line}\n".encode()
    result = import_file(data)
    assert result.errors == [msg.RowError(2, "부서", msg.NAME_INVISIBLE)]
    assert not Department.objects.exists()


@pytest.mark.parametrize("case", list(LOOKALIKES))
def test_aggregates_import_matches_the_existing_department_and_program(plan: Any, case: str) -> None:
    existing = Department.objects.create(name=DEPARTMENT)
    data = f"부서,세부사업,기간,실적\n{LOOKALIKES[case]},{PROGRAM_LOOKALIKES[case]},2019,12\n".encode()
    result = import_file(data, kind="aggregates")
    assert result.ok, result.errors
    assert result.new_departments == []
    entry = AggregateEntry.objects.get()
    assert (entry.department, entry.program.name, entry.count) == (existing, PROGRAM, 12)
    assert Department.objects.count() == 1


@pytest.mark.parametrize("case", list(LOOKALIKES))
def test_record_form_matches_the_existing_department_and_program(client, world, case: str) -> None:
    client.force_login(world.users["owner"])
    response = client.post(
        reverse("records:create"),
        {
            "department": LOOKALIKES[case] if case != "inner-spaces" else OWNER_DEPARTMENT,
            "program": PROGRAM_LOOKALIKES[case],
            "record_id": "F-1",
            "person_id": "900101-1234567",
            "birth_date": "1990-01-01",
            "gender": "여",
            "start_date": "2019-03-01",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    record = JobRecord.objects.get(record_id="F-1")
    assert record.department == world.owner_department
    assert record.program.name == PROGRAM
    assert Department.objects.filter(name__startswith="일자리").count() == 1


def test_plan_loader_stores_program_and_sector_names_clean(plan: Any, tmp_path) -> None:
    from django.conf import settings

    from jobpledge.plans.services import plan_load_file

    text = settings.JOBPLEDGE_DEFAULT_PLAN_FILE.read_text(encoding="utf-8")
    assert f'"{PROGRAM}"' in text and '"정부부문"' in text
    dirty = text.replace(f'"{PROGRAM}"', f'"{PROGRAM_LOOKALIKES["zwsp"]}"').replace('"정부부문"', '"정부부문\u00ad"')
    path = tmp_path / "dirty.toml"
    path.write_text(dirty, encoding="utf-8")
    before = set(Program.objects.filter(plan=plan).values_list("pk", "name"))
    plan_load_file(path=path, user=None, force=True)
    after = set(Program.objects.filter(plan=plan).values_list("pk", "name"))
    assert after == before  # the same programs, same names: no lookalike added
    assert plan.sectors.filter(name="정부부문").exists()
