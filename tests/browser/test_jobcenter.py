"""A counsellor's referral in the browser: search → seeker → vacancy's matches → refer → hired → placement record."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from tests.browser.helpers import Page, make_user

pytestmark = pytest.mark.browser


def test_referral_from_search_to_placement(page: Page, plan: Any) -> None:
    from jobpledge.jobcenter.factories import JobSeekerFactory, VacancyFactory
    from jobpledge.jobcenter.models import Placement

    today = timezone.localdate()
    VacancyFactory(
        vacancy_no="V1", registered_on=today - dt.timedelta(days=3), closing_on=today + dt.timedelta(days=30)
    )
    JobSeekerFactory(seeker_no="S1", name="김민수", registered_on=today - dt.timedelta(days=3),
                     consent_on=today - dt.timedelta(days=3), valid_until=today + dt.timedelta(days=60))  # fmt: skip
    make_user("counsellor1", "counsellor")
    page.login("counsellor1")

    page.goto("/jobcenter/seekers/?q=S1")
    assert "김*수" in page.page.locator("table").inner_text()
    with page.page.expect_navigation():
        page.page.get_by_role("link", name="S1").click()
    assert "김민수" in page.page.locator("table").first.inner_text()  # full name for the counsellor (logged)

    page.goto("/jobcenter/vacancies/V1/")
    with page.page.expect_navigation():
        page.page.get_by_role("button", name="알선").click()
    assert "알선 #" in page.page.locator(".messages").inner_text()

    page.goto("/jobcenter/seekers/S1/")
    page.page.locator("select[name=outcome]").select_option("hired")
    page.page.locator("input[name=start]").fill(today.isoformat())
    with page.page.expect_navigation():
        page.page.get_by_role("button", name="결과 입력").click()
    placement = Placement.objects.get()
    assert f"실적 {placement.record.record_id}" in page.page.content()
    assert placement.record.program.name == "고용서비스"
    assert page.errors == []
