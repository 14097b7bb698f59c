"""An as-of-independent summary of the records, from which Actuals for *any* as-of day follow in microseconds.

Every figure of count_actuals depends on the as-of day only through two comparisons: start_date <= as_of
(counted at all) and retention_deadline <= as_of (kept one year, for records whose end is open or not before
the deadline — a property of the row alone). And a person counts in a scope (a period, a department, the
total) as of a day exactly when their earliest live start in that scope is on or before it. So the summary keeps,
per group, the sorted start dates (or deadlines, or first starts) with running totals, and counting as of a day
is a binary search per group.

It is read from the summary tallies (counting.tallies: day histograms kept up to date by every write, ~10^4–10^5
small rows) and cached per data version (see selectors.cached_count_actuals): any write bumps the version, and
the next read builds it again from the tallies. A property test checks the tallies against a from-scratch rebuild
and the summary's counts against a naive recount.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum

from jobpledge.accounts.models import Department
from jobpledge.counting.models import SummaryTally
from jobpledge.counting.rules import GENERATION_LABELS, Actuals, Counts
from jobpledge.counting.tallies import KEY_FIELDS, OUTSIDE_TERM, tallies_ready
from jobpledge.plans.models import Period, Plan, Program
from jobpledge.records.models import AggregateEntry, JobRecord


@dataclass
class Cumulative:
    """Sorted day ordinals with running totals: how many up to and including a day is one bisect."""

    days: list[int] = field(default_factory=list)
    running: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, pairs: dict[int, int]) -> Cumulative:
        result = cls()
        total = 0
        for day in sorted(pairs):
            total += pairs[day]
            result.days.append(day)
            result.running.append(total)
        return result

    def up_to(self, day: int) -> int:
        index = bisect.bisect_right(self.days, day)
        return self.running[index - 1] if index else 0


# (period_id | None, department_id, program_id, is_senior_activity, is_demo)
GroupKey = tuple[int | None, int, int, bool, bool]
# (dimension, value): ("generation", "15-29"), ("gender", "M"), ("resident", "unknown") …
PeopleKey = tuple[str, str]


@dataclass
class ActualsSummary:
    """What count_actuals needs, for every as-of day at once. Built by `build_summary`."""

    period_codes: list[tuple[int, str]]
    program_names: dict[int, str]
    program_sectors: dict[int, str]
    sector_order: list[str]
    department_names: dict[int, str]
    started: dict[GroupKey, Cumulative]  # records by start day
    kept: dict[GroupKey, Cumulative]  # records whose end is open or >= deadline, by deadline day
    people: dict[PeopleKey, Cumulative]  # in-term records by start day, per generation / gender / resident value
    persons_total: Cumulative  # persons by their first in-term start day
    persons_by_period: dict[int, Cumulative]
    persons_by_department: dict[int, Cumulative]
    aggregates: list[tuple[int, int, int, int, int, bool]]  # (period start ordinal, period, dept, program, n, demo)

    def count(self, as_of: dt.date) -> Actuals:
        """Actuals as of one day: the same result as selectors.count_actuals, from the summary alone."""
        day = as_of.toordinal()
        code = dict(self.period_codes)
        result = Actuals(as_of=as_of)
        result.by_period = {c: Counts() for _pid, c in self.period_codes}
        result.by_program = {name: 0 for name in self.program_names.values()}
        result.by_sector = {name: 0 for name in self.sector_order}
        result.generations = {label: 0 for label in GENERATION_LABELS}
        result.gender = {"M": 0, "F": 0}
        result.resident = {"Y": 0, "N": 0, "unknown": 0}
        departments: dict[int, Counts] = defaultdict(Counts)

        for key, started in self.started.items():
            period_id, department_id, program_id, senior, demo = key
            n = started.up_to(day)
            if not n:
                continue
            result.demo = result.demo or demo
            if period_id is None:
                result.outside_term += n
                continue
            kept = self.kept[key].up_to(day) if key in self.kept else 0
            for counts in (result.by_period[code[period_id]], result.total, departments[department_id]):
                counts.actual += n
                counts.retained_1y += kept
                counts.excluding_senior += 0 if senior else n
            result.records_counted += n
            result.by_program[self.program_names[program_id]] += n
            result.by_sector[self.program_sectors[program_id]] += n
        shares = {"generation": result.generations, "gender": result.gender, "resident": result.resident}
        for (dimension, value), started in self.people.items():
            shares[dimension][value] = shares[dimension].get(value, 0) + started.up_to(day)
        result.total.unique_persons = self.persons_total.up_to(day)
        for period_id, persons in self.persons_by_period.items():
            result.by_period[code[period_id]].unique_persons = persons.up_to(day)
        for department_id, persons in self.persons_by_department.items():
            if department_id in departments:
                departments[department_id].unique_persons = persons.up_to(day)
        for period_start, period_id, department_id, program_id, n, demo in self.aggregates:
            if period_start > day:
                continue
            result.demo = result.demo or demo
            for counts in (result.by_period[code[period_id]], result.total, departments[department_id]):
                counts.actual += n
                counts.unknown += n
            result.aggregates_counted += n
            result.by_program[self.program_names[program_id]] += n
            result.by_sector[self.program_sectors[program_id]] += n
        for department_id in sorted(departments, key=lambda key: self.department_names[key]):
            result.by_department[self.department_names[department_id]] = departments[department_id]
        return result


def build_summary(*, plan: Plan) -> ActualsSummary:
    """Read a plan's summary tallies (counting.tallies) into an ActualsSummary: a handful of small queries.

    The tallies are first checked (and rebuilt from the records when stale); their cells are then read in one
    query, so that one snapshot of them makes the summary.
    """
    using = JobRecord.objects.db
    tallies_ready(using=using)
    periods = list(Period.objects.filter(plan=plan).order_by("order").values_list("id", "code"))
    programs = list(
        Program.objects.filter(plan=plan).order_by("order").values_list("id", "name", "sector__name", "sector__order")
    )
    sector_order: list[str] = []
    for _pid, _name, sector, _order in sorted(programs, key=lambda row: row[3]):
        if sector not in sector_order:
            sector_order.append(sector)

    started: dict[GroupKey, dict[int, int]] = defaultdict(dict)
    kept: dict[GroupKey, dict[int, int]] = defaultdict(dict)
    people: dict[PeopleKey, dict[int, int]] = defaultdict(dict)
    persons: dict[tuple[str, int], dict[int, int]] = defaultdict(dict)
    cells = SummaryTally.objects.filter(plan_id=plan.pk).exclude(n=0).values_list(*KEY_FIELDS[1:], "n")
    for kind, program_id, period_id, department_id, senior, demo, value, day, n in cells:
        if kind == "started" or kind == "kept":
            key: GroupKey = (None if period_id == OUTSIDE_TERM else period_id, department_id, program_id, senior, demo)
            (started if kind == "started" else kept)[key][day] = n
        elif kind == "persons_total":
            persons[(kind, 0)][day] = n
        elif kind == "persons_period":
            persons[(kind, period_id)][day] = n
        elif kind == "persons_department":
            persons[(kind, department_id)][day] = n
        else:
            people[(kind, value)][day] = n

    aggregates = (
        AggregateEntry.objects.filter(Q(program__plan=plan, withdrawn_at__isnull=True))
        .order_by()
        .values("period_id", "period__start", "department_id", "program_id")
        .annotate(n=Sum("count"), demo=Count("id", filter=Q(is_demo=True)))
    )
    aggregate_rows = [
        (
            row["period__start"].toordinal(),
            row["period_id"],
            row["department_id"],
            row["program_id"],
            int(row["n"] or 0),
            bool(row["demo"]),
        )
        for row in aggregates
    ]
    department_ids = {key[1] for key in started} | {row[2] for row in aggregate_rows}
    return ActualsSummary(
        period_codes=periods,
        program_names={pid: name for pid, name, _s, _o in programs},
        program_sectors={pid: sector for pid, _n, sector, _o in programs},
        sector_order=sector_order,
        department_names=dict(Department.objects.filter(id__in=department_ids).values_list("id", "name")),
        started={key: Cumulative.of(days) for key, days in started.items()},
        kept={key: Cumulative.of(days) for key, days in kept.items()},
        people={key: Cumulative.of(days) for key, days in people.items()},
        persons_total=Cumulative.of(persons.get(("persons_total", 0), {})),
        persons_by_period={
            scope_id: Cumulative.of(days) for (kind, scope_id), days in persons.items() if kind == "persons_period"
        },
        persons_by_department={
            scope_id: Cumulative.of(days) for (kind, scope_id), days in persons.items() if kind == "persons_department"
        },
        aggregates=aggregate_rows,
    )
