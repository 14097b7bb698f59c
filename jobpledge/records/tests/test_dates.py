"""One reading of typed dates for the importer, the pages' as-of field and the CLI."""

from __future__ import annotations

import datetime as dt

import pytest

from jobpledge.core.dates import DateFormatError, ImpossibleDateError, parse_date, read_as_of
from jobpledge.records.importers.widgets import CellError, DateWidget


@pytest.mark.parametrize(
    "text", ["2020-12-31", "2020.12.31", "2020. 12. 31.", "2020/12/31", "20201231", "2020년 12월 31일", " 2020-12-31 "]
)
def test_the_importers_spellings_read_as_one_day(text: str) -> None:
    assert parse_date(text) == dt.date(2020, 12, 31)
    assert DateWidget().clean(text) == dt.date(2020, 12, 31)  # the importer agrees


@pytest.mark.parametrize("text", ["2020-02-30", "2019-13-45", "2019.02.29", "1899-12-31", "21010101"])
def test_a_day_that_does_not_exist_is_impossible(text: str) -> None:
    with pytest.raises(ImpossibleDateError):
        parse_date(text)
    with pytest.raises(CellError, match="있을 수 없는 날짜입니다"):
        DateWidget().clean(text)


@pytest.mark.parametrize("text", ["yesterday", "2020-12", "31.12.2020", "2020-12-31T00:00"])
def test_a_text_that_is_no_date_is_a_format_error(text: str) -> None:
    with pytest.raises(DateFormatError):
        parse_date(text)


def test_read_as_of_gives_a_korean_message_naming_the_value() -> None:
    assert read_as_of("2020.12.31") == (dt.date(2020, 12, 31), None)
    assert read_as_of("2019-13-45") == (
        None,
        "기준일 「2019-13-45」은(는) 있을 수 없는 날짜입니다. 달력에 있는 날짜를 입력하세요(예: 2019-03-01).",
    )
    day, message = read_as_of("어제")
    assert day is None and message is not None and "「어제」은(는) 날짜가 아닙니다" in message


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "said"),
    [("2019-13-45", "있을 수 없는 날짜입니다"), ("2019-02-29", "있을 수 없는 날짜입니다"), ("soon", "날짜가 아닙니다")],
)
def test_report_command_says_whether_the_date_is_impossible_or_no_date(
    guro_plan: object, capsys: pytest.CaptureFixture[str], typed: str, said: str
) -> None:
    from django.core.management import call_command

    with pytest.raises(SystemExit) as exit_info:
        call_command("report", "--as-of", typed, "--format", "json")
    assert exit_info.value.code == 1
    assert f"기준일 「{typed}」은(는) {said}" in capsys.readouterr().err


@pytest.mark.django_db
def test_report_command_takes_the_importers_spellings(guro_plan: object, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from django.core.management import call_command

    call_command("report", "--as-of", "2020.12.31", "--format", "json")
    assert json.loads(capsys.readouterr().out)["as_of"] == "2020-12-31"
