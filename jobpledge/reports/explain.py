"""Explain a number: which records and aggregate entries make up a figure of the report, from which uploads, and
what the counting rules left out (docs/governance.md).

For the count bases `records + aggregate_units == figure`; for `unique_persons` the figure is the number of distinct
persons among `records`. The records are counting.selectors.counted_records, the same queryset as the drill-down,
so that the explanation, the list and the report agree by construction (a property test checks it on random data).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils import timezone

from jobpledge.accounts.models import Department
from jobpledge.core.errors import JobpledgeError
from jobpledge.counting.rules import q_aggregate_live, q_excluding_senior, q_retained_1y
from jobpledge.counting.selectors import counted_records
from jobpledge.plans.models import ClosedPeriodChange, Period, PeriodClose, Plan, Program
from jobpledge.records.models import AggregateEntry, ImportBatch, JobRecord

BASES = {
    "official": ("actual", "공식 실적: 철회되지 않고 기준일까지 시작한 개인별 실적 + 기간이 시작된 집계 실적"),
    "retained_1y": ("retained_1y", "1년 유지: 개인별 실적 중 기준일까지 1년 이상 유지된 것 (집계 실적은 알 수 없음)"),
    "excluding_senior": ("excluding_senior", "노인활동지원 제외: 개인별 실적 중 노인활동지원이 아닌 것"),
    "unique_persons": ("actual", "실인원: 개인별 실적의 서로 다른 가명번호 수 (집계 실적은 알 수 없음)"),
}
MSG_UNKNOWN_BASIS = "기준(basis)은 {choices} 중 하나여야 합니다: {value}"
MSG_UNKNOWN_PROGRAM = "계획 {plan}에 세부사업 {name}이(가) 없습니다."
MSG_UNKNOWN_DEPARTMENT = "부서 {name}이(가) 없습니다."


def find_program(plan: Plan, name: str | None) -> Program | None:
    if not name:
        return None
    program = plan.programs.filter(name=name.strip()).first()
    if program is None:
        raise JobpledgeError(MSG_UNKNOWN_PROGRAM.format(plan=plan.key, name=name))
    return program


def find_department(name: str | None) -> Department | None:
    if not name:
        return None
    department = Department.objects.filter(name=name.strip()).first()
    if department is None:
        raise JobpledgeError(MSG_UNKNOWN_DEPARTMENT.format(name=name))
    return department


def _scoped(qs: Any, *, program: Program | None, department: Department | None) -> Any:
    if program is not None:
        qs = qs.filter(program=program)
    if department is not None:
        qs = qs.filter(department=department)
    return qs


def _batches(records: Any, aggregates: Any) -> list[dict[str, Any]]:
    """The uploads (import batches, form entries) the counted rows came from, oldest first; null: no batch."""
    rows: dict[int | None, dict[str, int]] = {}
    for batch_id, n in records.values_list("batch_id").annotate(n=Count("pk")).order_by():
        rows.setdefault(batch_id, {"rows": 0, "aggregate_units": 0})["rows"] += n
    for batch_id, n, units in aggregates.values_list("batch_id").annotate(n=Count("pk"), units=Sum("count")).order_by():
        entry = rows.setdefault(batch_id, {"rows": 0, "aggregate_units": 0})
        entry["rows"] += n
        entry["aggregate_units"] += units or 0
    batches = {b.pk: b for b in ImportBatch.objects.filter(pk__in=[k for k in rows if k]).select_related("created_by")}
    result = []
    for batch_id in sorted(rows, key=lambda k: (k is None, k or 0)):
        batch = batches.get(batch_id) if batch_id else None
        result.append(
            {
                "batch": batch_id,
                "kind": batch.kind if batch else None,
                "file": batch.filename if batch else None,
                "uploaded_by": batch.created_by.get_username() if batch and batch.created_by else None,
                "uploaded_at": batch.created_at.isoformat() if batch else None,
                **rows[batch_id],
            }
        )
    return result


def closed_changes(period: Period) -> dict[str, Any] | None:
    """For a closed period: when and by whom it was closed, and every write accepted afterwards with its reason."""
    close = PeriodClose.objects.filter(period=period).select_related("closed_by").first()
    if close is None:
        return None
    changes = ClosedPeriodChange.objects.filter(period=period).select_related("created_by").order_by("created_at", "pk")
    return {
        "closed_at": timezone.localtime(close.closed_at).isoformat(),
        "closed_by": close.closed_by.get_username() if close.closed_by else None,
        "changes": [
            {
                "kind": c.kind,
                "kind_label": c.get_kind_display(),
                "reason": c.reason,
                "rows": len(c.rows),
                "batch": c.batch_id,
                "by": c.created_by.get_username() if c.created_by else None,
                "at": timezone.localtime(c.created_at).isoformat(),
            }
            for c in changes
        ],
    }


def explain(
    *,
    plan: Plan,
    as_of: dt.date,
    period: Period,
    basis: str = "official",
    program: Program | None = None,
    department: Department | None = None,
) -> dict[str, Any]:
    """The figure of one period (optionally one program or department) on one basis, and what makes it up."""
    if basis not in BASES:
        raise JobpledgeError(MSG_UNKNOWN_BASIS.format(choices=", ".join(BASES), value=basis))
    engine_basis, rule = BASES[basis]
    records = counted_records(
        plan=plan, as_of=as_of, period=period, department=department, program=program, basis=engine_basis
    )
    record_count = records.count()
    aggregates = AggregateEntry.objects.none()
    aggregate_units = 0
    if basis == "official":
        aggregates = _scoped(
            AggregateEntry.objects.filter(q_aggregate_live(plan=plan, as_of=as_of), period=period),
            program=program,
            department=department,
        )
        aggregate_units = aggregates.aggregate(units=Sum("count"))["units"] or 0
    persons = records.values("person_pseudonym").distinct().count() if basis == "unique_persons" else None
    in_period = _scoped(
        JobRecord.objects.filter(program__plan=plan, period=period), program=program, department=department
    )
    live = in_period.filter(withdrawn_at__isnull=True, start_date__lte=as_of)
    outside = _scoped(
        JobRecord.objects.filter(
            program__plan=plan, period__isnull=True, withdrawn_at__isnull=True, start_date__lte=as_of
        ),
        program=program,
        department=department,
    )
    shares = live.aggregate(  # complements counted directly: a negated Q over nullable dates would skip NULLs
        total=Count("pk"),
        not_senior=Count("pk", filter=q_excluding_senior()),
        kept=Count("pk", filter=q_retained_1y(as_of=as_of)),
    )
    return {
        "plan": plan.key,
        "as_of": as_of.isoformat(),
        "period": period.code,
        "program": program.name if program else None,
        "department": department.name if department else None,
        "basis": basis,
        "rule": rule,
        "figure": persons if persons is not None else record_count + aggregate_units,
        "records": record_count,
        "aggregate_units": aggregate_units,
        "persons": persons,
        "batches": _batches(records, aggregates),
        "closed": closed_changes(period),
        "excluded": {
            "after_as_of": in_period.filter(withdrawn_at__isnull=True, start_date__gt=as_of).count(),
            "outside_term": outside.count(),
            "withdrawn": in_period.filter(~Q(withdrawn_at=None), start_date__lte=as_of).count(),
            "senior": shares["total"] - shares["not_senior"],
            "not_kept_1y": shares["total"] - shares["kept"],
        },
    }
