"""The summary tallies' storage: per-day cells that the report reads instead of scanning the records, and the
guard row that says whether they can be trusted (counting.tallies explains both).

The tables were created by the records app (records migrations 0004 and 0005) and moved here with their names
kept (counting migration 0001, records migration 0006): no data moved.
"""

from __future__ import annotations

from django.db import models

# The columns that identify a summary tally cell (its unique key and upsert target; counting.tallies).
TALLY_KEY_FIELDS = [
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


class SummaryTally(models.Model):
    """One cell of the summary tallies: how many records (or persons) of a plan fall on one day, per key.

    Maintained in the same transaction as every write to JobRecord (counting.tallies) and equal at all times to a
    from-scratch rebuild (`tallies_rebuild`); counting.summary reads them into an ActualsSummary. `kind` says what
    is counted and which key columns matter; the others hold 0 / False / "" (no NULLs, so that the unique key
    works as an upsert target):

    - started: live records by start day, per (program, period or 0 outside the term, department, senior, demo);
    - kept: live records whose end is open or not before their deadline, by deadline day, same key;
    - generation / gender / resident: live in-term records by start day, per value;
    - persons_total / persons_period / persons_department: persons by the day of their earliest live in-term
      start in that scope (the whole term, one period, one department).

    `day` is a date as its proleptic ordinal (`date.toordinal()`): cheap to read and to sort.
    """

    plan_id = models.IntegerField()
    kind = models.CharField(max_length=20)
    program_id = models.IntegerField(default=0)
    period_id = models.IntegerField(default=0)
    department_id = models.IntegerField(default=0)
    is_senior_activity = models.BooleanField(default=False)
    is_demo = models.BooleanField(default=False)
    value = models.CharField(max_length=20, default="", blank=True)
    day = models.IntegerField()
    n = models.BigIntegerField(default=0)

    class Meta:
        db_table = "records_summarytally"  # created by the records app before counting existed (issue 8)
        verbose_name = "요약 집계"
        verbose_name_plural = "요약 집계"
        constraints = [
            models.UniqueConstraint(fields=TALLY_KEY_FIELDS, name="summary_tally_key"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} plan={self.plan_id} day={self.day}: {self.n}"


class TallyState(models.Model):
    """The one row that says whether the summary tallies can be trusted (the guard; see counting.tallies).

    `stale` is set by any write that bypassed maintenance; `records` is the number of JobRecord rows the tallies
    have seen (compared with COUNT(*) when the summary is read, which catches raw inserts and deletes). Every
    maintaining write locks this row first, which also serialises the per-person reads of concurrent writers.
    A missing row means stale.
    """

    stale = models.BooleanField(default=True)
    records = models.BigIntegerField(default=0)
    rebuilt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "records_tallystate"  # the PostgreSQL guard trigger (records migration 0005) names it
        verbose_name = "요약 집계 상태"
        verbose_name_plural = "요약 집계 상태"

    def __str__(self) -> str:
        return f"tallies stale={self.stale} records={self.records}"
