"""The tally key: its columns, sentinels and the settings shared by maintenance, guard and rebuild."""

from __future__ import annotations

from jobpledge.counting.models import TALLY_KEY_FIELDS
from jobpledge.counting.rules import RESIDENT_KEYS

__all__ = [
    "KEY_FIELDS",
    "MAINTAINED_SETTING",
    "OUTSIDE_TERM",
    "PERSON_BATCH",
    "PERSON_SCOPES",
    "POSTGRES_TYPES",
    "POSTGRES_WORK_MEM",
    "RESIDENT_KEYS",
    "STATE_PK",
    "CellKey",
    "person_cell",
]

STATE_PK = 1
OUTSIDE_TERM = 0  # the period sentinel in the tally key (NULL would defeat the unique key)
# (plan, kind, program, period, department, senior, demo, value, day)
CellKey = tuple[int, str, int, int, int, bool, bool, str, int]
KEY_FIELDS = TALLY_KEY_FIELDS
PERSON_SCOPES = ("persons_total", "persons_period", "persons_department")
# PostgreSQL's default work_mem (4 MB) makes the rebuild's per-person GROUP BYs spill to disk; SET LOCAL only.
POSTGRES_WORK_MEM = "256MB"
POSTGRES_TYPES = ["integer", "text", "integer", "integer", "integer", "boolean", "boolean", "text", "integer", "bigint"]
PERSON_BATCH = 5000  # pseudonyms per lookup (SQLite allows 32766 parameters); an import chunk has at most 4000

# PostgreSQL: the transaction-local setting that the guard trigger (migration 0005) reads.
MAINTAINED_SETTING = "jobpledge.tallies_maintained"


def person_cell(plan_id: int, kind: str, scope_id: int, day: int) -> CellKey:
    """The cell of a person histogram: the scope id goes into the period or department column its kind names."""
    period_id = scope_id if kind == "persons_period" else 0
    department_id = scope_id if kind == "persons_department" else 0
    return (plan_id, kind, 0, period_id, department_id, False, False, "", day)
