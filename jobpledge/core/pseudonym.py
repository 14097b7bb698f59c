"""Keyed pseudonyms for personal identifiers. The raw identifier never leaves this function."""

from __future__ import annotations

import hashlib
import hmac
import re

from django.conf import settings

_NOT_ALNUM = re.compile(r"[^0-9A-Za-z]")


def normalise_identifier(raw: str) -> str:
    """Drop spaces, hyphens and other separators, upper-case letters: 900101-1234567 == 9001011234567."""
    return _NOT_ALNUM.sub("", raw).upper()


def pseudonymise(raw: str, *, key: str | None = None) -> str:
    """HMAC-SHA256 (hex) of the normalised identifier under JOBPLEDGE_PSEUDONYM_KEY."""
    secret = (key if key is not None else settings.JOBPLEDGE_PSEUDONYM_KEY).encode()
    return hmac.new(secret, normalise_identifier(raw).encode(), hashlib.sha256).hexdigest()


#: How much of a pseudonym a list, an export or the history shows: too little to join another data set by it.
PSEUDONYM_SHOWN = 12


def short_pseudonym(pseudonym: str) -> str:
    return pseudonym[:PSEUDONYM_SHOWN]
