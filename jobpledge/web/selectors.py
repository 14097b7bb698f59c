"""Page-specific reads: the pledge card as the page prints it, data freshness per department, id lookups.

Counting lives in jobpledge.records / jobpledge.plans.selectors.pledge_report; nothing here counts jobs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.cache import cache
from django.db.models import Count, Max, Prefetch, Q

from jobpledge.accounts.models import Department
from jobpledge.core.models import DataVersion
from jobpledge.plans.models import (
    BaselineRow,
    InvestmentAmount,
    InvestmentRow,
    JuryAnswer,
    JuryRecommendation,
    Period,
    Plan,
    Program,
    Risk,
    Sector,
    Strategy,
)
from jobpledge.plans.selectors import pledge_report
from jobpledge.records.models import AggregateEntry, JobRecord

T = TypeVar("T")

FRESHNESS_CACHE_SECONDS = 300
PAGE_CACHE_SECONDS = 24 * 60 * 60


def versioned(key: str, version: str | None, compute: Callable[[], T]) -> T:
    """Cache a read under the current data version (every write that can change a page bumps it)."""
    if version is None:
        version = DataVersion.token()
    full_key = f"web:{key}:v{version}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, PAGE_CACHE_SECONDS)
    return value


def cached_pledge_report(*, plan: Plan, as_of: dt.date, version: str | None = None) -> dict[str, Any]:
    """pledge_report, cached whole for the pages: one query (the data version) when warm.

    Plan loads and record writes bump DataVersion, so a cached report never outlives its data.
    """
    return versioned(
        f"report:{plan.pk}:{plan.source_sha256[:12]}:{as_of.isoformat()}",
        version,
        lambda: pledge_report(plan=plan, as_of=as_of),
    )


# ---------------------------------------------------------------------------------------------
# Data freshness per department


@dataclass(frozen=True)
class DepartmentFreshness:
    """When a department's results last changed, and how many it has on file."""

    department_id: int
    department: str
    records: int
    aggregates: int
    last_change: dt.datetime | None
    last_import: dt.datetime | None

    @property
    def days_since_change(self) -> int | None:
        if self.last_change is None:
            return None
        from django.utils import timezone

        return (timezone.now() - self.last_change).days


def _freshness_uncached() -> list[DepartmentFreshness]:
    live = Q(withdrawn_at__isnull=True)
    record_rows = {
        row["department_id"]: row
        for row in JobRecord.objects.values("department_id").annotate(
            n=Count("id", filter=live), changed=Max("updated_at"), imported=Max("batch__created_at")
        )
    }
    aggregate_rows = {
        row["department_id"]: row
        for row in AggregateEntry.objects.values("department_id").annotate(
            n=Count("id", filter=live), changed=Max("updated_at"), imported=Max("batch__created_at")
        )
    }
    out: list[DepartmentFreshness] = []
    for dep_id, name in Department.objects.values_list("id", "name").order_by("name"):
        rec = record_rows.get(dep_id, {})
        agg = aggregate_rows.get(dep_id, {})
        changes = [d for d in (rec.get("changed"), agg.get("changed")) if d]
        imports = [d for d in (rec.get("imported"), agg.get("imported")) if d]
        out.append(
            DepartmentFreshness(
                department_id=dep_id,
                department=name,
                records=int(rec.get("n") or 0),
                aggregates=int(agg.get("n") or 0),
                last_change=max(changes) if changes else None,
                last_import=max(imports) if imports else None,
            )
        )
    return out


def department_freshness(*, version: str | None = None) -> list[DepartmentFreshness]:
    """Latest change and latest import per department, cached per data version.

    Every write that can change a report bumps DataVersion, so the cache never outlives the data.
    """
    return versioned("freshness", version, _freshness_uncached)


# ---------------------------------------------------------------------------------------------
# The pledge card


@dataclass(frozen=True)
class AmountRow:
    """One row of the investment plan: a name, amounts by period (in period order) and its total."""

    name: str
    amounts: list[int]
    total: int
    is_total: bool = False


@dataclass(frozen=True)
class BaselineLine:
    label: str
    target: int
    total: int
    years: list[int]
    rate: object
    is_total: bool


@dataclass(frozen=True)
class JuryItem:
    number: int
    text: str
    answer_number: int | None


@dataclass
class PledgeCard:
    """Everything printed on the card, in the card's order, ready to render."""

    plan: Plan
    periods: list[Period]
    strategies: list[Strategy]
    sectors: list[Sector]
    programs: list[Program]
    investment_sectors: list[AmountRow]
    investment_sources: list[AmountRow]
    investment_total: AmountRow
    baseline_term: str
    baseline_years: list[str]
    baseline: list[BaselineLine]
    risks: list[Risk]
    jury: list[JuryItem]
    jury_answers: list[JuryAnswer]
    extra: dict[str, object] = field(default_factory=dict)


def _amount_row(row: InvestmentRow, period_ids: list[int]) -> AmountRow:
    by_period = {a.period_id: a.amount for a in row.amounts.all()}
    amounts = [int(by_period.get(pid, 0)) for pid in period_ids]
    return AmountRow(name=row.name, amounts=amounts, total=sum(amounts))


def cached_pledge_card(*, plan: Plan, version: str | None = None) -> PledgeCard:
    return versioned(f"card:{plan.pk}:{plan.source_sha256[:12]}", version, lambda: pledge_card(plan=plan))


def pledge_card(*, plan: Plan) -> PledgeCard:
    """The plan and everything on its card, in a fixed number of queries."""
    periods = list(Period.objects.filter(plan=plan).order_by("order"))
    period_ids = [p.id for p in periods]
    rows = list(
        InvestmentRow.objects.filter(plan=plan)
        .order_by("kind", "order")
        .prefetch_related(Prefetch("amounts", queryset=InvestmentAmount.objects.only("row_id", "period_id", "amount")))
    )
    sectors_rows = [_amount_row(r, period_ids) for r in rows if r.kind == InvestmentRow.Kind.SECTOR]
    source_rows = [_amount_row(r, period_ids) for r in rows if r.kind == InvestmentRow.Kind.SOURCE]
    total_amounts = [sum(r.amounts[i] for r in sectors_rows) for i in range(len(period_ids))]
    baseline_rows = list(BaselineRow.objects.filter(plan=plan).order_by("order"))
    years = sorted({y for b in baseline_rows for y in b.years}, key=str)
    baseline = [
        BaselineLine(
            label=b.label,
            target=b.target,
            total=b.stated_total,
            years=[int(b.years.get(y, 0)) for y in years],
            rate=b.stated_rate,
            is_total=b.is_total,
        )
        for b in baseline_rows
    ]
    answers = list(JuryAnswer.objects.filter(plan=plan).order_by("order"))
    answer_number = {a.id: i + 1 for i, a in enumerate(answers)}
    jury = [
        JuryItem(number=i + 1, text=r.text, answer_number=answer_number.get(r.answer_id) if r.answer_id else None)
        for i, r in enumerate(JuryRecommendation.objects.filter(plan=plan).order_by("order"))
    ]
    return PledgeCard(
        plan=plan,
        periods=periods,
        strategies=list(Strategy.objects.filter(plan=plan).order_by("order")),
        sectors=list(Sector.objects.filter(plan=plan).order_by("order")),
        programs=list(Program.objects.filter(plan=plan).select_related("sector").order_by("order")),
        investment_sectors=sectors_rows,
        investment_sources=source_rows,
        investment_total=AmountRow(name="총 계", amounts=total_amounts, total=sum(total_amounts), is_total=True),
        baseline_term=baseline_rows[0].term_name if baseline_rows else "",
        baseline_years=years,
        baseline=baseline,
        risks=list(Risk.objects.filter(plan=plan).order_by("order")),
        jury=jury,
        jury_answers=answers,
    )


def plans_for_menu() -> list[Plan]:
    """Plans side by side, default first, for the card index."""
    return list(Plan.objects.only("id", "key", "code", "title", "government", "term_name", "is_default"))
