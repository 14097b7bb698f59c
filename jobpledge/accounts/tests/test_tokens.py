"""API tokens: expiring, stored as a digest, revoked on password change and deactivation, refused while the user
name or address is locked out; `/api/token/` keeps its URL and its lockout."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from jobpledge.accounts.api import MSG_BAD_CREDENTIALS
from jobpledge.accounts.tests.fixtures import *  # noqa: F403
from jobpledge.accounts.tests.fixtures import PASSWORD
from jobpledge.accounts.tokens import MSG_TOKEN_INACTIVE, MSG_TOKEN_LOCKED

URL = "/api/records/"


@pytest.fixture(autouse=True)
def _no_failures(db):
    AccessAttempt.objects.all().delete()


def obtain(username: str, password: str = PASSWORD, **extra) -> tuple[int, dict]:
    response = APIClient().post("/api/token/", {"username": username, "password": password}, **extra)
    return response.status_code, response.json()


def with_token(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


@pytest.fixture
def staff(people):
    return people.users["department"]


@pytest.fixture
def token(staff) -> str:
    status, body = obtain(staff.username)
    assert status == 200, body
    return body["token"]


def test_token_endpoint_issues_an_expiring_token(staff, settings):
    before = timezone.now()
    status, body = obtain(staff.username)
    assert status == 200 and set(body) == {"token", "expiry"}
    expiry = dt.datetime.fromisoformat(body["expiry"].replace("Z", "+00:00"))
    ttl = settings.REST_KNOX["TOKEN_TTL"]
    assert before + ttl <= expiry <= timezone.now() + ttl
    assert with_token(body["token"]).get(URL).status_code == 200


def test_only_a_digest_is_stored(token):
    stored = AuthToken.objects.get()
    assert token not in stored.digest and stored.digest != token
    assert len(token) == 64


def test_wrong_password_and_missing_fields_are_korean_400(staff):
    assert obtain(staff.username, "wrong") == (400, {"detail": MSG_BAD_CREDENTIALS})
    response = APIClient().post("/api/token/", {"username": staff.username})
    assert response.status_code == 400 and response.json()["detail"]
    assert not AuthToken.objects.exists()


def test_expired_token_is_refused_and_deleted(token):
    AuthToken.objects.update(expiry=timezone.now() - dt.timedelta(seconds=1))
    assert with_token(token).get(URL).status_code == 401
    assert not AuthToken.objects.exists()


def test_password_change_through_the_command_revokes_tokens(staff, token):
    other_status, other = obtain(staff.username)
    assert other_status == 200
    call_command("user_set_password", staff.username, "--generate", stdout=io.StringIO())
    assert with_token(token).get(URL).status_code == 401
    assert with_token(other["token"]).get(URL).status_code == 401
    assert not AuthToken.objects.filter(user=staff).exists()


def test_password_change_through_set_password_and_save_revokes_tokens(staff, token):
    staff.set_password("another-long-passphrase-9")
    staff.save()
    assert with_token(token).get(URL).status_code == 401


def test_other_saves_keep_the_token(staff, token, client):
    logged_in = client.post(reverse("accounts:login"), {"username": staff.username, "password": PASSWORD})
    assert logged_in.status_code == 302  # the login saved last_login (update_fields)
    staff.first_name = "민수"
    staff.save()
    assert with_token(token).get(URL).status_code == 200


def test_deactivation_revokes_tokens_for_good(staff, token):
    staff.is_active = False
    staff.save()
    assert not AuthToken.objects.filter(user=staff).exists()
    staff.is_active = True
    staff.save()
    assert with_token(token).get(URL).status_code == 401


def test_deactivation_without_save_signal_is_refused_too(staff, token):
    type(staff).objects.filter(pk=staff.pk).update(is_active=False)  # bypasses model signals
    response = with_token(token).get(URL)
    assert response.status_code == 401
    assert response.json()["detail"] == MSG_TOKEN_INACTIVE
    assert not AuthToken.objects.filter(user=staff).exists()


def test_lockout_applies_to_an_existing_token_and_to_the_token_endpoint(staff, token, client):
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": staff.username, "password": "wrong"})
    refused = with_token(token).get(URL)
    assert refused.status_code == 401
    assert refused.json()["detail"] == MSG_TOKEN_LOCKED
    assert obtain(staff.username) == (429, {"detail": MSG_TOKEN_LOCKED})
    AccessAttempt.objects.all().delete()  # the cool-off has passed (or an administrator reset it)
    assert with_token(token).get(URL).status_code == 200


def test_lockout_through_the_token_endpoint(staff, people):
    statuses = [obtain(staff.username, "wrong")[0] for _ in range(5)]
    assert statuses == [400, 400, 400, 400, 429]
    assert obtain(staff.username) == (429, {"detail": MSG_TOKEN_LOCKED})
    other = people.users["owner"]  # another user from another address still gets a token
    assert obtain(other.username, REMOTE_ADDR="10.0.0.9")[0] == 200


def test_revoke_endpoint(token):
    client = with_token(token)
    assert client.post("/api/token/revoke/").status_code == 204
    assert client.get(URL).status_code == 401


def test_an_old_style_token_is_not_accepted(people):
    assert with_token("0123456789abcdef0123456789abcdef01234567").get(URL).status_code == 401


def test_schema_describes_the_token_endpoints_and_scheme(db):
    text = APIClient().get("/api/schema/").content.decode()
    for path in ("/api/token/", "/api/token/revoke/", "/api/token/revoke-all/"):
        assert f"{path}:" in text
    assert "tokenAuth:" in text and "expiry:" in text
