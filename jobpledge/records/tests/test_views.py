"""Record pages: list and filters, CSV export, detail with history, create/edit/withdraw, upload, template."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jobpledge.records.models import ImportBatch, JobRecord
from jobpledge.records.tests.world import *  # noqa: F403
from jobpledge.records.tests.world import DEPARTMENT_A, DEPARTMENT_B, make_record

HEADER = "실적번호,부서,세부사업,개인식별번호,생년월일,성별,취업일,종료일,사업체"


def csv_upload(*rows: str, name: str = "records.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, ("\n".join([HEADER, *rows]) + "\n").encode("utf-8"), content_type="text/csv")


@pytest.fixture
def owner(client, world):
    client.force_login(world.users["owner"])
    return client


@pytest.fixture
def staff_a(client, world):
    client.force_login(world.users["department"])
    return client


def _body(response) -> str:
    return response.content.decode()


# --- list ---------------------------------------------------------------------------------------------


def test_list_shows_all_departments_to_the_owner(owner, world):
    body = _body(owner.get(reverse("records:list")))
    assert "A-0001" in body and "B-0001" in body
    assert world.record_a.person_pseudonym[:12] in body
    assert world.record_a.person_pseudonym not in body  # only the truncated pseudonym


def test_list_shows_department_staff_only_their_department(staff_a, world):
    body = _body(staff_a.get(reverse("records:list")))
    assert "A-0001" in body
    assert "B-0001" not in body
    # asking for the other department by filter gives nothing either
    body = _body(staff_a.get(reverse("records:list"), {"department": world.department_b.pk}))
    assert "B-0001" not in body


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "0001"}, {"A-0001", "B-0001"}),
        ({"q": "hyperlink"}, {"B-0001"}),
        ({"status": "withdrawn"}, {"A-0002"}),
        ({"status": "active"}, {"A-0001", "B-0001", "A-0003"}),
        ({}, {"A-0001", "B-0001", "A-0003"}),  # withdrawn records only on request
        ({"status": "all"}, {"A-0001", "A-0002", "B-0001", "A-0003"}),
        ({"as_of": "2019-12-31"}, {"A-0001", "B-0001"}),
        ({"as_of": "2020-05-01", "status": "all"}, {"A-0001", "A-0002", "B-0001", "A-0003"}),
        ({"senior": "yes"}, {"A-0003"}),
        ({"generation": "65+"}, {"A-0003"}),
        ({"period": "2020"}, {"A-0003"}),
        ({"period": "2018h2", "status": "all"}, {"A-0002"}),
        ({"program": "PROGRAM"}, {"A-0003"}),
        ({"department": "DEPT_B"}, {"B-0001"}),
        ({"generation": "nonsense", "q": "B-"}, {"B-0001"}),  # a bad value is ignored, the others still apply
    ],
)
def test_list_filters(owner, world, params, expected):
    make_record(world.plan, world.department_a, "A-0002", start_date=dt.date(2018, 9, 1)).__class__.objects.filter(
        record_id="A-0002"
    ).update(withdrawn_at="2020-01-01T00:00:00Z", withdrawn_reason="중복")
    employment = world.plan.programs.get(name="고용장려금")
    make_record(
        world.plan,
        world.department_a,
        "A-0003",
        birth_date=dt.date(1950, 1, 1),
        start_date=dt.date(2020, 5, 1),
        is_senior_activity=True,
        program=employment,
    )
    params = {
        k: (employment.pk if v == "PROGRAM" else world.department_b.pk if v == "DEPT_B" else v)
        for k, v in params.items()
    }
    response = owner.get(reverse("records:list"), params)
    shown = {r.record_id for r in response.context["page"].object_list}
    assert shown == expected


def test_list_query_count_is_pinned(owner, world, django_assert_max_num_queries):
    for n in range(30):
        make_record(world.plan, world.department_a, f"A-1{n:03d}")
    owner.get(reverse("records:list"))  # warm the session
    with django_assert_max_num_queries(8):
        response = owner.get(reverse("records:list"))
    assert len(response.context["page"].object_list) == 32


def test_list_paginates(owner, world):
    for n in range(60):
        make_record(world.plan, world.department_a, f"A-2{n:03d}")
    first = owner.get(reverse("records:list"))
    assert first.context["page"].paginator.num_pages == 2
    second = owner.get(reverse("records:list"), {"page": 2, "q": "A-2"})
    assert len(second.context["page"].object_list) == 10
    assert "q=A-2&amp;page=1" in _body(second)


# --- CSV export ---------------------------------------------------------------------------------------


def _export(client, **params) -> list[list[str]]:
    response = client.get(reverse("records:export"), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_export_neutralises_formulas_and_holds_no_raw_identifier(owner, world):
    rows = _export(owner)
    header, *data = rows
    assert header[:4] == ["부서", "세부사업", "실적번호", "개인 가명번호(앞 12자리)"]
    by_id = {row[2]: row for row in data}
    assert set(by_id) == {"A-0001", "B-0001"}
    assert by_id["B-0001"][header.index("사업체")] == '\'=HYPERLINK("http://x")'
    assert by_id["A-0001"][3] == world.record_a.person_pseudonym[:12]
    flat = "".join("".join(row) for row in rows)
    assert "900501-1A-0001" not in flat and world.record_a.person_pseudonym not in flat


def test_export_uses_the_same_filters_as_the_list(owner, world):
    assert [row[2] for row in _export(owner, q="B-")[1:]] == ["B-0001"]


def test_export_is_scoped_for_department_staff(staff_a, world):
    assert [row[2] for row in _export(staff_a)[1:]] == ["A-0001"]


# --- detail, create, edit, withdraw --------------------------------------------------------------------


def test_detail_shows_record_and_history(owner, world):
    response = owner.get(reverse("records:detail", args=[world.record_a.pk]))
    body = _body(response)
    assert "A-0001" in body and DEPARTMENT_A in body
    assert world.record_a.person_pseudonym not in body
    assert "변경 이력" in body
    assert len(response.context["history"]) == 1  # the creation


FORM = {
    "department": DEPARTMENT_A,
    "program": "직접일자리 사업",
    "record_id": "A-0100",
    "person_id": "880101-2345678",
    "birth_date": "1988-01-01",
    "gender": "여",
    "start_date": "2019-04-01",
    "end_date": "",
    "employment_type": "상용",
    "monthly_wage": "2,100,000",
    "weekly_hours": "40",
    "employer": "@SUM(A1)",
    "resident": "Y",
    "senior_activity": "N",
    "evidence": "확인서",
}


def test_create_goes_through_the_service(staff_a, world):
    response = staff_a.post(reverse("records:create"), FORM)
    assert response.status_code == 302
    record = JobRecord.objects.get(record_id="A-0100")
    assert response["Location"] == reverse("records:detail", args=[record.pk])
    assert record.department == world.department_a
    assert record.monthly_wage == 2_100_000
    assert record.employer == "@SUM(A1)"  # stored as text
    assert "880101" not in record.person_pseudonym and len(record.person_pseudonym) == 64
    assert record.created_by == world.users["department"]
    entry = record.history.latest()
    assert entry.history_user == world.users["department"]
    assert ImportBatch.objects.filter(kind=ImportBatch.Kind.FORM, created_by=world.users["department"]).exists()


def test_create_shows_korean_errors_on_the_fields(staff_a, world):
    bad = {
        **FORM,
        "birth_date": "2019-13-45",
        "start_date": "2019-04-01",
        "end_date": "2019-01-01",
        "monthly_wage": "-5",
    }
    response = staff_a.post(reverse("records:create"), bad)
    assert response.status_code == 200
    form = response.context["form"]
    assert "있을 수 없는 날짜입니다" in form.errors["birth_date"][0]
    assert "0 이상이어야 합니다" in form.errors["monthly_wage"][0]
    assert 'class="form-hint-invalid"' in _body(response)
    assert not JobRecord.objects.filter(record_id="A-0100").exists()


def test_department_staff_cannot_create_for_another_department(staff_a, world):
    response = staff_a.post(reverse("records:create"), {**FORM, "department": DEPARTMENT_B})
    assert response.status_code == 200
    assert response.context["form"].errors["department"]
    assert not JobRecord.objects.filter(record_id="A-0100").exists()


def test_create_refuses_a_duplicate_record_id(owner, world):
    response = owner.post(reverse("records:create"), {**FORM, "record_id": "A-0001"})
    assert "같은 실적번호가 이미 있습니다" in str(response.context["form"].errors)


def test_edit_changes_and_keeps_the_pseudonym(staff_a, world):
    record = world.record_a
    page = staff_a.get(reverse("records:edit", args=[record.pk]))
    assert page.context["form"].initial["record_id"] == "A-0001"
    data = {**page.context["form"].initial, "end_date": "2020-06-30", "person_id": ""}
    response = staff_a.post(reverse("records:edit", args=[record.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    record.refresh_from_db()
    assert str(record.end_date) == "2020-06-30"
    assert record.person_pseudonym == world.record_a.person_pseudonym
    history = staff_a.get(reverse("records:detail", args=[record.pk])).context["history"]
    assert any(c.field == "종료일" and c.new == "2020-06-30" for c in history[0].changes)


def test_edit_cannot_move_a_record_to_another_department(owner, world):
    record = world.record_a
    data = {**owner.get(reverse("records:edit", args=[record.pk])).context["form"].initial, "department": DEPARTMENT_B}
    owner.post(reverse("records:edit", args=[record.pk]), data)
    record.refresh_from_db()
    assert record.department == world.department_a  # the field is disabled: the posted value is ignored


def test_withdraw_needs_a_reason_and_deletes_nothing(staff_a, world):
    url = reverse("records:withdraw", args=[world.record_a.pk])
    confirm = staff_a.get(url)
    assert confirm.status_code == 200 and "csrfmiddlewaretoken" in _body(confirm)
    refused = staff_a.post(url, {"reason": "   "})
    assert refused.status_code == 200
    assert refused.context["form"].errors["reason"] == ["철회 사유를 입력하세요."]
    done = staff_a.post(url, {"reason": "중복 입력"})
    assert done.status_code == 302
    record = JobRecord.objects.get(pk=world.record_a.pk)
    assert record.withdrawn_at is not None and record.withdrawn_reason == "중복 입력"
    assert record.history.latest().history_change_reason == "철회: 중복 입력"
    again = staff_a.get(url)
    assert again.status_code == 302  # already withdrawn: back to the detail page


def test_there_is_no_delete_anywhere(owner, world):
    for name in ("detail", "edit", "withdraw"):
        assert owner.delete(reverse(f"records:{name}", args=[world.record_a.pk])).status_code == 405
    assert JobRecord.objects.filter(pk=world.record_a.pk).exists()


# --- upload -------------------------------------------------------------------------------------------


def test_upload_dry_run_shows_korean_row_errors_and_stores_nothing(staff_a, world):
    upload = csv_upload(
        f"A-0200,{DEPARTMENT_A},직접일자리 사업,900101-1234567,1990-01-01,여,2019-03-01,,",
        f"A-0201,{DEPARTMENT_A},없는 사업,900101-1234568,1990-13-45,X,2019-03-01,,",
    )
    response = staff_a.post(reverse("records:upload"), {"kind": "records", "file": upload})
    assert response.status_code == 200
    result = response.context["result"]
    assert result.errors and result.dry_run
    body = _body(response)
    assert "계획에 없는 세부사업입니다" in body
    assert "<td>3</td>" in body  # the row as a spreadsheet shows it (header = row 1)
    assert 'name="token"' not in body  # no commit button
    assert not JobRecord.objects.filter(record_id__startswith="A-02").exists()


def test_upload_preview_then_commit(staff_a, world):
    upload = csv_upload(
        f"A-0200,{DEPARTMENT_A},직접일자리 사업,900101-1234567,1990-01-01,여,2019-03-01,,=1+1",
        f"A-0001,{DEPARTMENT_A},직접일자리 사업,900501-1A-0001,1990-05-01,여,2019-03-01,2020-03-01,",
    )
    preview = staff_a.post(reverse("records:upload"), {"kind": "records", "file": upload})
    result = preview.context["result"]
    assert (result.created, result.updated, result.errors) == (1, 1, [])
    assert not JobRecord.objects.filter(record_id="A-0200").exists()  # a dry run stores nothing
    token = preview.context["token"]
    assert token and f'value="{token}"' in _body(preview)
    committed = staff_a.post(reverse("records:upload_commit"), {"token": token})
    assert committed.status_code == 200 and committed.context["committed"]
    assert JobRecord.objects.get(record_id="A-0200").employer == "=1+1"
    batch = ImportBatch.objects.get(pk=committed.context["result"].batch_id)
    assert (batch.source, batch.created_by, batch.filename) == ("web", world.users["department"], "records.csv")
    # the staged file is gone: committing twice is impossible
    again = staff_a.post(reverse("records:upload_commit"), {"token": token})
    assert again.status_code == 302 and again["Location"] == reverse("records:upload")


def test_upload_commit_with_a_forged_token_is_refused(staff_a, world):
    response = staff_a.post(reverse("records:upload_commit"), {"token": "../../etc/passwd"})
    assert response.status_code == 302


def test_department_upload_with_another_departments_rows_is_refused(staff_a, world):
    upload = csv_upload(f"B-0009,{DEPARTMENT_B},직접일자리 사업,900101-1234567,1990-01-01,여,2019-03-01,,")
    response = staff_a.post(reverse("records:upload"), {"kind": "records", "file": upload})
    result = response.context["result"]
    assert result.errors and "실적만 올릴 수 있습니다" in result.errors[0].message
    assert not JobRecord.objects.filter(record_id="B-0009").exists()


def test_upload_size_limit(staff_a, world, settings):
    settings.JOBPLEDGE_UPLOAD_MAX_BYTES = 100
    upload = csv_upload(
        *[f"A-{n},{DEPARTMENT_A},직접일자리 사업,9001011234567,1990-01-01,여,2019-03-01,," for n in range(5)]
    )
    response = staff_a.post(reverse("records:upload"), {"kind": "records", "file": upload})
    assert response.status_code == 200
    assert "파일이 너무 큽니다" in response.context["form"].errors["file"][0]


def test_upload_refuses_other_extensions(staff_a, world):
    upload = SimpleUploadedFile("x.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = staff_a.post(reverse("records:upload"), {"kind": "records", "file": upload})
    assert response.context["form"].errors["file"] == ["CSV 또는 XLSX 파일만 올릴 수 있습니다."]


def test_upload_of_binary_junk_is_a_korean_message(staff_a, world):
    upload = SimpleUploadedFile("x.csv", bytes(range(256)) * 20, content_type="text/csv")
    response = staff_a.post(reverse("records:upload"), {"kind": "records", "file": upload})
    assert response.status_code == 200
    body = _body(response)
    assert "Traceback" not in body
    assert ("result" in response.context and response.context["result"].errors) or response.context["form"].errors


def test_aggregate_upload(owner, world):
    content = "부서,세부사업,기간,실적,근거\n건설과,민간·관급 공사장 근로자 채용,2019,120,확인서\n".encode()
    upload = SimpleUploadedFile("agg.csv", content, content_type="text/csv")
    preview = owner.post(reverse("records:upload"), {"kind": "aggregates", "file": upload})
    assert preview.context["result"].created == 1, preview.context["result"].errors
    committed = owner.post(reverse("records:upload_commit"), {"token": preview.context["token"]})
    assert committed.status_code == 200, committed.get("Location")
    assert committed.context["result"].errors == []
    from jobpledge.records.models import AggregateEntry

    assert AggregateEntry.objects.get().count == 120


@pytest.mark.parametrize(
    ("kind", "fmt", "content_type"),
    [("records", "csv", "text/csv"), ("records", "xlsx", "application/vnd"), ("aggregates", "csv", "text/csv")],
)
def test_template_download(staff_a, world, kind, fmt, content_type):
    response = staff_a.get(reverse("records:template", args=[kind, fmt]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert "attachment" in response["Content-Disposition"]
    if fmt == "csv":
        assert response.content.decode("utf-8-sig").split(",")[0] in ("실적번호", "부서")


def test_template_unknown_format_is_404(staff_a, world):
    assert staff_a.get(reverse("records:template", args=["records", "pdf"])).status_code == 404


def test_xlsx_upload_with_a_title_row(staff_a, world):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["2019년 복지정책과 일자리 실적"])
    sheet.append(HEADER.split(","))
    sheet.append(
        [
            "A-0400",
            DEPARTMENT_A,
            "직접일자리 사업",
            "900101-1234567",
            dt.date(1990, 1, 1),
            "여",
            dt.date(2019, 3, 1),
            None,
            "+82-2-860-2114",
        ]
    )
    out = io.BytesIO()
    book.save(out)
    upload = SimpleUploadedFile(
        "march.xlsx", out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    preview = staff_a.post(reverse("records:upload"), {"kind": "records", "file": upload})
    assert preview.context["result"].created == 1, preview.context["result"].errors
    staff_a.post(reverse("records:upload_commit"), {"token": preview.context["token"]})
    record = JobRecord.objects.get(record_id="A-0400")
    assert record.employer == "+82-2-860-2114" and str(record.start_date) == "2019-03-01"
