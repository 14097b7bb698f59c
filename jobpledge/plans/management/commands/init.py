"""`jobpledge init`: create or upgrade the schema and load the default plan. Running it again changes nothing."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from jobpledge.core.errors import JobpledgeError
from jobpledge.plans.services import plan_load_file


class Command(BaseCommand):
    help = "스키마를 만들거나 갱신하고 기본 공약 계획을 적재합니다 (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        try:
            result = plan_load_file(path=settings.JOBPLEDGE_DEFAULT_PLAN_FILE, user=None)
        except JobpledgeError as exc:
            raise CommandError(str(exc)) from exc
        state = "적재함" if result.changed else "변경 없음"
        self.stdout.write(f"스키마 최신. 기본 계획 {result.plan.code} ({result.plan.key}): {state}")
