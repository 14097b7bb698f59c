"""`jobpledge consent withdraw 구직번호 --user U [--on DATE]`: erase name, phone and notes now."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jobpledge.accounts.permissions import Action
from jobpledge.core.errors import JobpledgeError
from jobpledge.jobcenter import messages as jmsg
from jobpledge.jobcenter.cli import acting_user, parse_date
from jobpledge.jobcenter.models import JobSeeker
from jobpledge.jobcenter.privacy import seeker_withdraw_consent


class Command(BaseCommand):
    help = "구직자의 개인정보 동의 철회를 기록하고 성명·연락처·상담 내용을 즉시 삭제합니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("seeker", help="구직번호")
        parser.add_argument("--user", required=True)
        parser.add_argument("--on", default=None, help="철회일 YYYY-MM-DD (기본: 오늘)")

    def handle(self, *args: Any, **options: Any) -> None:
        user = acting_user(options["user"], Action.WORK_JOBCENTER)
        seeker = JobSeeker.objects.filter(seeker_no=options["seeker"]).first()
        if seeker is None:
            raise CommandError(jmsg.SEEKER_NOT_FOUND.format(value=options["seeker"]))
        try:
            seeker_withdraw_consent(seeker=seeker, user=user, on=parse_date(options["on"]))
        except JobpledgeError as error:
            raise CommandError(str(error), returncode=1) from None
        self.stdout.write(f"{seeker.seeker_no}: 동의 철회, 성명·연락처·상담 내용 삭제")
