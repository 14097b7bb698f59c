"""`jobpledge referral outcome REFERRAL hired|not_hired|no_show [--start DATE] --user U [--format text|json]`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jobpledge.accounts.permissions import Action
from jobpledge.core.errors import JobpledgeError
from jobpledge.jobcenter import messages as jmsg
from jobpledge.jobcenter.cli import acting_user, parse_date, print_json
from jobpledge.jobcenter.models import Referral
from jobpledge.jobcenter.services import referral_outcome


class Command(BaseCommand):
    help = "알선 결과를 입력합니다. 채용(hired)은 취업으로 등록되어 고용서비스 실적이 됩니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("referral", type=int, help="알선 번호")
        parser.add_argument("outcome", help="hired | not_hired | no_show")
        parser.add_argument("--start", default=None, help="취업일 YYYY-MM-DD (hired에 필수)")
        parser.add_argument("--on", default=None, help="결과일 YYYY-MM-DD (기본: 오늘)")
        parser.add_argument("--user", required=True, help="상담사 사용자 이름")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        user = acting_user(options["user"], Action.WORK_JOBCENTER)
        referral = Referral.objects.filter(pk=options["referral"]).first()
        if referral is None:
            raise CommandError(jmsg.REFERRAL_NOT_FOUND.format(value=options["referral"]))
        try:
            placement = referral_outcome(
                referral=referral,
                outcome=options["outcome"],
                user=user,
                start_date=parse_date(options["start"]),
                on=parse_date(options["on"]),
            )
        except JobpledgeError as error:
            raise CommandError(str(error), returncode=1) from None
        payload: dict[str, Any] = {"referral": referral.pk, "status": options["outcome"]}
        if placement is not None:
            record = placement.record
            payload["placement"] = placement.pk
            payload["record"] = {"department": record.department.name, "record_id": record.record_id}
        if options["format"] == "json":
            print_json(self, payload)
        elif placement is not None:
            self.stdout.write(
                f"알선 #{referral.pk}: 채용 — 취업 #{placement.pk}, 실적 「{placement.record.department.name}」 "
                f"{placement.record.record_id}"
            )
        else:
            self.stdout.write(f"알선 #{referral.pk}: {Referral.Status(options['outcome']).label}")
