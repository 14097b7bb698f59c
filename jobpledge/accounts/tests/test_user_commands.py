"""`jobpledge user create|set-password|list`: the real commands (call_command, and the console script in a
subprocess for exit codes and the prompt-less password from standard input)."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from jobpledge.accounts import services
from jobpledge.accounts.models import Department, Profile, Role
from jobpledge.accounts.permissions import Action, has_perm
from jobpledge.accounts.tests.fixtures import FAST_HASHERS

ROOT = Path(__file__).resolve().parents[3]
PASSWORD_LINE = re.compile(r"비밀번호: (\S+)")


@pytest.fixture(autouse=True)
def _fast(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


def authenticate(*, username: str, password: str):
    """The user if the password is right (axes needs a request for `django.contrib.auth.authenticate`)."""
    user = get_user_model().objects.get(username=username)
    return user if user.check_password(password) else None


def run(*args: str, stdin: str | None = None) -> str:
    out = io.StringIO()
    kwargs = {"stdin": io.StringIO(stdin)} if stdin is not None else {}
    call_command(*args, stdout=out, **kwargs)
    return out.getvalue()


def printed_password(output: str) -> str:
    [password] = PASSWORD_LINE.findall(output)
    return password


@pytest.mark.parametrize(
    ("cli_role", "role"),
    [
        ("admin", Role.ADMIN),
        ("plan_owner", Role.OWNER),
        ("department_staff", Role.DEPARTMENT),
        ("counsellor", Role.COUNSELLOR),
        ("viewer", Role.VIEWER),
    ],
)
def test_create_each_role_prints_a_working_password_once(db, cli_role, role):
    Department.objects.create(name="복지정책과")
    output = run("user_create", "kim", "--role", cli_role, "--department", "복지정책과")
    password = printed_password(output)
    assert len(password) >= 16
    user = authenticate(username="kim", password=password)
    assert user is not None
    profile = Profile.objects.get(user=user)
    assert profile.role == role and profile.department.name == "복지정책과"
    assert user.is_superuser is (role == Role.ADMIN)
    assert not user.check_password("") and password not in user.password  # stored hashed


def test_roles_follow_the_permission_rules(db):
    Department.objects.create(name="복지정책과")
    run("user_create", "staff", "--role", "department_staff", "--department", "복지정책과")
    run("user_create", "owner", "--role", "plan_owner")
    run("user_create", "seer", "--role", "viewer")
    users = {u.username: u for u in get_user_model().objects.select_related("profile")}
    assert has_perm(users["owner"], Action.LOAD_PLAN)
    assert has_perm(users["staff"], Action.IMPORT_RECORDS) and not has_perm(users["staff"], Action.LOAD_PLAN)
    assert not has_perm(users["seer"], Action.VIEW_RECORDS)


def test_department_is_matched_by_its_clean_name(db):
    department = Department.objects.create(name="일자리지원과")
    run("user_create", "lee", "--role", "department_staff", "--department", "일자리 지원과\u200b")
    assert Profile.objects.get(user__username="lee").department == department


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "boss"], services.MSG_UNKNOWN_ROLE.format(role="boss", choices=", ".join(services.ROLE_NAMES))),
        (["--role", "owner"], services.MSG_UNKNOWN_ROLE.format(role="owner", choices=", ".join(services.ROLE_NAMES))),
        (["--role", "department_staff"], services.MSG_DEPARTMENT_REQUIRED),
        (
            ["--role", "department_staff", "--department", "없는과"],
            services.MSG_UNKNOWN_DEPARTMENT.format(name="없는과", known="복지정책과"),
        ),
    ],
)
def test_create_refuses_with_a_korean_message_and_creates_nothing(db, args, message):
    Department.objects.create(name="복지정책과")
    with pytest.raises(CommandError) as error:
        run("user_create", "kim", *args)
    assert str(error.value) == message
    assert error.value.returncode == 1
    assert not get_user_model().objects.filter(username="kim").exists()


def test_create_refuses_an_existing_user(db):
    run("user_create", "kim", "--role", "viewer")
    with pytest.raises(CommandError, match=services.MSG_USER_EXISTS.format(username="kim")):
        run("user_create", "kim", "--role", "admin")
    assert Profile.objects.get(user__username="kim").role == Role.VIEWER


def test_create_refuses_a_bad_username(db):
    with pytest.raises(CommandError, match="사용자 이름이 올바르지 않습니다"):
        run("user_create", "kim lee", "--role", "viewer")


def test_set_password_generate(db):
    first = printed_password(run("user_create", "kim", "--role", "viewer"))
    second = printed_password(run("user_set_password", "kim", "--generate"))
    assert first != second
    assert authenticate(username="kim", password=first) is None
    assert authenticate(username="kim", password=second) is not None


def test_set_password_from_standard_input(db):
    run("user_create", "kim", "--role", "viewer")
    output = run("user_set_password", "kim", stdin="Gur0-jobs-pledge-2019\n")
    assert "비밀번호를 바꿨습니다" in output and "Gur0" not in output
    assert authenticate(username="kim", password="Gur0-jobs-pledge-2019") is not None


def test_set_password_refuses_a_weak_one_in_korean(db):
    run("user_create", "kim", "--role", "viewer")
    with pytest.raises(CommandError) as error:
        run("user_set_password", "kim", stdin="1234\n")
    assert str(error.value).startswith("비밀번호를 쓸 수 없습니다: ")
    assert "너무 짧습니다" in str(error.value)  # Django's validator, in Korean


def test_set_password_of_an_unknown_user(db):
    with pytest.raises(CommandError, match=services.MSG_UNKNOWN_USER.format(username="ghost")):
        run("user_set_password", "ghost", "--generate")


def test_list_shows_every_user_with_role_and_department(db):
    Department.objects.create(name="복지정책과")
    run("user_create", "staff", "--role", "department_staff", "--department", "복지정책과")
    run("user_create", "boss", "--role", "admin")
    get_user_model().objects.create_user(username="plain", password="x")  # no profile: a viewer
    lines = run("user_list").splitlines()
    assert lines[0].split() == ["사용자", "역할", "역할(이름)", "부서", "활성", "마지막", "로그인"]
    rows = {line.split()[0]: line.split() for line in lines[1:]}
    assert rows["staff"][:4] == ["staff", "department_staff", "부서", "담당자"]
    assert "복지정책과" in rows["staff"]
    assert rows["boss"][1] == "admin" and rows["plain"][1] == "viewer"
    assert len(lines) == 4


@pytest.mark.slow
def test_console_script_exit_codes(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "JOBPLEDGE_VAR_DIR": str(tmp_path),
        "PYTHONIOENCODING": "utf-8",
    }
    script = str(Path(sys.executable).parent / "jobpledge")

    def jobpledge(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603
            [script, *args], env=env, cwd=ROOT, capture_output=True, text=True, input=stdin, timeout=300
        )

    assert jobpledge("migrate", "-v0").returncode == 0
    created = jobpledge("user", "create", "kim", "--role", "plan_owner")
    assert created.returncode == 0, created.stderr
    assert len(PASSWORD_LINE.findall(created.stdout)) == 1
    for args, message in [
        (("user", "create", "kim", "--role", "viewer"), services.MSG_USER_EXISTS.format(username="kim")),
        (("user", "create", "lee", "--role", "chief"), "알 수 없는 역할입니다: 「chief」"),
        (("user", "create", "lee", "--role", "department_staff"), services.MSG_DEPARTMENT_REQUIRED),
        (("user", "set-password", "nobody", "--generate"), services.MSG_UNKNOWN_USER.format(username="nobody")),
    ]:
        refused = jobpledge(*args)
        assert refused.returncode == 1, (args, refused.stdout, refused.stderr)
        assert message in refused.stderr and "Traceback" not in refused.stderr
    changed = jobpledge("user", "set-password", "kim", stdin="Gur0-jobs-pledge-2019\n")
    assert changed.returncode == 0, changed.stderr
    listed = jobpledge("user", "list")
    assert listed.returncode == 0 and "plan_owner" in listed.stdout and "kim" in listed.stdout
