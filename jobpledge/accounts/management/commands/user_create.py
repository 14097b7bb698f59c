"""`jobpledge user create USERNAME --role admin|plan_owner|department_staff|counsellor|viewer [--department NAME]`.

Prints the generated password once. Korean message and exit 1 for an unknown role, a missing or unknown
department, or an existing user.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jobpledge.accounts.services import ROLE_NAMES, user_create
from jobpledge.core.errors import JobpledgeError


class Command(BaseCommand):
    help = "사용자를 역할과 함께 만들고, 생성한 비밀번호를 한 번만 출력합니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="사용자 이름(로그인 아이디)")
        # No argparse `choices`: an unknown role gets the Korean message and exit 1, not argparse's exit 2.
        parser.add_argument("--role", required=True, help="역할: " + "|".join(ROLE_NAMES))
        parser.add_argument("--department", help="부서명 (department_staff는 필수)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            created = user_create(username=options["username"], role=options["role"], department=options["department"])
        except JobpledgeError as error:
            raise CommandError(error.message) from None
        profile = created.user.profile
        where = f", 부서: {profile.department.name}" if profile.department else ""
        self.stdout.write(f"사용자를 만들었습니다: {created.user.username} (역할: {profile.get_role_display()}{where})")
        self.stdout.write("이 비밀번호는 다시 표시되지 않습니다. 전달한 뒤 본인이 바꾸도록 하세요.")
        self.stdout.write(f"  비밀번호: {created.password}")
