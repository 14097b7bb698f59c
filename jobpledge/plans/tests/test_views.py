"""Plan pages: list, detail, and loading a plan file (owner only) with the check's lines on failure."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jobpledge.accounts.tests.fixtures import *  # noqa: F403
from jobpledge.accounts.tests.fixtures import People
from jobpledge.plans.models import Plan


def _plan_text() -> str:
    return settings.JOBPLEDGE_DEFAULT_PLAN_FILE.read_text(encoding="utf-8")


def _upload(text: str, name: str = "plan.toml") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"))


@pytest.fixture
def world(guro_plan: Any, people: People) -> SimpleNamespace:
    """The plan and a user of every role (the plan pages need no records)."""
    return SimpleNamespace(plan=guro_plan, users=people.users)


def test_list_and_detail(client, world):
    client.force_login(world.users["viewer"])
    listing = client.get(reverse("plans:list")).content.decode()
    assert "III-1-1" in listing and "매년 1만개 일자리 창출" in listing
    assert reverse("plans:upload") not in listing  # a viewer is not offered the upload
    detail = client.get(reverse("plans:detail", args=[world.plan.key])).content.decode()
    for text in ("직접일자리 사업", "17,600", "53,300", "2018년 [하반기]", "13,300"):
        assert text in detail


def test_unknown_plan_is_404(client, world):
    client.force_login(world.users["viewer"])
    assert client.get(reverse("plans:detail", args=["nope"])).status_code == 404


def test_owner_reloads_the_same_file_and_nothing_changes(client, world):
    client.force_login(world.users["owner"])
    before = Plan.objects.get(pk=world.plan.pk).history.count()
    response = client.post(reverse("plans:upload"), {"file": _upload(_plan_text())}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("plans:detail", args=[world.plan.key])
    assert "바뀐 것이 없습니다" in response.content.decode()
    assert Plan.objects.get(pk=world.plan.pk).history.count() == before


def test_inconsistent_plan_is_refused_with_the_check_lines(client, world):
    client.force_login(world.users["owner"])
    broken = _plan_text().replace("target = 13300", "target = 13400", 1)
    response = client.post(reverse("plans:upload"), {"file": _upload(broken)})
    assert response.status_code == 200
    body = response.content.decode()
    assert "계획의 합계가 맞지 않아 적재하지 않았습니다" in body
    assert response.context["lines"]
    assert all(line in body for line in response.context["lines"])
    assert Plan.objects.get(pk=world.plan.pk).periods.get(code="2019").target == 13300


def test_inconsistent_plan_can_be_forced_and_is_recorded(client, world):
    client.force_login(world.users["owner"])
    broken = _plan_text().replace("target = 13300", "target = 13400", 1)
    response = client.post(reverse("plans:upload"), {"file": _upload(broken), "force": "on"}, follow=True)
    assert "강제 적재" in response.content.decode()
    plan = Plan.objects.get(pk=world.plan.pk)
    assert plan.forced and plan.forced_lines
    assert plan.loaded_by == world.users["owner"]
    assert plan.history.latest().history_user == world.users["owner"]


def test_malformed_file_is_a_korean_message_not_a_traceback(client, world):
    client.force_login(world.users["owner"])
    response = client.post(reverse("plans:upload"), {"file": _upload("this is [not toml")})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert "Traceback" not in response.content.decode()


def test_plan_upload_only_takes_toml(client, world):
    client.force_login(world.users["owner"])
    response = client.post(reverse("plans:upload"), {"file": _upload("x", name="plan.exe")})
    assert response.context["form"].errors["file"]
