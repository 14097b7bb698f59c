"""Reads over the audit trail: django-simple-history's historical rows, with what changed in each.

Every write to records, aggregates, plans, departments and profiles leaves a historical row (the
services save through the ORM, simple-history records who and when); imports also leave an
ImportBatch. This module turns pages of those rows into entries a person can read.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from jobpledge.accounts.models import Department, Profile
from jobpledge.plans.models import Plan
from jobpledge.records.models import AggregateEntry, ImportBatch, JobRecord
from jobpledge.records.tables import short_pseudonym

MAX_SHOWN = 200
ACTION_LABELS = {"+": "생성", "~": "변경", "-": "삭제"}

#: Fields never shown in a diff: bookkeeping, or derived from fields that are shown.
HIDDEN_FIELDS = {"id", "created_at", "updated_at", "loaded_at", "created_by", "updated_by", "loaded_by"}


@dataclass(frozen=True)
class AuditKind:
    key: str
    label: str
    model: type[models.Model]


AUDIT_KINDS: list[AuditKind] = [
    AuditKind("records", "개인별 실적", JobRecord),
    AuditKind("aggregates", "집계 실적", AggregateEntry),
    AuditKind("plans", "공약 계획", Plan),
    AuditKind("profiles", "사용자 역할", Profile),
    AuditKind("departments", "부서", Department),
]
AUDIT_KIND_BY_KEY = {kind.key: kind for kind in AUDIT_KINDS}


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: dt.datetime
    who: str
    action: str
    object_id: int
    object_label: str
    reason: str
    changes: list[Change] = field(default_factory=list)


def history_queryset(kind: AuditKind) -> models.QuerySet[Any]:
    history_model = kind.model.history.model  # type: ignore[attr-defined]
    return history_model.objects.select_related("history_user").order_by("-history_date", "-history_id")


def _display(field_obj: models.Field[Any, Any] | None, value: Any, names: dict[tuple[Any, Any], str]) -> str:
    if value is None or value == "":
        return ""
    if field_obj is not None and field_obj.name == "person_pseudonym":
        return short_pseudonym(str(value))
    if isinstance(field_obj, models.ForeignKey):
        return names.get((field_obj.related_model, value), f"#{value}")
    if field_obj is not None and field_obj.choices:
        return str(dict(field_obj.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "예" if value else "아니오"
    text = str(value)
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def _previous_versions(history_model: Any, entries: Sequence[Any]) -> dict[int, Any]:
    """The version before each entry, for a whole page in one query (history_id -> previous row)."""
    if not entries:
        return {}
    ids = {entry.id for entry in entries}
    latest = max(entry.history_date for entry in entries)
    by_object: dict[int, list[Any]] = defaultdict(list)
    for row in history_model.objects.filter(id__in=ids, history_date__lte=latest).order_by(
        "history_date", "history_id"
    ):
        by_object[row.id].append(row)
    previous: dict[int, Any] = {}
    for rows in by_object.values():
        for older, newer in zip(rows, rows[1:], strict=False):
            previous[newer.history_id] = older
    return previous


def describe(entries: Sequence[Any], *, model: type[models.Model]) -> list[HistoryEntry]:
    """Readable entries (who, when, what changed from the version before) for historical rows of one model."""
    history_model = model.history.model  # type: ignore[attr-defined]
    previous = _previous_versions(history_model, entries)
    fields = {f.attname: f for f in model._meta.concrete_fields if f.name not in HIDDEN_FIELDS}

    raw: list[tuple[Any, list[tuple[Any, Any, Any]]]] = []
    wanted: dict[Any, set[Any]] = defaultdict(set)
    for entry in entries:
        before = previous.get(entry.history_id)
        diffs: list[tuple[Any, Any, Any]] = []
        for attname, field_obj in fields.items():
            old = getattr(before, attname, None) if before is not None else None
            new = getattr(entry, attname, None)
            if before is None and entry.history_type == "+" and new in (None, "", False, [], {}):
                continue
            if before is not None and old == new:
                continue
            if before is None and entry.history_type != "+":
                continue
            diffs.append((field_obj, old, new))
            if isinstance(field_obj, models.ForeignKey):
                for value in (old, new):
                    if value is not None:
                        wanted[field_obj.related_model].add(value)
        raw.append((entry, diffs))

    names: dict[tuple[Any, Any], str] = {}
    for related_model, pks in wanted.items():
        for obj in related_model._default_manager.filter(pk__in=pks):
            names[(related_model, obj.pk)] = str(obj)

    result = []
    for entry, diffs in raw:
        user = entry.history_user
        result.append(
            HistoryEntry(
                when=entry.history_date,
                who=(user.get_username() if user else "시스템(명령줄)"),
                action=ACTION_LABELS.get(entry.history_type, entry.history_type),
                object_id=entry.id,
                object_label=_object_label(model, entry),
                reason=entry.history_change_reason or "",
                changes=[
                    Change(str(f.verbose_name), _display(f, old, names), _display(f, new, names))
                    for f, old, new in diffs
                ],
            )
        )
    return result


def _object_label(model: type[models.Model], entry: Any) -> str:
    if model is JobRecord:
        return f"실적번호 {entry.record_id}"
    if model is Plan:
        return f"{entry.code} {entry.title}"
    if model is Profile:
        return f"사용자 #{entry.user_id} 역할"
    if model is Department:
        return str(entry.name)
    return f"#{entry.id}"


def record_history(record: JobRecord) -> list[HistoryEntry]:
    """A job record's history, newest first."""
    rows = list(record.history.select_related("history_user").order_by("-history_date", "-history_id"))  # type: ignore[attr-defined]
    return describe(rows, model=JobRecord)


def import_batches() -> models.QuerySet[ImportBatch]:
    return ImportBatch.objects.select_related("created_by").order_by("-created_at", "-pk")


def entry_counts() -> dict[str, int]:
    """How many entries each tab holds (the tabs show them, so an empty tab is not mistaken for no history)."""
    counts = {kind.key: history_queryset(kind).count() for kind in AUDIT_KINDS}
    counts["imports"] = ImportBatch.objects.count()
    return counts
