"""Cross-footing a plan: every stated total against the numbers it should add up from.

Each mismatch is one line naming the table, row and column, the stated and the computed value.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jobpledge.core.rounding import percent
from jobpledge.plans.planfile import PlanSpec

ROADMAP = "로드맵"
PROGRAMS = "세부추진계획"
INVESTMENT = "투자계획"
BASELINE = "민선6기 실적"


@dataclass(frozen=True)
class Mismatch:
    table: str
    row: str
    column: str
    stated: int | Decimal | str
    computed: int | Decimal | str
    basis: str  # what the computed value is made of

    def __str__(self) -> str:
        return (
            f"[{self.table}] {self.row} · {self.column}: 기재 {_fmt(self.stated)}, {self.basis} {_fmt(self.computed)}"
        )


def _fmt(value: int | Decimal | str) -> str:
    if isinstance(value, bool) or isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,}"


def _same_rate(stated: Decimal, computed: Decimal | None) -> bool:
    return computed is not None and stated == computed


def check_plan(spec: PlanSpec) -> list[Mismatch]:
    """All mismatches of a plan, in the order of the card's tables (empty when everything agrees)."""
    out: list[Mismatch] = []
    rule, places = spec.rounding, spec.rate_decimals
    codes = [p.code for p in spec.periods]

    # 연도별 공약이행로드맵
    period_sum = sum(p.target for p in spec.periods)
    if period_sum != spec.total_target:
        out.append(Mismatch(ROADMAP, "계", "목표", spec.total_target, period_sum, "기간별 목표의 합"))
    cumulative = 0
    previous_end = None
    for p in spec.periods:
        cumulative += p.target
        if p.stated_rate is not None:
            computed = percent(cumulative, spec.total_target, rule=rule, decimals=places)
            if not _same_rate(p.stated_rate, computed):
                out.append(
                    Mismatch(ROADMAP, p.code, "달성도(%)", p.stated_rate, computed or "-", "누적 목표 ÷ 총 목표")
                )
        if previous_end is not None and (p.start - previous_end).days != 1:
            out.append(
                Mismatch(
                    ROADMAP,
                    p.code,
                    "기간 시작",
                    str(p.start),
                    str(previous_end),
                    "앞 기간 종료일 다음 날이어야 함, 앞 기간 종료",
                )
            )
        previous_end = p.end
    if spec.periods and spec.periods[0].start != spec.term_start:
        out.append(
            Mismatch(
                ROADMAP,
                spec.periods[0].code,
                "기간 시작",
                str(spec.periods[0].start),
                str(spec.term_start),
                "임기 시작",
            )
        )
    if spec.periods and spec.periods[-1].end != spec.term_end:
        out.append(
            Mismatch(
                ROADMAP, spec.periods[-1].code, "기간 종료", str(spec.periods[-1].end), str(spec.term_end), "임기 종료"
            )
        )

    # 세부추진계획 → 부문 → 계
    for sector in spec.sectors:
        in_sector = sum(p.target or 0 for p in spec.programs if p.sector == sector.name)
        if sector.stated_target is not None and sector.stated_target != in_sector:
            out.append(
                Mismatch(PROGRAMS, sector.name, "일자리 목표", sector.stated_target, in_sector, "세부사업 목표의 합")
            )
    program_sum = sum(p.target or 0 for p in spec.programs)
    if program_sum != spec.total_target:
        out.append(Mismatch(PROGRAMS, "계", "일자리 목표", spec.total_target, program_sum, "세부사업 목표의 합"))

    # 연도별 투자계획
    inv = spec.investment
    for group in (inv.sectors, inv.sources):
        for row in group:
            if sum(row.amounts) != row.stated_total:
                out.append(Mismatch(INVESTMENT, row.name, "계", row.stated_total, sum(row.amounts), "기간별 금액의 합"))
    for i, code in enumerate(codes):
        stated = inv.stated_period_totals[i]
        by_sector = sum(row.amounts[i] for row in inv.sectors)
        by_source = sum(row.amounts[i] for row in inv.sources)
        if inv.sectors and by_sector != stated:
            out.append(Mismatch(INVESTMENT, "총 계(부문별)", code, stated, by_sector, "부문별 금액의 합"))
        if inv.sources and by_source != stated:
            out.append(Mismatch(INVESTMENT, "총 계(예산구분별)", code, stated, by_source, "예산구분별 금액의 합"))
    if sum(inv.stated_period_totals) != inv.stated_total:
        out.append(
            Mismatch(INVESTMENT, "총 계", "계", inv.stated_total, sum(inv.stated_period_totals), "기간별 총계의 합")
        )
    for label, group in (("부문별", inv.sectors), ("예산구분별", inv.sources)):
        if group and sum(row.stated_total for row in group) != inv.stated_total:
            total = sum(row.stated_total for row in group)
            out.append(Mismatch(INVESTMENT, f"총 계({label})", "계", inv.stated_total, total, f"{label} 계의 합"))

    # 민선6기 실적
    if spec.baseline:
        b = spec.baseline
        for brow in b.rows:
            if sum(brow.results) != brow.stated_total:
                out.append(
                    Mismatch(BASELINE, brow.label, "계", brow.stated_total, sum(brow.results), "연도별 실적의 합")
                )
            brate = percent(brow.stated_total, brow.target, rule=rule, decimals=places)
            if not _same_rate(brow.stated_rate, brate):
                out.append(
                    Mismatch(BASELINE, brow.label, "목표 달성율(%)", brow.stated_rate, brate or "-", "실적 계 ÷ 목표")
                )
        totals = [row for row in b.rows if row.total_row]
        parts = [row for row in b.rows if not row.total_row]
        if totals and parts:
            grand = totals[0]
            for column, stated_value, sum_value in [
                ("목표", grand.target, sum(r.target for r in parts)),
                ("계", grand.stated_total, sum(r.stated_total for r in parts)),
                *[(f"{year}년", grand.results[i], sum(r.results[i] for r in parts)) for i, year in enumerate(b.years)],
            ]:
                if stated_value != sum_value:
                    out.append(Mismatch(BASELINE, grand.label, column, stated_value, sum_value, "부문별 값의 합"))
            if b.stated_overall_rate is not None:
                brate = percent(grand.stated_total, grand.target, rule=rule, decimals=places)
                if not _same_rate(b.stated_overall_rate, brate):
                    out.append(
                        Mismatch(
                            BASELINE, "목표 달성", "달성율(%)", b.stated_overall_rate, brate or "-", "실적 계 ÷ 목표"
                        )
                    )
    return out
