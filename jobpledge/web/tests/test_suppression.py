"""Small-cell suppression: a pure function, tested at its thresholds."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jobpledge.web.suppression import (
    SECONDARY_LABEL,
    SUPPRESSED_LABEL,
    Cell,
    cumulative_cells,
    suppress_count,
    suppress_group,
    suppress_rate,
)


@pytest.mark.parametrize(
    ("value", "shown", "label"),
    [(0, 0, ""), (1, None, "<5"), (4, None, "<5"), (5, 5, ""), (53300, 53300, "")],
)
def test_primary_suppression_hides_one_to_four(value: int, shown: int | None, label: str) -> None:
    cell = suppress_count(value)
    assert cell.value == shown
    assert cell.label == label
    assert cell.suppressed is (shown is None)


def test_zero_is_shown_because_it_reveals_nobody() -> None:
    assert suppress_group([0, 0, 10]) == [Cell(0), Cell(0), Cell(10)]


def test_a_lone_suppressed_cell_takes_the_smallest_other_cell_with_it() -> None:
    # 3 could be recomputed from the published total (3 + 7 + 40 = 50), so 7 goes too.
    cells = suppress_group([3, 40, 7])
    assert [c.value for c in cells] == [None, 40, None]
    assert [c.label for c in cells] == [SUPPRESSED_LABEL, "", SECONDARY_LABEL]


def test_two_suppressed_cells_need_no_secondary_suppression() -> None:
    assert [c.value for c in suppress_group([2, 4, 9, 30])] == [None, None, 9, 30]


def test_secondary_suppression_skips_zero_cells() -> None:
    assert [c.value for c in suppress_group([1, 0, 6, 8])] == [None, 0, None, 8]


def test_non_additive_group_has_no_secondary_suppression() -> None:
    assert [c.value for c in suppress_group([3, 40, 7], additive=False)] == [None, 40, 7]


def test_nothing_to_suppress_leaves_values_alone() -> None:
    assert [c.value for c in suppress_group([5, 6, 700])] == [5, 6, 700]


def test_rate_of_a_suppressed_count_is_withheld() -> None:
    assert suppress_rate(Decimal("0.1"), suppress_count(3)) is None
    assert suppress_rate(Decimal("12.5"), suppress_count(30)) == Decimal("12.5")


def test_cumulatives_are_hidden_from_the_first_suppressed_period_on() -> None:
    periods = suppress_group([100, 3, 200, 50])  # 3 suppressed, 50 (smallest other) too
    cumulative = cumulative_cells(periods, [100, 103, 303, 353])
    assert [c.value for c in cumulative] == [100, None, None, None]
