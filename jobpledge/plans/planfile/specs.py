"""What a plan file says, as plain dataclasses (stated totals included, unchecked: plans.checks checks them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from jobpledge.core.rounding import RoundingRule


@dataclass(frozen=True)
class PeriodSpec:
    code: str
    label: str
    start: dt.date
    end: dt.date
    target: int
    stated_rate: Decimal | None


@dataclass(frozen=True)
class StrategySpec:
    name: str
    background: str
    content: str


@dataclass(frozen=True)
class SectorSpec:
    name: str
    summary: str
    stated_target: int | None


@dataclass(frozen=True)
class ProgramSpec:
    name: str
    sector: str
    description: str
    target: int | None


@dataclass(frozen=True)
class BaselineRowSpec:
    label: str
    total_row: bool
    target: int
    stated_total: int
    results: list[int]
    stated_rate: Decimal


@dataclass(frozen=True)
class BaselineSpec:
    term: str
    years: list[int]
    rows: list[BaselineRowSpec]
    stated_overall_rate: Decimal | None


@dataclass(frozen=True)
class InvestmentRowSpec:
    name: str
    stated_total: int
    amounts: list[int]


@dataclass(frozen=True)
class InvestmentSpec:
    unit: str
    stated_total: int
    stated_period_totals: list[int]
    sectors: list[InvestmentRowSpec]
    sources: list[InvestmentRowSpec]


@dataclass(frozen=True)
class JurySpec:
    start: dt.date | None
    end: dt.date | None
    recommendations: list[tuple[str, int | None]]  # (text, 1-based answer number)
    answers: list[str]


@dataclass(frozen=True)
class MilestoneSpec:
    """A milestone of a program tracked without a job target (issue 10): dates only where the card or a user
    gives them."""

    program: str
    name: str
    planned: dt.date | None
    done: dt.date | None
    evidence: str


@dataclass
class PlanSpec:
    """Everything on a pledge card, as stated in the file (stated totals included, unchecked)."""

    key: str
    code: str
    title: str
    government: str
    term: str
    term_start: dt.date
    term_end: dt.date
    project_type: str
    timing: str
    funding: str
    lead_department: str
    cooperating_departments: str
    indicator: str
    unit: str
    total_target: int
    rounding: RoundingRule
    rate_decimals: int
    default: bool
    goals: list[str]
    implementation: list[str]
    contact: dict[str, str]
    periods: list[PeriodSpec]
    strategies: list[StrategySpec]
    sectors: list[SectorSpec]
    programs: list[ProgramSpec]
    baseline: BaselineSpec | None
    investment: InvestmentSpec
    risks: list[tuple[str, str]]
    jury: JurySpec | None
    source_name: str = ""
    sha256: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    milestones: list[MilestoneSpec] = field(default_factory=list)
    accountability: dict[str, str] = field(default_factory=dict)  # [accountability] thresholds, as decimal text
