"""`jobpledge import targets`: the file rules (every error refused whole), upsert, dry run, coverage lines; and the
report's department additions against hand-computed figures."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from jobpledge.accountability import messages as amsg
from jobpledge.accountability.models import DepartmentTarget
from jobpledge.accountability.services import targets_import
from jobpledge.records.importers import messages as msg
from jobpledge.records.importers.messages import RowError

D = dt.date
HEADER = "부서,세부사업,기간,목표\n"


def run(text: str, *, plan, dry_run: bool = False, encoding: str = "utf-8"):
    return targets_import(
        file=io.BytesIO(text.encode(encoding)), filename="targets.csv", user=None, dry_run=dry_run, plan=plan
    )


def stored() -> set[tuple[str, str, str, int]]:
    return set(DepartmentTarget.objects.values_list("department__name", "program__name", "period__code", "target"))


def test_import_creates_then_upserts(plan) -> None:
    result = run(HEADER + "일자리지원과,고용서비스,2019,1200\n일자리지원과,고용서비스,2020,1300\n", plan=plan)
    assert (result.ok, result.created, result.updated, result.unchanged) == (True, 2, 0, 0)
    assert result.new_departments == ["일자리지원과"]
    again = run(HEADER + "일자리지원과, 고용서비스 ,2019년,1200\n일자리지원과,고용서비스,2020,1400\n", plan=plan)
    assert (again.ok, again.created, again.updated, again.unchanged) == (True, 0, 1, 1)
    assert again.new_departments == []
    assert stored() == {("일자리지원과", "고용서비스", "2019", 1200), ("일자리지원과", "고용서비스", "2020", 1400)}


def test_thousands_separator_and_english_headers_and_cp949(plan) -> None:
    text = 'department,program,period,target\n복지정책과,직접일자리 사업,2018 하반기,"1,500"\n'
    result = run(text, plan=plan, encoding="cp949")
    assert result.ok, result.error_lines()
    assert stored() == {("복지정책과", "직접일자리 사업", "2018H2", 1500)}


def test_update_keeps_history(plan) -> None:
    run(HEADER + "일자리지원과,고용서비스,2019,1200\n", plan=plan)
    result = run(HEADER + "일자리지원과,고용서비스,2019,1250\n", plan=plan)
    assert (result.created, result.updated) == (0, 1)
    target = DepartmentTarget.objects.get()
    assert [h.target for h in target.history.order_by("history_date")] == [1200, 1250]


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ("일자리지원과,없는사업,2019,10", RowError(3, "세부사업", msg.UNKNOWN_PROGRAM.format(value="없는사업"))),
        (
            "일자리지원과,고용서비스,2030,10",
            RowError(3, "기간", msg.UNKNOWN_PERIOD.format(value="2030", choices="2018H2, 2019, 2020, 2021, 2022H1")),
        ),
        ("일자리지원과,고용서비스,2020,-5", RowError(3, "목표", msg.NEGATIVE_NUMBER.format(value="-5"))),
        ("일자리지원과,고용서비스,2020,1.5", RowError(3, "목표", msg.NOT_INTEGER.format(value="1.5"))),
        ("일자리지원과,고용서비스,2020,많음", RowError(3, "목표", msg.BAD_NUMBER.format(value="많음"))),
        ("일자리지원과,고용서비스,2020,", RowError(3, "목표", msg.MISSING_VALUE)),
        ("일자리지원과,고용서비스,2019,7", RowError(3, "부서", amsg.DUPLICATE_TARGET.format(first=2))),
    ],
)
def test_any_bad_row_refuses_the_whole_file(plan, line: str, error: RowError) -> None:
    result = run(HEADER + "일자리지원과,고용서비스,2019,1200\n" + line + "\n", plan=plan)
    assert result.errors == [error]
    assert stored() == set()


def test_file_level_errors(plan) -> None:
    assert run("", plan=plan).errors == [RowError(0, "", msg.FILE_EMPTY)]
    assert run("부서,세부사업,기간\nA,B,C\n", plan=plan).errors == [
        RowError(1, "목표", msg.MISSING_COLUMN.format(column="목표"))
    ]
    assert run(HEADER, plan=plan).errors == [RowError(0, "", amsg.NO_TARGET_ROWS)]


def test_cli_dry_run_prints_coverage_and_stores_nothing(plan, tmp_path: Path) -> None:
    path = tmp_path / "targets.csv"
    path.write_text(HEADER + "일자리지원과,고용서비스,2019,9000\n복지정책과,고용서비스,2020,8900\n", encoding="utf-8")
    out = io.StringIO()
    call_command("import_targets", str(path), "--dry-run", stdout=out)
    lines = out.getvalue().splitlines()
    assert "[부서목표] 고용서비스 · 계: 배분 17,900, 계획 18,200" in lines
    assert "[부서목표] 직접일자리 사업 · 계: 배분 0, 계획 17,600" in lines
    assert "[부서목표] 2019 기간: 배분 9,000, 계획 13,300" in lines
    assert "[부서목표] 2022H1 기간: 배분 0, 계획 8,000" in lines
    assert lines[-1] == msg.CLI_DRY_RUN
    assert stored() == set()
    assert not DepartmentTarget.objects.exists()


def test_cli_refused_file_exits_with_errors(plan, tmp_path: Path) -> None:
    path = tmp_path / "targets.csv"
    path.write_text(HEADER + "일자리지원과,고용서비스,2019,-1\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="오류 1건"):
        call_command("import_targets", str(path), stderr=err)
    assert err.getvalue().strip() == str(RowError(2, "목표", msg.NEGATIVE_NUMBER.format(value="-1")))
