"""The public page shows a closed period's published figure with its date, and the re-count beside it once they
differ (공표 후 변경 n건)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils import timezone

from jobpledge.accounts.models import Role
from jobpledge.accounts.tests.fixtures import make_user
from jobpledge.plans.models import Plan
from jobpledge.records.factories import add_record
from jobpledge.records.services import record_withdraw
from jobpledge.reports.snapshots import period_close


def roadmap_row(html: str, label: str) -> str:
    match = re.search(rf"<th scope=\"row\">{re.escape(label)}.*?</tr>", html, re.S)
    assert match, label
    return match.group(0)


def test_public_page_shows_published_figure_then_the_recount(client: Any, guro_plan: Plan) -> None:
    owner = make_user("publisher", Role.OWNER)
    records = [add_record(guro_plan, start=dt.date(2019, 3, d)) for d in range(1, 8)]  # 7: above suppression
    snapshot = period_close(plan=guro_plan, period_code="2019", user=owner)
    published_on = timezone.localtime(snapshot.close.closed_at).date().isoformat()

    row = roadmap_row(client.get("/public/").content.decode(), "2019년")
    assert f"({published_on} 공표)" in row
    assert "재집계" not in row

    record_withdraw(record=records[0], reason="중복", user=owner, closed_reason="중복 확인")
    row = roadmap_row(client.get("/public/").content.decode(), "2019년")
    assert f'7 <small class="jp-meta">({published_on} 공표)' in row
    assert "재집계 6" in row
    assert "공표 후 변경 1건" in row


def test_staff_explanation_lists_the_changes_after_close_with_reasons(client: Any, guro_plan: Plan) -> None:
    owner = make_user("closer2", Role.OWNER)
    record = add_record(guro_plan, start=dt.date(2019, 3, 1))
    period_close(plan=guro_plan, period_code="2019", user=owner)
    record_withdraw(record=record, reason="중복", user=owner, closed_reason="감사에서 중복 확인")
    client.force_login(owner)
    page = client.get("/explain/?period=2019").content.decode()
    assert "공표(마감) 후 변경" in page
    assert "철회 · 1행 · closer2 · 사유: 감사에서 중복 확인" in page
    assert "공표(마감) 후 변경" not in client.get("/explain/?period=2020").content.decode()
