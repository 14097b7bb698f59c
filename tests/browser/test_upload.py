"""Uploading a records file: the dry run lists the Korean row errors, a fixed file previews clean, commit writes."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from jobpledge.records.factories import add_record
from tests.browser.helpers import Page

pytestmark = pytest.mark.browser

HEADER = "실적번호,부서,세부사업,개인식별번호,생년월일,성별,취업일,종료일,고용형태,월임금,주당근로시간,사업체,구민여부,노인활동지원,근거"
GOOD_ROWS = [
    'UP-001,일자리지원과,직접일자리 사업,900101-1234567,1990-01-01,남,2019-03-01,,임시,"2,100,000",40,구로구청,Y,N,고용보험 확인',
    "UP-002,일자리지원과,고용서비스,850505-2345678,1985-05-05,여,2019-04-15,2019-12-31,상용,2500000,40,G밸리 주식회사,Y,N,",
    "UP-003,일자리지원과,창업지원,950303-1456789,1995.03.03,M,20200110,,상용,,,,N,,확인서",
]
BAD_ROWS = [
    GOOD_ROWS[0],
    # row 3: an impossible start date
    "UP-002,일자리지원과,고용서비스,850505-2345678,1985-05-05,여,2019-02-30,2019-12-31,상용,2500000,40,G밸리 주식회사,Y,N,",
    # row 4: a program that is not in the plan, and a gender that is neither 남/여 nor M/F
    "UP-003,일자리지원과,없는 사업,950303-1456789,1995.03.03,X,20200110,,상용,,,,N,,확인서",
]
ROW_3_DATE = "있을 수 없는 날짜입니다: 「2019-02-30」"
ROW_4_PROGRAM = "계획에 없는 세부사업입니다: 「없는 사업」"
ROW_4_GENDER = "성별은 남/여 또는 M/F로 적어 주세요: 「X」"


def _csv(rows: list[str]) -> dict[str, Any]:
    body = "\n".join([HEADER, *rows]) + "\n"
    return {"name": "records.csv", "mimeType": "text/csv", "buffer": body.encode("utf-8")}


def _choose_and_preview(page: Page, rows: list[str]) -> None:
    page.page.get_by_label("파일(CSV 또는 XLSX)").set_input_files(_csv(rows))
    with page.page.expect_navigation():
        page.page.get_by_role("button", name="확인(미리보기)").click()


def _summary(page: Page) -> dict[str, str]:
    table = page.page.locator("table.summary")
    headers = table.locator("thead th").all_inner_texts()
    return dict(zip(headers, table.locator("tbody td").all_inner_texts(), strict=True))


def _records_count(page: Page) -> int:
    page.goto("/records/")
    found = re.search(r"검색 결과 ([\d,]+)건", page.page.locator("#main").inner_text())
    assert found
    return int(found.group(1).replace(",", ""))


def test_upload_with_errors_then_fixed_then_committed(page: Page, plan: Any, owner: Any) -> None:
    add_record(plan, start=dt.date(2019, 1, 2))
    add_record(plan, start=dt.date(2019, 1, 3))
    page.login("owner1")
    assert _records_count(page) == 2

    page.goto("/records/upload/")
    _choose_and_preview(page, BAD_ROWS)

    errors = page.page.locator("table.errors tbody tr")
    error_rows = [row.locator("td").all_inner_texts() for row in errors.all()]
    # each error row names its 실적번호 (issue 9), read from the file
    assert ["3", "UP-002", "취업일", ROW_3_DATE] in error_rows
    assert ["4", "UP-003", "세부사업", ROW_4_PROGRAM] in error_rows
    assert ["4", "UP-003", "성별", ROW_4_GENDER] in error_rows
    assert page.page.get_by_role("button", name="적재").count() == 0  # nothing to commit from a file with errors
    assert not any("1234567" in cell for row in error_rows for cell in row)  # raw identifiers never echoed
    assert _records_count(page) == 2

    page.goto("/records/upload/")
    _choose_and_preview(page, GOOD_ROWS)
    assert _summary(page) == {"행 수": "3", "신규": "3", "변경": "0", "동일": "0", "오류": "0"}
    assert page.page.locator("table.errors").count() == 0
    with page.page.expect_navigation():
        page.page.get_by_role("button", name="적재", exact=True).click()
    assert page.page.get_by_role("status").inner_text() == "적재했습니다."
    assert _summary(page)["신규"] == "3"

    assert _records_count(page) == 5
    listed = page.page.locator("#main table tbody th").all_inner_texts()
    assert {"UP-001", "UP-002", "UP-003"} <= set(listed)
    assert "900101-1234567" not in page.page.content()
    assert page.errors == []


def test_downloaded_xlsx_template_filled_in_uploads_and_commits(
    page: Page, plan: Any, owner: Any, tmp_path: Any
) -> None:
    import openpyxl

    page.login("owner1")
    page.goto("/records/upload/")
    with page.page.expect_download() as info:
        page.page.locator('a[href$="/records.xlsx"]').click()
    template = tmp_path / info.value.suggested_filename
    info.value.save_as(template)
    workbook = openpyxl.load_workbook(template)
    sheet = workbook.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    assert headers[:7] == ["실적번호", "부서", "세부사업", "개인식별번호", "생년월일", "성별", "취업일"]
    values = {"실적번호": "XL-001", "부서": "일자리지원과", "세부사업": "고용서비스", "개인식별번호": "880808-1000001"}
    values |= {"생년월일": dt.date(1988, 8, 8), "성별": "남", "취업일": dt.date(2020, 5, 6)}
    for column, header in enumerate(headers, start=1):
        if header in values:
            sheet.cell(row=2, column=column, value=values[header])
    workbook.save(template)

    page.page.get_by_label("파일(CSV 또는 XLSX)").set_input_files(template)
    with page.page.expect_navigation():
        page.page.get_by_role("button", name="확인(미리보기)").click()
    assert _summary(page) == {"행 수": "1", "신규": "1", "변경": "0", "동일": "0", "오류": "0"}
    with page.page.expect_navigation():
        page.page.get_by_role("button", name="적재", exact=True).click()
    assert page.page.get_by_role("status").inner_text() == "적재했습니다."
    assert _records_count(page) == 1
    assert page.errors == []
