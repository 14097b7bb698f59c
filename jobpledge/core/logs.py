"""Logging: every line carries the request id, server errors reach stderr and a rotating file, and nothing
that looks like a personal identifier is written.

`RequestIdMiddleware` gives each request an id (a well-formed `X-Request-ID` from the proxy is kept, anything
else replaced), returns it as the `X-Request-ID` response header and puts it on every log record made while the
request runs, so a user who reports an error page's id leads to its traceback. `RedactingFormatter` replaces
주민등록번호-like numbers (6 digits, optional hyphen, 7 digits) in the whole formatted line — message and
traceback alike — because an exception message can quote a value the code never meant to log.
"""

from __future__ import annotations

import contextvars
import logging
import os
import re
import uuid
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any

REQUEST_ID_HEADER = "X-Request-ID"
_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("jobpledge_request_id", default="-")
_WELL_FORMED_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{7,63}$")
# A resident (or foreigner) registration number with or without its hyphen, not part of a longer number.
_IDENTIFIER = re.compile(r"(?<![0-9])[0-9]{6}\s?-?\s?[0-9]{7}(?![0-9])")
REDACTED = "[식별번호 삭제]"


def current_request_id() -> str:
    return _request_id.get()


def redact(text: str) -> str:
    return _IDENTIFIER.sub(REDACTED, text)


class RequestIdFilter(logging.Filter):
    """Puts `request_id` on every record ("-" outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A rotating log file created on first use (mode 0600, its folder 0700): a process that logs nothing
    leaves no file behind."""

    def __init__(self, filename: str, **kwargs: Any) -> None:
        kwargs.setdefault("delay", True)
        super().__init__(filename, **kwargs)

    def _open(self) -> Any:
        Path(self.baseFilename).parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        old = os.umask(0o077)
        try:
            return super()._open()
        finally:
            os.umask(old)


class RequestIdMiddleware:
    """Outermost middleware: one id per request, on the response header and on every log line."""

    def __init__(self, get_response: Callable[[Any], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        offered = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = offered if _WELL_FORMED_ID.match(offered) else uuid.uuid4().hex
        request.request_id = request_id
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


def logging_config(*, log_dir: Path, level: str = "INFO") -> dict[str, Any]:
    """The LOGGING setting: `jobpledge` at `level` and `django.request` errors, to stderr and `log_dir`/jobpledge.log."""
    handlers = ["console", "file"]
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {
            "plain": {
                "()": RedactingFormatter,
                "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
            }
        },
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["request_id"]},
            "file": {
                "()": PrivateRotatingFileHandler,
                "filename": str(log_dir / "jobpledge.log"),
                "maxBytes": 10 * 1024 * 1024,
                "backupCount": 10,
                "encoding": "utf-8",
                "formatter": "plain",
                "filters": ["request_id"],
            },
        },
        "loggers": {
            "jobpledge": {"handlers": handlers, "level": level, "propagate": False},
            "django.request": {"handlers": handlers, "level": "ERROR", "propagate": False},
        },
    }
