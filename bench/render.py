"""Turn the JSON lines of bench/import_and_report.py --json into the Markdown tables of docs/benchmarks.md.

.venv/bin/python bench/render.py results.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROWS: list[tuple[str, str]] = [
    ("bare_sqlite_executemany", "bare load: csv.reader + executemany into a bare SQLite table"),
    ("bare_postgres_copy", "bare load: PostgreSQL COPY of the CSV into a bare table"),
    ("import_fresh", "**record_import**, empty table (validated, pseudonymised, upsert, history)"),
    ("import_unchanged", "record_import of the same file again (all rows unchanged)"),
    ("bare_group_by_raw_table", "bare `SELECT department, program, COUNT(*) … GROUP BY` on the bare table"),
    ("bare_group_by_records_table", "bare `GROUP BY period, department, program` on records_jobrecord"),
    ("count_actuals_direct", "count_actuals (direct GROUP BY engine)"),
    ("summary_build", "build_summary (once per data version)"),
    ("summary_count_any_as_of", "Actuals for any as-of day from the summary"),
    ("report_uncached", "**pledge_report, cache empty** (first hit after a write: summary + count + report)"),
    ("report_new_as_of", "pledge_report for a new as-of day, summary cached"),
    ("report_cached", "**pledge_report, cached**"),
]


def seconds(value: float) -> str:
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def table(results: list[dict[str, Any]]) -> str:
    head = "| measurement | " + " | ".join(f"{r['db']} {r['size']:,}" for r in results) + " |"
    lines = [head, "|---|" + "---:|" * len(results)]
    for key, label in ROWS:
        cells = []
        for r in results:
            value = r.get(key)
            if isinstance(value, dict):
                cells.append(f"{seconds(value['median_s'])} (cpu {seconds(value['cpu_median_s'])})")
            else:
                cells.append("—")
        if any(cell != "—" for cell in cells):
            lines.append(f"| {label} | " + " | ".join(cells) + " |")
    extra = [
        ("import_ratio_vs_bare", "import ÷ bare load (COPY on PostgreSQL)"),
        ("import_ratio_vs_sqlite_executemany", "import ÷ SQLite executemany"),
        ("report_ratio_vs_bare_group_by", "uncached report ÷ bare GROUP BY"),
        ("rss_after_generate_mb", "peak RSS after generating the CSV (MB)"),
        ("rss_after_import_mb", "peak RSS after the import (MB)"),
        ("peak_rss_mb", "peak RSS at the end (MB)"),
        ("csv_mb", "CSV size (MB)"),
        ("db_file_mb", "SQLite file (MB)"),
    ]
    for key, label in extra:
        cells = [str(r.get(key, "—")) for r in results]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    results = [json.loads(line) for line in Path(sys.argv[1]).read_text().splitlines() if line.strip()]
    results.sort(key=lambda r: (r["db"] != "sqlite", r["size"]))
    print(table(results))


if __name__ == "__main__":
    main()
