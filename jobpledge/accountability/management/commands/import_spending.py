"""`jobpledge import spending FILE [--plan KEY] [--dry-run]`: budget execution by period, program and source."""

from __future__ import annotations

from jobpledge.accountability import messages as amsg
from jobpledge.accountability.management.commands.import_targets import report_accountability_import
from jobpledge.accountability.services import AccountabilityImportResult, spending_import
from jobpledge.records.importers.cli import ImportCommand


class Command(ImportCommand):
    help = "예산 집행 적재 (import spending: 기간, 세부사업, 재원, 집행액[, 예산현액, 근거])"
    closed_periods = False  # targets and spending are not the job figures a period close freezes
    service = staticmethod(spending_import)
    summary = amsg.CLI_SPENDING_SUMMARY

    def report(self, result: AccountabilityImportResult) -> None:  # type: ignore[override]
        report_accountability_import(self, result)
