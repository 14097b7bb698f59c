"""The import, template and withdraw commands, through call_command and once through the real console script."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from jobpledge.records.importers import messages as msg
from jobpledge.records.importers.columns import AGGREGATE_COLUMNS, RECORD_COLUMNS
from jobpledge.records.models import AggregateEntry, JobRecord
from jobpledge.records.tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[3]


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_records_prints_the_summary_and_new_departments(plan: Any) -> None:
    out, _ = run("import_records", str(FIXTURES / "records_cp949.csv"))
    assert msg.CLI_SUMMARY.format(created=6, updated=0, unchanged=0, rows=6) in out
    assert msg.CLI_NEW_DEPARTMENTS.format(count=3, names="일자리지원과, 어르신복지과, 기업지원과") in out
    assert JobRecord.objects.count() == 6
    out, _ = run("import_records", str(FIXTURES / "records_later_cp949.csv"))
    assert msg.CLI_SUMMARY.format(created=0, updated=2, unchanged=4, rows=6) in out


def test_import_records_errors_one_per_line_exit_1_nothing_stored(plan: Any) -> None:
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_records", str(FIXTURES / "records_errors.csv"), stdout=io.StringIO(), stderr=err)
    assert caught.value.returncode == 1
    assert str(caught.value) == msg.CLI_FAILED.format(count=10)
    lines = err.getvalue().splitlines()
    assert lines[0] == "행 2, 열 「세부사업」: " + msg.UNKNOWN_PROGRAM.format(value="없는 사업")
    assert "행 5, 열 「취업일」: " + msg.IMPOSSIBLE_DATE.format(value="2019-13-45") in lines
    assert len(lines) == 10
    assert JobRecord.objects.count() == 0


def test_junk_file_is_one_korean_line(plan: Any) -> None:
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_records", str(FIXTURES / "junk.bin"), stdout=io.StringIO(), stderr=err)
    assert (caught.value.returncode, err.getvalue()) == (1, f"파일: {msg.FILE_NOT_TABULAR}\n")


def test_dry_run_and_missing_file(plan: Any) -> None:
    out, _ = run("import_records", str(FIXTURES / "records_cp949.csv"), "--dry-run")
    assert msg.CLI_DRY_RUN in out
    assert JobRecord.objects.count() == 0
    with pytest.raises(CommandError) as caught:
        run("import_records", "/nonexistent/file.csv")
    assert str(caught.value) == msg.CLI_FILE_NOT_FOUND.format(path="/nonexistent/file.csv")


def test_import_aggregates(plan: Any) -> None:
    out, _ = run("import_aggregates", str(FIXTURES / "aggregates.csv"))
    assert msg.CLI_SUMMARY.format(created=4, updated=0, unchanged=0, rows=4) in out
    assert AggregateEntry.objects.count() == 4
    with pytest.raises(CommandError):
        run("import_aggregates", str(FIXTURES / "aggregates_errors.csv"))


def test_withdraw_and_restore_record(plan: Any) -> None:
    run("import_records", str(FIXTURES / "records_cp949.csv"))
    out, _ = run("withdraw_record", "일자리지원과", "R-001", "--reason", "중복 등록")
    assert out.strip() == msg.CLI_WITHDRAWN.format(department="일자리지원과", record_id="R-001", reason="중복 등록")
    record = JobRecord.objects.get(record_id="R-001")
    assert (record.withdrawn_reason, record.history.latest().history_change_reason) == ("중복 등록", "철회: 중복 등록")  # type: ignore[attr-defined]
    out, _ = run("import_records", str(FIXTURES / "records_cp949.csv"))
    assert msg.CLI_STILL_WITHDRAWN.format(count=1) in out
    with pytest.raises(CommandError) as caught:
        run("withdraw_record", "일자리지원과", "R-001", "--reason", "또")
    assert str(caught.value) == msg.ALREADY_WITHDRAWN
    run("withdraw_record", "일자리지원과", "R-001", "--reason", "착오", "--restore")
    assert JobRecord.objects.get(record_id="R-001").withdrawn_at is None
    run("withdraw_record", "\ufeff일자리지원과\u200b", "R-001", "--reason", "invisible characters in the name")
    assert JobRecord.objects.get(record_id="R-001").withdrawn_reason == "invisible characters in the name"
    with pytest.raises(CommandError) as caught:
        run("withdraw_record", "일자리지원과", "R-999", "--reason", "x")
    assert str(caught.value) == msg.RECORD_NOT_FOUND.format(department="일자리지원과", record_id="R-999")


def test_templates_round_trip(plan: Any, tmp_path: Path) -> None:
    xlsx, csv = tmp_path / "t.xlsx", tmp_path / "t.csv"
    run("template_records", "--format", "xlsx", "--output", str(xlsx))
    run("template_records", "--format", "csv", "--output", str(csv))
    book = openpyxl.load_workbook(xlsx)
    assert [c.value for c in book["실적"][1]] == [c.header for c in RECORD_COLUMNS]
    assert book.sheetnames == ["실적", "작성 안내"]
    guide = [row[0] for row in book["작성 안내"].iter_rows(values_only=True)]
    assert "직접일자리 사업" in guide  # the program list of the default plan
    assert csv.read_bytes().startswith(b"\xef\xbb\xbf" + "실적번호,부서".encode())
    for path in (xlsx, csv):  # an untouched template is a valid file with no rows
        with pytest.raises(CommandError):
            run("import_records", str(path))
    aggregates = tmp_path / "a.xlsx"
    run("template_records", "--kind", "aggregates", "--output", str(aggregates))
    assert [c.value for c in openpyxl.load_workbook(aggregates)["실적"][1]] == [c.header for c in AGGREGATE_COLUMNS]


def test_filled_in_xlsx_template_imports(plan: Any, tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    run("template_records", "--output", str(path))
    book = openpyxl.load_workbook(path)
    book["실적"].append([c.example or None for c in RECORD_COLUMNS])
    book.save(path)
    out, _ = run("import_records", str(path))
    assert msg.CLI_SUMMARY.format(created=1, updated=0, unchanged=0, rows=1) in out


@pytest.mark.slow
def test_console_script_in_a_subprocess(tmp_path: Path) -> None:
    """The real `jobpledge` command on a fresh SQLite file: exit 0 with a summary, exit 1 with Korean lines."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "JOBPLEDGE_VAR_DIR": str(tmp_path),
        "PYTHONIOENCODING": "utf-8",
    }
    script = str(Path(sys.executable).parent / "jobpledge")

    def jobpledge(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([script, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)  # noqa: S603

    assert jobpledge("init").returncode == 0
    ok = jobpledge("import", "records", str(FIXTURES / "records_cp949.csv"))
    assert ok.returncode == 0, ok.stderr
    assert msg.CLI_SUMMARY.format(created=6, updated=0, unchanged=0, rows=6) in ok.stdout
    bad = jobpledge("import", "records", str(FIXTURES / "records_errors.csv"))
    assert bad.returncode == 1
    assert "행 2, 열 「세부사업」: " + msg.UNKNOWN_PROGRAM.format(value="없는 사업") in bad.stderr
    assert "Traceback" not in bad.stderr
