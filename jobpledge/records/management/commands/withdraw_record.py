"""`jobpledge withdraw record DEPARTMENT RECORD_ID --reason TEXT`: withdraw (or --restore) one record."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jobpledge.core.errors import JobpledgeError
from jobpledge.core.names import normalise_name
from jobpledge.records.importers import messages as msg
from jobpledge.records.importers.cli import user_by_name
from jobpledge.records.models import JobRecord
from jobpledge.records.services import record_restore, record_withdraw


class Command(BaseCommand):
    help = "실적 하나를 철회합니다(사유 필수, 이력에 남음). 삭제하지 않습니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("department", help="부서명")
        parser.add_argument("record_id", help="실적번호")
        parser.add_argument("--reason", required=True, help="철회(또는 철회 취소) 사유")
        parser.add_argument("--restore", action="store_true", help="철회를 취소함")
        parser.add_argument("--user", help="처리자로 기록할 사용자 이름")
        parser.add_argument(
            "--closed-reason", dest="closed_reason", default=None, help="마감(공표)된 기간의 실적일 때 변경 사유"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # the department's name as the import reads it: a pasted 일자리지원과\u200b finds 일자리지원과
        department, record_id = normalise_name(options["department"]), options["record_id"]
        record = JobRecord.objects.filter(department__name=department, record_id=record_id).first()
        if record is None:
            raise CommandError(msg.RECORD_NOT_FOUND.format(department=department, record_id=record_id))
        user = user_by_name(options["user"])
        try:
            if options["restore"]:
                record_restore(
                    record=record, reason=options["reason"], user=user, closed_reason=options["closed_reason"]
                )
                self.stdout.write(msg.CLI_RESTORED.format(department=department, record_id=record_id))
            else:
                record_withdraw(
                    record=record, reason=options["reason"], user=user, closed_reason=options["closed_reason"]
                )
                line = msg.CLI_WITHDRAWN.format(
                    department=department, record_id=record_id, reason=options["reason"].strip()
                )
                self.stdout.write(line)
        except JobpledgeError as exc:
            raise CommandError(exc.message) from exc
