"""`jobpledge user set-password USERNAME [--generate]`: a new password, typed (asked twice at a terminal, one
line from standard input otherwise) or generated and printed once. The user's API tokens are revoked."""

from __future__ import annotations

import getpass
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jobpledge.accounts.services import user_named, user_set_password
from jobpledge.core.errors import JobpledgeError

MSG_MISMATCH = "두 번 입력한 비밀번호가 다릅니다."
MSG_EMPTY = "비밀번호가 비어 있습니다."


class Command(BaseCommand):
    stealth_options = ("stdin",)
    help = "사용자의 비밀번호를 바꿉니다(입력하거나 --generate로 생성). 그 사용자의 API 토큰은 모두 폐기됩니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="사용자 이름")
        parser.add_argument("--generate", action="store_true", help="비밀번호를 생성해 한 번만 출력")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"]
        try:
            user_named(username)  # before asking for a password
            if options["generate"]:
                password = user_set_password(username=username)
                self.stdout.write(f"{username}의 비밀번호를 바꿨습니다. 이 비밀번호는 다시 표시되지 않습니다.")
                self.stdout.write(f"  비밀번호: {password}")
                return
            user_set_password(username=username, password=self._read_password(options.get("stdin") or sys.stdin))
        except JobpledgeError as error:
            raise CommandError(error.message) from None
        self.stdout.write(f"{username}의 비밀번호를 바꿨습니다.")

    def _read_password(self, stdin: Any) -> str:
        if stdin.isatty():
            first = getpass.getpass("새 비밀번호: ")
            if first != getpass.getpass("새 비밀번호 확인: "):
                raise CommandError(MSG_MISMATCH)
        else:  # a script: one line from standard input
            first = stdin.readline().rstrip("\r\n")
        if not first:
            raise CommandError(MSG_EMPTY)
        return first
