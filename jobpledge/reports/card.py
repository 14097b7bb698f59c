"""The pledge card as the pages, the XLSX and the PDF print it: the plan and everything on its card, in order."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch

from jobpledge.core.cache import versioned
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
from jobpledge.plans.revisions import revision_rows


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
    revisions: list[dict[str, object]] = field(default_factory=list)  # 변경 이력 (plans.revisions.revision_rows)


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
        revisions=[r for r in revision_rows(plan) if r["status"] != "pending"],
    )
