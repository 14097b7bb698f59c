"""`jobpledge import targets FILE [--plan KEY] [--dry-run]`: department targets, then the coverage lines."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError

from jobpledge.accountability import messages as amsg
from jobpledge.accountability.services import AccountabilityImportResult, targets_import
from jobpledge.records.importers import messages as msg
from jobpledge.records.importers.cli import ImportCommand


class Command(ImportCommand):
    help = "부서별 목표 적재 (import department targets: 부서, 세부사업, 기간, 목표)"
    closed_periods = False  # targets and spending are not the job figures a period close freezes
    service = staticmethod(targets_import)
    summary = amsg.CLI_TARGETS_SUMMARY

    def report(self, result: AccountabilityImportResult) -> None:  # type: ignore[override]
        report_accountability_import(self, result)


def report_accountability_import(command: Any, result: AccountabilityImportResult) -> None:
    """Errors one per line (and exit 1), or the summary, new departments, coverage lines and the outcome."""
    if not result.ok:
        for line in result.error_lines():
            command.stderr.write(line)
        raise CommandError(msg.CLI_FAILED.format(count=result.error_count), returncode=1)
    counts = {k: getattr(result, k) for k in ("created", "updated", "unchanged", "rows")}
    command.stdout.write(command.summary.format(**counts))
    if result.new_departments:
        names = ", ".join(result.new_departments)
        command.stdout.write(msg.CLI_NEW_DEPARTMENTS.format(count=len(result.new_departments), names=names))
    for line in result.coverage:
        command.stdout.write(line)
    command.stdout.write(msg.CLI_DRY_RUN if result.dry_run else amsg.CLI_SAVED)
