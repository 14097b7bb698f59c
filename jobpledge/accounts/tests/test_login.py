"""Login and logout, with django-axes locking out the sixth bad attempt."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jobpledge.accounts.tests.fixtures import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_axes(settings):
    from axes.models import AccessAttempt

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    AccessAttempt.objects.all().delete()


def test_login_page_has_csrf_and_logs_in(client):
    make_user("kim", "viewer")
    page = client.get(reverse("accounts:login"))
    assert page.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()
    response = client.post(reverse("accounts:login"), {"username": "kim", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"


def test_wrong_password_is_a_korean_error(client):
    make_user("kim", "viewer")
    response = client.post(reverse("accounts:login"), {"username": "kim", "password": "nope"})
    assert response.status_code == 200
    assert "아이디 또는 비밀번호가 올바르지 않습니다." in response.content.decode()


def test_sixth_login_after_five_failures_is_locked_out_even_with_the_right_password(client, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    make_user("kim", "viewer")
    statuses = [
        client.post(reverse("accounts:login"), {"username": "kim", "password": "wrong"}).status_code for _ in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]  # the fifth failure locks the account
    sixth = client.post(reverse("accounts:login"), {"username": "kim", "password": PASSWORD})
    assert sixth.status_code == 429
    assert "로그인이 잠시 제한되었습니다" in sixth.content.decode()
    assert "_auth_user_id" not in client.session


def test_token_endpoint_is_throttled_too(client):
    make_user("kim", "viewer")
    for _ in range(5):
        client.post("/api/token/", {"username": "kim", "password": "wrong"})
    response = client.post("/api/token/", {"username": "kim", "password": PASSWORD})
    assert response.status_code in (400, 429)  # refused: the backend denies a locked-out user
    assert "token" not in response.json()
    make_user("lee", "viewer")  # control: an account that is not locked gets its token
    assert (
        "token" in client.post("/api/token/", {"username": "lee", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9").json()
    )


def test_logout_needs_post(client):
    user = make_user("kim", "viewer")
    client.force_login(user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_login_post_without_csrf_token_is_refused():
    from django.test import Client

    make_user("kim", "viewer")
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "kim", "password": PASSWORD})
    assert response.status_code == 403
