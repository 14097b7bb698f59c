"""`jobpledge import spending` and the report's budget and program-cost additions, against hand-computed figures."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from jobpledge.accountability import messages as amsg
from jobpledge.accountability.models import Spending
from jobpledge.accountability.services import spending_import
from jobpledge.records.importers import messages as msg
from jobpledge.records.importers.messages import RowError

D = dt.date
HEADER = "기간,세부사업,재원,집행액,예산현액,근거\n"
SOURCES = "국비, 시비, 구비, 기타(민자)"


def run(text: str, *, plan, dry_run: bool = False):
    return spending_import(
        file=io.BytesIO(text.encode("utf-8")), filename="spending.csv", user=None, dry_run=dry_run, plan=plan
    )


SPENDING = (
    HEADER
    + '2018H2,직접일자리 사업,구비,"5,000,000,000",,세출 결산\n'
    + "2019,직접일자리 사업,국비,1000000000원,1200000000,\n"
    + "2019,중소기업 역량강화,민자,300000000,,\n"
    + "2020,고용서비스,시비,999,,\n"
)


def test_import_stores_integer_won_and_upserts(plan) -> None:
    result = run(SPENDING, plan=plan)
    assert (result.ok, result.created) == (True, 4), result.error_lines()
    rows = set(Spending.objects.values_list("period__code", "program__name", "source", "executed_krw", "budget_krw"))
    assert ("2018H2", "직접일자리 사업", "구비", 5_000_000_000, None) in rows
    assert ("2019", "중소기업 역량강화", "기타(민자)", 300_000_000, None) in rows  # 민자 reads as 기타(민자)
    again = run(HEADER + "2019,직접일자리 사업,국비,1000000001,1200000000,\n", plan=plan)
    assert (again.created, again.updated) == (0, 1)
    assert Spending.objects.get(source="국비").executed_krw == 1_000_000_001


@pytest.mark.parametrize(
    ("line", "error"),
    [
        (
            "2019,직접일자리 사업,도비,10,,",
            RowError(3, "재원", amsg.BAD_SOURCE.format(choices=SOURCES).format(value="도비")),
        ),
        ("2019,직접일자리 사업,구비,-10,,", RowError(3, "집행액", msg.NEGATIVE_NUMBER.format(value="-10"))),
        ("2019,직접일자리 사업,구비,10.5,,", RowError(3, "집행액", msg.NOT_INTEGER.format(value="10.5"))),
        ("2019,직접일자리 사업,구비,10,1.5,", RowError(3, "예산현액", msg.NOT_INTEGER.format(value="1.5"))),
        ("2019,없는사업,구비,10,,", RowError(3, "세부사업", msg.UNKNOWN_PROGRAM.format(value="없는사업"))),
        ("2018H2,직접일자리 사업,구비,7,,", RowError(3, "기간", amsg.DUPLICATE_SPENDING.format(first=2))),
    ],
)
def test_any_bad_row_refuses_the_whole_file(plan, line: str, error: RowError) -> None:
    result = run(HEADER + "2018H2,직접일자리 사업,구비,5,,\n" + line + "\n", plan=plan)
    assert result.errors == [error]
    assert not Spending.objects.exists()


def test_infrastructure_program_may_carry_spending_and_dry_run_stores_nothing(plan, tmp_path: Path) -> None:
    path = tmp_path / "spending.csv"
    path.write_text(HEADER + "2019,일자리 인프라구축,구비,250000000,,\n", encoding="utf-8")
    out = io.StringIO()
    call_command("import_spending", str(path), "--dry-run", stdout=out)
    assert out.getvalue().splitlines() == [
        amsg.CLI_SPENDING_SUMMARY.format(created=1, updated=0, unchanged=0, rows=1),
        msg.CLI_DRY_RUN,
    ]
    assert not Spending.objects.exists()
    call_command("import_spending", str(path), stdout=io.StringIO())
    assert Spending.objects.get().program.name == "일자리 인프라구축"
