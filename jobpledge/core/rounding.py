"""Percentages as the plan publishes them: Decimal arithmetic, half-up or truncated."""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from enum import StrEnum


class RoundingRule(StrEnum):
    HALF_UP = "half_up"
    TRUNCATE = "truncate"


def percent(numerator: int, denominator: int | None, *, rule: RoundingRule | str, decimals: int = 1) -> Decimal | None:
    """numerator / denominator × 100, rounded by the plan's rule; None when there is no denominator."""
    if not denominator:
        return None
    raw = Decimal(numerator) * 100 / Decimal(denominator)
    quantum = Decimal(1).scaleb(-decimals)
    mode = ROUND_HALF_UP if RoundingRule(rule) is RoundingRule.HALF_UP else ROUND_DOWN
    return raw.quantize(quantum, rounding=mode)
