"""The KRDS form pattern on the record pages: error summary, ids that exist, Korean whatever the browser says,
the withdraw page shows the record, the upload preview shows the file, the plan upload checkbox, login target."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from jobpledge.accounts.tests.fixtures import DEPARTMENT_A
from jobpledge.records.tests.test_views import csv_upload
from jobpledge.records.tests.world import *  # noqa: F403

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


@pytest.fixture
def staff_a(client, world):
    client.force_login(world.users["department"])
    return client


def _described_ids_exist(html: str) -> None:
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    for value in re.findall(r'aria-describedby="([^"]+)"', html):
        for ref in value.split():
            assert ref in ids, f"aria-describedby names {ref}, which is not on the page"


def test_a_failed_record_form_has_a_korean_error_summary_linking_each_field(staff_a, world):
    response = staff_a.post(reverse("records:create"), {"department": DEPARTMENT_A}, **ENGLISH_BROWSER)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>오류: 실적 등록" in html
    assert "This field is required" not in html
    summary = html[html.index('id="error-summary"') : html.index("</div>", html.index('id="error-summary"'))]
    assert "data-focus-on-load" in summary and 'tabindex="-1"' in summary
    for field in ("program", "record_id", "person_id", "birth_date", "gender", "start_date"):
        assert f'href="#id_{field}"' in summary
    assert "필수 항목" in summary
    assert 'role="alert"' not in html  # the summary takes focus; no row of alerts at load
    _described_ids_exist(html)
    assert 'id="id_program_error"' in html


def test_an_untouched_record_form_has_no_dangling_references_and_text_dates(staff_a, world):
    html = staff_a.get(reverse("records:create")).content.decode()
    _described_ids_exist(html)
    assert 'type="date"' not in html
    assert 'id="id_birth_date_helptext"' in html and "2019.03.01" in html
    assert 'id="error-summary"' not in html


def test_withdraw_page_shows_the_record_and_a_non_primary_destructive_button(staff_a, world):
    record = world.record_a
    html = staff_a.get(reverse("records:withdraw", args=[record.pk])).content.decode()
    summary = html[html.index('class="jp-record-summary"') : html.index("</dl>")]
    assert record.record_id in summary and DEPARTMENT_A in summary and record.program.name in summary
    assert '<button type="submit" class="krds-btn secondary jp-btn-danger">철회</button>' in html
    assert "krds-btn primary" not in html.split('<main id="main"')[1]
    failed = staff_a.post(reverse("records:withdraw", args=[record.pk]), {"reason": " "}, **ENGLISH_BROWSER)
    body = failed.content.decode()
    assert "<title>오류: " in body and 'href="#id_reason"' in body and "철회 사유를 입력하세요." in body
    _described_ids_exist(body)


def test_upload_preview_shows_the_first_rows_and_each_error_rows_record_id(staff_a, world):
    upload = csv_upload(
        f"A-0200,{DEPARTMENT_A},직접일자리 사업,900101-1234567,1990-01-01,여,2019-03-01,,가리봉식당",
        f"A-0201,{DEPARTMENT_A},없는 사업,900101-1234568,1990-01-01,여,2019-03-01,,",
    )
    response = staff_a.post(reverse("records:upload"), {"kind": "records", "file": upload}, **ENGLISH_BROWSER)
    html = response.content.decode()
    preview = response.context["preview"]
    assert [number for number, _ in preview.rows] == [2, 3]
    assert "가리봉식당" in html and '<th scope="row">2</th>' in html
    assert preview.record_ids == {3: "A-0201"}
    assert '<td class="jp-nowrap">A-0201</td>' in html  # the error row names its 실적번호
    assert "900101-1234567" not in html and "1990-01-01" not in html  # identifiers and birth dates never shown


def test_upload_page_has_a_korean_file_button(staff_a, world):
    html = staff_a.get(reverse("records:upload")).content.decode()
    assert 'class="krds-btn secondary medium jp-file-button" aria-hidden="true">파일 선택</label>' in html
    _described_ids_exist(html)


def test_plan_upload_checkbox_follows_krds_markup(client, world):
    client.force_login(world.users["owner"])
    html = client.get(reverse("plans:upload")).content.decode()
    assert re.search(
        r'<div class="krds-form-check">\s*<input type="checkbox" name="force" id="id_force">\s*<label for="id_force">',
        html,
    )
    assert 'class="krds-form-check"' not in re.findall(r"<input[^>]*>", html)[-1]


def test_login_from_the_public_page_goes_to_the_dashboard(client, world):
    from jobpledge.accounts.tests.fixtures import PASSWORD

    public = client.get("/public/").content.decode()
    assert 'href="/accounts/login/"' in public  # no next=/public/
    response = client.post("/accounts/login/", {"username": "owner1", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/dashboard/"


def test_failed_login_is_korean_with_a_summary(client, world):
    response = client.post("/accounts/login/", {"username": "owner1", "password": "wrong"}, **ENGLISH_BROWSER)
    html = response.content.decode()
    assert "<title>오류: 로그인" in html and 'id="error-summary"' in html
    assert "Please enter" not in html


def test_records_filter_reads_dotted_dates_and_says_when_one_is_impossible(client, world):
    client.force_login(world.users["owner"])
    ok = client.get(reverse("records:list"), {"as_of": "2030.12.31"}).content.decode()
    assert "검색 결과 2건" in ok
    bad = client.get(reverse("records:list"), {"as_of": "2019-02-30"}).content.decode()
    assert "있을 수 없는 날짜입니다" in bad
    assert ">전체</option>" in ok and "---------" not in ok


def test_records_list_reads_as_people_say_it(client, world):
    from jobpledge.records.models import JobRecord

    client.force_login(world.users["owner"])
    html = client.get(reverse("records:list")).content.decode()
    record = world.record_a
    assert f"{record.generation}세" in html or "세 이상" in html
    assert record.period.label in html and f">{record.period.code}<" not in html
    assert "jp-demo-banner" not in html  # no demo rows here
    JobRecord.objects.filter(pk=record.pk).update(is_demo=True)
    assert "jp-demo-banner" in client.get(reverse("records:list")).content.decode()
