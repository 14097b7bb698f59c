"""`jobpledge createadmin`: create an administrator if none exists and print its credentials once."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser

from jobpledge.accounts.models import Profile, Role


class Command(BaseCommand):
    help = "관리자가 없으면 만들고 아이디와 비밀번호를 한 번만 출력합니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default="admin")

    def handle(self, *args: Any, **options: Any) -> None:
        user_model = get_user_model()
        if user_model.objects.filter(is_superuser=True).exists():
            self.stdout.write("관리자 계정이 이미 있습니다 (비밀번호는 처음 만들 때 한 번만 표시됩니다).")
            return
        password = secrets.token_urlsafe(12)
        user = user_model.objects.create_superuser(username=options["username"], email="", password=password)
        Profile.objects.create(user=user, role=Role.ADMIN)
        self.stdout.write(self.style.SUCCESS("관리자 계정을 만들었습니다. 이 비밀번호는 다시 표시되지 않습니다."))
        self.stdout.write(f"  아이디: {user.username}\n  비밀번호: {password}")
