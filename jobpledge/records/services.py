"""Writes to job records and aggregate entries: file imports, single-record create/update, withdrawal.

The CLI, the upload page and the API call the same services. Every write runs in one transaction,
stamps who made it, derives period/age/generation/retention through records.derive (inside the row
cleaner), keeps the summary tallies exact (through records.writes: the import through its writer, single records
through the model signals that counting connects) and bumps the records DataVersion once, so that no cached report outlives the data.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Mapping, Sequence
from typing import IO, Any, BinaryIO

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from jobpledge.accounts.models import Department
from jobpledge.core.errors import JobpledgeError
from jobpledge.core.models import DataVersion
from jobpledge.plans.models import ClosedPeriodChange, Plan
from jobpledge.records import writes
from jobpledge.records.closing import ClosedGuard
from jobpledge.records.importers import messages as msg
from jobpledge.records.importers.bulk import bulk_session, ensure_creation_history
from jobpledge.records.importers.columns import AGGREGATE_COLUMNS, RECORD_COLUMNS, Column
from jobpledge.records.importers.readers import FileProblem, Sheet, open_sheet
from jobpledge.records.importers.results import ImportResult
from jobpledge.records.importers.rows import AggregateCleaner, FieldError, RecordCleaner
from jobpledge.records.importers.runs import RecordWriter, run_aggregate_import, run_record_import
from jobpledge.records.importers.single import (
    ValidationFailed,
    form_values,
    period_bounds,
    plan_programs,
    stored_values,
    validated,
)
from jobpledge.records.models import ImportBatch, JobRecord

__all__ = [
    "ImportResult",
    "ValidationFailed",
    "aggregate_import",
    "record_create",
    "record_import",
    "record_restore",
    "record_update",
    "record_withdraw",
]

logger = logging.getLogger(__name__)
User = AbstractBaseUser


def default_plan() -> Plan | None:
    """The plan marked default, else the only plan."""
    plan = Plan.objects.filter(is_default=True).first()
    if plan is None and Plan.objects.count() == 1:
        plan = Plan.objects.get()
    return plan


def _user_id(user: User | None) -> int | None:
    return user.pk if user is not None and user.is_authenticated else None


def _max_bytes(source: str) -> int | None:
    """Uploads (web, api) are size-limited; a file given on the command line is the operator's own."""
    return None if source == "cli" else int(settings.JOBPLEDGE_UPLOAD_MAX_BYTES)


def _sha256(file: IO[bytes]) -> str:
    if not file.seekable():
        return ""
    digest = hashlib.sha256()
    file.seek(0)
    for block in iter(lambda: file.read(1024 * 1024), b""):
        digest.update(block)
    file.seek(0)
    return digest.hexdigest()


def _batch(kind: str, *, filename: str, source: str, user: User | None, sha256: str = "") -> ImportBatch:
    return ImportBatch.objects.create(
        kind=kind, filename=filename[:255], source=source, sha256=sha256, created_by_id=_user_id(user)
    )


def _finish(result: ImportResult, batch: ImportBatch | None) -> ImportResult:
    """Commit (stamp the batch, bump the data version) or roll back everything the run wrote."""
    if batch is None or not result.ok:
        transaction.set_rollback(True)
        return result
    batch.rows, batch.created_count = result.rows, result.created
    batch.updated_count, batch.unchanged_count = result.updated, result.unchanged
    batch.new_departments = result.new_departments
    batch.save(update_fields=["rows", "created_count", "updated_count", "unchanged_count", "new_departments"])
    result.batch_id = batch.pk
    DataVersion.bump()
    return result


def _open_import(
    result: ImportResult, *, file: BinaryIO, columns: Sequence[Column], source: str, dry_run: bool, plan: Plan | None
) -> tuple[Plan, str, Sheet] | None:
    """The plan, the file's hash and its sheet; None, with the reasons in `result`, when nothing can be imported."""
    plan = plan or default_plan()
    if plan is None:
        result.add_error(0, "", msg.NO_PLAN)
        return None
    sha256 = "" if dry_run else _sha256(file)  # before reading: the reader streams from the same handle
    try:
        sheet = open_sheet(file, columns=columns, max_bytes=_max_bytes(source))
    except FileProblem as problem:
        for error in problem.errors:
            result.add_error(error.row, error.column, error.message)
        return None
    return plan, sha256, sheet


@transaction.atomic
def record_import(
    *,
    file: BinaryIO,
    filename: str,
    user: User | None,
    department_scope: Department | None = None,
    dry_run: bool = False,
    source: str = "cli",
    plan: Plan | None = None,
    progress: Callable[[int], None] | None = None,
    closed_reason: str | None = None,
) -> ImportResult:
    """Import a records file (CSV or XLSX) all-or-nothing, upserting on (부서, 실적번호).

    `department_scope=None` acts as the plan owner: unknown departments are created and named in
    `new_departments`. With a scope, a row of any other department is an error. Validation problems
    come back in `result.errors` (nothing stored), never as an exception. A row that creates or changes a record
    of a closed period is an error unless `closed_reason` is given; with it, the reason and the rows are kept
    (records.closing).
    """
    result = ImportResult(kind="records", dry_run=dry_run)
    opened = _open_import(result, file=file, columns=RECORD_COLUMNS, source=source, dry_run=dry_run, plan=plan)
    if opened is None:
        return result
    plan, sha256, sheet = opened
    cleaner = RecordCleaner(
        programs=plan_programs(plan),
        periods=period_bounds(plan),
        pseudonym_key=settings.JOBPLEDGE_PSEUDONYM_KEY,
        department_scope=department_scope.name if department_scope else None,
        positions=sheet.header.index,
    )
    batch = writer = None
    if not dry_run:
        batch = _batch(ImportBatch.Kind.RECORDS, filename=filename, source=source, user=user, sha256=sha256)
        writer = RecordWriter(batch_id=batch.pk, user_id=_user_id(user), now=timezone.now())
    guard = ClosedGuard.load(reason=closed_reason)
    try:
        with bulk_session():
            run_record_import(
                sheet=sheet, cleaner=cleaner, result=result, writer=writer, progress=progress, guard=guard
            )
    except IntegrityError:  # another import wrote the same (부서, 실적번호) meanwhile; ours rolls back whole
        logger.warning("records import collided with a concurrent write", exc_info=True)
        result.add_error(0, "", msg.CONCURRENT_IMPORT)
    logger.info(
        "records import source=%s rows=%s created=%s updated=%s unchanged=%s errors=%s dry_run=%s",
        source, result.rows, result.created, result.updated, result.unchanged, result.error_count, dry_run,
    )  # fmt: skip
    if batch is not None and result.ok:
        guard.keep(kind=ClosedPeriodChange.Kind.RECORD_IMPORT, user=user, batch_id=batch.pk)
    return _finish(result, batch)


@transaction.atomic
def aggregate_import(
    *,
    file: BinaryIO,
    filename: str,
    user: User | None,
    department_scope: Department | None = None,
    dry_run: bool = False,
    source: str = "cli",
    plan: Plan | None = None,
    progress: Callable[[int], None] | None = None,
    closed_reason: str | None = None,
) -> ImportResult:
    """Import aggregate counts (부서, 세부사업, 기간, 실적, 근거) all-or-nothing, upserting on (부서, 세부사업, 기간)."""
    result = ImportResult(kind="aggregates", dry_run=dry_run)
    opened = _open_import(result, file=file, columns=AGGREGATE_COLUMNS, source=source, dry_run=dry_run, plan=plan)
    if opened is None:
        return result
    plan, sha256, sheet = opened
    cleaner = AggregateCleaner(
        programs=plan_programs(plan),
        periods=dict(plan.periods.values_list("code", "pk")),
        department_scope=department_scope.name if department_scope else None,
        positions=sheet.header.index,
    )
    batch = None
    if not dry_run:
        batch = _batch(ImportBatch.Kind.AGGREGATES, filename=filename, source=source, user=user, sha256=sha256)
    guard = ClosedGuard.load(reason=closed_reason)
    try:
        run_aggregate_import(
            guard=guard,
            sheet=sheet,
            cleaner=cleaner,
            result=result,
            batch_id=batch.pk if batch else None,
            user=user,
            progress=progress,
        )
    except IntegrityError:
        logger.warning("aggregate import collided with a concurrent write", exc_info=True)
        result.add_error(0, "", msg.CONCURRENT_IMPORT)
    if batch is not None and result.ok:
        guard.keep(kind=ClosedPeriodChange.Kind.AGGREGATE_IMPORT, user=user, batch_id=batch.pk)
    return _finish(result, batch)


# --- single records (forms, API) ---------------------------------------------------------------


def _single_guard(
    closed_reason: str | None, period_ids: list[Any], fields: Mapping[str, Any], record: JobRecord | None = None
) -> ClosedGuard:
    """Refuse (JobpledgeError) a one-record write into a closed period without a reason; else the guard to keep."""
    guard = ClosedGuard.load(reason=closed_reason)
    record_id = fields.get("record_id") or (record.record_id if record else "")
    guard.touch(period_ids, row=None, label=f"실적번호 {record_id}")
    guard.check_single()
    return guard


def _save_with_history(record: JobRecord, *, user: User | None, reason: str) -> None:
    record._history_user = user if _user_id(user) else None  # type: ignore[attr-defined]
    record._change_reason = reason  # type: ignore[attr-defined]
    record.save()


@transaction.atomic
def record_create(
    *,
    data: Mapping[str, Any],
    user: User | None,
    department_scope: Department | None = None,
    plan: Plan | None = None,
    person_pseudonym: str | None = None,
    closed_reason: str | None = None,
) -> JobRecord:
    """Create one record from form data with the import's rules; raise ValidationFailed listing every field error.

    Keys are the template's field names (record_id, department, program, person_id, birth_date, gender,
    start_date, end_date, employment_type, monthly_wage, weekly_hours, employer, resident,
    senior_activity, evidence); values may be text as typed or Python values (date, int, bool, Program …).
    The department must exist; a department user passes its department as `department_scope`.
    A caller that holds only the person's pseudonym (a Job Plus Center placement) passes it as
    `person_pseudonym` instead of a raw person_id.
    """
    plan = plan or default_plan()
    if plan is None:
        raise JobpledgeError(msg.NO_PLAN)
    values = form_values(data)
    if person_pseudonym is not None:
        values.pop("person_id", None)
    fields, _ = validated(
        values, plan=plan, department_scope=department_scope, person_required=person_pseudonym is None, record=None
    )
    if person_pseudonym is not None:
        fields["person_pseudonym"] = person_pseudonym
    guard = _single_guard(closed_reason, [fields.get("period_id")], fields)
    batch = _batch(ImportBatch.Kind.FORM, filename="", source="web", user=user)
    guard.keep(kind=ClosedPeriodChange.Kind.RECORD_CREATE, user=user, batch_id=batch.pk)
    record = JobRecord(**fields, batch=batch, created_by_id=_user_id(user), updated_by_id=_user_id(user))
    _save_with_history(record, user=user, reason="화면 입력")
    ImportBatch.objects.filter(pk=batch.pk).update(rows=1, created_count=1)
    DataVersion.bump()
    return record


@transaction.atomic
def record_update(
    *,
    record: JobRecord,
    data: Mapping[str, Any],
    user: User | None,
    department_scope: Department | None = None,
    closed_reason: str | None = None,
) -> JobRecord:
    """Change a record with the import's rules; fields absent from `data` keep their value.

    A blank or absent person_id keeps the stored pseudonym (the raw identifier is never stored, so a
    form cannot show it). Saving identical values changes nothing and writes no history.
    """
    writes.lock_writers()  # the writers' lock (summary tallies) comes before the record's (records.writes)
    record = JobRecord.objects.select_for_update().select_related("department", "program__plan").get(pk=record.pk)
    if department_scope is not None and record.department_id != department_scope.pk:
        raise ValidationFailed(
            [
                FieldError(
                    "department",
                    msg.DEPARTMENT_OUT_OF_SCOPE.format(scope=department_scope.name, value=record.department.name),
                )
            ]
        )
    values = {**stored_values(record), **form_values(data)}
    fields, _ = validated(
        values, plan=record.program.plan, department_scope=department_scope, person_required=False, record=record
    )
    changed = {name: value for name, value in fields.items() if getattr(record, name) != value}
    if not changed:
        return record
    guard = _single_guard(closed_reason, [record.period_id, fields.get("period_id", record.period_id)], fields, record)
    ensure_creation_history(JobRecord.objects.filter(pk=record.pk).values())
    batch = _batch(ImportBatch.Kind.FORM, filename="", source="web", user=user)
    guard.keep(kind=ClosedPeriodChange.Kind.RECORD_UPDATE, user=user, batch_id=batch.pk)
    ImportBatch.objects.filter(pk=batch.pk).update(rows=1, updated_count=1)
    for name, value in changed.items():
        setattr(record, name, value)
    record.batch, record.updated_by_id = batch, _user_id(user)
    _save_with_history(record, user=user, reason="화면 수정")
    DataVersion.bump()
    return record


@transaction.atomic
def record_withdraw(
    *, record: JobRecord, reason: str, user: User | None, closed_reason: str | None = None
) -> JobRecord:
    """Withdraw a record (it stops counting); the reason is kept on the record and in its history.

    Nothing is deleted: a withdrawn record stays visible with its history and can be restored.
    """
    reason = (reason or "").strip()
    if not reason:
        raise JobpledgeError(msg.WITHDRAW_REASON_REQUIRED)
    writes.lock_writers()  # the writers' lock (summary tallies) comes before the record's (records.writes)
    record = JobRecord.objects.select_for_update().get(pk=record.pk)
    if record.withdrawn_at is not None:
        raise JobpledgeError(msg.ALREADY_WITHDRAWN)
    _single_guard(closed_reason, [record.period_id], {}, record).keep(
        kind=ClosedPeriodChange.Kind.RECORD_WITHDRAW, user=user
    )
    ensure_creation_history(JobRecord.objects.filter(pk=record.pk).values())
    record.withdrawn_at, record.withdrawn_reason, record.updated_by_id = timezone.now(), reason, _user_id(user)
    _save_with_history(record, user=user, reason=f"철회: {reason}")
    DataVersion.bump()
    return record


@transaction.atomic
def record_restore(*, record: JobRecord, reason: str, user: User | None, closed_reason: str | None = None) -> JobRecord:
    """Undo a withdrawal; the record counts again. The reason goes into the history."""
    reason = (reason or "").strip()
    if not reason:
        raise JobpledgeError(msg.WITHDRAW_REASON_REQUIRED)
    writes.lock_writers()  # the writers' lock (summary tallies) comes before the record's (records.writes)
    record = JobRecord.objects.select_for_update().get(pk=record.pk)
    if record.withdrawn_at is None:
        raise JobpledgeError(msg.NOT_WITHDRAWN)
    _single_guard(closed_reason, [record.period_id], {}, record).keep(
        kind=ClosedPeriodChange.Kind.RECORD_RESTORE, user=user
    )
    ensure_creation_history(JobRecord.objects.filter(pk=record.pk).values())
    record.withdrawn_at, record.withdrawn_reason, record.updated_by_id = None, "", _user_id(user)
    _save_with_history(record, user=user, reason=f"철회 취소: {reason}")
    DataVersion.bump()
    return record
