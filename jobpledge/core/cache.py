"""Reads cached under the data version: any write that can change what a page shows bumps DataVersion."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

from jobpledge.core.models import DataVersion

T = TypeVar("T")

PAGE_CACHE_SECONDS = 24 * 60 * 60


def versioned(key: str, version: str | None, compute: Callable[[], T]) -> T:
    """Cache a read under the current data version (every write that can change a page bumps it)."""
    if version is None:
        version = DataVersion.token()
    full_key = f"web:{key}:v{version}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, PAGE_CACHE_SECONDS)
    return value
