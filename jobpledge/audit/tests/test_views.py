"""The audit page: who changed what and when, for records, plans, roles and imports."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse

from jobpledge.accounts.models import Profile, Role
from jobpledge.audit.selectors import AUDIT_KIND_BY_KEY, describe, history_queryset
from jobpledge.records import services
from jobpledge.records.models import JobRecord
from jobpledge.records.tests.world import *  # noqa: F403
from jobpledge.records.tests.world import DEPARTMENT_A, make_record


def _audit(client, **params):
    response = client.get(reverse("audit:log"), params)
    assert response.status_code == 200
    return response


def test_form_edit_and_withdraw_show_who_what_and_why(client, world):
    staff = world.users["department"]
    services.record_update(record=world.record_a, data={"end_date": "2020-02-29"}, user=staff)
    services.record_withdraw(record=JobRecord.objects.get(pk=world.record_a.pk), reason="중복 입력", user=staff)
    client.force_login(world.users["owner"])
    response = _audit(client, kind="records")
    entries = [e for e in response.context["entries"] if e.object_id == world.record_a.pk]
    withdraw, edit = entries[0], entries[1]
    assert withdraw.who == staff.username and withdraw.reason == "철회: 중복 입력"
    assert any(c.field == "철회 사유" and c.new == "중복 입력" for c in withdraw.changes)
    assert any(c.field == "종료일" and c.old == "" and c.new == "2020-02-29" for c in edit.changes)
    body = response.content.decode()
    assert "중복 입력" in body and staff.username in body
    assert world.record_a.person_pseudonym not in body  # pseudonyms only truncated, even in diffs


def test_imports_tab_lists_batches(client, world):
    content = f"실적번호,부서,세부사업,개인식별번호,생년월일,성별,취업일\nA-7,{DEPARTMENT_A},직접일자리 사업,1,1990-01-01,여,2019-03-01\n"
    result = services.record_import(
        file=io.BytesIO(content.encode()), filename="march.csv", user=world.users["owner"], source="web"
    )
    assert result.batch_id
    client.force_login(world.users["owner"])
    body = _audit(client, kind="imports").content.decode()
    assert "march.csv" in body and world.users["owner"].username in body


def test_plans_and_roles_tabs(client, world):
    profile = Profile.objects.get(user=world.users["viewer"])
    profile.role = Role.COUNSELLOR
    profile.save()
    client.force_login(world.users["admin"])
    plans = _audit(client, kind="plans")
    assert any("III-1-1" in e.object_label for e in plans.context["entries"])
    roles = _audit(client, kind="profiles")
    change = next(e for e in roles.context["entries"] if e.action == "변경")
    assert any(c.field == "역할" and c.old == "열람자" and c.new == "일자리플러스센터 상담사" for c in change.changes)


def test_unknown_kind_falls_back_to_records(client, world):
    client.force_login(world.users["owner"])
    assert _audit(client, kind="nope").context["kind_key"] == "records"


def test_a_page_of_history_costs_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    for n in range(40):
        make_record(world.plan, world.department_a, f"A-9{n:03d}")
    JobRecord.objects.filter(record_id__startswith="A-9").update(employer="x")  # no history: bulk update
    kind = AUDIT_KIND_BY_KEY["records"]
    with django_assert_max_num_queries(6):  # the page, the versions before, one per related model (부서·사업·기간·적재)
        entries = describe(list(history_queryset(kind)[:50]), model=JobRecord)
    assert len(entries) == 42


@pytest.mark.django_db
def test_fresh_install_records_tab_explains_where_demo_and_imports_are(client, guro_plan):
    """After init, demo data and createadmin the records tab has no per-record history: say why, link the batches."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("demo_data", "--if-empty", stdout=io.StringIO())
    admin = get_user_model().objects.create_superuser("admin-audit", password="pw-for-tests-only-9")
    client.force_login(admin)
    html = client.get("/audit/").content.decode()
    assert "개인별 실적의 변경 이력이 아직 없습니다." in html
    assert "{#" not in html and "</nav>\n{% " not in html
    assert '<a href="?kind=imports">파일 적재</a> 탭(1건)' in html
    assert 'class="btn-tab" href="?kind=plans"' in html  # KRDS tab markup
    assert re.search(r"공약 계획 <span class=\"jp-tab-count\">[1-9]\d*건</span>", html)
    assert 'aria-current="page">개인별 실적 <span class="jp-tab-count">0건</span>' in html
