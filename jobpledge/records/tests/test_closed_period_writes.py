"""Every write into a closed period (plans.PeriodClose) — import, aggregate import, create, edit, withdrawal,
restore — is refused without a reason and accepted with one, on the CLI, the pages and the API; the reason and the
rows are kept (plans.ClosedPeriodChange). Writes into open periods are untouched."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from jobpledge.accounts.models import Role
from jobpledge.accounts.tests.fixtures import make_user
from jobpledge.core.errors import JobpledgeError
from jobpledge.plans.models import ClosedPeriodChange, PeriodClose
from jobpledge.records import services
from jobpledge.records.closing import ROW_REFUSED, SINGLE_REFUSED
from jobpledge.records.factories import add_record
from jobpledge.records.models import AggregateEntry, JobRecord

RECORDS_HEADER = "실적번호,부서,세부사업,개인식별번호,생년월일,성별,취업일"
AGGREGATES_HEADER = "부서,세부사업,기간,실적,근거"
REFUSED_START = ROW_REFUSED.split("{period}")[0]  # "마감(공표)된 기간 "
SINGLE_START = SINGLE_REFUSED.split("{period}")[0]


@pytest.fixture
def boss(guro_plan: Any) -> Any:
    return make_user("boss", Role.OWNER)


@pytest.fixture
def closed_2019(guro_plan: Any, boss: Any) -> Any:
    period = guro_plan.periods.get(code="2019")
    PeriodClose.objects.create(period=period, closed_at=timezone.now(), closed_by=boss)
    return period


def records_csv(*rows: str) -> bytes:
    return ("\n".join([RECORDS_HEADER, *rows]) + "\n").encode()


def record_row(record_id: str, start: str) -> str:
    return f"{record_id},일자리지원과,직접일자리 사업,900101-1234567,1990-01-01,여,{start}"


def cli_import(tmp_path: Path, kind: str, data: bytes, *args: str) -> tuple[int, str]:
    path = tmp_path / f"{kind}.csv"
    path.write_bytes(data)
    err = io.StringIO()
    try:
        call_command(f"import_{kind}", str(path), "--user", "boss", *args, stdout=io.StringIO(), stderr=err)
    except CommandError:
        return 1, err.getvalue()
    return 0, err.getvalue()


# --- the CLI ---------------------------------------------------------------------------------------------------


def test_cli_import_into_a_closed_period_is_refused_with_the_rows_then_accepted_with_a_reason(
    tmp_path: Path, closed_2019: Any, boss: Any
):
    data = records_csv(
        record_row("R-1", "2020-03-01"), record_row("R-2", "2019-05-01"), record_row("R-3", "2019-06-01")
    )

    code, err = cli_import(tmp_path, "records", data)
    assert code == 1
    assert "행 3," in err and "행 4," in err and "행 2," not in err  # rows of the file: header is row 1
    assert REFUSED_START + "2019" in err
    assert not JobRecord.objects.exists()
    assert not ClosedPeriodChange.objects.exists()

    code, err = cli_import(tmp_path, "records", data, "--reason", "3월 늦게 도착한 부서 실적")
    assert code == 0
    assert JobRecord.objects.count() == 3
    change = ClosedPeriodChange.objects.get()
    assert (change.period, change.kind, change.reason) == (closed_2019, "record_import", "3월 늦게 도착한 부서 실적")
    assert [r["row"] for r in change.rows] == [3, 4]
    assert change.batch_id is not None and change.created_by == boss


def test_an_unchanged_row_of_a_closed_period_needs_no_reason(tmp_path: Path, closed_2019: Any):
    data = records_csv(record_row("R-1", "2019-05-01"))
    assert cli_import(tmp_path, "records", data, "--reason", "첫 적재")[0] == 0
    assert cli_import(tmp_path, "records", data)[0] == 0  # same values again: nothing changes in 2019
    assert cli_import(tmp_path, "records", records_csv(record_row("R-1", "2020-05-01")))[0] == 1  # moves out of 2019


def test_cli_aggregate_import_into_a_closed_period(tmp_path: Path, closed_2019: Any):
    data = f"{AGGREGATES_HEADER}\n일자리지원과,직접일자리 사업,2019,12,보고\n일자리지원과,직접일자리 사업,2020,5,보고\n"
    code, err = cli_import(tmp_path, "aggregates", data.encode())
    assert code == 1
    assert "행 2," in err and REFUSED_START + "2019" in err and "행 3," not in err
    assert not AggregateEntry.objects.exists()
    assert cli_import(tmp_path, "aggregates", data.encode(), "--reason", "공사장 보고 지연")[0] == 0
    assert AggregateEntry.objects.count() == 2
    assert ClosedPeriodChange.objects.get().kind == "aggregate_import"


def test_cli_withdraw_and_restore_in_a_closed_period(guro_plan: Any, closed_2019: Any):
    record = add_record(guro_plan, start=dt.date(2019, 3, 1), department="일자리지원과", record_id="W-1")
    args = ["withdraw_record", "일자리지원과", "W-1", "--reason", "중복", "--user", "boss"]
    with pytest.raises(CommandError, match="마감"):
        call_command(*args, stdout=io.StringIO())
    record.refresh_from_db()
    assert record.withdrawn_at is None
    call_command(*args, "--closed-reason", "감사 지적", stdout=io.StringIO())
    record.refresh_from_db()
    assert record.withdrawn_at is not None
    with pytest.raises(CommandError, match="마감"):
        call_command(*args, "--restore", stdout=io.StringIO())
    call_command(*args, "--restore", "--closed-reason", "감사 지적 철회", stdout=io.StringIO())
    assert [c.kind for c in ClosedPeriodChange.objects.order_by("pk")] == ["record_withdraw", "record_restore"]


# --- the services behind the forms ------------------------------------------------------------------------------


def test_create_and_update_services(guro_plan: Any, closed_2019: Any, boss: Any):
    data = {
        "department": "일자리지원과",
        "program": "직접일자리 사업",
        "record_id": "F-1",
        "person_id": "880101-2345678",
        "birth_date": "1988-01-01",
        "gender": "여",
        "start_date": "2019-04-01",
    }
    from jobpledge.accounts.models import Department

    Department.objects.get_or_create(name="일자리지원과")
    with pytest.raises(JobpledgeError) as refused:
        services.record_create(data=data, user=boss)
    assert refused.value.message.startswith(SINGLE_START + "2019")
    assert not JobRecord.objects.exists()
    record = services.record_create(data=data, user=boss, closed_reason="공표 후 확인된 실적")

    open_record = services.record_create(data={**data, "record_id": "F-2", "start_date": "2020-04-01"}, user=boss)
    services.record_update(record=open_record, data={"end_date": "2020-12-31"}, user=boss)  # an open period

    with pytest.raises(JobpledgeError):
        services.record_update(record=record, data={"end_date": "2019-12-31"}, user=boss)
    with pytest.raises(JobpledgeError):  # moving an open record into the closed period
        services.record_update(record=open_record, data={"start_date": "2019-09-01"}, user=boss)
    services.record_update(record=record, data={"end_date": "2019-12-31"}, user=boss, closed_reason="종료일 정정")
    kinds = list(ClosedPeriodChange.objects.order_by("pk").values_list("kind", "reason"))
    assert kinds == [("record_create", "공표 후 확인된 실적"), ("record_update", "종료일 정정")]


# --- the pages ---------------------------------------------------------------------------------------------------


@pytest.fixture
def page(boss: Any) -> Client:
    client = Client()
    client.force_login(boss)
    return client


FORM = {
    "department": "일자리지원과",
    "program": "직접일자리 사업",
    "record_id": "P-1",
    "person_id": "880101-2345678",
    "birth_date": "1988-01-01",
    "gender": "여",
    "start_date": "2019-04-01",
}


def test_pages_create_edit_withdraw(guro_plan: Any, closed_2019: Any, page: Client):
    from jobpledge.accounts.models import Department

    Department.objects.get_or_create(name="일자리지원과")
    response = page.post("/records/new/", FORM)
    assert response.status_code == 200
    assert SINGLE_START + "2019" in response.content.decode()
    assert not JobRecord.objects.exists()
    assert page.post("/records/new/", {**FORM, "closed_reason": "늦은 보고"}).status_code == 302
    record = JobRecord.objects.get()

    edit = {**FORM, "person_id": "", "end_date": "2019-10-31"}
    assert page.post(f"/records/{record.pk}/edit/", edit).status_code == 200
    assert page.post(f"/records/{record.pk}/edit/", {**edit, "closed_reason": "정정"}).status_code == 302

    assert page.post(f"/records/{record.pk}/withdraw/", {"reason": "중복"}).status_code == 200
    record.refresh_from_db()
    assert record.withdrawn_at is None
    response = page.post(f"/records/{record.pk}/withdraw/", {"reason": "중복", "closed_reason": "중복 확인"})
    assert response.status_code == 302
    assert ClosedPeriodChange.objects.count() == 3


def test_upload_page_dry_run_and_commit(guro_plan: Any, closed_2019: Any, page: Client):
    def upload(**extra: str) -> Any:
        file = SimpleUploadedFile("r.csv", records_csv(record_row("U-1", "2019-05-01")), content_type="text/csv")
        return page.post("/records/upload/", {"kind": "records", "file": file, **extra})

    refused = upload()
    assert REFUSED_START + "2019" in refused.content.decode()
    assert refused.context["token"] == ""
    accepted = upload(closed_reason="부서 지연 보고")
    token = accepted.context["token"]
    assert token
    assert page.post("/records/upload/commit/", {"token": token}).status_code == 200
    assert JobRecord.objects.filter(record_id="U-1").exists()
    assert ClosedPeriodChange.objects.get().reason == "부서 지연 보고"


# --- the API -----------------------------------------------------------------------------------------------------


def test_api_import(guro_plan: Any, closed_2019: Any, boss: Any):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user=boss)[1]}")

    def post(**extra: str) -> Any:
        file = SimpleUploadedFile("r.csv", records_csv(record_row("A-1", "2019-05-01")), content_type="text/csv")
        return client.post("/api/records/import/", {"file": file, "dry_run": "false", **extra}, format="multipart")

    refused = post()
    assert refused.status_code == 422
    assert REFUSED_START + "2019" in str(refused.json())
    assert not JobRecord.objects.exists()
    assert post(closed_reason="API 재전송").status_code == 200
    assert ClosedPeriodChange.objects.get().reason == "API 재전송"
