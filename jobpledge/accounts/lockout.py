"""What django-axes answers to a locked-out user name or address: the Korean page, or JSON under /api/."""

from __future__ import annotations

from typing import Any

from axes.helpers import get_failure_limit
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from jobpledge.accounts.tokens import MSG_TOKEN_LOCKED

LOCKED_STATUS = 429


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict[str, Any] | None = None
) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": MSG_TOKEN_LOCKED}, status=LOCKED_STATUS)
    context = {"failure_limit": get_failure_limit(request, credentials)}
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, context, status=LOCKED_STATUS)
