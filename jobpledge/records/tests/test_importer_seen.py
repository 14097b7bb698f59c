"""The compact key memory of the import: first rows remembered across growth."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from jobpledge.records.importers.seen import SeenKeys


def test_first_row_is_remembered_across_growth() -> None:
    seen = SeenKeys(capacity=4)
    for number in range(2, 5002):
        assert seen.first_row(("일자리지원과", f"R-{number}"), number) == number
    assert len(seen) == 5000
    assert seen.first_row(("일자리지원과", "R-17"), 9999) == 17
    assert seen.first_row(("복지정책과", "R-17"), 10000) == 10000  # same id, other department


@given(st.lists(st.tuples(st.sampled_from(["가과", "나과"]), st.text(max_size=4)), max_size=200))
def test_matches_a_dict(keys: list[tuple[str, str]]) -> None:
    seen, expected = SeenKeys(capacity=2), {}
    for number, key in enumerate(keys, start=2):
        assert seen.first_row(key, number) == expected.setdefault(key, number)
