"""Plan revision pages: propose by upload (check lines shown), approve by another owner only, reject, diff, and who
may see or use them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jobpledge.accounts.models import Department, Role
from jobpledge.accounts.tests.fixtures import make_user
from jobpledge.plans.models import Plan, PlanRevision
from jobpledge.plans.revisions import MSG_FOUR_EYES

ORIGINAL = Path(settings.JOBPLEDGE_DEFAULT_PLAN_FILE).read_text(encoding="utf-8")
RETITLED = ORIGINAL.replace('title = "매년 1만개 일자리 창출"', 'title = "매년 1만개 좋은 일자리"')
RETARGETED = ORIGINAL.replace(
    'code = "2021"\nlabel = "2021년"\ntarget = 13500', 'code = "2021"\nlabel = "2021년"\ntarget = 14500'
)


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def toml(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("plan.toml", text.encode("utf-8"), content_type="application/toml")


def test_propose_approve_and_diff_pages(guro_plan: Plan) -> None:
    proposer = client_for(make_user("p1", Role.OWNER))
    approver = client_for(make_user("a1", Role.ADMIN))
    url = f"/plans/{guro_plan.key}/revisions/"

    refused = proposer.post(url, {"file": toml(RETARGETED), "reason": "상향"})
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "합계가 맞지 않아" in html and "check-lines" in html
    assert not PlanRevision.objects.filter(number=2).exists()

    assert proposer.post(url, {"file": toml(RETITLED), "reason": "문구 조정"}).status_code == 302
    decide = f"{url}2/decide/"
    page = proposer.post(decide, {"decision": "approve"}, follow=True).content.decode()
    assert MSG_FOUR_EYES in page
    assert PlanRevision.objects.get(number=2).status == "pending"

    assert approver.post(decide, {"decision": "approve", "effective": "2020-01-01"}).status_code == 302
    revision = PlanRevision.objects.get(number=2)
    assert (revision.status, str(revision.effective)) == ("approved", "2020-01-01")
    guro_plan.refresh_from_db()
    assert guro_plan.title == "매년 1만개 좋은 일자리"

    diff = approver.get(f"{url}1/2/").content.decode()
    assert "<code>plan.title</code>" in diff
    assert "매년 1만개 일자리 창출" in diff and "매년 1만개 좋은 일자리" in diff
    assert "periods[2021].target" not in diff  # unchanged values are not listed


def test_reject_needs_a_reason_and_roles(guro_plan: Plan) -> None:
    owner = client_for(make_user("p2", Role.OWNER))
    url = f"/plans/{guro_plan.key}/revisions/"
    owner.post(url, {"file": toml(RETARGETED), "reason": "상향", "force": "on"})
    assert PlanRevision.objects.get(number=2).forced
    other = client_for(make_user("p3", Role.OWNER))
    page = other.post(f"{url}2/decide/", {"decision": "reject"}, follow=True).content.decode()
    assert "사유를 입력하세요" in page
    other.post(f"{url}2/decide/", {"decision": "reject", "reason": "근거 부족"})
    assert PlanRevision.objects.get(number=2).status == "rejected"

    staff = client_for(make_user("d1", Role.DEPARTMENT, Department.objects.create(name="건축과")))
    page = staff.get(url)
    assert page.status_code == 200 and "변경 제안" not in page.content.decode()
    assert staff.post(url, {"file": toml(RETITLED), "reason": "x"}).status_code == 403
    assert staff.post(f"{url}2/decide/", {"decision": "approve"}).status_code == 403
    assert Client().get(url).status_code == 302
