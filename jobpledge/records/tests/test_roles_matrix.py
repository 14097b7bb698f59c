"""The role matrix: every role × every page and API endpoint × every action, with the expected status and,
for writes, the expected effect (or its absence). Then one department trying another's records by URL,
by API and by upload.

The expectations are written out here by hand (not derived from accounts.permissions), so that a change
to the rules has to change this table too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from knox.models import AuthToken
from rest_framework.test import APIClient

from jobpledge.records.models import JobRecord
from jobpledge.records.tests.world import *  # noqa: F403
from jobpledge.records.tests.world import DEPARTMENT_A, World

ROLES = ["anonymous", "admin", "owner", "department", "counsellor", "viewer", "no_profile"]
LOGIN = "login"  # an anonymous page request is redirected to the login page
CSV_HEADER = "실적번호,부서,세부사업,개인식별번호,생년월일,성별,취업일"


def csv_file(department: str, record_id: str) -> SimpleUploadedFile:
    text = f"{CSV_HEADER}\n{record_id},{department},직접일자리 사업,900101-1234567,1990-01-01,여,2019-03-01\n"
    return SimpleUploadedFile("r.csv", text.encode(), content_type="text/csv")


def plan_file() -> SimpleUploadedFile:
    return SimpleUploadedFile("guro.toml", settings.JOBPLEDGE_DEFAULT_PLAN_FILE.read_bytes())


RECORD_FORM = {
    "department": DEPARTMENT_A,
    "program": "직접일자리 사업",
    "record_id": "A-0500",
    "person_id": "880101-2345678",
    "birth_date": "1988-01-01",
    "gender": "여",
    "start_date": "2019-04-01",
}


def edit_form(world: World) -> dict[str, str]:
    return {**RECORD_FORM, "record_id": "A-0001", "end_date": "2020-12-31", "person_id": ""}


def created(record_id: str) -> Callable[[World], bool]:
    return lambda world: JobRecord.objects.filter(record_id=record_id).exists()


def record_a_withdrawn(world: World) -> bool:
    world.record_a.refresh_from_db()
    return world.record_a.withdrawn_at is not None


def record_a_edited(world: World) -> bool:
    world.record_a.refresh_from_db()
    return str(world.record_a.end_date) == "2020-12-31"


@dataclass
class Case:
    name: str
    method: str
    url: Callable[[World], str]
    expected: dict[str, int | str]  # role -> status (or LOGIN)
    data: Callable[[World], dict[str, Any]] | None = None
    api: bool = False
    effect: Callable[[World], bool] | None = None  # true after an allowed write, false after a refused one
    extra: dict[str, Any] = field(default_factory=dict)


def _expect(
    anonymous: int | str, admin: int, owner: int, department: int, counsellor: int, viewer: int
) -> dict[str, int | str]:
    """One row of the matrix; a user without a profile is a viewer."""
    return dict(zip(ROLES, [anonymous, admin, owner, department, counsellor, viewer, viewer], strict=True))


A = lambda world: world.record_a.pk  # noqa: E731

CASES = [
    # --- record pages ---------------------------------------------------------------------------------
    Case("records list", "get", lambda w: "/records/", _expect(LOGIN, 200, 200, 200, 403, 403)),
    Case("records export csv", "get", lambda w: "/records/export.csv", _expect(LOGIN, 200, 200, 200, 403, 403)),
    Case("record detail", "get", lambda w: f"/records/{A(w)}/", _expect(LOGIN, 200, 200, 200, 403, 403)),
    Case("record create page", "get", lambda w: "/records/new/", _expect(LOGIN, 200, 200, 200, 403, 403)),
    Case(
        "record create",
        "post",
        lambda w: "/records/new/",
        _expect(LOGIN, 302, 302, 302, 403, 403),
        data=lambda w: RECORD_FORM,
        effect=created("A-0500"),
    ),
    Case("record edit page", "get", lambda w: f"/records/{A(w)}/edit/", _expect(LOGIN, 200, 200, 200, 403, 403)),
    Case(
        "record edit",
        "post",
        lambda w: f"/records/{A(w)}/edit/",
        _expect(LOGIN, 302, 302, 302, 403, 403),
        data=edit_form,
        effect=record_a_edited,
    ),
    Case(
        "record withdraw page", "get", lambda w: f"/records/{A(w)}/withdraw/", _expect(LOGIN, 200, 200, 200, 403, 403)
    ),
    Case(
        "record withdraw",
        "post",
        lambda w: f"/records/{A(w)}/withdraw/",
        _expect(LOGIN, 302, 302, 302, 403, 403),
        data=lambda w: {"reason": "중복"},
        effect=record_a_withdrawn,
    ),
    Case("upload page", "get", lambda w: "/records/upload/", _expect(LOGIN, 200, 200, 200, 403, 403)),
    Case(
        "upload dry run",
        "post",
        lambda w: "/records/upload/",
        _expect(LOGIN, 200, 200, 200, 403, 403),
        data=lambda w: {"kind": "records", "file": csv_file(DEPARTMENT_A, "A-0600")},
    ),
    Case(
        "upload commit",
        "post",
        lambda w: "/records/upload/commit/",
        _expect(LOGIN, 302, 302, 302, 403, 403),
        data=lambda w: {"token": "upload-unknown"},
    ),
    Case("template xlsx", "get", lambda w: "/records/template/records.xlsx", _expect(LOGIN, 200, 200, 200, 403, 403)),
    Case("template csv", "get", lambda w: "/records/template/aggregates.csv", _expect(LOGIN, 200, 200, 200, 403, 403)),
    # --- plan pages -----------------------------------------------------------------------------------
    Case("plan list", "get", lambda w: "/plans/", _expect(LOGIN, 200, 200, 200, 200, 200)),
    Case("plan detail", "get", lambda w: f"/plans/{w.plan.key}/", _expect(LOGIN, 200, 200, 200, 200, 200)),
    Case("plan revisions", "get", lambda w: f"/plans/{w.plan.key}/revisions/", _expect(LOGIN, 200, 200, 200, 200, 200)),
    Case(
        "plan revision decide",
        "post",
        lambda w: f"/plans/{w.plan.key}/revisions/9/decide/",
        _expect(LOGIN, 302, 302, 403, 403, 403),
        data=lambda w: {"decision": "reject", "reason": "없는 차수"},
    ),
    Case("plan upload page", "get", lambda w: "/plans/upload/", _expect(LOGIN, 200, 200, 403, 403, 403)),
    Case(
        "plan upload",
        "post",
        lambda w: "/plans/upload/",
        _expect(LOGIN, 302, 302, 403, 403, 403),
        data=lambda w: {"file": plan_file()},
    ),
    # --- audit and dashboards -------------------------------------------------------------------------
    Case("audit log", "get", lambda w: "/audit/", _expect(LOGIN, 200, 200, 403, 403, 403)),
    Case("audit imports", "get", lambda w: "/audit/?kind=imports", _expect(LOGIN, 200, 200, 403, 403, 403)),
    Case("dashboard", "get", lambda w: "/dashboard/", _expect(LOGIN, 200, 200, 200, 200, 200)),
    Case("explain page", "get", lambda w: "/explain/?period=2019", _expect(LOGIN, 200, 200, 200, 200, 200)),
    Case("public page", "get", lambda w: "/public/", _expect(200, 200, 200, 200, 200, 200)),
    # --- API ------------------------------------------------------------------------------------------
    Case("api report", "get", lambda w: "/api/report/", _expect(401, 200, 200, 200, 200, 200), api=True),
    Case("api explain", "get", lambda w: "/api/explain/?period=2019", _expect(401, 200, 200, 200, 200, 200), api=True),
    Case("api records list", "get", lambda w: "/api/records/", _expect(401, 200, 200, 200, 403, 403), api=True),
    Case(
        "api record detail", "get", lambda w: f"/api/records/{A(w)}/", _expect(401, 200, 200, 200, 403, 403), api=True
    ),
    Case(
        "api import dry run",
        "post",
        lambda w: "/api/records/import/",
        _expect(401, 200, 200, 200, 403, 403),
        data=lambda w: {"file": csv_file(DEPARTMENT_A, "A-0700")},
        api=True,
    ),
    Case(
        "api import commit",
        "post",
        lambda w: "/api/records/import/",
        _expect(401, 200, 200, 200, 403, 403),
        data=lambda w: {"file": csv_file(DEPARTMENT_A, "A-0800"), "dry_run": "false"},
        api=True,
        effect=created("A-0800"),
    ),
    Case("api schema", "get", lambda w: "/api/schema/", _expect(200, 200, 200, 200, 200, 200), api=True),
]


def client_for(world: World, role: str, *, api: bool) -> Any:
    if api:
        client = APIClient()
        if role != "anonymous":
            _, token = AuthToken.objects.create(user=world.users[role])
            client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        return client
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def _request(client: Any, case: Case, world: World) -> Any:
    url = case.url(world)
    data = case.data(world) if case.data else None
    if case.method == "get":
        return client.get(url)
    if case.api:
        return client.post(url, data, format="multipart")
    return client.post(url, data)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_matrix(world, case, role):
    response = _request(client_for(world, role, api=case.api), case, world)
    expected = case.expected[role]
    if expected == LOGIN:
        assert response.status_code == 302, (case.name, role)
        assert response["Location"].startswith("/accounts/login/?next=")
    else:
        assert response.status_code == expected, (case.name, role, getattr(response, "content", b"")[:300])
    if case.effect is not None:
        assert case.effect(world) == (expected in (200, 302)), (case.name, role, "effect")


# --- one department against another's records ------------------------------------------------------------


@dataclass
class CrossCase:
    name: str
    method: str
    url: Callable[[World], str]
    expected: int
    data: Callable[[World], dict[str, Any]] | None = None
    api: bool = False
    untouched: Callable[[World], bool] = lambda world: True
    absent: str = ""  # text that must not appear in the response


def record_a_untouched(world: World) -> bool:
    world.record_a.refresh_from_db()
    return world.record_a.withdrawn_at is None and world.record_a.end_date is None


def nothing_stored_for(record_id: str) -> Callable[[World], bool]:
    return lambda world: not JobRecord.objects.filter(record_id=record_id).exists()


CROSS_CASES = [
    CrossCase("detail by URL", "get", lambda w: f"/records/{A(w)}/", 404),
    CrossCase("edit page by URL", "get", lambda w: f"/records/{A(w)}/edit/", 404),
    CrossCase(
        "edit by URL", "post", lambda w: f"/records/{A(w)}/edit/", 404, data=edit_form, untouched=record_a_untouched
    ),
    CrossCase("withdraw page by URL", "get", lambda w: f"/records/{A(w)}/withdraw/", 404),
    CrossCase(
        "withdraw by URL",
        "post",
        lambda w: f"/records/{A(w)}/withdraw/",
        404,
        data=lambda w: {"reason": "x"},
        untouched=record_a_untouched,
    ),
    CrossCase(
        "list filtered to it", "get", lambda w: f"/records/?department={w.department_a.pk}", 200, absent="A-0001"
    ),
    CrossCase(
        "export filtered to it",
        "get",
        lambda w: f"/records/export.csv?department={w.department_a.pk}",
        200,
        absent="A-0001",
    ),
    CrossCase(
        "create for it",
        "post",
        lambda w: "/records/new/",
        200,
        data=lambda w: {**RECORD_FORM, "record_id": "A-0900"},
        untouched=nothing_stored_for("A-0900"),
    ),
    CrossCase(
        "upload its rows",
        "post",
        lambda w: "/records/upload/",
        200,
        data=lambda w: {"kind": "records", "file": csv_file(DEPARTMENT_A, "A-0901")},
        untouched=nothing_stored_for("A-0901"),
    ),
    CrossCase("API detail", "get", lambda w: f"/api/records/{A(w)}/", 404, api=True),
    CrossCase(
        "API list filtered to it",
        "get",
        lambda w: f"/api/records/?department={w.department_a.pk}",
        200,
        api=True,
        absent="A-0001",
    ),
    CrossCase(
        "API import of its rows",
        "post",
        lambda w: "/api/records/import/",
        422,
        data=lambda w: {"file": csv_file(DEPARTMENT_A, "A-0902"), "dry_run": "false"},
        api=True,
        untouched=nothing_stored_for("A-0902"),
    ),
]


@pytest.mark.parametrize("case", CROSS_CASES, ids=[c.name for c in CROSS_CASES])
def test_department_b_cannot_reach_department_a(world, case):
    client = client_for(world, "department_b", api=case.api)
    url = case.url(world)
    data = case.data(world) if case.data else None
    if case.method == "get":
        response = client.get(url)
    else:
        response = client.post(url, data, format="multipart") if case.api else client.post(url, data)
    assert response.status_code == case.expected
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if case.absent:
        assert case.absent.encode() not in body
    assert case.untouched(world)
