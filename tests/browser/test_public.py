"""The public page: the seed's numbers, charts drawn, and nothing that identifies a person or a record."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from jobpledge.records.factories import add_record
from tests.browser.helpers import Page

pytestmark = pytest.mark.browser

# Record-level values that must never reach the public page, in any form a template might print them.
PEOPLE = [
    # (raw identifier, record id, birth date, employer)
    ("900501-1111111", "PUB-SECRET-0001", dt.date(1990, 5, 1), "비공개상회 가산점"),
    ("851123-2222222", "PUB-SECRET-0002", dt.date(1985, 11, 23), "비공개상회 가산점"),
    ("770214-1333333", "PUB-SECRET-0003", dt.date(1977, 2, 14), "비공개상회 가산점"),
]


def _forms_of(day: dt.date) -> list[str]:
    return [day.isoformat(), f"{day.year}. {day.month}. {day.day}.", day.strftime("%Y.%m.%d"), day.strftime("%Y%m%d")]


def test_public_page_shows_seed_numbers_and_no_personal_data(page: Page, plan: Any) -> None:
    from jobpledge.core.pseudonym import pseudonymise

    secrets: list[str] = []
    for raw_id, record_id, birth, employer in PEOPLE:
        pseudonym = pseudonymise(raw_id)
        add_record(
            plan, start=dt.date(2019, 4, 1), birth=birth, record_id=record_id, person=pseudonym, employer=employer
        )
        secrets += [raw_id, raw_id.replace("-", ""), record_id, pseudonym, pseudonym[:12], employer, *_forms_of(birth)]
    # enough ordinary records that the period and program cells are not suppressed
    for _ in range(12):
        add_record(plan, start=dt.date(2019, 6, 1))

    response = page.goto("/public/")

    assert response.status == 200
    html = page.page.content()
    text = page.page.locator("body").inner_text()
    leaked = [value for value in secrets if value in html or value in text]
    assert leaked == []
    # the seed document's roadmap: 53,300 jobs over the term, 9.4% planned by the end of 2018
    assert "53,300" in text
    assert "9.4%" in text
    assert "34.3%" in text
    # 15 records, all in 2019: the official count is shown as an aggregate
    assert page.page.locator(".jp-kpi.is-primary .jp-kpi-value").first.inner_text() == "15명"
    # no drill-down links into the records for the public
    assert page.page.locator('#main a[href^="/records/"]').count() == 0
    assert page.errors == []


def test_the_leak_check_sees_record_data_where_staff_may_see_it(page: Page, plan: Any, owner: Any) -> None:
    """Control for the test above: the same check finds the record ids on the staff records list."""
    for _raw_id, record_id, birth, employer in PEOPLE:
        add_record(plan, start=dt.date(2019, 4, 1), birth=birth, record_id=record_id, employer=employer)
    page.login("owner1")
    page.goto("/records/")

    html = page.page.content()
    assert [record_id for _r, record_id, _b, _e in PEOPLE if record_id in html] == [p[1] for p in PEOPLE]
    assert page.errors == []


def test_public_page_without_login_has_no_staff_links_to_records(page: Page, plan: Any) -> None:
    page.goto("/public/")

    assert page.page.get_by_role("heading", level=1).inner_text() == plan.title
    page.goto("/records/")
    assert "/accounts/login/" in page.page.url
    assert page.errors == []
