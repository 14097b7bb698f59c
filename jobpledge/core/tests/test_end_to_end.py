"""The console script, run as a newcomer would, against a fresh SQLite database in a temporary folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

JOBPLEDGE = str(Path(sys.executable).with_name("jobpledge"))


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([JOBPLEDGE, *args], capture_output=True, text=True, env=env, check=False, timeout=300)  # noqa: S603


def test_init_twice_then_report_json(tmp_path):
    env = {**os.environ, "JOBPLEDGE_VAR_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    first = run("init", env=env)
    assert first.returncode == 0, first.stderr
    assert "적재함" in first.stdout
    second = run("init", env=env)
    assert second.returncode == 0 and "변경 없음" in second.stdout
    report = run("report", "--as-of", "2023-06-30", "--format", "json", env=env)
    assert report.returncode == 0, report.stderr
    data = json.loads(report.stdout)
    assert data["plan"]["total_target"] == 53300
    assert [p["planned_rate"] for p in data["periods"]] == [9.4, 34.3, 59.7, 85.0, 100.0]
    assert (tmp_path / "secret_key").exists() and (tmp_path / "pseudonym_key").exists()
    assert run("--help", env=env).stdout.startswith("usage: jobpledge")
