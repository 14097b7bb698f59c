"""The REST API: token auth, report contract, scoped records list/detail, import dry run and commit, schema."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from knox.models import AuthToken
from rest_framework.test import APIClient

from jobpledge.records.models import ImportBatch, JobRecord
from jobpledge.records.tests.world import *  # noqa: F403
from jobpledge.records.tests.world import DEPARTMENT_A, DEPARTMENT_B, make_record

HEADER = "실적번호,부서,세부사업,개인식별번호,생년월일,성별,취업일"


def api_for(user) -> APIClient:
    client = APIClient()
    _, token = AuthToken.objects.create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def upload(*rows: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("r.csv", ("\n".join([HEADER, *rows]) + "\n").encode(), content_type="text/csv")


def test_no_token_is_401():
    client = APIClient()
    for url in ("/api/report/", "/api/records/", "/api/records/1/"):
        assert client.get(url).status_code == 401
    assert client.post("/api/records/import/", {}).status_code == 401


@pytest.mark.django_db
def test_bad_token_is_401():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token nope")
    assert client.get("/api/records/").status_code == 401


def test_report_has_the_cli_contract(world):
    response = api_for(world.users["viewer"]).get("/api/report/", {"as_of": "2023-06-30"})
    assert response.status_code == 200
    body = response.json()
    assert body["plan"]["id"] == "III-1-1"
    assert body["as_of"] == "2023-06-30"
    assert {"periods", "totals", "sectors", "programs", "departments", "generations", "baseline", "budget"} <= set(body)
    assert [p["planned_rate"] for p in body["periods"]] == [9.4, 34.3, 59.7, 85.0, 100.0]
    assert body["totals"]["actual"] == 2  # the two fixture records, both started in 2019


def test_report_equals_the_cli_json(world):
    import json
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("report", "--as-of", "2023-06-30", "--format", "json", stdout=out)
    api = api_for(world.users["owner"]).get("/api/report/", {"as_of": "2023-06-30", "plan": "III-1-1"}).json()
    assert api == json.loads(out.getvalue())


def test_report_bad_parameters(world):
    client = api_for(world.users["viewer"])
    assert client.get("/api/report/", {"as_of": "2019-13-45"}).status_code == 400
    missing = client.get("/api/report/", {"plan": "nope"})
    assert missing.status_code == 404 and "찾을 수 없습니다" in missing.json()["detail"]


def test_records_list_is_scoped_and_pseudonymous(world):
    owner = api_for(world.users["owner"]).get("/api/records/").json()
    assert owner["count"] == 2
    staff = api_for(world.users["department"]).get("/api/records/").json()
    assert [r["record_id"] for r in staff["results"]] == ["A-0001"]
    row = staff["results"][0]
    assert row["pseudonym"] == world.record_a.person_pseudonym[:12]
    assert "person_pseudonym" not in row and "birth_date" not in row
    assert row["department"] == DEPARTMENT_A and row["program"] == "직접일자리 사업" and row["period"] == "2019"


def test_records_list_filters_like_the_page(world):
    make_record(world.plan, world.department_a, "A-0009", is_senior_activity=True)
    client = api_for(world.users["owner"])
    assert [r["record_id"] for r in client.get("/api/records/", {"senior": "yes"}).json()["results"]] == ["A-0009"]
    assert client.get("/api/records/", {"department": world.department_b.pk}).json()["count"] == 1


def test_record_detail(world):
    response = api_for(world.users["department"]).get(f"/api/records/{world.record_a.pk}/")
    assert response.status_code == 200
    assert response.json()["birth_date"] == "1990-05-01"
    assert response.json()["pseudonym"] == world.record_a.person_pseudonym[:12]


def test_another_departments_record_is_404(world):
    assert api_for(world.users["department"]).get(f"/api/records/{world.record_b.pk}/").status_code == 404


@pytest.mark.parametrize("role", ["counsellor", "viewer", "no_profile"])
def test_read_only_roles_get_no_records(world, role):
    client = api_for(world.users[role])
    assert client.get("/api/records/").status_code == 403
    assert client.get(f"/api/records/{world.record_a.pk}/").status_code == 403
    assert client.post("/api/records/import/", {"file": upload()}, format="multipart").status_code == 403


def test_import_dry_run_then_commit(world):
    client = api_for(world.users["department"])
    row = f"A-0300,{DEPARTMENT_A},직접일자리 사업,900101-1234567,1990-01-01,여,2019-03-01"
    dry = client.post("/api/records/import/", {"file": upload(row)}, format="multipart")  # dry_run defaults to true
    assert dry.status_code == 200
    assert dry.json() == {
        "rows": 1,
        "created": 1,
        "updated": 0,
        "unchanged": 0,
        "errors": [],
        "more_errors": 0,
        "still_withdrawn": 0,
        "new_departments": [],
        "batch_id": None,
        "dry_run": True,
    }
    assert not JobRecord.objects.filter(record_id="A-0300").exists()
    done = client.post("/api/records/import/", {"file": upload(row), "dry_run": "false"}, format="multipart")
    assert done.status_code == 200
    body = done.json()
    assert body["dry_run"] is False and body["created"] == 1
    batch = ImportBatch.objects.get(pk=body["batch_id"])
    assert batch.source == "api" and batch.created_by == world.users["department"]
    assert JobRecord.objects.filter(record_id="A-0300", department=world.department_a).exists()


def test_import_row_errors_are_422_in_korean(world):
    client = api_for(world.users["owner"])
    rows = [f"A-0301,{DEPARTMENT_A},직접일자리 사업,900101-1234567,2015-01-01,여,2019-03-01"]
    response = client.post("/api/records/import/", {"file": upload(*rows), "dry_run": "false"}, format="multipart")
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert error["row"] == 2 and error["message"]
    assert not JobRecord.objects.filter(record_id="A-0301").exists()


def test_department_import_of_another_departments_rows_is_refused(world):
    client = api_for(world.users["department"])
    row = f"B-0300,{DEPARTMENT_B},직접일자리 사업,900101-1234567,1990-01-01,여,2019-03-01"
    response = client.post("/api/records/import/", {"file": upload(row), "dry_run": "false"}, format="multipart")
    assert response.status_code == 422
    assert "실적만 올릴 수 있습니다" in response.json()["errors"][0]["message"]
    assert not JobRecord.objects.filter(record_id="B-0300").exists()


def test_import_size_limit(world, settings):
    settings.JOBPLEDGE_UPLOAD_MAX_BYTES = 10
    response = api_for(world.users["owner"]).post("/api/records/import/", {"file": upload("x")}, format="multipart")
    assert response.status_code == 400
    assert "파일이 너무 큽니다" in response.json()["file"][0]


def test_schema_is_served_and_lists_the_endpoints(client, db):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    text = response.content.decode()
    for path in ("/api/report/", "/api/records/", "/api/records/{id}/", "/api/records/import/"):
        assert path in text


def test_records_list_query_count_is_pinned(world, django_assert_max_num_queries):
    for n in range(30):
        make_record(world.plan, world.department_a, f"A-5{n:03d}")
    client = api_for(world.users["department"])
    # token + user, lockout check (failures per user name, per address), profile, department, count, page
    with django_assert_max_num_queries(7):
        response = client.get("/api/records/", {"q": "A-5"})
    assert response.json()["count"] == 30
