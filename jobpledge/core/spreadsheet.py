"""Cells written to CSV/XLSX exports: formula-looking text is neutralised (CSV/XLSX injection)."""

from __future__ import annotations

from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Prefix an apostrophe to text that a spreadsheet would run as a formula; numbers pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
