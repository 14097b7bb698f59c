"""Production settings pass `check --deploy`; pages carry CSP and CSRF; production refuses to start without keys."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from jobpledge.records.tests.world import *  # noqa: F403

ROOT = Path(__file__).resolve().parents[3]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # The browser tests' conftest sets DJANGO_ALLOW_ASYNC_UNSAFE for the whole pytest process; a deployment never has it.
    dropped = ("SECRET_KEY", "JOBPLEDGE_PSEUDONYM_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    environment = {k: v for k, v in os.environ.items() if k not in dropped}
    environment.update({"DJANGO_SETTINGS_MODULE": "config.production", "ALLOWED_HOSTS": "example.org", **env})
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_production_settings_pass_check_deploy():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(50)[:50],
        JOBPLEDGE_PSEUDONYM_KEY=secrets.token_urlsafe(32),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("key", ["x", "a" * 31, "키" * 10])  # "키" is 3 bytes: 30 bytes in all
def test_production_refuses_a_short_pseudonym_key(key):
    result = _manage("check", SECRET_KEY=secrets.token_urlsafe(50)[:50], JOBPLEDGE_PSEUDONYM_KEY=key)
    assert result.returncode != 0
    assert "jobpledge.E001" in result.stderr
    assert f"JOBPLEDGE_PSEUDONYM_KEY가 너무 짧습니다({len(key.encode())}바이트)" in result.stderr


def test_production_accepts_a_pseudonym_key_of_32_bytes():
    result = _manage("check", SECRET_KEY=secrets.token_urlsafe(50)[:50], JOBPLEDGE_PSEUDONYM_KEY="k" * 32)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_keys():
    result = _manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY and JOBPLEDGE_PSEUDONYM_KEY must be set" in result.stderr


def test_pages_carry_a_strict_content_security_policy(client, world):
    client.force_login(world.users["owner"])
    response = client.get(reverse("records:list"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    "name",
    ["records:create", "records:upload", "plans:upload", "accounts:login"],
)
def test_every_form_carries_a_csrf_token(client, world, name):
    if name != "accounts:login":
        client.force_login(world.users["owner"])
    body = client.get(reverse(name)).content.decode()
    assert body.count("<form") >= 1
    assert body.count('method="post"') == body.count("csrfmiddlewaretoken")


def test_post_without_csrf_token_is_refused(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["owner"])
    response = client.post(reverse("records:withdraw", args=[world.record_a.pk]), {"reason": "x"})
    assert response.status_code == 403
    world.record_a.refresh_from_db()
    assert world.record_a.withdrawn_at is None


def test_no_inline_script_or_style_in_my_pages(client, world):
    client.force_login(world.users["owner"])
    for url in (reverse("records:list"), reverse("records:detail", args=[world.record_a.pk]), reverse("audit:log")):
        body = client.get(url).content.decode()
        assert "<script>" not in body and " style=" not in body and "<style" not in body
