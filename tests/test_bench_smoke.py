"""The benchmark scripts stay runnable: each runs end to end on a tiny data set (the figures themselves are
measured by hand, see docs/benchmarks.md; nothing here is timed)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ON_POSTGRESQL = os.environ.get("JOBPLEDGE_EXPECT_DB") == "postgresql"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    return subprocess.run(  # noqa: S603 - our own scripts, fixed arguments
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )


@pytest.mark.parametrize("db", ["sqlite", *(["postgresql"] if ON_POSTGRESQL else [])])
def test_import_and_report_bench_runs(db: str) -> None:
    extra = ["--pg-database", "jobpledge_bench_smoke"] if db == "postgresql" else []
    done = _run("bench/import_and_report.py", "--sizes", "300", "--db", db, "--runs", "1", *extra)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert (result["size"], result["db"], result["records_in_table"]) == (300, db, 300)
    for name in ("import_fresh", "import_unchanged", "report_uncached", "report_cached", "bare_sqlite_executemany"):
        assert result[name]["median_s"] > 0, name
    assert result["summary_tallies"] is True and result["tally_cells"] > 0


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is installed by `make setup` (Debian package)")
def test_web_load_bench_runs() -> None:
    args = ["--db", "sqlite", "--records", "300", "--duration", "1", "--connections", "2", "--warmup", "1"]
    done = _run("bench/web_load.py", *args)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads((ROOT / "bench" / "out" / "web_load.json").read_text())
    assert result["data"]["records"] == 300
    for name in ("public", "dashboard"):
        (run,) = result["pages"][name]["runs"]
        assert run["requests"] > 0 and run["full_pages"] is True, name
        assert not any(run["errors"].values()), run["errors"]


def test_xlsx_vs_csv_bench_runs() -> None:
    done = _run("bench/xlsx_vs_csv.py", "--size", "300", "--runs", "1", "--openpyxl")
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["size"] == 300
    for name in ("import_csv", "import_xlsx", "reader_csv", "reader_xlsx", "reader_openpyxl_old"):
        assert result[name]["median_s"] > 0, name
    assert result["import_ratio"] > 0 and result["reader_ratio"] > 0
    assert result["file_mb"]["csv"] > 0 and result["file_mb"]["xlsx"] > 0


def test_matching_bench_runs() -> None:
    done = _run("bench/matching.py", "--seekers", "300", "--vacancies", "60", "--queries", "2", "--db", "sqlite")
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert (result["seekers"], result["vacancies"]) == (300, 60)
    for name in ("match_vacancy", "bare_seekers", "match_seeker", "bare_vacancies"):
        assert result[name]["p50_ms"] > 0, name


def test_forecast_backtest_runs() -> None:
    done = _run("bench/forecast_backtest.py", "--records", "300", "--json")
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    for name in ("demo", "seasonal"):
        assert result[name]["as_of_days"] == 14
        assert result[name]["true_total"] > 0 and result[name]["mape_pct"] >= 0
