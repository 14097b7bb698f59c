"""`jobpledge plan reject KEY REVISION --user U --reason TEXT`: reject a pending revision."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from jobpledge.accounts.lookup import user_named
from jobpledge.core.errors import JobpledgeError
from jobpledge.plans.revisions import plan_reject
from jobpledge.plans.selectors import get_plan


class Command(BaseCommand):
    help = "제안된 계획 변경을 반려합니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("key", help="계획 키 또는 관리번호")
        parser.add_argument("revision", type=int, help="변경 차수")
        parser.add_argument("--user", required=True, help="반려하는 사용자")
        parser.add_argument("--reason", required=True, help="반려 사유")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = user_named(options["user"])
            revision = plan_reject(
                plan=get_plan(options["key"]), number=options["revision"], user=user, reason=options["reason"]
            )
        except JobpledgeError as exc:
            self.stderr.write(str(exc))
            sys.exit(1)
        self.stdout.write(f"{revision.plan.key} {revision.number}차 변경을 반려했습니다.")
