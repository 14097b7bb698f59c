"""Writes that carry a permission check (Wagtail-style actions): the page and the API take the same action.

An action checks the role (PermissionDenied otherwise), fixes the department scope from the user, and
calls one service; the audit trail (simple-history rows with the user, ImportBatch) is written by the
services. A view or API endpoint builds the action from the request and reports its outcome.
"""

from __future__ import annotations

from typing import IO, Any

from django.core.exceptions import PermissionDenied

from jobpledge.accounts import permissions as perms
from jobpledge.accounts.permissions import Action
from jobpledge.plans.models import Plan
from jobpledge.records import services
from jobpledge.records.importers.results import ImportResult
from jobpledge.records.models import JobRecord
from jobpledge.records.permissions import records_in_scope


class ImportFileAction:
    """Import a records or aggregates file (dry run or commit) within the user's department scope."""

    def __init__(self, user: Any, *, kind: str = "records") -> None:
        self.user = user
        self.scope = perms.import_scope(user, Action.IMPORT_RECORDS)
        self.service = services.aggregate_import if kind == "aggregates" else services.record_import

    def execute(
        self,
        *,
        file: IO[bytes],
        filename: str,
        dry_run: bool,
        source: str,
        plan: Plan | None,
        closed_reason: str | None = None,
    ) -> ImportResult:
        return self.service(
            file=file,  # type: ignore[arg-type]
            filename=filename,
            user=self.user,
            department_scope=self.scope,
            dry_run=dry_run,
            source=source,
            plan=plan,
            closed_reason=closed_reason,
        )


class _RecordAction:
    def __init__(self, user: Any, record: JobRecord | None = None) -> None:
        self.scope = perms.import_scope(user, Action.CHANGE_RECORDS)
        if record is not None and not records_in_scope(user).filter(pk=record.pk).exists():
            raise PermissionDenied(perms.DENIED_MESSAGE)
        self.user = user
        self.record = record


class CreateRecordAction(_RecordAction):
    def execute(self, *, data: dict[str, Any], plan: Plan | None = None, closed_reason: str | None = None) -> JobRecord:
        return services.record_create(
            data=data, user=self.user, department_scope=self.scope, plan=plan, closed_reason=closed_reason
        )


class EditRecordAction(_RecordAction):
    def execute(self, *, data: dict[str, Any], closed_reason: str | None = None) -> JobRecord:
        assert self.record is not None  # noqa: S101 - constructed with a record
        return services.record_update(
            record=self.record, data=data, user=self.user, department_scope=self.scope, closed_reason=closed_reason
        )


class WithdrawRecordAction(_RecordAction):
    def execute(self, *, reason: str, closed_reason: str | None = None) -> JobRecord:
        assert self.record is not None  # noqa: S101
        return services.record_withdraw(record=self.record, reason=reason, user=self.user, closed_reason=closed_reason)
