"""Small-cell suppression for the public page: no breakdown cell may reveal fewer than 5 persons.

Rule (docs/ui.md):
- primary: a count of 1-4 is shown as "<5" (0 is shown: it reveals nobody);
- secondary: in a group whose total is published (the parts add up to it), a single suppressed cell
  could be recomputed by subtraction, so the smallest other non-zero cell is suppressed as well;
- a rate computed from a suppressed count is suppressed with it.
The dashboard (staff only, behind login) shows exact figures; only public output goes through here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

THRESHOLD = 5
SUPPRESSED_LABEL = "<5"
SECONDARY_LABEL = "–"


@dataclass(frozen=True)
class Cell:
    """A count as the public may see it: the value, or None with the label to print instead."""

    value: int | None
    label: str = ""

    @property
    def suppressed(self) -> bool:
        return self.value is None


def suppress_count(value: int | None, *, threshold: int = THRESHOLD) -> Cell:
    """Primary suppression of one count."""
    if value is None:
        return Cell(None, SECONDARY_LABEL)
    if 0 < value < threshold:
        return Cell(None, SUPPRESSED_LABEL)
    return Cell(value)


def suppress_group(values: Sequence[int | None], *, threshold: int = THRESHOLD, additive: bool = True) -> list[Cell]:
    """Suppress the cells of one breakdown.

    `additive`: the cells add up to a total that is published, so one lone suppressed cell would be
    recoverable by subtraction; then the smallest remaining non-zero cell is suppressed too.
    """
    cells = [suppress_count(v, threshold=threshold) for v in values]
    primary = [i for i, c in enumerate(cells) if c.suppressed and values[i] is not None]
    if additive and len(primary) == 1:
        candidates = [i for i, c in enumerate(cells) if not c.suppressed and (values[i] or 0) > 0]
        if candidates:
            smallest = min(candidates, key=lambda i: (values[i] or 0, i))
            cells[smallest] = Cell(None, SECONDARY_LABEL)
    return cells


def suppress_rate(rate: Decimal | float | None, cell: Cell) -> Decimal | float | None:
    """A rate computed from a suppressed count is withheld too."""
    return None if cell.suppressed else rate


def cumulative_cells(period_cells: Sequence[Cell], cumulative: Sequence[int]) -> list[Cell]:
    """Cumulative actuals, withheld from the first suppressed period on.

    Otherwise the difference of two published cumulatives would give the suppressed period back.
    """
    out: list[Cell] = []
    hidden = False
    for cell, value in zip(period_cells, cumulative, strict=True):
        hidden = hidden or cell.suppressed
        out.append(Cell(None, SECONDARY_LABEL) if hidden else Cell(value))
    return out
