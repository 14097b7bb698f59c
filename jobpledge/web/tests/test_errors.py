"""Korean error pages in the site layout (DEBUG off, as in production), and no link that leads to a 403."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import RequestFactory

from jobpledge.accounts.models import Profile, Role
from jobpledge.plans.models import Plan
from jobpledge.records.factories import add_record
from jobpledge.web import errors


def _layout(html: str) -> None:
    assert '<html lang="ko">' in html
    assert 'id="krds-header"' in html and '<main id="main"' in html and 'id="krds-footer"' in html
    assert "<title>오류: " in html


def _signed_in(client: Any, django_user_model: Any, role: str) -> Any:
    user = django_user_model.objects.create_user(username=f"u-{role}", password="pw-for-tests-only-9")
    Profile.objects.create(user=user, role=role)
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_404_is_korean_in_the_site_layout(client: Any, settings: Any) -> None:
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    _layout(html)
    assert "페이지를 찾을 수 없습니다" in html
    assert 'aria-label="주 메뉴"' in html  # the menu is there to go on from


@pytest.mark.django_db
def test_404_shows_our_korean_reason_but_not_djangos_english_one(
    client: Any, django_user_model: Any, settings: Any, guro_plan: Plan
) -> None:
    settings.DEBUG = False
    html = client.get("/card/no-such-plan/").content.decode()
    assert "no-such-plan" in html  # the plan lookup's Korean message names the key
    staff = _signed_in(client, django_user_model, Role.OWNER)
    html = staff.get("/records/999999/").content.decode()
    assert "matches the given query" not in html
    assert "페이지를 찾을 수 없습니다" in html


@pytest.mark.django_db
def test_403_is_korean_in_the_site_layout(client: Any, django_user_model: Any, settings: Any) -> None:
    settings.DEBUG = False
    viewer = _signed_in(client, django_user_model, Role.VIEWER)
    response = viewer.get("/records/")
    html = response.content.decode()
    assert response.status_code == 403
    _layout(html)
    assert "권한이 없습니다" in html
    assert "이 기능을 사용할 권한이 없습니다." in html


@pytest.mark.django_db
def test_a_failed_csrf_check_is_a_korean_403(django_user_model: Any, settings: Any) -> None:
    from django.test import Client

    settings.DEBUG = False
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    html = response.content.decode()
    _layout(html)
    assert "보안 확인에 실패했습니다" in html


@pytest.mark.django_db
def test_400_and_500_pages_are_korean_in_the_site_layout(rf: RequestFactory) -> None:
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/")
    request.user = AnonymousUser()
    bad = errors.bad_request(request, Exception("bad"))
    assert bad.status_code == 400
    _layout(bad.content.decode())
    assert "잘못된 요청입니다" in bad.content.decode()
    failed = errors.server_error(request)
    assert failed.status_code == 500
    _layout(failed.content.decode())
    assert "일시적인 서버 오류입니다" in failed.content.decode()


def test_500_page_renders_even_when_the_request_context_fails(rf: RequestFactory) -> None:
    class Broken:
        is_authenticated = property(lambda self: 1 / 0)

    request = rf.get("/")
    request.user = Broken()
    failed = errors.server_error(request)
    html = failed.content.decode()
    assert failed.status_code == 500
    assert '<html lang="ko">' in html and "일시적인 서버 오류입니다" in html


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "links"), [(Role.VIEWER, False), (Role.COUNSELLOR, False), (Role.OWNER, True)])
def test_drill_down_links_only_for_who_may_open_them(
    client: Any, django_user_model: Any, guro_plan: Plan, role: str, links: bool
) -> None:
    add_record(guro_plan, start=dt.date(2020, 5, 1))
    signed_in = _signed_in(client, django_user_model, role)
    for url in ("/dashboard/?as_of=2023-06-30", "/card/guro-III-1-1/?as_of=2023-06-30"):
        html = signed_in.get(url).content.decode()
        assert ('href="/records/?' in html) is links, (role, url)


@pytest.mark.django_db
def test_the_public_notice_is_in_the_footer_of_public_pages_only(
    client: Any, django_user_model: Any, guro_plan: Plan
) -> None:
    notice = "5명 미만인 세부 항목은 표시하지 않습니다"
    public = client.get("/public/").content.decode()
    assert notice in public and "일자리지원과 02-860-2054" in public
    staff = _signed_in(client, django_user_model, Role.OWNER)
    assert notice not in staff.get("/dashboard/").content.decode().split('id="krds-footer"')[1]
