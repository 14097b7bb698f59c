"""Template helpers for role-aware navigation: a link is shown only to those who may follow it."""

from __future__ import annotations

from typing import Any

from django import template

from jobpledge.accounts.permissions import Action, has_perm

register = template.Library()


@register.filter
def can(user: Any, action: str) -> bool:
    """`{% if user|can:"view_records" %}` — the same rule the views enforce."""
    return bool(getattr(user, "is_authenticated", False)) and has_perm(user, Action(action))
