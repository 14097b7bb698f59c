"""`jobpledge referral create --seeker 구직번호 --vacancy 구인번호 --user U [--on DATE] [--format text|json]`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jobpledge.accounts.permissions import Action
from jobpledge.core.errors import JobpledgeError
from jobpledge.jobcenter import messages as jmsg
from jobpledge.jobcenter.cli import acting_user, parse_date, print_json
from jobpledge.jobcenter.models import JobSeeker, Vacancy
from jobpledge.jobcenter.services import referral_create


class Command(BaseCommand):
    help = "구직자를 구인에 알선합니다(매칭의 필수 조건을 지켜야 합니다)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seeker", required=True, help="구직번호")
        parser.add_argument("--vacancy", required=True, help="구인번호")
        parser.add_argument("--user", required=True, help="상담사 사용자 이름")
        parser.add_argument("--on", default=None, help="알선일 YYYY-MM-DD (기본: 오늘)")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        user = acting_user(options["user"], Action.WORK_JOBCENTER)
        seeker = JobSeeker.objects.filter(seeker_no=options["seeker"]).first()
        if seeker is None:
            raise CommandError(jmsg.SEEKER_NOT_FOUND.format(value=options["seeker"]))
        vacancy = Vacancy.objects.filter(vacancy_no=options["vacancy"]).first()
        if vacancy is None:
            raise CommandError(jmsg.VACANCY_NOT_FOUND.format(value=options["vacancy"]))
        try:
            referral = referral_create(seeker=seeker, vacancy=vacancy, user=user, referred_on=parse_date(options["on"]))
        except JobpledgeError as error:
            raise CommandError(str(error), returncode=1) from None
        if options["format"] == "json":
            print_json(self, {"referral": referral.pk})
        else:
            self.stdout.write(f"알선 #{referral.pk}: 구직 {seeker.seeker_no} → 구인 {vacancy.vacancy_no}")
