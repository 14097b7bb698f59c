"""`jobpledge plan revisions KEY --format table|json`: the revisions of a plan."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from jobpledge.core.errors import JobpledgeError
from jobpledge.plans.revisions import revision_rows
from jobpledge.plans.selectors import get_plan

STATUS = {"pending": "승인 대기", "approved": "승인", "rejected": "반려"}


class Command(BaseCommand):
    help = "계획의 변경 이력(차수, 상태, 제안·승인, 시행일, 사유, 해시)을 출력합니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("key", help="계획 키 또는 관리번호")
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            rows = revision_rows(get_plan(options["key"]))
        except JobpledgeError as exc:
            self.stderr.write(str(exc))
            sys.exit(1)
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for r in rows:
            decided = r["approved_by"] or r["rejected_by"] or "-"
            self.stdout.write(
                f"{r['revision']:>3}차  {STATUS[r['status']]:<5}  제안 {r['proposed_by'] or '-'} {r['proposed_at'][:10]}"
                f"  결정 {decided}  시행 {r['effective'] or '-'}  {r['sha256'][:12]}  {r['reason']}"
            )
