"""The shared body of `jobpledge import records|aggregates FILE`: progress on stderr, summary, errors one per line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from jobpledge.plans.models import Plan
from jobpledge.records.importers import messages as msg
from jobpledge.records.importers.results import ImportResult


def estimate_rows(path: Path) -> int | None:
    """Lines of a CSV (cheap: bytes only) for the progress bar; None for XLSX (unknown until read)."""
    with path.open("rb") as handle:
        if handle.read(4) == b"PK\x03\x04":
            return None
        handle.seek(0)
        return sum(block.count(b"\n") for block in iter(lambda: handle.read(1024 * 1024), b""))


def user_by_name(username: str | None) -> Any:
    if not username:
        return None
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(msg.CLI_UNKNOWN_USER.format(username=username))
    return user


class ImportCommand(BaseCommand):
    """Subclasses name the service; the service decides everything, this only reads, reports and exits."""

    service: Callable[..., ImportResult]
    #: Whether the service writes job figures that a period close protects (records, aggregates): then `--reason`
    #: lets rows into a closed period (docs/governance.md). Targets and spending are not such figures.
    closed_periods = True

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="CSV(UTF-8/CP949) 또는 XLSX 파일")
        parser.add_argument("--dry-run", action="store_true", help="검증만 하고 저장하지 않음")
        parser.add_argument("--plan", help="계획 키 (기본: 기본 계획)")
        parser.add_argument("--user", help="적재자로 기록할 사용자 이름")
        if self.closed_periods:
            parser.add_argument(
                "--reason", default=None, help="마감(공표)된 기간의 실적을 바꿀 때의 사유 (이력에 남음)"
            )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(msg.CLI_FILE_NOT_FOUND.format(path=path))
        plan = None
        if options["plan"]:
            plan = Plan.objects.filter(key=options["plan"]).first()
            if plan is None:
                raise CommandError(msg.CLI_UNKNOWN_PLAN.format(key=options["plan"]))
        user = user_by_name(options["user"])
        console = Console(stderr=True)
        columns = (TextColumn(msg.CLI_PROGRESS), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as bar:
            task = bar.add_task(msg.CLI_PROGRESS, total=estimate_rows(path))
            extra = {"closed_reason": options["reason"]} if self.closed_periods else {}
            with path.open("rb") as handle:
                result = type(self).service(
                    file=handle,
                    filename=path.name,
                    user=user,
                    dry_run=options["dry_run"],
                    source="cli",
                    plan=plan,
                    progress=lambda rows: bar.update(task, completed=rows),
                    **extra,
                )
        self.report(result)

    def report(self, result: ImportResult) -> None:
        if not result.ok:
            for line in result.error_lines():
                self.stderr.write(line)
            raise CommandError(msg.CLI_FAILED.format(count=result.error_count), returncode=1)
        counts = {k: getattr(result, k) for k in ("created", "updated", "unchanged", "rows")}
        self.stdout.write(msg.CLI_SUMMARY.format(**counts))
        if result.new_departments:
            names = ", ".join(result.new_departments)
            self.stdout.write(msg.CLI_NEW_DEPARTMENTS.format(count=len(result.new_departments), names=names))
        if result.still_withdrawn:
            self.stdout.write(msg.CLI_STILL_WITHDRAWN.format(count=result.still_withdrawn))
        if result.dry_run:
            self.stdout.write(msg.CLI_DRY_RUN)
        else:
            self.stdout.write(msg.CLI_COMMITTED.format(batch_id=result.batch_id))
