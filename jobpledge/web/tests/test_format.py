"""Numbers, rates and dates as the pages print them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.template import Context, Template

from jobpledge.web.suppression import Cell
from jobpledge.web.templatetags.jobpledge_format import isodate, num, num_or_dash, rate


def test_numbers_carry_thousands_separators() -> None:
    assert num(53300) == "53,300"
    assert num(247040) == "247,040"
    assert num(0) == "0"
    assert num(None) == "–"
    assert num(Cell(None, "<5")) == "<5"
    assert num(Cell(1234)) == "1,234"


def test_rates_keep_their_decimal() -> None:
    assert rate(9.4) == "9.4%"
    assert rate(Decimal("85.0")) == "85.0%"
    assert rate(100) == "100.0%"
    assert rate(None) == "–"


def test_dates_are_iso() -> None:
    assert isodate(dt.date(2019, 3, 1)) == "2019-03-01"
    assert isodate("2019-03-01") == "2019-03-01"
    assert isodate(None) == "–"


def test_datetimes_are_shown_in_seoul_time() -> None:
    utc = dt.datetime(2019, 2, 28, 15, 30, tzinfo=dt.UTC)
    assert isodate(utc) == "2019-03-01 00:30"


def test_investment_dash_for_nothing_planned() -> None:
    assert num_or_dash(0) == "-"
    assert num_or_dash(3000) == "3,000"


def test_filters_load_in_templates() -> None:
    out = Template("{% load jobpledge_format %}{{ n|num }} {{ r|rate }} {{ d|isodate }}").render(
        Context({"n": 13300, "r": 34.3, "d": dt.date(2018, 7, 1)})
    )
    assert out == "13,300 34.3% 2018-07-01"
