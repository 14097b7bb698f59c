"""Keyboard only: the skip link, the as-of form, the first drill-down link and a whole record form are reachable
and usable with Tab and Enter (arrow keys inside a select), each with a visible focus ring."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from jobpledge.records.factories import add_record
from tests.browser.helpers import Page

pytestmark = pytest.mark.browser

FOCUS_RING = """() => { const e = document.activeElement; const cs = getComputedStyle(e);
  return (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || (cs.boxShadow && cs.boxShadow !== 'none'); }"""
ACTIVE = """() => { const e = document.activeElement;
  return [e.tagName, e.id, e.getAttribute('href') || '', e.type || '', (e.textContent || '').trim()]; }"""


def _tab_to(page: Page, predicate: Any, limit: int = 80) -> list[str]:
    for _ in range(limit):
        page.page.keyboard.press("Tab")
        active = page.page.evaluate(ACTIVE)
        if predicate(active):
            assert page.page.evaluate(FOCUS_RING), f"no visible focus ring on {active}"
            return active
    raise AssertionError("not reachable by Tab")


def test_skip_link_is_the_first_stop_and_moves_to_the_content(page: Page, plan: Any) -> None:
    page.goto("/public/")
    page.page.keyboard.press("Tab")
    tag, _id, href, _type, _text = page.page.evaluate(ACTIVE)
    assert (tag, href) == ("A", "#main")
    assert page.page.evaluate(FOCUS_RING)
    assert page.page.locator("#krds-skip-link a").is_visible()
    page.page.keyboard.press("Enter")
    assert page.page.evaluate("document.activeElement.id") == "main"


def test_as_of_form_and_first_drill_down_link_by_keyboard(page: Page, plan: Any, owner: Any) -> None:
    for month in (3, 4, 5):
        add_record(plan, start=dt.date(2020, month, 1))
    page.login("owner1")
    _tab_to(page, lambda a: a[1] == "as-of-input")
    page.page.keyboard.press("Control+A")
    page.page.keyboard.type("2020.03.31")  # the importer's spelling is accepted here too
    with page.page.expect_response(lambda r: "/dashboard/?" in r.url and r.request.headers.get("hx-request") == "true"):
        page.page.keyboard.press("Enter")
    page.page.wait_for_function(
        "() => document.querySelector('.jp-kpi.is-primary .jp-kpi-value').textContent.trim() === '1명'"
    )
    # an impossible date says so under the field and in the report region, and shows no figures
    page.page.keyboard.press("Control+A")
    page.page.keyboard.type("2020-02-30")
    with page.page.expect_response(lambda r: "/dashboard/?" in r.url and r.request.headers.get("hx-request") == "true"):
        page.page.keyboard.press("Enter")
    page.page.wait_for_function(
        "() => document.querySelector('#as-of-error').textContent.includes('있을 수 없는 날짜')"
    )
    assert page.page.locator("#dashboard-report .jp-kpi").count() == 0
    page.page.keyboard.press("Control+A")
    page.page.keyboard.type("2020-12-31")
    with page.page.expect_response(lambda r: "/dashboard/?" in r.url and r.request.headers.get("hx-request") == "true"):
        page.page.keyboard.press("Enter")
    page.page.wait_for_function("() => document.querySelector('#as-of-error').textContent.trim() === ''")
    # the first drill-down link: reachable, and Enter opens the records behind the figure
    _tab_to(page, lambda a: a[0] == "A" and a[2].startswith("/records/?"))
    with page.page.expect_navigation():
        page.page.keyboard.press("Enter")
    assert "검색 결과 3건" in page.page.locator("#main").inner_text()
    assert page.errors == []


def test_a_whole_record_form_by_keyboard(page: Page, plan: Any, owner: Any) -> None:
    page.login("owner1")
    page.goto("/records/new/")
    typed = {
        "id_record_id": "KB-0001",
        "id_person_id": "800505-2345678",
        "id_birth_date": "1980.05.05",
        "id_start_date": "2020-03-02",
        "id_employer": "키보드상사",
    }
    arrows = {"id_program": 1, "id_gender": 2}  # 직접일자리 사업 (first program), 여
    seen: set[str] = set()
    for _ in range(60):
        page.page.keyboard.press("Tab")
        tag, element_id, _href, kind, text = page.page.evaluate(ACTIVE)
        assert page.page.evaluate(FOCUS_RING), f"no visible focus ring on {tag}#{element_id}"
        if element_id in typed:
            page.page.keyboard.type(typed[element_id])
        elif element_id in arrows:
            for _ in range(arrows[element_id]):
                page.page.keyboard.press("ArrowDown")
        seen.add(element_id)
        if (
            tag == "BUTTON"
            and kind == "submit"
            and page.page.evaluate("document.activeElement.textContent.trim()") == "저장"
        ):
            break
    else:
        raise AssertionError("the save button was not reached by Tab")
    assert set(typed) | set(arrows) <= seen
    with page.page.expect_navigation():
        page.page.keyboard.press("Enter")
    from jobpledge.records.models import JobRecord

    record = JobRecord.objects.get(record_id="KB-0001")
    assert (record.program.name, record.gender, record.employer) == ("직접일자리 사업", "F", "키보드상사")
    assert record.birth_date == dt.date(1980, 5, 5)


def test_a_failed_form_moves_focus_to_the_error_summary_and_its_links_lead_to_the_fields(
    page: Page, plan: Any, owner: Any
) -> None:
    page.login("owner1")
    page.goto("/records/new/")
    _tab_to(page, lambda a: a[0] == "BUTTON" and a[4] == "저장")  # not the header's 로그아웃
    with page.page.expect_navigation():
        page.page.keyboard.press("Enter")
    assert page.page.title().startswith("오류: ")
    assert page.page.evaluate("document.activeElement.id") == "error-summary"
    _tab_to(page, lambda a: a[2] == "#id_program", limit=3)
    page.page.keyboard.press("Enter")
    page.page.wait_for_function("() => location.hash === '#id_program'")
