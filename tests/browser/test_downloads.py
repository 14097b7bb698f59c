"""The pledge card's exports, downloaded through the page's own links: the XLSX opens, the PDF is a PDF."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from jobpledge.records.factories import add_record
from tests.browser.helpers import Page

pytestmark = pytest.mark.browser


def _download(page: Page, link_name: str) -> tuple[str, bytes]:
    with page.page.expect_download() as info:
        page.page.get_by_role("link", name=link_name).click()
    download = info.value
    assert download.failure() is None
    path = download.path()
    return download.suggested_filename, path.read_bytes()


def test_card_xlsx_and_pdf_downloads_open(page: Page, plan: Any, owner: Any, tmp_path: Any) -> None:
    import openpyxl

    for month in range(1, 7):
        add_record(plan, start=dt.date(2019, month, 1))
    page.login("owner1")
    page.goto(f"/card/{plan.key}/")
    assert page.page.get_by_role("heading", level=1).count() == 1

    name, content = _download(page, "엑셀(XLSX) 내려받기")
    assert name.startswith(f"pledge-card-{plan.key}-") and name.endswith(".xlsx")
    target = tmp_path / name
    target.write_bytes(content)
    workbook = openpyxl.load_workbook(target, read_only=True)
    assert workbook.sheetnames
    values = [v for ws in workbook.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    assert 53300 in values or "53,300" in values  # the term's target
    assert any("매년 1만개 일자리 창출" in str(v) for v in values)

    name, content = _download(page, "PDF 내려받기")
    assert name.endswith(".pdf")
    assert content.startswith(b"%PDF")
    assert len(content) > 10_000  # a real document with an embedded Korean font, not an error page
    assert page.errors == []


def test_public_visitor_gets_the_pdf_but_no_xlsx_link(page: Page, plan: Any) -> None:
    page.goto(f"/card/{plan.key}/")

    assert page.page.get_by_role("link", name="엑셀(XLSX) 내려받기").count() == 0
    _name, content = _download(page, "PDF 내려받기")
    assert content.startswith(b"%PDF")
    assert page.errors == []
