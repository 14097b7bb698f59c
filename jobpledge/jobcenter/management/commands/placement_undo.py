"""`jobpledge placement undo PLACEMENT --reason TEXT --user U [--format text|json]`: withdraw its job record."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jobpledge.accounts.permissions import Action
from jobpledge.core.errors import JobpledgeError
from jobpledge.jobcenter import messages as jmsg
from jobpledge.jobcenter.cli import acting_user, print_json
from jobpledge.jobcenter.models import Placement
from jobpledge.jobcenter.services import placement_undo


class Command(BaseCommand):
    help = "취업을 취소합니다. 만들어진 고용서비스 실적은 사유와 함께 철회됩니다(삭제하지 않음)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("placement", type=int, help="취업 번호")
        parser.add_argument("--reason", required=True, help="취소 사유")
        parser.add_argument("--user", required=True, help="상담사 사용자 이름")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        user = acting_user(options["user"], Action.WORK_JOBCENTER)
        placement = Placement.objects.filter(pk=options["placement"]).first()
        if placement is None:
            raise CommandError(jmsg.PLACEMENT_NOT_FOUND.format(value=options["placement"]))
        try:
            placement = placement_undo(placement=placement, reason=options["reason"], user=user)
        except JobpledgeError as error:
            raise CommandError(str(error), returncode=1) from None
        record = placement.record
        if options["format"] == "json":
            print_json(self, {"placement": placement.pk, "status": "undone", "record": {
                "department": record.department.name, "record_id": record.record_id, "withdrawn": True}})  # fmt: skip
        else:
            self.stdout.write(f"취업 #{placement.pk}을(를) 취소하고 실적 {record.record_id}을(를) 철회했습니다.")
