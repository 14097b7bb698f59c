"""Shared bits of the center's management commands: users, dates, import reporting, JSON output."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from jobpledge.accounts.permissions import DENIED_MESSAGE, Action, has_perm
from jobpledge.jobcenter import messages as jmsg
from jobpledge.records.importers.results import ImportResult


def user_by_name(username: str | None) -> Any:
    if not username:
        return None
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(jmsg.UNKNOWN_USER.format(value=username))
    return user


def acting_user(username: str | None, action: Action) -> Any:
    """The user a work command acts as; they must hold `action` (accounts.permissions)."""
    user = user_by_name(username)
    if user is None:
        raise CommandError(jmsg.USER_REQUIRED)
    if not has_perm(user, action):
        raise CommandError(DENIED_MESSAGE)
    return user


def parse_date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(jmsg.BAD_DATE.format(value=text)) from None


def print_json(command: BaseCommand, payload: object) -> None:
    command.stdout.write(json.dumps(payload, ensure_ascii=False))


class RegisterImportCommand(BaseCommand):
    """`jobpledge import employers|vacancies|seekers FILE [--dry-run]`: the service decides, this reports."""

    service: Callable[..., ImportResult]

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="CSV(UTF-8/CP949) 또는 XLSX 파일")
        parser.add_argument("--dry-run", action="store_true", help="검증만 하고 저장하지 않음")
        parser.add_argument("--user", help="적재자로 기록할 사용자 이름")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(jmsg.FILE_NOT_FOUND.format(path=path))
        user = user_by_name(options.get("user"))
        with path.open("rb") as handle:
            result = type(self).service(file=handle, user=user, dry_run=options["dry_run"], source="cli")
        report_import(self, result)


def report_import(command: BaseCommand, result: ImportResult) -> None:
    if not result.ok:
        for line in result.error_lines():
            command.stderr.write(line)
        raise CommandError(jmsg.CLI_FAILED.format(count=result.error_count), returncode=1)
    counts = {k: getattr(result, k) for k in ("created", "updated", "unchanged", "rows")}
    command.stdout.write(jmsg.CLI_SUMMARY.format(**counts))
    command.stdout.write(jmsg.CLI_DRY_RUN if result.dry_run else jmsg.CLI_COMMITTED)
