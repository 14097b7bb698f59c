"""The body of `jobpledge match vacancy|seeker ID [--top N] [--as-of DATE] --format table|json`."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from jobpledge.core.errors import JobpledgeError
from jobpledge.jobcenter.cli import parse_date
from jobpledge.jobcenter.matching import DEFAULT_TOP, MatchResult, render_table


class MatchCommand(BaseCommand):
    selector: Callable[..., MatchResult]
    subject_argument: str

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("subject", help=self.subject_argument)
        parser.add_argument("--top", type=int, default=DEFAULT_TOP, help=f"후보 수 (기본 {DEFAULT_TOP})")
        parser.add_argument("--as-of", dest="as_of", default=None, help="기준일 YYYY-MM-DD (기본: 오늘)")
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = parse_date(options["as_of"]) or timezone.localdate()
        top = max(options["top"], 0)
        try:
            result = type(self).selector(options["subject"], as_of=as_of, top=top)
        except JobpledgeError as error:
            raise CommandError(str(error), returncode=1) from None
        if options["format"] == "json":
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False))
        else:
            self.stdout.write(render_table(result))
