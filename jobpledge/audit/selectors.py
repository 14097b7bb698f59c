"""Reads over the audit trail: which models are audited, their historical rows, and the import batches.

Every write to records, aggregates, plans, departments and profiles leaves a historical row (the
services save through the ORM, simple-history records who and when); imports also leave an
ImportBatch. core.history turns pages of those rows into entries a person can read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models

from jobpledge.accounts.models import Department, Profile
from jobpledge.core import history
from jobpledge.core.history import HistoryEntry
from jobpledge.plans.models import Plan
from jobpledge.records.models import AggregateEntry, ImportBatch, JobRecord


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


def history_queryset(kind: AuditKind) -> models.QuerySet[Any]:
    history_model = kind.model.history.model  # type: ignore[attr-defined]
    return history_model.objects.select_related("history_user").order_by("-history_date", "-history_id")


def object_label(model: type[models.Model], entry: Any) -> str:
    if model is JobRecord:
        return f"실적번호 {entry.record_id}"
    if model is Plan:
        return f"{entry.code} {entry.title}"
    if model is Profile:
        return f"사용자 #{entry.user_id} 역할"
    if model is Department:
        return str(entry.name)
    return f"#{entry.id}"


def describe(entries: Sequence[Any], *, model: type[models.Model]) -> list[HistoryEntry]:
    """Readable entries for historical rows of one of the audited models (core.history.describe, labelled)."""
    return history.describe(entries, model=model, object_label=lambda entry: object_label(model, entry))


def import_batches() -> models.QuerySet[ImportBatch]:
    return ImportBatch.objects.select_related("created_by").order_by("-created_at", "-pk")


def entry_counts() -> dict[str, int]:
    """How many entries each tab holds (the tabs show them, so an empty tab is not mistaken for no history)."""
    counts = {kind.key: history_queryset(kind).count() for kind in AUDIT_KINDS}
    counts["imports"] = ImportBatch.objects.count()
    return counts
