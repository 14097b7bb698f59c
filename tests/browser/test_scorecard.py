"""The department pages in a browser: the ranking, a click through to a scorecard (no console or CSP errors), the
XLSX download, and department staff kept to their own scorecard."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from jobpledge.accountability.services import targets_import
from jobpledge.records.factories import add_record
from tests.browser.helpers import Page, make_user

pytestmark = pytest.mark.browser


def _scene(plan: Any) -> None:
    text = "부서,세부사업,기간,목표\n복지정책과,고용서비스,2019,365\n건설과,고용서비스,2019,365\n"
    assert targets_import(file=io.BytesIO(text.encode()), filename="t.csv", user=None, plan=plan).ok
    for day in range(30):
        add_record(
            plan, start=dt.date(2019, 1, 1) + dt.timedelta(days=day), department="복지정책과", program="고용서비스"
        )


def test_owner_ranks_clicks_through_and_downloads(page: Page, plan: Any) -> None:
    _scene(plan)
    make_user("owner9", "owner", "일자리지원과")
    page.login("owner9")
    page.goto("/departments/?as_of=2019-03-01")
    rows = page.page.locator("#department-ranking tbody tr")
    assert rows.count() == 2
    assert rows.nth(0).locator("th").inner_text() == "건설과"  # pace 0.0 before 50.0
    with page.page.expect_navigation():
        page.page.get_by_role("link", name="복지정책과").click()
    assert page.page.get_by_role("heading", level=1).inner_text() == "복지정책과 일자리창출 실적표"
    summary = page.page.locator("#scorecard-summary").inner_text()
    assert "60" in summary and "50.0" in summary and "부진" in summary
    assert "진도율 50.0% — 기준 90% 미만 (실적 30 / 기대 60)" in page.page.locator("#scorecard-alerts").inner_text()
    assert page.page.locator("#scorecard-periods progress").count() == 5
    with page.page.expect_download() as info:
        page.page.get_by_role("link", name="XLSX 내려받기").click()
    assert info.value.suggested_filename.endswith(".xlsx")
    book = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
    assert book.sheetnames == ["복지정책과"]
    assert page.errors == []


def test_department_staff_see_only_their_own_scorecard(page: Page, plan: Any) -> None:
    from jobpledge.accounts.models import Department

    _scene(plan)
    make_user("staff9", "department", "복지정책과")
    page.login("staff9")
    page.goto("/departments/?as_of=2019-03-01")
    assert page.page.get_by_role("link", name="복지정책과").count() == 1
    assert page.page.get_by_role("link", name="건설과").count() == 0
    other = Department.objects.get(name="건설과")
    assert page.goto(f"/departments/{other.pk}/").status == 403
