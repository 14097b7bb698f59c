"""Numbers, rates and dates as every page prints them: 53,300 · 9.4% · 2019-03-01."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import template

from jobpledge.web.suppression import Cell

register = template.Library()

DASH = "–"


@register.filter
def num(value: object) -> str:
    """Thousands separators; None (no figure) → '–'; a suppressed Cell → its label."""
    if isinstance(value, Cell):
        return value.label if value.suppressed else num(value.value)
    if value is None or value == "":
        return DASH
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, Decimal | float):
        return f"{value:,}"
    try:
        return f"{int(str(value)):,}"
    except ValueError:
        return str(value)


@register.filter
def rate(value: object, decimals: int = 1) -> str:
    """A percentage already rounded by the plan's rule, printed with its decimals: 9.4%, 100.0%."""
    if value is None or value == "":
        return DASH
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        return str(value)
    return f"{number:,.{int(decimals)}f}%"


@register.filter
def isodate(value: object) -> str:
    """Dates as 2019-03-01; datetimes in the local time zone as 2019-03-01 14:05."""
    if value is None or value == "":
        return DASH
    if isinstance(value, dt.datetime):
        from django.utils import timezone

        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return local.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return text


@register.filter
def get(mapping: object, key: object) -> object:
    """dict lookup in templates: {{ row|get:code }}."""
    if isinstance(mapping, dict):
        return mapping.get(key) if key in mapping else mapping.get(str(key))
    return None


@register.filter
def num_or_dash(value: object) -> str:
    """Amounts where the card prints '-' for nothing planned (0 or None)."""
    if not value:
        return "-"
    return num(value)


@register.filter
def get_row(rows: object, name: str) -> object:
    """The presenter row with this name (rows of a ReportView: programs, sectors…)."""
    for row in rows or []:  # type: ignore[attr-defined]
        if getattr(row, "name", None) == name:
            return row
    return None


@register.filter
def startswith(text: object, prefix: str) -> bool:
    """For the menu: {% if request.path|startswith:'/records/' %}."""
    return str(text or "").startswith(prefix)


@register.filter
def lookup(mapping: object, key: object) -> object:
    """mapping[key], or None: {{ preview.record_ids|lookup:error.row }}."""
    return mapping.get(key) if isinstance(mapping, dict) else None


@register.filter
def generation(band: object) -> str:
    """A generation band as people say it: 40-49 → 40-49세, 65+ → 65세 이상, blank → 미상."""
    text = str(band or "").strip()
    if not text:
        return "미상"
    if text.endswith("+"):
        return f"{text[:-1]}세 이상"
    return f"{text}세"


@register.filter
def demo_rows(rows: object) -> bool:
    """True when any of the rows is labelled demo data (the list then carries the 예시 데이터 banner)."""
    return any(getattr(row, "is_demo", False) for row in rows or [])  # type: ignore[attr-defined]
