"""The staff dashboard: ECharts draws every chart under the CSP, htmx swaps the report, figures drill down."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from jobpledge.records.factories import add_record
from tests.browser.helpers import Page

pytestmark = pytest.mark.browser

# True when every chart container holds a canvas (or svg) that ECharts has actually painted.
CHARTS_PAINTED = """() => {
  const containers = [...document.querySelectorAll('[data-chart]')];
  if (!containers.length) return false;
  return containers.every((el) => {
    const svg = el.querySelector('svg');
    if (svg) return svg.childElementCount > 0;
    const canvas = el.querySelector('canvas');
    if (!canvas || !canvas.width || !canvas.height) return false;
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 3; i < pixels.length; i += 4) { if (pixels[i]) return true; }
    return false;
  });
}"""


def _result_count(page: Page) -> int:
    found = re.search(r"검색 결과 ([\d,]+)건", page.page.locator("#main").inner_text())
    assert found, "the records list shows its result count"
    return int(found.group(1).replace(",", ""))


def test_dashboard_charts_render_without_console_errors(page: Page, plan: Any, owner: Any) -> None:
    from jobpledge.records.management.commands.demo_data import demo_data_load

    demo_data_load(plan=plan, n=400)
    page.login("owner1")

    assert page.page.url.endswith("/dashboard/")
    containers = page.page.locator("[data-chart]")
    assert containers.count() >= 3  # roadmap, programs, generations
    page.page.wait_for_function(CHARTS_PAINTED)
    assert page.page.locator("[data-chart] canvas, [data-chart] svg").count() >= containers.count()
    assert page.page.get_by_text("예시 데이터").first.is_visible()
    # the table alternative of the roadmap carries the seed's planned shares
    roadmap = page.page.locator("#roadmap-title").locator("xpath=..")
    assert "9.4%" in roadmap.inner_text()
    assert "53,300" in roadmap.inner_text()
    assert page.errors == []


def test_as_of_switch_swaps_the_report_and_redraws_the_charts(page: Page, plan: Any, owner: Any) -> None:
    for month in (3, 4, 5, 6, 7, 8):
        add_record(plan, start=dt.date(2019, month, 1))
    page.login("owner1")
    page.page.wait_for_function(CHARTS_PAINTED)
    assert page.page.locator(".jp-kpi.is-primary .jp-kpi-value").first.inner_text() == "6명"

    page.page.get_by_label("기준일", exact=True).fill("2019-04-30")
    with page.page.expect_response(lambda r: "/dashboard/?" in r.url and r.request.headers.get("hx-request") == "true"):
        page.page.get_by_role("button", name="기준일 적용").click()

    page.page.wait_for_function(
        "() => document.querySelector('.jp-kpi.is-primary .jp-kpi-value').textContent.trim() === '2명'"
    )
    assert "as_of=2019-04-30" in page.page.url
    page.page.wait_for_function(CHARTS_PAINTED)
    assert page.errors == []


def test_drill_down_from_a_dashboard_figure_lists_the_records_behind_it(page: Page, plan: Any, owner: Any) -> None:
    in_2019 = [add_record(plan, start=dt.date(2019, 2 + i, 1), record_id=f"DR-2019-{i}").record_id for i in range(7)]
    in_2020 = [add_record(plan, start=dt.date(2020, 2 + i, 1), record_id=f"DR-2020-{i}").record_id for i in range(5)]
    welfare = [
        add_record(plan, start=dt.date(2020, 9, 1), department="복지정책과", record_id=f"DR-W-{i}").record_id
        for i in range(3)
    ]
    page.login("owner1")

    link = page.page.locator('#roadmap-title ~ details a[href^="/records/"]').filter(has_text="7").first
    assert link.inner_text() == "7"
    with page.page.expect_navigation():
        link.click()
    assert page.page.url.split("?")[0].endswith("/records/")
    assert _result_count(page) == 7
    listed = page.page.locator("#main table tbody th").all_inner_texts()
    assert sorted(listed) == sorted(in_2019)

    page.page.go_back()
    department_row = page.page.locator("#departments-title ~ div tr", has_text="복지정책과")
    with page.page.expect_navigation():
        department_row.get_by_role("link").first.click()
    assert _result_count(page) == 3
    assert sorted(page.page.locator("#main table tbody th").all_inner_texts()) == sorted(welfare)
    assert not set(in_2020) & set(page.page.locator("#main").inner_text().split())
    assert page.errors == []
