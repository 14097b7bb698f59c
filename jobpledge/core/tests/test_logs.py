"""Server errors are logged — to stderr and to the rotating file under the log folder — with the request id and
without the personal identifier the failing request carried."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path

from jobpledge.core.logs import REDACTED, RequestIdMiddleware, redact

IDENTIFIER = "900101-1234567"


def failing_view(request: HttpRequest) -> HttpResponse:
    # The worst case: code that quotes the request's values in its exception message.
    raise ValueError(f"cannot handle {request.GET.get('person')} / {request.POST.get('person_id')}")


def ok_view(request: HttpRequest) -> HttpResponse:
    logging.getLogger("jobpledge.test").info("handled person %s", request.GET.get("person"))
    return HttpResponse("ok")


urlpatterns = [path("boom/", failing_view), path("ok/", ok_view)]


def _log_text(log_dir: Path) -> str:
    for handler in [*logging.getLogger("django.request").handlers, *logging.getLogger("jobpledge").handlers]:
        handler.flush()
    return (log_dir / "jobpledge.log").read_text(encoding="utf-8")


@pytest.fixture
def stderr_lines():
    """What the configured stderr handler writes (its stream swapped for a buffer during the test)."""
    [console] = [
        h
        for h in logging.getLogger("django.request").handlers
        if type(h) is logging.StreamHandler  # the file handler is a StreamHandler subclass
    ]
    buffer = io.StringIO()
    original = console.setStream(buffer)
    yield buffer
    console.setStream(original)


@pytest.mark.urls(__name__)
def test_server_error_is_logged_with_request_id_and_without_the_identifier(log_dir, stderr_lines):
    client = Client(raise_request_exception=False)
    compact = IDENTIFIER.replace("-", "")
    response = client.post(f"/boom/?person={IDENTIFIER}", {"person_id": compact})
    assert response.status_code == 500
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    logged = _log_text(log_dir)
    stderr = stderr_lines.getvalue()
    for output in (logged, stderr):
        assert f"[{request_id}]" in output
        assert "Internal Server Error: /boom/" in output
        assert "ValueError: cannot handle" in output  # the traceback is there …
        assert IDENTIFIER not in output and compact not in output  # … the identifier is not
        assert REDACTED in output


@pytest.mark.urls(__name__)
def test_every_response_carries_a_request_id_and_a_proxy_id_is_kept(client, log_dir):
    first, second = client.get("/ok/?person=x"), client.get("/ok/?person=x")
    assert first["X-Request-ID"] != second["X-Request-ID"]
    kept = client.get("/ok/?person=x", HTTP_X_REQUEST_ID="proxy-7f3a9c21")
    assert kept["X-Request-ID"] == "proxy-7f3a9c21"
    assert "[proxy-7f3a9c21] handled person x" in _log_text(log_dir)
    for forged in ("x", "a b c d e f g h", "line\nbreak-000000", "9" * 65):
        assert client.get("/ok/", HTTP_X_REQUEST_ID=forged)["X-Request-ID"] != forged


def test_log_file_lives_in_the_temporary_log_folder(log_dir, settings):
    """The configured folder is the development var/log/; the tests' handler writes elsewhere (conftest.log_dir)."""
    assert Path(settings.JOBPLEDGE_LOG_DIR).name == "log"
    files = {Path(h.baseFilename) for h in logging.getLogger("jobpledge").handlers if hasattr(h, "baseFilename")}
    assert files == {Path(log_dir) / "jobpledge.log"}
    assert not Path(log_dir).is_relative_to(Path(settings.JOBPLEDGE_LOG_DIR).parent)


@pytest.mark.parametrize("text", ["900101-1234567", "9001011234567", "900101 1234567", "id=900101-1234567&x=1"])
def test_identifier_shapes_are_redacted(text):
    assert "1234567" not in redact(text)


@pytest.mark.parametrize("text", ["2019-03-01", "12345678901234", "batch 1234567", "2,100,000원"])
def test_other_numbers_are_left_alone(text):
    assert redact(text) == text


def test_middleware_is_first():
    from django.conf import settings

    assert settings.MIDDLEWARE[0] == f"{RequestIdMiddleware.__module__}.{RequestIdMiddleware.__name__}"
