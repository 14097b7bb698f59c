"""`jobpledge plan propose FILE --user U --reason TEXT [--force]`: store a pending revision (공약 조정)."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from jobpledge.accounts.lookup import user_named
from jobpledge.core.errors import JobpledgeError
from jobpledge.plans.revisions import plan_propose


class Command(BaseCommand):
    help = "계획 파일의 변경을 제안합니다 (다른 계획 담당자·관리자의 승인 후 반영)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="계획 파일 (TOML, 같은 key)")
        parser.add_argument("--user", required=True, help="제안하는 사용자")
        parser.add_argument("--reason", required=True, help="조정 사유")
        parser.add_argument("--force", action="store_true", help="합계 불일치가 있어도 제안 (불일치 내역 기록)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            revision = plan_propose(
                path=options["file"],
                user=user_named(options["user"]),
                reason=options["reason"],
                force=options["force"],
            )
        except JobpledgeError as exc:
            self.stderr.write(str(exc))
            sys.exit(1)
        for line in revision.forced_lines:
            self.stderr.write(line)
        self.stdout.write(
            f"{revision.plan.key} {revision.number}차 변경을 제안했습니다 (승인 대기, SHA-256 {revision.sha256[:12]})."
        )
