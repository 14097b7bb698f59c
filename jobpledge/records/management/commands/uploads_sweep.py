"""`jobpledge uploads sweep [--max-age SECONDS]`: delete staged dry-run files older than the expiry.

Meant for cron (every hour is plenty; docs/security.md). The upload page also sweeps whenever a file is uploaded.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from jobpledge.records.staging import staging_dir, sweep_staged_uploads


class Command(BaseCommand):
    help = "확인(미리보기)만 하고 적재하지 않은 업로드 파일 중 보관 기한이 지난 것을 지웁니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--max-age",
            type=int,
            default=None,
            help="이 초보다 오래된 파일을 지움 (기본: JOBPLEDGE_UPLOAD_EXPIRY_SECONDS)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        max_age = options["max_age"]
        if max_age is None:
            max_age = settings.JOBPLEDGE_UPLOAD_EXPIRY_SECONDS
        removed = sweep_staged_uploads(max_age_seconds=max_age)
        self.stdout.write(f"기한({max_age}초)이 지난 업로드 파일 {removed}개를 지웠습니다: {staging_dir()}")
