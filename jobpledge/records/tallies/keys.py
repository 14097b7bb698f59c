"""The tally key: its columns, sentinels and the settings shared by maintenance, guard and rebuild."""

from __future__ import annotations

STATE_PK = 1
OUTSIDE_TERM = 0  # the period sentinel in the tally key (NULL would defeat the unique key)
# (plan, kind, program, period, department, senior, demo, value, day)
CellKey = tuple[int, str, int, int, int, bool, bool, str, int]
KEY_FIELDS = [
    "plan_id",
    "kind",
    "program_id",
    "period_id",
    "department_id",
    "is_senior_activity",
    "is_demo",
    "value",
    "day",
]
SHARE_KINDS = ("generation", "gender", "resident")
PERSON_SCOPES = ("persons_total", "persons_period", "persons_department")
RESIDENT_KEYS: dict[bool | None, str] = {True: "Y", False: "N", None: "unknown"}
# PostgreSQL's default work_mem (4 MB) makes the rebuild's per-person GROUP BYs spill to disk; SET LOCAL only.
POSTGRES_WORK_MEM = "256MB"
POSTGRES_TYPES = ["integer", "text", "integer", "integer", "integer", "boolean", "boolean", "text", "integer", "bigint"]
PERSON_BATCH = 5000  # pseudonyms per lookup (SQLite allows 32766 parameters); an import chunk has at most 4000

# PostgreSQL: the transaction-local setting that the guard trigger (migration 0005) reads.
MAINTAINED_SETTING = "jobpledge.tallies_maintained"
