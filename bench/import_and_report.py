"""Benchmark: validated record import vs a bare load, and the pledge report vs a bare GROUP BY.

    .venv/bin/python bench/import_and_report.py --sizes 100000 1000000 --db sqlite
    .venv/bin/python bench/import_and_report.py --sizes 100000 1000000 --db postgresql

Each size runs in its own child process (so that peak RSS, from resource.getrusage, belongs to that size alone)
against its own throw-away database: a temporary SQLite file, or the PostgreSQL database `bench_import` (or
--pg-database; dropped and re-created; never the development database under var/). Method and results:
docs/benchmarks.md.

(a) import: N generated rows are streamed to a CSV file in the import template's Korean headers; then
    - `record_import` (the real, validated service: parsing, checks, pseudonymisation, derived fields, upsert,
      history, summary-tally maintenance) is timed on an empty table (fresh insert), and once more on the same file
      (all unchanged);
    - bare load: the same file through csv.reader, typed (dates, integers), executemany into a bare SQLite table
      with no constraints or indexes; on PostgreSQL also COPY of the same file into a bare table.
    With --skip-import the rows are loaded directly (raw executemany, no validation) and the summary tallies
    are then recomputed by `tallies_rebuild` (timed as `tallies_rebuild`), as after any direct load.
(b) report: `count_actuals` (the direct GROUP BY engine); `build_summary` (the as-of-independent summary the
    cached path builds once per data version, read from the summary tallies) and counting any as-of day from it;
    `pledge_report` with the cache cleared (first hit after a write), for a new as-of day with the summary cached,
    and fully cached; against a bare `SELECT …, COUNT(*) … GROUP BY` over the raw table. `tally_guard` is the
    tallies' check before each read (state row + COUNT(*) of the records), included in build_summary.
Medians over --runs runs (one run at >= 500k rows for the slow uncached paths); wall and in-process CPU time.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_DATABASE = os.environ.get("BENCH_PG_DATABASE", "bench_import")  # --pg-database sets it for the child
AS_OF = dt.date(2023, 6, 30)
HEADERS = [
    "실적번호",
    "부서",
    "세부사업",
    "개인식별번호",
    "생년월일",
    "성별",
    "취업일",
    "종료일",
    "고용형태",
    "월임금",
    "주당근로시간",
    "사업체",
    "구민여부",
    "노인활동지원",
]
BARE_COLUMNS = (
    "record_id TEXT, department TEXT, program TEXT, person_id TEXT, birth_date DATE, gender TEXT, start_date DATE, "
    "end_date DATE, employment_type TEXT, monthly_wage BIGINT, weekly_hours NUMERIC, employer TEXT, resident TEXT, "
    "senior_activity TEXT"
)
BARE_GROUP_BY = "SELECT department, program, COUNT(*) FROM bare_records GROUP BY department, program"
RAW_GROUP_BY = (
    "SELECT period_id, department_id, program_id, COUNT(*) FROM records_jobrecord "
    "WHERE withdrawn_at IS NULL GROUP BY period_id, department_id, program_id"
)


def _tallies() -> Any:
    """counting.tallies (records.tallies before issue 8), or None for a revision from before the summary tallies."""
    try:
        from jobpledge.counting import tallies
    except ImportError:
        try:
            from jobpledge.records import tallies  # type: ignore[no-redef]
        except ImportError:
            return None
    return tallies


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed(fn: Callable[[], Any]) -> tuple[float, float]:
    """Wall and this process's CPU seconds (on SQLite the database works in-process; PostgreSQL's CPU is not here)."""
    started, cpu = time.perf_counter(), cpu_seconds()
    fn()
    return time.perf_counter() - started, cpu_seconds() - cpu


def median_of(fn: Callable[[], Any], runs: int, before: Callable[[], Any] | None = None) -> dict[str, Any]:
    walls, cpus = [], []
    for _ in range(runs):
        if before is not None:
            before()
        wall, cpu = timed(fn)
        walls.append(wall)
        cpus.append(cpu)
    return {
        "median_s": round(statistics.median(walls), 4),
        "cpu_median_s": round(statistics.median(cpus), 4),
        "runs_s": [round(t, 4) for t in walls],
    }


# --------------------------------------------------------------------------------------------------------------
# child: one size, one database


def setup_database(db: str, workdir: Path) -> None:
    os.environ["JOBPLEDGE_VAR_DIR"] = str(workdir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ.setdefault("JOBPLEDGE_PSEUDONYM_KEY", "bench-pseudonym-key")
    if db == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    else:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{PG_DATABASE}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{PG_DATABASE}"')
        os.environ["DATABASE_URL"] = f"{PG_SERVER}/{PG_DATABASE}"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from jobpledge.plans.services import plan_load_file

    call_command("migrate", interactive=False, verbosity=0)
    plan_load_file(path=settings.JOBPLEDGE_DEFAULT_PLAN_FILE, user=None)


def synthetic(n: int) -> Iterator[Any]:
    from jobpledge.plans.models import Plan
    from jobpledge.records.management.commands.demo_data import plan_shape, synthetic_records

    shape = plan_shape(Plan.objects.get(is_default=True))
    return synthetic_records(
        periods=shape.periods,
        period_targets=shape.period_targets,
        program_targets=shape.program_targets,
        n=n,
        seed=7,
        prefix="B",
    )


def write_csv(path: Path, n: int) -> None:
    """Stream n rows to disk; nothing but the current row is held in memory."""
    yn = {True: "Y", False: "N", None: ""}
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for r in synthetic(n):
            writer.writerow(
                [
                    r.record_id,
                    r.department,
                    r.program,
                    r.person_id,
                    r.birth_date.isoformat(),
                    "남" if r.gender == "M" else "여",
                    r.start_date.isoformat(),
                    r.end_date.isoformat() if r.end_date else "",
                    r.employment_type,
                    f"{r.monthly_wage:,}",
                    r.weekly_hours,
                    r.employer,
                    yn[r.resident],
                    yn[r.senior_activity],
                ]
            )


def parsed_rows(path: Path) -> Iterator[tuple[Any, ...]]:
    """The CSV typed the minimum a loader must: dates, integers; no validation, no pseudonymisation."""
    date = dt.date.fromisoformat
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        for row in reader:
            yield (
                row[0],
                row[1],
                row[2],
                row[3],
                date(row[4]),
                row[5],
                date(row[6]),
                date(row[7]) if row[7] else None,
                row[8],
                int(row[9].replace(",", "")),
                row[10],
                row[11],
                row[12],
                row[13],
            )


def chunks(rows: Iterator[tuple[Any, ...]], size: int = 10_000) -> Iterator[list[tuple[Any, ...]]]:
    chunk: list[tuple[Any, ...]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def bare_sqlite_load(path: Path, db_path: Path) -> None:
    """executemany of the parsed rows into a bare table (no constraints, no indexes), same pragmas as the app."""
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("DROP TABLE IF EXISTS bare_records")
    conn.execute(f"CREATE TABLE bare_records ({BARE_COLUMNS})")
    placeholders = ",".join("?" * len(HEADERS))
    with conn:
        for chunk in chunks(
            tuple(v.isoformat() if isinstance(v, dt.date) else v for v in row) for row in parsed_rows(path)
        ):
            conn.executemany(f"INSERT INTO bare_records VALUES ({placeholders})", chunk)
    conn.close()


def bare_postgres_copy(path: Path) -> None:
    """COPY of the same CSV file into a bare table (PostgreSQL parses and types the rows itself)."""
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/{PG_DATABASE}") as conn, conn.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bare_records")
        cursor.execute(f"CREATE TABLE bare_records ({BARE_COLUMNS.replace('BIGINT', 'TEXT')})")
        with (
            path.open("rb") as handle,
            cursor.copy("COPY bare_records FROM STDIN WITH (FORMAT csv, HEADER true)") as copy,
        ):
            while block := handle.read(1 << 20):
                copy.write(block)
        conn.commit()


def wipe_records() -> None:
    """Empty the record tables between import runs (plain SQL: no per-row signals)."""
    tallies = _tallies()
    from django.db import connection, transaction

    from jobpledge.core.models import DataVersion
    from jobpledge.records.models import ImportBatch, JobRecord

    with transaction.atomic():
        for model in (JobRecord.history.model, JobRecord, ImportBatch):
            queryset = model.objects.all()
            queryset._raw_delete(queryset.db)
        DataVersion.bump()
    if tallies is not None:
        tallies.tallies_rebuild()  # current (empty) tallies, so that the timed import maintains them
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE records_jobrecord")


def load_direct(n: int) -> None:
    """Fallback while record_import is missing: the same synthetic rows, derived fields computed, raw executemany.

    Not a measurement of the import (it skips validation, upsert and history); only a way to fill the table.
    """
    from django.db import connection, transaction
    from django.utils import timezone

    from jobpledge.accounts.models import Department
    from jobpledge.core.pseudonym import pseudonymise
    from jobpledge.plans.models import Plan, Program
    from jobpledge.records.derive import derive
    from jobpledge.records.management.commands.demo_data import plan_shape
    from jobpledge.records.models import ImportBatch

    plan = Plan.objects.get(is_default=True)
    periods = plan_shape(plan).periods
    programs = dict(Program.objects.filter(plan=plan).values_list("name", "id"))
    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    columns = (
        "department_id, program_id, record_id, person_pseudonym, birth_date, gender, start_date, end_date, "
        "employment_type, monthly_wage, weekly_hours, employer, is_resident, is_senior_activity, evidence, batch_id, "
        "is_demo, period_id, age_at_start, generation, retention_deadline, withdrawn_reason, created_at, updated_at"
    )
    sql = f"INSERT INTO records_jobrecord ({columns}) VALUES ({', '.join(['%s'] * 24)})"
    departments: dict[str, int] = {}
    with transaction.atomic():
        batch = ImportBatch.objects.create(kind=ImportBatch.Kind.RECORDS, filename="bench-direct", source="bench")

        def rows() -> Iterator[tuple[Any, ...]]:
            for r in synthetic(n):
                if r.department not in departments:
                    departments[r.department] = Department.objects.get_or_create(name=r.department)[0].pk
                d = derive(birth_date=r.birth_date, start_date=r.start_date, periods=periods)
                yield (
                    departments[r.department],
                    programs[r.program],
                    r.record_id,
                    pseudonymise(r.person_id),
                    ops.adapt_datefield_value(r.birth_date),
                    r.gender,
                    ops.adapt_datefield_value(r.start_date),
                    ops.adapt_datefield_value(r.end_date),
                    r.employment_type,
                    r.monthly_wage,
                    r.weekly_hours,
                    r.employer,
                    r.resident,
                    r.senior_activity,
                    "bench",
                    batch.pk,
                    False,
                    d.period_id,
                    d.age_at_start,
                    d.generation,
                    ops.adapt_datefield_value(d.retention_deadline),
                    "",
                    now,
                    now,
                )

        with connection.cursor() as cursor:
            for chunk in chunks(rows()):
                cursor.executemany(sql, chunk)


def analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def run_child(size: int, db: str, runs: int, import_runs: int, skip_import: bool, keep: bool) -> dict[str, Any]:
    workdir = Path(tempfile.mkdtemp(prefix="jobpledge-bench-"))
    try:
        return measure(workdir, size, db, runs, import_runs, skip_import)
    finally:
        if keep:
            print(f"kept {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def measure(workdir: Path, size: int, db: str, runs: int, import_runs: int, skip_import: bool) -> dict[str, Any]:
    setup_database(db, workdir)
    from django.core.cache import cache
    from django.db import connection

    from jobpledge.counting.selectors import count_actuals
    from jobpledge.counting.summary import build_summary
    from jobpledge.plans.models import Plan
    from jobpledge.reports.selectors import pledge_report

    tallies = _tallies()
    out: dict[str, Any] = {"size": size, "db": db, "runs": runs, "summary_tallies": tallies is not None}
    csv_path = workdir / "records.csv"
    out["generate_csv_s"] = round(timed(lambda: write_csv(csv_path, size))[0], 2)
    out["csv_mb"] = round(csv_path.stat().st_size / 1e6, 1)
    out["rss_after_generate_mb"] = round(peak_rss_mb(), 1)

    # (a) import
    record_import: Callable[..., Any] | None
    try:
        from jobpledge.records.services import record_import
    except ImportError:
        record_import = None
    out["bare_sqlite_executemany"] = median_of(lambda: bare_sqlite_load(csv_path, workdir / "bare.sqlite3"), runs)
    if db == "postgresql":
        out["bare_postgres_copy"] = median_of(lambda: bare_postgres_copy(csv_path), runs)
    out["rss_after_bare_mb"] = round(peak_rss_mb(), 1)
    if record_import is None or skip_import:
        out["import"] = (
            "pending: jobpledge.records.services.record_import not available" if not skip_import else "skipped"
        )
        out["load_direct_s"] = round(timed(lambda: load_direct(size))[0], 1)
        analyze()
        if tallies is not None:
            out["tallies_rebuild"] = median_of(tallies.tallies_rebuild, 1)
    else:

        def do_import() -> None:
            with csv_path.open("rb") as handle:
                result = record_import(file=handle, filename=csv_path.name, user=None, source="cli")
            errors = getattr(result, "errors", None)
            assert not errors, f"import refused: {errors[:3]}"

        out["import_fresh"] = median_of(do_import, import_runs, before=wipe_records)
        out["rss_after_import_mb"] = round(peak_rss_mb(), 1)
        out["import_unchanged"] = median_of(do_import, 1)
        bare = out["bare_postgres_copy" if db == "postgresql" else "bare_sqlite_executemany"]["median_s"]
        out["import_ratio_vs_bare"] = round(out["import_fresh"]["median_s"] / bare, 2)
        out["import_ratio_vs_sqlite_executemany"] = round(
            out["import_fresh"]["median_s"] / out["bare_sqlite_executemany"]["median_s"], 2
        )
    analyze()

    # (b) report
    plan = Plan.objects.get(is_default=True)
    out["records_in_table"] = _record_count()
    direct_runs = 1 if size >= 500_000 else runs
    out["count_actuals_direct"] = median_of(lambda: count_actuals(plan=plan, as_of=AS_OF), direct_runs)
    if tallies is not None:
        out["tally_guard"] = median_of(tallies.tallies_ready, max(runs, 5))
        from jobpledge.counting.models import SummaryTally

        out["tally_cells"] = SummaryTally.objects.count()
    out["summary_build"] = median_of(lambda: build_summary(plan=plan), max(runs, 5))
    summary = build_summary(plan=plan)
    out["summary_count_any_as_of"] = median_of(lambda: summary.count(dt.date(2020, 6, 30)), max(runs, 5))
    # uncached: an empty cache, so the report builds the summary and counts (the first hit after a write)
    out["report_uncached"] = median_of(lambda: pledge_report(plan=plan, as_of=AS_OF), max(runs, 5), before=cache.clear)
    # a new as-of day with the summary cached (the dashboard's as-of switch)
    days = iter(dt.date(2019, 1, 1) + dt.timedelta(days=i) for i in range(1000))
    out["report_new_as_of"] = median_of(lambda: pledge_report(plan=plan, as_of=next(days)), max(runs, 5))
    pledge_report(plan=plan, as_of=AS_OF)
    out["report_cached"] = median_of(lambda: pledge_report(plan=plan, as_of=AS_OF), max(runs, 5))

    def raw_group_by() -> None:
        with connection.cursor() as cursor:
            cursor.execute(RAW_GROUP_BY)
            cursor.fetchall()

    out["bare_group_by_records_table"] = median_of(raw_group_by, runs)
    if db == "sqlite":
        conn = sqlite3.connect(workdir / "bare.sqlite3")
        out["bare_group_by_raw_table"] = median_of(lambda: conn.execute(BARE_GROUP_BY).fetchall(), runs)
        conn.close()
    else:

        def pg_bare() -> None:
            with connection.cursor() as cursor:
                cursor.execute(BARE_GROUP_BY)
                cursor.fetchall()

        out["bare_group_by_raw_table"] = median_of(pg_bare, runs)
    out["report_ratio_vs_bare_group_by"] = round(
        out["report_uncached"]["median_s"] / out["bare_group_by_raw_table"]["median_s"], 2
    )
    out["peak_rss_mb"] = round(peak_rss_mb(), 1)
    if db == "sqlite":
        out["db_file_mb"] = round((workdir / "bench.sqlite3").stat().st_size / 1e6, 1)
    return out


def _record_count() -> int:
    from jobpledge.records.models import JobRecord

    return JobRecord.objects.count()


# --------------------------------------------------------------------------------------------------------------
# parent


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
    }
    try:
        meminfo = Path("/proc/meminfo").read_text().splitlines()[0]
        info["memory"] = meminfo.split(":", 1)[1].strip()
        info["cpu"] = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        pass
    try:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres") as conn:
            row = conn.execute("SHOW server_version").fetchone()
            info["postgresql"] = row[0] if row else None
    except Exception:  # noqa: BLE001 - PostgreSQL is optional for the SQLite run
        info["postgresql"] = None
    return info


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--import-runs", type=int, default=None, help="fresh-import runs (default: --runs)")
    parser.add_argument("--skip-import", action="store_true", help="load rows directly, time the report half only")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (SQLite files, CSV)")
    parser.add_argument("--json", type=Path, default=None, help="append results (JSON lines) to this file")
    parser.add_argument(
        "--pg-database", default=None, help=f"PostgreSQL database to drop and use (default {PG_DATABASE})"
    )
    parser.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        result = run_child(args.child, args.db, args.runs, args.import_runs or args.runs, args.skip_import, args.keep)
        print("RESULT " + json.dumps(result, ensure_ascii=False))
        return
    info = machine()
    print(json.dumps({"machine": info}, ensure_ascii=False))
    for size in args.sizes:
        command = [sys.executable, __file__, "--child", str(size), "--db", args.db, "--runs", str(args.runs)]
        if args.import_runs:
            command += ["--import-runs", str(args.import_runs)]
        if args.skip_import:
            command.append("--skip-import")
        if args.keep:
            command.append("--keep")
        env = {**os.environ, **({"BENCH_PG_DATABASE": args.pg_database} if args.pg_database else {})}
        completed = subprocess.run(command, capture_output=True, text=True, check=False, env=env)  # noqa: S603
        lines = [line for line in completed.stdout.splitlines() if line.startswith("RESULT ")]
        sys.stderr.write(completed.stderr[-2000:] if args.keep else "")
        if completed.returncode or not lines:
            print(completed.stdout[-3000:], completed.stderr[-5000:], file=sys.stderr)
            raise SystemExit(f"size {size} failed (exit {completed.returncode})")
        result = json.loads(lines[-1][len("RESULT ") :])
        result["machine"] = info
        print(json.dumps(result, ensure_ascii=False))
        if args.json:
            with args.json.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps(result, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
