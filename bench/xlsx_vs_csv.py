"""Benchmark (issue 13 §3): the same records imported as CSV and as XLSX through the CLI, on SQLite.

    .venv/bin/python bench/xlsx_vs_csv.py --size 100000 --runs 3 [--json results.jsonl]

In a temporary directory (removed at the end unless --keep): a SQLite database made by `jobpledge init`; N
synthetic records (the `demo-data` generator, as bench/import_and_report.py uses) written once as a UTF-8 CSV
and once as an XLSX the way Excel saves one (shared strings; dates as date-formatted serials; 월임금 and
주당근로시간 as numbers). Then, for each format, --runs times:
- `jobpledge import records FILE` as a child process on a fresh copy of the initialised database (wall time of
  the whole command: start-up, reading, validation, writing, tallies);
- the reader alone, in this process: `open_sheet` and every row, the work the format itself costs.
CSV and XLSX runs alternate. Reported: medians of wall time and of CPU time (the child's, or this process's for
the reader; on a shared machine CPU time is the steadier measure), and XLSX ÷ CSV for each (goal: import
≤ 1.5×). Method and figures: docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

HEADERS = ["실적번호", "부서", "세부사업", "개인식별번호", "생년월일", "성별", "취업일", "종료일", "고용형태", "월임금",
           "주당근로시간", "사업체", "구민여부", "노인활동지원"]  # fmt: skip
_EPOCH = dt.date(1899, 12, 30)
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="xl/workbook.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>'
    ),
    "xl/workbook.xml": (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook {_NS} '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="실적" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="worksheets/sheet1.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
        '<Relationship Id="rId2" Target="sharedStrings.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
        '<Relationship Id="rId3" Target="styles.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"/></Relationships>'
    ),
    "xl/styles.xml": (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet {_NS}>'
        '<fonts count="1"><font><sz val="11"/><name val="맑은 고딕"/></font></fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
        '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
    ),
}


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def write_xlsx(path: Path, rows: Iterator[list[Any]]) -> None:
    """An XLSX as Excel writes one: text in the shared-string table, dates as serials with a date format."""
    strings: dict[str, int] = {}
    letters = [_column(i) for i in range(len(HEADERS))]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet {_NS}><sheetData>'.encode())
            for number, row in enumerate(rows, start=1):
                cells = []
                for letter, value in zip(letters, row, strict=True):
                    ref = f"{letter}{number}"
                    if value is None or value == "":
                        continue
                    if isinstance(value, dt.date):
                        cells.append(f'<c r="{ref}" s="1"><v>{(value - _EPOCH).days}</v></c>')
                    elif isinstance(value, int | float):
                        cells.append(f'<c r="{ref}"><v>{value}</v></c>')
                    else:
                        index = strings.setdefault(value, len(strings))
                        cells.append(f'<c r="{ref}" t="s"><v>{index}</v></c>')
                sheet.write(f'<row r="{number}">{"".join(cells)}</row>'.encode())
            sheet.write(b"</sheetData></worksheet>")
        table = "".join(f"<si><t>{escape(text)}</t></si>" for text in strings)
        archive.writestr(
            "xl/sharedStrings.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<sst {_NS} count="{len(strings)}" uniqueCount="{len(strings)}">{table}</sst>',
        )
        for name, text in _PARTS.items():
            archive.writestr(name, text)


def record_rows(n: int, *, typed: bool) -> Iterator[list[Any]]:
    """The header, then n synthetic records: as the CSV writes them (typed=False) or as Excel cells (typed=True)."""
    from import_and_report import synthetic

    yn = {True: "Y", False: "N", None: ""}
    yield list(HEADERS)
    for r in synthetic(n):
        wage: Any = r.monthly_wage if typed else f"{r.monthly_wage:,}"
        hours: Any = float(r.weekly_hours) if typed and r.weekly_hours is not None else r.weekly_hours
        dates = [r.birth_date, r.start_date, r.end_date]
        if not typed:
            dates = [d.isoformat() if d else "" for d in dates]
        yield [r.record_id, r.department, r.program, r.person_id, dates[0], "남" if r.gender == "M" else "여", dates[1],
               dates[2], r.employment_type, wage, hours, r.employer, yn[r.resident], yn[r.senior_activity]]  # fmt: skip


def write_csv(path: Path, n: int) -> None:
    import csv

    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(record_rows(n, typed=False))


def child_env(workdir: Path, database: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        JOBPLEDGE_VAR_DIR=str(workdir),
        DATABASE_URL=f"sqlite:///{database}",
        JOBPLEDGE_PSEUDONYM_KEY=os.environ.get("JOBPLEDGE_PSEUDONYM_KEY", "bench-pseudonym-key"),
    )
    return env


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def jobpledge(*args: str, env: dict[str, str]) -> tuple[float, float]:
    """Run the console script; its wall and CPU seconds (the command must succeed)."""
    command = [sys.executable, "-c", "from jobpledge.cli import main; main()", *args]
    started, cpu = time.perf_counter(), children_cpu()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    elapsed, cpu = time.perf_counter() - started, children_cpu() - cpu
    if done.returncode != 0:
        raise SystemExit(f"jobpledge {' '.join(args)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    return elapsed, cpu


def read_all(path: Path) -> int:
    from jobpledge.records.importers.columns import RECORD_COLUMNS
    from jobpledge.records.importers.readers import open_sheet

    with path.open("rb") as handle:
        sheet = open_sheet(handle, columns=RECORD_COLUMNS)
        return sum(1 for _ in sheet.rows)


def read_openpyxl(path: Path) -> int:
    """What the reader did before issue 13: openpyxl read-only, every row's values (for comparison only)."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=False, keep_links=False)
    try:
        return sum(1 for _ in book.worksheets[0].iter_rows(values_only=True)) - 1
    finally:
        book.close()


def median(walls: list[float], cpus: list[float]) -> dict[str, Any]:
    return {
        "median_s": round(statistics.median(walls), 3),
        "cpu_median_s": round(statistics.median(cpus), 3),
        "runs_s": [round(v, 3) for v in walls],
        "cpu_runs_s": [round(v, 3) for v in cpus],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--openpyxl", action="store_true", help="also time the old openpyxl reading, once")
    parser.add_argument("--json", type=Path, default=None, help="append the result (one JSON line) to this file")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="jobpledge-xlsx-bench-"))
    try:
        template_db = workdir / "init.sqlite3"
        env = child_env(workdir, template_db)
        jobpledge("init", env=env)
        os.environ.update(env, DJANGO_SETTINGS_MODULE="config.settings")
        import django

        django.setup()
        files = {"csv": workdir / "records.csv", "xlsx": workdir / "records.xlsx"}
        write_csv(files["csv"], args.size)
        write_xlsx(files["xlsx"], record_rows(args.size, typed=True))

        result: dict[str, Any] = {
            "size": args.size,
            "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "machine": f"{platform.machine()} {os.cpu_count()} cpu, {platform.system()} {platform.release()}",
            "python": platform.python_version(),
            "load_average_before": [round(x, 2) for x in os.getloadavg()],
            "file_mb": {kind: round(path.stat().st_size / 1e6, 2) for kind, path in files.items()},
        }
        for kind, path in files.items():
            assert read_all(path) == args.size, kind  # the two files hold the same records
        times: dict[str, list[float]] = {f"{what}_{kind}{cpu}": [] for what in ("import", "reader")
                                         for kind in files for cpu in ("", "_cpu")}  # fmt: skip
        for run in range(args.runs):  # CSV and XLSX alternate, so that a busy spell on the machine hits both
            for kind, path in files.items():
                database = workdir / f"{kind}-{run}.sqlite3"
                shutil.copyfile(template_db, database)
                wall, cpu = jobpledge("import", "records", str(path), env=child_env(workdir, database))
                times[f"import_{kind}"].append(wall)
                times[f"import_{kind}_cpu"].append(cpu)
                database.unlink()
                started, cpu = time.perf_counter(), time.process_time()
                read_all(path)
                times[f"reader_{kind}"].append(time.perf_counter() - started)
                times[f"reader_{kind}_cpu"].append(time.process_time() - cpu)
        for what in ("import", "reader"):
            for kind in files:
                result[f"{what}_{kind}"] = median(times[f"{what}_{kind}"], times[f"{what}_{kind}_cpu"])
            for measure in ("median_s", "cpu_median_s"):
                ratio = result[f"{what}_xlsx"][measure] / result[f"{what}_csv"][measure]
                result[f"{what}_ratio" + ("_cpu" if "cpu" in measure else "")] = round(ratio, 2)
        if args.openpyxl:
            started, cpu = time.perf_counter(), time.process_time()
            assert read_openpyxl(files["xlsx"]) == args.size
            result["reader_openpyxl_old"] = median([time.perf_counter() - started], [time.process_time() - cpu])
        result["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    line = json.dumps(result, ensure_ascii=False)
    if args.json:
        with args.json.open("a", encoding="utf-8") as handle:
            handle.write(line + "\n")
    print(line)


if __name__ == "__main__":
    main()
