"""Cell widgets: every accepted spelling, every refusal by its message, and clean(render(x)) == x."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobpledge.records.importers import messages as msg
from jobpledge.records.importers import widgets as w


@pytest.mark.parametrize(
    "cell",
    [
        "2019-03-01",
        "2019.03.01",
        "2019. 3. 1.",
        "2019.3.1",
        "20190301",
        "2019/3/1",
        "2019-3-1",
        "2019년 3월 1일",
        " 2019-03-01 ",
        dt.datetime(2019, 3, 1),
        dt.date(2019, 3, 1),
        20190301,
        43525,  # Excel serial of 2019-03-01 in a cell formatted as a number
        43525.0,
    ],
)
def test_dates_in_every_accepted_spelling(cell: object) -> None:
    assert w.DATE.clean(cell) == dt.date(2019, 3, 1)


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("2019-13-45", msg.IMPOSSIBLE_DATE.format(value="2019-13-45")),
        ("2019.02.29", msg.IMPOSSIBLE_DATE.format(value="2019.02.29")),
        ("20190230", msg.IMPOSSIBLE_DATE.format(value="20190230")),
        ("1850-01-01", msg.IMPOSSIBLE_DATE.format(value="1850-01-01")),
        ("어제", msg.BAD_DATE.format(value="어제")),
        ("=TODAY()", msg.BAD_DATE.format(value="=TODAY()")),
        ("2019-W10-1", msg.BAD_DATE.format(value="2019-W10-1")),
        (43525.5, msg.BAD_DATE.format(value="43525.5")),
    ],
)
def test_bad_dates_are_refused_with_their_message(cell: object, message: str) -> None:
    with pytest.raises(w.CellError) as caught:
        w.DATE.clean(cell)
    assert caught.value.message == message


def test_leap_day_is_a_date() -> None:
    assert w.DATE.clean("2020.02.29") == dt.date(2020, 2, 29)


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("3,984,000", 3984000),
        ("3984000", 3984000),
        ("2,100,000원", 2100000),
        (3984000, 3984000),
        (3984000.0, 3984000),
        ("0", 0),
    ],
)
def test_integers_with_thousands_separators(cell: object, value: int) -> None:
    assert w.INTEGER.clean(cell) == value


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("-1,000", msg.NEGATIVE_NUMBER.format(value="-1,000")),
        ("12.5", msg.NOT_INTEGER.format(value="12.5")),
        ("많음", msg.BAD_NUMBER.format(value="많음")),
        ("=1+1", msg.BAD_NUMBER.format(value="=1+1")),
        ("NaN", msg.BAD_NUMBER.format(value="NaN")),
        (True, msg.BAD_NUMBER.format(value="True")),
    ],
)
def test_bad_integers(cell: object, message: str) -> None:
    with pytest.raises(w.CellError) as caught:
        w.INTEGER.clean(cell)
    assert caught.value.message == message


def test_weekly_hours_rounds_half_up_to_one_decimal_and_stays_within_a_week() -> None:
    assert w.WEEKLY_HOURS.clean("37.25") == Decimal("37.3")
    assert w.WEEKLY_HOURS.clean(40) == Decimal("40.0")
    with pytest.raises(w.CellError) as caught:
        w.WEEKLY_HOURS.clean("-5")
    assert caught.value.message == msg.NEGATIVE_NUMBER.format(value="-5")
    with pytest.raises(w.CellError) as caught:
        w.WEEKLY_HOURS.clean("169")
    assert caught.value.message == msg.HOURS_TOO_MANY.format(value="169")


@pytest.mark.parametrize(
    ("cell", "value"), [("남", "M"), ("여", "F"), ("M", "M"), ("f", "F"), ("남자", "M"), (" 여 ", "F")]
)
def test_gender(cell: str, value: str) -> None:
    assert w.GENDER.clean(cell) == value


def test_bad_gender() -> None:
    with pytest.raises(w.CellError) as caught:
        w.GENDER.clean("X")
    assert caught.value.message == msg.BAD_GENDER.format(value="X")


@pytest.mark.parametrize(
    ("cell", "value"),
    [("Y", True), ("y", True), ("예", True), ("N", False), ("아니오", False), (True, True), (False, False)],
)
def test_flags(cell: object, value: bool) -> None:
    assert w.FLAG.clean(cell) is value


def test_bad_flag_and_bad_employment_type() -> None:
    with pytest.raises(w.CellError) as caught:
        w.FLAG.clean("모름")
    assert caught.value.message == msg.BAD_FLAG.format(value="모름")
    with pytest.raises(w.CellError) as caught:
        w.EMPLOYMENT_TYPE.clean("정규")
    assert caught.value.message == msg.BAD_EMPLOYMENT_TYPE.format(value="정규")
    assert w.EMPLOYMENT_TYPE.clean("상용직") == "상용"


@pytest.mark.parametrize("text", ["=1+1", "@SUM(A1)", "+82-2-860-2054", "-2+3", '=HYPERLINK("http://x")'])
def test_formula_looking_text_is_kept_as_written(text: str) -> None:
    assert w.TextWidget(200).clean(text) == text
    assert w.neutralise_formula(text) == "'" + text


def test_text_from_numeric_cells_and_decomposed_hangul() -> None:
    assert w.TextWidget(100).clean(1001.0) == "1001"
    assert w.TextWidget(100).clean(1001) == "1001"
    decomposed = "일자리지원과".encode().decode()  # NFC already
    import unicodedata

    assert w.TextWidget(100).clean(unicodedata.normalize("NFD", decomposed)) == "일자리지원과"
    with pytest.raises(w.CellError) as caught:
        w.TextWidget(3).clean("네 글자")
    assert caught.value.message == msg.TOO_LONG.format(limit=3)


@given(st.dates(min_value=w.EARLIEST_DATE, max_value=w.LATEST_DATE))
def test_date_round_trip(day: dt.date) -> None:
    assert w.DATE.clean(w.DATE.render(day)) == day


@pytest.mark.parametrize(
    ("widget", "cell"),
    [
        (w.INTEGER, "1e10000000"),  # refused before any int() of ten million digits
        (w.INTEGER, "9" * 5000),  # over Python's int() digit limit: refused, not a ValueError
        (w.INTEGER, f"{2**63:,}"),
        (w.INTEGER, 2**63),
        (w.COUNT, "2,147,483,648"),
        (w.COUNT, 2**31),
        (w.COUNT, 3.0e9),
    ],
)
def test_integers_beyond_the_database_column_are_refused(widget: w.IntegerWidget, cell: object) -> None:
    with pytest.raises(w.CellError) as caught:
        widget.clean(cell)
    assert caught.value.message == msg.NUMBER_TOO_LARGE.format(limit=widget.maximum, value=msg.shown(cell))


def test_integers_up_to_the_database_column_limit() -> None:
    assert w.INTEGER.clean(f"{2**63 - 1:,}") == w.BIGINT_MAX
    assert w.INTEGER.clean(2**63 - 1) == w.BIGINT_MAX
    assert w.COUNT.clean("2,147,483,647") == w.INTEGER_MAX
    assert w.COUNT.clean(2**31 - 1) == w.INTEGER_MAX


@given(st.integers(min_value=0, max_value=10**12))
def test_integer_round_trip(value: int) -> None:
    assert w.INTEGER.clean(w.INTEGER.render(value)) == value
    assert w.INTEGER.clean(f"{value:,}") == value


@given(st.decimals(min_value=0, max_value=168, places=1))
def test_hours_round_trip(value: Decimal) -> None:
    assert w.WEEKLY_HOURS.clean(w.WEEKLY_HOURS.render(value)) == value


@pytest.mark.parametrize("widget", [w.GENDER, w.FLAG, w.EMPLOYMENT_TYPE, w.EVIDENCE])
def test_choice_round_trip(widget: w.ChoiceWidget) -> None:
    for value in set(widget.aliases.values()):
        assert widget.clean(widget.render(value)) == value


@given(st.text(alphabet="0123456789-ABCxyz ", min_size=1, max_size=30))
def test_import_pseudonymiser_equals_the_core_function(raw: str) -> None:
    from jobpledge.core.pseudonym import normalise_identifier, pseudonymise
    from jobpledge.records.importers.fast import Pseudonymiser

    normalised = normalise_identifier(raw)
    assert Pseudonymiser("secret")(normalised) == pseudonymise(raw, key="secret")
