"""`jobpledge jobcenter-demo`: load the Job Plus Center's labelled demo data (예시 데이터)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jobpledge.jobcenter.demo import demo_exists, load_demo, summary_line

MSG_EXISTS = "일자리플러스센터 예시 데이터가 이미 있습니다."


class Command(BaseCommand):
    help = "일자리플러스센터 예시 데이터(구인업체·구인·구직자·상담·알선·취업·사후관리·공사장)를 적재합니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--if-empty", action="store_true", help="이미 있으면 아무것도 하지 않음 (make run)")

    def handle(self, *args: Any, **options: Any) -> None:
        if demo_exists():
            if options["if_empty"]:
                self.stdout.write(MSG_EXISTS)
                return
            raise CommandError(MSG_EXISTS)
        self.stdout.write(summary_line(load_demo()))
