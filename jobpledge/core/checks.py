"""System checks. Under production settings (`JOBPLEDGE_STRICT_KEYS = True`) a short pseudonym key is an error:
the pseudonyms are HMACs of identifiers from a small, guessable space (주민등록번호), so the key is the only
thing between a leaked database and the identifiers. Django runs these checks before `jobpledge serve`,
`migrate` and `check`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

PSEUDONYM_KEY_MIN_BYTES = 32
MSG_SHORT_PSEUDONYM_KEY = (
    "JOBPLEDGE_PSEUDONYM_KEY가 너무 짧습니다({length}바이트). 무작위 {minimum}바이트 이상이어야 합니다"
    " (예: python -c 'import secrets; print(secrets.token_urlsafe(48))')."
)


@checks.register(checks.Tags.security)
def pseudonym_key_length(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    if not getattr(settings, "JOBPLEDGE_STRICT_KEYS", False):
        return []
    length = len(settings.JOBPLEDGE_PSEUDONYM_KEY.encode())
    if length >= PSEUDONYM_KEY_MIN_BYTES:
        return []
    return [
        checks.Error(
            MSG_SHORT_PSEUDONYM_KEY.format(length=length, minimum=PSEUDONYM_KEY_MIN_BYTES),
            hint="docs/security.md: who holds the key and how to rotate it",
            id="jobpledge.E001",
        )
    ]
