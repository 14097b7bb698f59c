"""Korean error pages in the site's layout: 400, 403 (also a failed CSRF check), 404 and 500.

Django's defaults are bare English pages without header, menu or landmarks. These render the templates
400/403/404/500.html, which extend base.html. The 500 page is rendered without the signed-in menu if the
full render itself fails (the database may be what broke), and as fixed text if even that fails.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
FALLBACK_500 = (
    '<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>오류: 서버 오류 | 일자리 공약 이행 관리</title>'
    "</head><body><main><h1>일시적인 서버 오류입니다</h1><p>잠시 뒤 다시 시도하세요. 문제가 계속되면 일자리지원과"
    '(02-860-2054)에 알려 주세요.</p><p><a href="/public/">공개 현황으로 가기</a></p></main></body></html>'
)


def _shown(exception: Exception | None) -> str:
    """The exception's message if it is one of ours (Korean); Django's own English messages are not shown."""
    text = str(exception.args[0]) if exception is not None and exception.args else ""
    return text if _HANGUL.search(text) else ""


def _render(request: HttpRequest, template: str, status: int, context: dict[str, Any]) -> HttpResponse:
    return HttpResponse(render_to_string(template, context, request=request), status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, "400.html", 400, {"message": _shown(exception)})


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, "403.html", 403, {"message": _shown(exception)})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    logger.warning("CSRF check failed: %s", reason)
    return _render(request, "403.html", 403, {"csrf": True})


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, "404.html", 404, {"message": _shown(exception)})


def server_error(request: HttpRequest) -> HttpResponse:
    try:
        return _render(request, "500.html", 500, {})
    except Exception:
        logger.exception("the 500 page failed with the request context; rendering it without")
    try:
        return HttpResponseServerError(render_to_string("500.html", {"minimal": True}))
    except Exception:
        logger.exception("the 500 page failed to render; sending fixed text")
        return HttpResponseServerError(FALLBACK_500)
