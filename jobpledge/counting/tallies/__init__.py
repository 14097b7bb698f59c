"""Summary tallies: what an ActualsSummary needs, kept up to date by the writes themselves.

Counting as of any day needs, per plan, only day histograms (counting.summary explains why): records by start day
and by retention deadline per group, in-term records by start day per generation / gender / resident value, and
persons by the day of their earliest live in-term start per scope (whole term, period, department). These live in
one small table, SummaryTally (~10^4–10^5 rows at a million records), so that a report after a write reads them
instead of scanning the records.

Maintenance. Every write to JobRecord changes the tallies in its own transaction by the difference between the
rows' old and new contributions (a withdrawn record contributes nothing):

- the additive cells (started, kept, shares) by subtracting the old state and adding the new one;
- the person histograms by reading the live in-term records of the affected persons (one query, through the
  `record_person` index), computing each person's first start per scope before and after the change in Python,
  and moving the person from the old day to the new one.

`TallyChanges` does both and writes the cells with INSERT … ON CONFLICT DO UPDATE SET n = n + excluded.n. The
import keeps one per run (a person lookup per chunk, the cells written once at the end), the demo loader one per
load; single-row ORM saves and deletes (the record services, factories, tests) go through counting.signals.
The records layer reaches all of this only through records.writes (registered by counting.apps).

The guard (TallyState). Every maintaining write locks the state row first (so that two writers never compute the
same person's change from the same stale view). A set-based ORM write that bypasses maintenance (`.update()`,
`bulk_create` …; see records.models.JobRecordQuerySet and records.writes.bulk_written) marks the tallies stale, and the state counts the records the
tallies have seen: the summary read (`tallies_ready`) rebuilds the tallies from scratch when they are stale or
when COUNT(*) disagrees (a raw INSERT or DELETE). `tallies_rebuild` recomputes everything with GROUP BY queries
over the records — independently of the maintenance code, which is what the property tests compare against.
"""

from jobpledge.counting.tallies.changes import (
    TALLIED_FIELDS,
    Contribution,
    TallyChanges,
    contribution,
    program_plans,
)
from jobpledge.counting.tallies.guard import maintenance_done, tallies_bypassed, tallies_lock
from jobpledge.counting.tallies.keys import KEY_FIELDS, OUTSIDE_TERM, CellKey
from jobpledge.counting.tallies.rebuild import scanned_cells, stored_cells, tallies_ready, tallies_rebuild

__all__ = [
    "KEY_FIELDS",
    "OUTSIDE_TERM",
    "TALLIED_FIELDS",
    "CellKey",
    "Contribution",
    "TallyChanges",
    "contribution",
    "maintenance_done",
    "program_plans",
    "scanned_cells",
    "stored_cells",
    "tallies_bypassed",
    "tallies_lock",
    "tallies_ready",
    "tallies_rebuild",
]
