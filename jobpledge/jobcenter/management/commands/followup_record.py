"""`jobpledge followup record PLACEMENT --status employed|left|unreachable [--left-on DATE] --user U`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jobpledge.accounts.permissions import Action
from jobpledge.core.errors import JobpledgeError
from jobpledge.jobcenter import messages as jmsg
from jobpledge.jobcenter.cli import acting_user, parse_date, print_json
from jobpledge.jobcenter.models import Placement
from jobpledge.jobcenter.services import followup_record


class Command(BaseCommand):
    help = "취업 사후관리(1·6·12개월) 결과를 입력합니다. 퇴사(left)는 실적의 종료일이 됩니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("placement", type=int, help="취업 번호")
        parser.add_argument("--status", required=True, help="employed | left | unreachable")
        parser.add_argument("--left-on", dest="left_on", default=None, help="퇴사일 YYYY-MM-DD (left에 필수)")
        parser.add_argument("--months", type=int, default=None, help="1 | 6 | 12 (기본: 다음 예정 사후관리)")
        parser.add_argument("--on", default=None, help="확인일 YYYY-MM-DD (기본: 오늘)")
        parser.add_argument("--user", required=True, help="상담사 사용자 이름")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        user = acting_user(options["user"], Action.WORK_JOBCENTER)
        placement = Placement.objects.filter(pk=options["placement"]).first()
        if placement is None:
            raise CommandError(jmsg.PLACEMENT_NOT_FOUND.format(value=options["placement"]))
        try:
            followup = followup_record(
                placement=placement,
                status=options["status"],
                user=user,
                left_on=parse_date(options["left_on"]),
                months=options["months"],
                on=parse_date(options["on"]),
            )
        except JobpledgeError as error:
            raise CommandError(str(error), returncode=1) from None
        record = placement.record
        record.refresh_from_db()
        payload = {
            "placement": placement.pk,
            "months": followup.months,
            "status": followup.status,
            "record": {
                "department": record.department.name,
                "record_id": record.record_id,
                "end_date": record.end_date.isoformat() if record.end_date else None,
            },
        }
        if options["format"] == "json":
            print_json(self, payload)
        else:
            self.stdout.write(f"취업 #{placement.pk} {followup.months}개월 사후관리: {followup.get_status_display()}")
