"""The explanation page and the drill-down list's "N건 + 집계 실적 M" line, with links to each other."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client

from jobpledge.accounts.models import Department, Role
from jobpledge.accounts.tests.fixtures import make_user
from jobpledge.plans.models import Plan
from jobpledge.records.factories import AggregateEntryFactory, add_record


def test_drill_down_states_the_aggregate_part_and_links_to_the_explanation(guro_plan: Plan) -> None:
    program = guro_plan.programs.get(name="직접일자리 사업")
    period = guro_plan.periods.get(code="2020")
    for day in (1, 2, 3):
        add_record(guro_plan, start=dt.date(2020, 3, day))
    AggregateEntryFactory(
        program=program, period=period, count=40, department=Department.objects.get(name="일자리지원과")
    )
    client = Client()
    client.force_login(make_user("owner1", Role.OWNER))

    listing = client.get(f"/records/?period=2020&as_of=2023-06-30&program={program.pk}").content.decode()
    assert "개인별 실적 3건(이 목록) + 집계 실적 40" in listing
    assert f"/explain/?program={program.pk}&amp;period=2020&amp;as_of=2023-06-30" in listing

    page = client.get(f"/explain/?program={program.pk}&period=2020&as_of=2023-06-30").content.decode()
    assert "<strong>43</strong>" in page
    assert f"/records/?period=2020&amp;as_of=2023-06-30&amp;program={program.pk}" in page
    assert "집계 실적 40" in page

    plain = client.get("/records/?q=W").content.decode()  # not one figure: no line
    assert "집계 실적" not in plain


def test_explain_page_roles_and_bad_input(client: Any, guro_plan: Plan) -> None:
    assert client.get("/explain/?period=2020").status_code == 302  # login first
    client.force_login(make_user("viewer1", Role.VIEWER))
    assert client.get("/explain/?period=2020").status_code == 200
    assert client.get("/explain/?period=1999").status_code == 404
    assert client.get("/explain/?period=2020&program=abc").status_code == 404
    assert client.get("/explain/?period=2020&basis=nonsense").status_code == 200
