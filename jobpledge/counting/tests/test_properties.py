"""Properties: after any sequence of writes through the services, count_actuals (and its cached path) equals a
plain recount; and the summary tallies maintained by those writes equal a from-scratch rebuild.

The reference below is deliberately naive: it walks every row in Python and re-derives period, age and the
retention deadline from the dates (it does not trust the stored derived columns), so it checks the write path's
derivation and the SQL counting at once.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.core.cache import cache
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobpledge.counting.models import TallyState
from jobpledge.counting.rules import Actuals, Counts
from jobpledge.counting.selectors import cached_count_actuals, count_actuals
from jobpledge.counting.summary import build_summary
from jobpledge.counting.tallies import scanned_cells, stored_cells, tallies_rebuild
from jobpledge.counting.tests.test_counting import GURO_PROGRAMS
from jobpledge.plans.models import Period, Plan
from jobpledge.records import services
from jobpledge.records.factories import add_record
from jobpledge.records.importers.single import ValidationFailed
from jobpledge.records.models import AggregateEntry, JobRecord

D = dt.date
DEPARTMENTS = ["일자리지원과", "복지정책과", "어르신복지과", "건축과"]
PROGRAMS = [name for name, _sector, _target in GURO_PROGRAMS]
PERIOD_CODES = ["2018H2", "2019", "2020", "2021", "2022H1"]
PERSONS = [f"p{i}" for i in range(6)]  # few persons, so that repeats are common
AS_OFS = [D(2018, 7, 1), D(2019, 12, 31), D(2020, 2, 29), D(2022, 6, 30), D(2023, 6, 30)]


# --- the reference ---------------------------------------------------------------------------------------------


def _deadline(start: dt.date) -> dt.date:
    try:
        anniversary = start.replace(year=start.year + 1)
    except ValueError:  # 29 Feb
        anniversary = D(start.year + 1, 2, 28)
    return anniversary - dt.timedelta(days=1)


def _age(birth: dt.date, on: dt.date) -> int:
    age = on.year - birth.year
    if (on.month, on.day) < (birth.month, birth.day):
        age -= 1
    return age


def _band(age: int) -> str:
    if age < 30:
        return "15-29"
    if age < 40:
        return "30-39"
    if age < 50:
        return "40-49"
    if age < 65:
        return "50-64"
    return "65+"


def reference_recount(plan: Plan, as_of: dt.date) -> Actuals:
    """Every rule of docs/counting.md, row by row, in plain Python."""
    periods = list(Period.objects.filter(plan=plan).order_by("order"))
    programs = {p.pk: p for p in plan.programs.select_related("sector")}
    result = Actuals(as_of=as_of)
    result.by_period = {p.code: Counts() for p in periods}
    result.by_program = {p.name: 0 for p in programs.values()}
    result.by_sector = {s.name: 0 for s in plan.sectors.order_by("order")}
    result.generations = {band: 0 for band in ["15-29", "30-39", "40-49", "50-64", "65+"]}
    result.gender = {"M": 0, "F": 0}
    result.resident = {"Y": 0, "N": 0, "unknown": 0}
    persons: dict[str, set[str]] = {}
    departments: dict[str, Counts] = {}
    department_persons: dict[str, set[str]] = {}
    for r in JobRecord.objects.select_related("department").order_by("pk"):
        if r.program_id not in programs or r.withdrawn_at is not None or r.start_date > as_of:
            continue
        if r.is_demo:
            result.demo = True
        period = next((p for p in periods if p.start <= r.start_date <= p.end), None)
        if period is None:
            result.outside_term += 1
            continue
        last_day = min(r.end_date or as_of, as_of)
        kept = last_day >= _deadline(r.start_date)
        department = departments.setdefault(r.department.name, Counts())
        for counts in (result.by_period[period.code], result.total, department):
            counts.actual += 1
            counts.retained_1y += kept
            counts.excluding_senior += not r.is_senior_activity
        persons.setdefault(period.code, set()).add(r.person_pseudonym)
        persons.setdefault("total", set()).add(r.person_pseudonym)
        department_persons.setdefault(r.department.name, set()).add(r.person_pseudonym)
        program = programs[r.program_id]
        result.by_program[program.name] += 1
        result.by_sector[program.sector.name] += 1
        result.generations[_band(_age(r.birth_date, r.start_date))] += 1
        result.gender[r.gender] += 1
        result.resident[{True: "Y", False: "N", None: "unknown"}[r.is_resident]] += 1
        result.records_counted += 1
    for a in AggregateEntry.objects.select_related("department", "period").order_by("pk"):
        if a.program_id not in programs or a.withdrawn_at is not None or a.period.start > as_of:
            continue
        if a.is_demo:
            result.demo = True
        department = departments.setdefault(a.department.name, Counts())
        for counts in (result.by_period[a.period.code], result.total, department):
            counts.actual += a.count
            counts.unknown += a.count
        program = programs[a.program_id]
        result.by_program[program.name] += a.count
        result.by_sector[program.sector.name] += a.count
        result.aggregates_counted += a.count
    for code, people in persons.items():
        (result.total if code == "total" else result.by_period[code]).unique_persons = len(people)
    for name, people in department_persons.items():
        departments[name].unique_persons = len(people)
    result.by_department = {name: departments[name] for name in sorted(departments)}
    return result


# --- random write sequences ------------------------------------------------------------------------------------

BOUNDARY_DAYS = [D(2018, 6, 30), D(2018, 7, 1), D(2019, 3, 1), D(2020, 2, 29), D(2022, 6, 30), D(2022, 7, 1)]
days = st.one_of(st.dates(min_value=D(2018, 1, 1), max_value=D(2023, 12, 31)), st.sampled_from(BOUNDARY_DAYS))
# an end date: open, some days after the start, or a day around the one-year deadline
lengths = st.one_of(
    st.none(),
    st.integers(min_value=0, max_value=800),
    st.tuples(st.just("deadline"), st.integers(min_value=-1, max_value=1)),
)
record_ops = st.tuples(
    st.just("add"),
    st.fixed_dictionaries(
        {
            "start": days,
            "length": lengths,
            "age": st.integers(min_value=15, max_value=80),
            "birthday_offset": st.integers(min_value=-2, max_value=2),
            "department": st.sampled_from(DEPARTMENTS),
            "program": st.sampled_from(PROGRAMS),
            "person": st.sampled_from(PERSONS),
            "senior": st.booleans(),
            "gender": st.sampled_from(["M", "F"]),
            "resident": st.sampled_from([True, False, None]),
            "reuse": st.one_of(st.none(), st.integers(1, 30)),
        }
    ),
)
update_ops = st.tuples(st.just("end"), st.fixed_dictionaries({"index": st.integers(0, 30), "length": lengths}))
withdraw_ops = st.tuples(st.just("withdraw"), st.fixed_dictionaries({"index": st.integers(0, 30)}))
aggregate_ops = st.tuples(
    st.just("aggregate"),
    st.fixed_dictionaries(
        {
            "department": st.sampled_from(DEPARTMENTS),
            "program": st.sampled_from(PROGRAMS),
            "period": st.sampled_from(PERIOD_CODES),
            "count": st.integers(0, 50),
        }
    ),
)
operations = st.lists(st.one_of(record_ops, record_ops, update_ops, withdraw_ops, aggregate_ops), max_size=12)


def _birth(start: dt.date, age: int, offset: int) -> dt.date:
    """A birth date `age` years before start, moved a day or two around the birthday to probe full age."""
    try:
        birthday = start.replace(year=start.year - age)
    except ValueError:
        birthday = D(start.year - age, 2, 28)
    return birthday + dt.timedelta(days=offset)


def _end(start: dt.date, length: Any) -> dt.date | None:
    if length is None:
        return None
    if isinstance(length, tuple):
        return max(start, _deadline(start) + dt.timedelta(days=length[1]))
    return start + dt.timedelta(days=length)


RECORD_HEADER = "실적번호,부서,세부사업,개인식별번호,생년월일,성별,취업일,종료일,구민여부,노인활동지원"
AGGREGATE_HEADER = "부서,세부사업,기간,실적,근거"
YES_NO = {True: "Y", False: "N", None: ""}


def _import(kind: str, header: str, line: str) -> None:
    service = services.record_import if kind == "records" else services.aggregate_import
    result = service(file=io.BytesIO(f"{header}\n{line}\n".encode()), filename="prop.csv", user=None)
    assert result.ok, result.errors


def apply(operation: tuple[str, dict[str, Any]], sequence: list[int]) -> None:
    """One write through the real services (each bumps the data version in its own transaction)."""
    kind, args = operation
    records = list(JobRecord.objects.order_by("pk"))
    if kind == "add":  # an import row: a new record, or (same 부서 + 실적번호) an upsert of an existing one
        start = args["start"]
        # at least 15 at the start, as the importer requires
        birth = min(_birth(start, args["age"], args["birthday_offset"]), _birth(start, 15, 0))
        end = _end(start, args["length"])
        if args["reuse"] and records:
            record = records[args["reuse"] % len(records)]
            department, record_id = record.department.name, record.record_id
        else:
            sequence[0] += 1
            department, record_id = args["department"], f"R{sequence[0]}"
        line = ",".join(
            [
                record_id,
                department,
                args["program"],
                args["person"],
                birth.isoformat(),
                "남" if args["gender"] == "M" else "여",
                start.isoformat(),
                end.isoformat() if end else "",
                YES_NO[args["resident"]],
                YES_NO[args["senior"]],
            ]
        )
        _import("records", RECORD_HEADER, line)
    elif kind == "end" and records:
        record = records[args["index"] % len(records)]
        end = _end(record.start_date, args["length"])
        services.record_update(record=record, data={"end_date": end.isoformat() if end else ""}, user=None)
    elif kind == "withdraw" and records:
        record = records[args["index"] % len(records)]
        if record.withdrawn_at is None:
            services.record_withdraw(record=record, reason="테스트 철회", user=None)
        else:
            services.record_restore(record=record, reason="테스트 복구", user=None)
    elif kind == "aggregate":  # upsert on (부서, 세부사업, 기간)
        line = f"{args['department']},{args['program']},{args['period']},{args['count']},테스트"
        _import("aggregates", AGGREGATE_HEADER, line)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=operations, as_of=st.sampled_from(AS_OFS))
def test_count_actuals_equals_a_plain_recount(
    plan: Plan, ops: list[tuple[str, dict[str, Any]]], as_of: dt.date
) -> None:
    """Imports (new rows and upserts), updates, withdrawals/restores, aggregate upserts — then recount."""
    cache.clear()
    sequence = [0]
    with transaction.atomic():
        for operation in ops:
            cached_count_actuals(plan=plan, as_of=as_of)  # cache the state before the write
            apply(operation, sequence)
            # the write invalidated the cache: the cached path now agrees with a fresh count
            after = cached_count_actuals(plan=plan, as_of=as_of)
            assert after == count_actuals(plan=plan, as_of=as_of)
        expected = reference_recount(plan, as_of)
        assert count_actuals(plan=plan, as_of=as_of) == expected
        assert cached_count_actuals(plan=plan, as_of=as_of) == expected
        transaction.set_rollback(True)


# --- the summary tallies ---------------------------------------------------------------------------------------

# A form edit that may move a record to another start (so period), department, program or person.
edit_ops = st.tuples(
    st.just("edit"),
    st.fixed_dictionaries(
        {
            "index": st.integers(0, 30),
            "start": st.one_of(st.none(), days),
            "department": st.one_of(st.none(), st.sampled_from(DEPARTMENTS)),
            "program": st.one_of(st.none(), st.sampled_from(PROGRAMS)),
            "person": st.one_of(st.none(), st.sampled_from(PERSONS)),
        }
    ),
)
create_ops = st.tuples(
    st.just("create"),
    st.fixed_dictionaries(
        {"start": days, "department": st.sampled_from(DEPARTMENTS), "person": st.sampled_from(PERSONS)}
    ),
)
# ORM writes that bypass the services (tests' helpers, factories): single-row saves and deletes
orm_ops = st.tuples(
    st.just("orm"),
    st.fixed_dictionaries(
        {"index": st.integers(0, 30), "start": days, "person": st.sampled_from(PERSONS), "delete": st.booleans()}
    ),
)
tally_operations = st.lists(
    st.one_of(record_ops, record_ops, update_ops, withdraw_ops, edit_ops, create_ops, orm_ops), max_size=12
)


def apply_more(operation: tuple[str, dict[str, Any]], sequence: list[int]) -> None:
    """The writes of `apply`, plus form creates and edits and bare ORM saves and deletes."""
    kind, args = operation
    records = list(JobRecord.objects.order_by("pk"))
    plan = Plan.objects.get(is_default=True)
    if kind == "edit" and records:
        record = records[args["index"] % len(records)]
        data: dict[str, Any] = {}
        if args["start"]:
            data["start_date"] = args["start"].isoformat()
            data["birth_date"] = _birth(args["start"], 40, 0).isoformat()
            data["end_date"] = ""
        for name in ("department", "program"):
            if args[name]:
                data[name] = args[name]
        if args["person"]:
            data["person_id"] = args["person"]
        try:
            services.record_update(record=record, data=data, user=None)
        except ValidationFailed:  # e.g. a department no import has created yet
            pass
    elif kind == "create":
        sequence[0] += 1
        data = {
            "record_id": f"C{sequence[0]}",
            "department": args["department"],
            "program": PROGRAMS[0],
            "person_id": args["person"],
            "birth_date": _birth(args["start"], 30, 0).isoformat(),
            "gender": "여",
            "start_date": args["start"].isoformat(),
        }
        try:
            services.record_create(data=data, user=None, plan=plan)
        except ValidationFailed:
            pass
    elif kind == "orm":
        if args["delete"] and records:
            records[args["index"] % len(records)].delete()
        else:
            add_record(plan, start=args["start"], person=args["person"])
    else:
        apply(operation, sequence)


def assert_tallies_equal_a_rebuild() -> None:
    """The maintained tallies (not a fallback rebuild: the state is current) equal a from-scratch recount."""
    state = TallyState.objects.get()
    assert not state.stale
    assert state.records == JobRecord.objects.count()
    assert stored_cells() == scanned_cells()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=tally_operations)
def test_maintained_tallies_equal_a_rebuild(plan: Plan, ops: list[tuple[str, dict[str, Any]]]) -> None:
    """Imports (new rows, re-imports that change end dates and more), form creates and edits (moving a record to
    another period, department, program or person), withdrawals, restores, ORM saves and deletes: after each
    write the tallies equal a rebuild, and at the end the summary read from them equals the naive recount."""
    sequence = [0]
    with transaction.atomic():
        tallies_rebuild()
        for operation in ops:
            apply_more(operation, sequence)
            assert_tallies_equal_a_rebuild()
        summary = build_summary(plan=plan)
        for as_of in AS_OFS:
            assert summary.count(as_of) == reference_recount(plan, as_of)
        transaction.set_rollback(True)
