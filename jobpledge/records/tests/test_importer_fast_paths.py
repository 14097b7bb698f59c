"""The importer's fast paths agree with the general code they short-cut, on generated input.

Each fast path (ISO dates, plain digits, ASCII identifiers, the precomputed HMAC, remembered cells,
remembered derivations) is compared with the general reading it skips: same value, or same message.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from jobpledge.core.pseudonym import pseudonymise
from jobpledge.records.derive import PeriodBounds, derive
from jobpledge.records.importers import messages as msg
from jobpledge.records.importers import widgets as w
from jobpledge.records.importers.columns import RECORD_COLUMNS
from jobpledge.records.importers.fast import Derivations, Pseudonymiser
from jobpledge.records.importers.rows import RecordCleaner


def outcome(read: Any, value: object) -> tuple[str, object]:
    """What reading `value` gives: ("ok", value) or ("error", the user's message)."""
    try:
        return "ok", read(value)
    except w.CellError as exc:
        return "error", exc.message


# --- dates ----------------------------------------------------------------------------------------------------

DATE_CHARACTERS = "0123456789-./ 년월일٣２"  # incl. an Arabic-Indic and a full-width digit
iso_shaped = st.builds(
    lambda y, m, d, sep: f"{y:04d}{sep}{m:02d}{sep}{d:02d}",
    st.integers(0, 9999),
    st.integers(0, 99),
    st.integers(0, 99),
    st.sampled_from(["-", ".", "/"]),
)


@given(st.one_of(iso_shaped, st.text(alphabet=DATE_CHARACTERS, max_size=14)))
@example("2019-03-01")
@example("1899-12-31")
@example("2101-01-01")
@example("2019-02-29")
@example("2019-13-45")
@example("٢٠١٩-03-01")
@example("2019-0３-01")
def test_date_fast_path_reads_as_the_general_path(text: str) -> None:
    if not text.strip():
        return  # blank cells never reach a widget
    assert outcome(w.DATE.clean, text) == outcome(w.DATE.from_text, w.as_text(text))


# --- whole numbers --------------------------------------------------------------------------------------------


@given(st.text(alphabet="0123456789,. -+_원명٣２", max_size=14))
@example("3,984,000")
@example(",,,")
@example("1,2,3")
@example("٣")
def test_integer_fast_path_reads_as_the_general_path(text: str) -> None:
    if not text.strip():
        return
    assert outcome(w.INTEGER.clean, text) == outcome(w.INTEGER.from_any, text)


@given(st.integers(min_value=-(10**20), max_value=10**20))
def test_integer_cell_fast_path_reads_as_the_general_path(number: int) -> None:
    assert outcome(w.INTEGER.clean, number) == outcome(w.INTEGER.from_any, number)


def test_a_boolean_cell_is_not_a_number() -> None:
    assert outcome(w.INTEGER.clean, True) == ("error", msg.BAD_NUMBER.format(value=msg.shown(True)))


# --- pseudonyms -----------------------------------------------------------------------------------------------


@given(st.text(max_size=80), st.text(alphabet="0123456789-ABCxyz ", max_size=30))
@example("k" * 64, "900101-1234567")
@example("k" * 65, "900101-1234567")  # a key longer than SHA-256's block is hashed first
@example("구로구 비밀", "b00009156")
def test_pseudonymiser_is_hmac_sha256(key: str, normalised: str) -> None:
    expected = hmac.new(key.encode(), normalised.encode(), hashlib.sha256).hexdigest()
    assert Pseudonymiser(key)(normalised) == expected


def _cleaner(**kwargs: Any) -> RecordCleaner:
    periods = [PeriodBounds(1, "2019", dt.date(2019, 1, 1), dt.date(2019, 12, 31))]
    return RecordCleaner(programs={"직접일자리 사업": 1}, periods=periods, pseudonym_key="secret", **kwargs)


def _row(person: object, **changes: object) -> dict[str, object]:
    values: dict[str, object] = {
        "record_id": "R-1",
        "department": "일자리지원과",
        "program": "직접일자리 사업",
        "person_id": person,
        "birth_date": "1990-01-01",
        "gender": "여",
        "start_date": "2019-03-01",
    }
    return values | changes


@given(st.one_of(st.text(max_size=110), st.text(alphabet="0123456789-AbZ ._", max_size=110)))
@example("900101-1234567")
@example(" b00009156 ")
@example("-")
@example("1" * 100)
@example("1" * 101)
@example("-" + "1" * 100)
@example("１２３")
def test_identifier_fast_path_pseudonymises_as_the_core_function(raw: str) -> None:
    row, errors = _cleaner().clean(_row(raw))
    if row is not None:
        assert row.person_pseudonym == pseudonymise(w.as_text(raw), key="secret")
    else:
        # refused with one of the constant messages, which never repeat the value
        assert [(e.field, e.message) for e in errors] in (
            [("person_id", msg.MISSING_VALUE)],
            [("person_id", msg.TOO_LONG.format(limit=100))],
            [("person_id", msg.BAD_PERSON_ID)],
        )


# --- remembered cells and derivations ------------------------------------------------------------------------

CELLS = st.sampled_from(
    ["", " ", "2019-03-01", "2019.3.1", "2019-13-45", "1960-02-29", "남", "F", "x", "Y", "아니오", "3,000", "-1", "40"]
)


@given(st.lists(st.lists(CELLS, min_size=6, max_size=6), min_size=1, max_size=20))
def test_remembered_cells_read_as_fresh_ones(rows: list[list[str]]) -> None:
    """One cleaner over many rows (its caches warm) says per row what a new cleaner says about that row alone."""
    fields = ["birth_date", "gender", "start_date", "end_date", "monthly_wage", "resident"]
    warm = _cleaner()
    for cells in rows:
        values = _row("P-1", **dict(zip(fields, cells, strict=True)))
        assert warm.clean(values) == _cleaner().clean(values)


def test_an_absent_optional_column_reads_as_blank_and_an_absent_required_one_as_missing() -> None:
    positions = {c.field: i for i, c in enumerate(RECORD_COLUMNS) if c.field not in ("employer", "birth_date")}
    cleaner = _cleaner(positions=positions)
    cells: list[object] = [None] * len(RECORD_COLUMNS)
    for field, value in _row("P-1").items():
        if field in positions:
            cells[positions[field]] = value
    for _ in range(2):
        row, errors = cleaner.clean_cells(cells)
        assert row is None
        assert [(e.field, e.message) for e in errors] == [("birth_date", msg.MISSING_VALUE)]


dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


@given(st.lists(st.tuples(dates, dates), min_size=1, max_size=30))
@example([(dt.date(2000, 2, 29), dt.date(2019, 2, 28)), (dt.date(2000, 3, 1), dt.date(2019, 2, 28))])
@example([(dt.date(2004, 2, 29), dt.date(2020, 2, 29)), (dt.date(1950, 1, 1), dt.date(2020, 2, 29))])
def test_remembered_derivations_equal_derive(pairs: list[tuple[dt.date, dt.date]]) -> None:
    periods = [
        PeriodBounds(1, "2018H2", dt.date(2018, 7, 1), dt.date(2018, 12, 31)),
        PeriodBounds(2, "2019", dt.date(2019, 1, 1), dt.date(2019, 12, 31)),
        PeriodBounds(3, "2020", dt.date(2020, 1, 1), dt.date(2020, 12, 31)),
    ]
    derivations = Derivations(periods)
    for birth, start in pairs * 2:  # every start date is seen again
        expected = derive(birth_date=birth, start_date=start, periods=periods)
        assert derivations(birth, start) == (
            expected.period_id,
            expected.age_at_start,
            expected.generation,
            expected.retention_deadline,
        )


@pytest.mark.parametrize("raw", ["900101-1234567", "9001011234567", " 900101 1234567 ", "900101_1234567"])
def test_separators_do_not_change_the_pseudonym(raw: str) -> None:
    row, errors = _cleaner().clean(_row(raw))
    assert not errors
    assert row is not None and row.person_pseudonym == pseudonymise("9001011234567", key="secret")
