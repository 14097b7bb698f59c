"""Single-row ORM writes of JobRecord keep the summary tallies exact (counting.tallies).

The record services save one model instance at a time (create, edit, withdraw, restore), as do the factories, the
tests' helpers and anything else that calls `save()` or `delete()`: these receivers read the row as stored before
and after the write and hand the difference to TallyChanges, in the same transaction. Set-based writes do not
come through here; they maintain the tallies themselves or mark them stale (records.models.JobRecordQuerySet, through records.writes).
Connected by counting.apps: the records layer does not know these receivers exist.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from jobpledge.counting.tallies import TallyChanges, tallies_lock
from jobpledge.records import writes
from jobpledge.records.models import JobRecord

_BEFORE = "_tally_before"


def _stored(record: JobRecord, using: str) -> dict[str, Any] | None:
    if record.pk is None:
        return None
    stored: dict[str, Any] | None = JobRecord.objects.using(using).filter(pk=record.pk).values().first()  # type: ignore[assignment]
    return stored


@receiver(pre_save, sender=JobRecord, dispatch_uid="records_tallies_pre_save")
@receiver(pre_delete, sender=JobRecord, dispatch_uid="records_tallies_pre_delete")
def _remember_stored_state(sender: Any, instance: JobRecord, using: str, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    if transaction.get_connection(using).in_atomic_block:
        tallies_lock(using=using)  # before the row is written: writers queue in one order (counting.tallies)
    setattr(instance, _BEFORE, _stored(instance, using))


def _maintain(instance: JobRecord, using: str, *, after: dict[str, Any] | None) -> None:
    before = instance.__dict__.pop(_BEFORE, None)
    with transaction.atomic(using=using):
        changes = TallyChanges(using)
        if changes.begin():
            changes.change([(instance.pk, before, after)])
            changes.rows = (after is not None) - (before is not None)
        changes.write()


@receiver(post_save, sender=JobRecord, dispatch_uid="records_tallies_post_save")
def _tally_save(sender: Any, instance: JobRecord, using: str, raw: bool = False, **kwargs: Any) -> None:
    if raw:  # fixtures (loaddata): no stored state to compare with
        writes.bulk_written(using=using)
        return
    _maintain(instance, using, after=_stored(instance, using))


@receiver(post_delete, sender=JobRecord, dispatch_uid="records_tallies_post_delete")
def _tally_delete(sender: Any, instance: JobRecord, using: str, origin: Any = None, **kwargs: Any) -> None:
    _maintain(instance, using, after=None)
