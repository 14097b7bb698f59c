"""Every page: status, contents from the seed, no personal data in public, login, exports."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jobpledge.plans.models import Plan, Program
from jobpledge.records.factories import add_record

D = dt.date
SEED_FIGURES = ["53,300", "5,000", "13,300", "13,500", "8,000", "9.4%", "34.3%", "59.7%", "85.0%"]


def test_root_redirects_to_public(client: Any) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/public/"


@pytest.mark.django_db
def test_public_page_shows_the_seed_roadmap(client: Any, guro_plan: Plan) -> None:
    response = client.get("/public/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ko">' in html
    for figure in SEED_FIGURES:
        assert figure in html
    for program, target in [
        ("직접일자리 사업", "17,600"),
        ("고용서비스", "18,200"),
        ("민간·관급 공사장 근로자 채용", "13,840"),
    ]:
        assert program in html
        assert target in html
    for basis in ["공식 집계", "1년 이상 유지", "노인활동지원 제외", "실인원"]:
        assert basis in html
    assert "56,087" in html and "105.8%" in html  # 민선6기 baseline
    assert "본문 바로가기" in html
    assert 'id="chart-data"' in html and "<caption>" in html and 'scope="col"' in html


@pytest.mark.django_db
def test_public_page_needs_no_login_and_has_no_record_level_data(client: Any, guro_plan: Plan) -> None:
    records = [
        add_record(
            guro_plan,
            start=D(2019, 3, 1),
            record_id=f"SECRET-RID-{i}",
            birth=D(1961, 2, 3),
            person=f"{i:02d}" + "ab" * 31,
        )
        for i in range(12)
    ]
    html = client.get("/public/").content.decode()
    for record in records:
        assert record.record_id not in html
        assert record.person_pseudonym not in html
    assert "1961-02-03" not in html
    assert "/records/?" not in html  # no drill-down for the public
    assert "12" in html


@pytest.mark.django_db
def test_public_page_suppresses_cells_under_five(client: Any, guro_plan: Plan) -> None:
    for _ in range(3):
        add_record(guro_plan, start=D(2019, 3, 1), program="고용장려금")
    for _ in range(40):
        add_record(guro_plan, start=D(2020, 3, 1), program="직접일자리 사업")
    html = client.get("/public/").content.decode()
    assert "&lt;5" in html
    chart = json.loads(
        re.search(r'<script id="chart-data" type="application/json">(.*?)</script>', html, re.S).group(1)
    )
    # 2019 (3 jobs) is suppressed, and 2020 with it: otherwise 43 − 40 would give the 3 back
    assert chart["roadmap"]["actual"][1] is None
    assert chart["programs"]["actual"][3] is None  # 고용장려금
    # the total of 43 is not a breakdown cell and is shown
    assert "43명" in html


@pytest.mark.django_db
def test_staff_see_exact_small_numbers_on_the_dashboard(staff_client: Any, guro_plan: Plan) -> None:
    for _ in range(3):
        add_record(guro_plan, start=D(2019, 3, 1), program="고용장려금")
    html = staff_client.get("/dashboard/?as_of=2023-06-30").content.decode()
    program = Program.objects.get(plan=guro_plan, name="고용장려금")
    assert f'href="/records/?program={program.pk}' in html
    assert "&lt;5" not in html


def test_dashboard_requires_login(client: Any, db: None) -> None:
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/dashboard/")


@pytest.mark.django_db
def test_dashboard_shows_departments_freshness_and_drill_down(staff_client: Any, guro_plan: Plan) -> None:
    record = add_record(guro_plan, start=D(2019, 5, 1), department="복지정책과")
    html = staff_client.get("/dashboard/?as_of=2023-06-30").content.decode()
    assert "부서별 실적" in html and "부서별 자료 최신성" in html
    assert "복지정책과" in html
    assert f"/records/?department={record.department_id}" in html
    assert "/records/?period=2019" in html
    assert timezone_today_iso(record.updated_at) in html
    assert 'hx-get="/dashboard/"' in html
    assert "예시 데이터" not in html.split("<main")[1].split("부서별 실적")[0] or "jp-demo-banner" not in html


def timezone_today_iso(value: dt.datetime) -> str:
    from django.utils import timezone

    return timezone.localtime(value).date().isoformat()


@pytest.mark.django_db
def test_dashboard_as_of_switch_returns_a_partial_for_htmx(staff_client: Any, guro_plan: Plan) -> None:
    add_record(guro_plan, start=D(2020, 5, 1))
    full = staff_client.get("/dashboard/?as_of=2019-12-31")
    assert full.status_code == 200
    assert "<html" in full.content.decode()
    partial = staff_client.get("/dashboard/?as_of=2020-06-30", HTTP_HX_REQUEST="true")
    body = partial.content.decode()
    assert partial.status_code == 200
    assert "<html" not in body
    assert "2020-06-30" in body
    assert "HX-Request" in partial["Vary"]


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["2020.12.31", "2020. 12. 31.", "20201231", "2020/12/31", "2020년 12월 31일"])
def test_as_of_takes_the_importers_spellings(staff_client: Any, guro_plan: Plan, typed: str) -> None:
    response = staff_client.get("/dashboard/", {"as_of": typed})
    assert response.status_code == 200
    assert response.context["as_of"] == typed  # the field keeps what was typed
    assert "기준일 <strong>2020-12-31</strong>" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2020-02-30", "기준일 「2020-02-30」은(는) 있을 수 없는 날짜입니다."),
        ("2019-13-45", "기준일 「2019-13-45」은(는) 있을 수 없는 날짜입니다."),
        ("yesterday", "기준일 「yesterday」은(는) 날짜가 아닙니다."),
    ],
)
def test_a_bad_as_of_is_an_error_never_todays_figures(
    staff_client: Any, guro_plan: Plan, typed: str, message: str
) -> None:
    add_record(guro_plan, start=D(2019, 5, 1))
    full = staff_client.get("/dashboard/", {"as_of": typed})
    html = full.content.decode()
    assert full.status_code == 400
    assert message in html
    assert f'value="{typed}"' in html  # kept in the field to be corrected
    assert 'aria-invalid="true"' in html
    assert "<title>오류: " in html
    assert 'id="dashboard-report"' in html and "jp-kpi" not in html  # no figures at all

    partial = staff_client.get("/dashboard/", {"as_of": typed}, HTTP_HX_REQUEST="true")
    body = partial.content.decode()
    assert partial.status_code == 200  # htmx swaps 2xx only: the message must reach the page
    assert message in body
    assert 'id="as-of-error" hx-swap-oob="true"' in body  # and under the field
    assert "jp-kpi" not in body


@pytest.mark.django_db
def test_a_good_htmx_swap_clears_the_message_under_the_field(staff_client: Any, guro_plan: Plan) -> None:
    body = staff_client.get("/dashboard/?as_of=2020-06-30", HTTP_HX_REQUEST="true").content.decode()
    assert '<div id="as-of-error" hx-swap-oob="true"></div>' in body


@pytest.mark.django_db
def test_a_bad_as_of_on_the_card_and_exports_is_an_error(staff_client: Any, guro_plan: Plan) -> None:
    card = staff_client.get("/card/guro-III-1-1/?as_of=2020-02-30")
    assert card.status_code == 400
    assert "있을 수 없는 날짜입니다" in card.content.decode()
    assert card.context["view"] is None
    for export in ("xlsx", "pdf"):
        response = staff_client.get(f"/card/guro-III-1-1/{export}?as_of=2020-02-30")
        assert response.status_code == 400
        assert "있을 수 없는 날짜입니다" in response.content.decode()


@pytest.mark.django_db
def test_as_of_controls_what_counts(staff_client: Any, guro_plan: Plan) -> None:
    for _ in range(7):
        add_record(guro_plan, start=D(2020, 5, 1))
    before = staff_client.get("/dashboard/?as_of=2020-04-30").context["view"]
    after = staff_client.get("/dashboard/?as_of=2020-05-01").context["view"]
    assert before.actual.value == 0
    assert after.actual.value == 7


@pytest.mark.django_db
def test_demo_banner_only_with_demo_data(client: Any, guro_plan: Plan) -> None:
    assert "jp-demo-banner" not in client.get("/public/").content.decode()
    add_record(guro_plan, start=D(2019, 3, 1), demo=True)
    html = client.get("/public/").content.decode()
    assert "jp-demo-banner" in html and "예시 데이터" in html


# --- query-count pins -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_public_page_query_count(client: Any, guro_plan: Plan, django_assert_num_queries: Any) -> None:
    for i in range(30):
        add_record(guro_plan, start=D(2019, 1, 1) + dt.timedelta(days=i * 20), department=f"부서{i % 5}")
    client.get("/public/")  # warms the report cache
    with django_assert_num_queries(PUBLIC_QUERIES_WARM):
        client.get("/public/")


@pytest.mark.django_db
def test_dashboard_query_count(staff_client: Any, guro_plan: Plan, django_assert_num_queries: Any) -> None:
    for i in range(30):
        add_record(guro_plan, start=D(2019, 1, 1) + dt.timedelta(days=i * 20), department=f"부서{i % 5}")
    staff_client.get("/dashboard/?as_of=2023-06-30")  # warms the report and freshness caches
    with django_assert_num_queries(DASHBOARD_QUERIES_WARM):
        staff_client.get("/dashboard/?as_of=2023-06-30")
    # the number does not grow with departments or records
    for i in range(30):
        add_record(guro_plan, start=D(2020, 1, 1) + dt.timedelta(days=i * 10), department=f"다른부서{i}")
    staff_client.get("/dashboard/?as_of=2023-06-30")
    with django_assert_num_queries(DASHBOARD_QUERIES_WARM):
        staff_client.get("/dashboard/?as_of=2023-06-30")


@pytest.mark.django_db
def test_dashboard_cold_query_count_is_bounded(staff_client: Any, guro_plan: Plan) -> None:
    for i in range(10):
        add_record(guro_plan, start=D(2019, 1, 1) + dt.timedelta(days=i * 40), department=f"부서{i}")
    with CaptureQueriesContext(connection) as ctx:
        staff_client.get("/dashboard/?as_of=2023-06-30")
    # Transaction control (the summary build's SAVEPOINT / SET LOCAL work_mem / RELEASE on PostgreSQL) reads nothing.
    control = ("SAVEPOINT", "RELEASE SAVEPOINT", "SET LOCAL")
    reads = [q for q in ctx.captured_queries if not q["sql"].startswith(control)]
    assert len(reads) <= DASHBOARD_QUERIES_COLD_MAX


@pytest.mark.django_db
def test_card_page_query_count(client: Any, guro_plan: Plan, django_assert_num_queries: Any) -> None:
    client.get("/card/guro-III-1-1/")
    with django_assert_num_queries(CARD_QUERIES_WARM):
        client.get("/card/guro-III-1-1/")


# Warm: the report, the card and the freshness table are cached under the data version.
PUBLIC_QUERIES_WARM = 1  # the data version (anonymous HTML cached per plan reference, day and version)
DASHBOARD_QUERIES_WARM = 3  # session, user with profile (one query), data version; plan and report HTML cached
CARD_QUERIES_WARM = 1  # data version (plan, card and report cached per version)
# Cold: the counting engine's GROUP BYs, the report's plan reads, freshness: fixed, never per row (observed 23);
# plus the accountability additions of issue 10 (department targets, spending, the quality GROUP BYs, milestones,
# the forecast's year-before count, the data version read by each summary lookup) and the alerts (targets,
# freshness, spending, department ids; cached per version like the report): observed 47.
DASHBOARD_QUERIES_COLD_MAX = 49


# --- the pledge card ----------------------------------------------------------------------------------


CARD_TEXTS = [
    # header
    "III-1-1", "매년 1만개 일자리 창출", "계속", "임기내완료", "국/시/구비/민자", "일자리지원과", "전 부서",
    # roadmap
    "2018년 [하반기]", "2022년 [상반기]", "일자리 창출 (53,300명)", "9.4%", "100.0%",
    # goals, strategies, sectors
    "좋은 일자리 창출로 활력이 넘치는 경제도시, 구로 건설", "양보다 질적 향상 추진", "장기재직을 통한 고용안정",
    "천왕역 일자리토털 플랫폼 구축, 산업경제도서관 구축 등", "247,040백만원",
    # baseline
    "민선6기", "56,087", "12,885", "105.8%", "104.7%", "108.1%",
    # programs
    "직업능력개발훈련", "17,600", "13,840", "추정금액 1억원 이상의 관급 및 민간공사와 계약전 구민 고용을 위한 양해각서(MOU) 체결",
    # implementation
    "부서별 일자리창출 책임제",
    # investment
    "196,640", "50,400", "33,500", "64,080", "136,460", "13,000", "58,640", "기타(민자)",
    # risks, jury, contact
    "청년 실업률 심화", "지역산업맞춤형사업", "2018-08-09 ~ 2018-08-30", "1년 이상 유지된 일자리를 기준으로 할 것",
    "노인활동지원사업의 제외를 고려", "별도관리 방안을 모색하겠음", "김주현", "860-2054",
]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/card/", "/card/guro-III-1-1/", "/card/III-1-1/"])
def test_card_page_regenerates_the_whole_seed(client: Any, guro_plan: Plan, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    for text in CARD_TEXTS:
        assert text in html, text


@pytest.mark.django_db
def test_card_shows_actuals_next_to_targets(staff_client: Any, guro_plan: Plan) -> None:
    for _ in range(6):
        add_record(guro_plan, start=D(2019, 3, 1), program="창업지원")
    html = staff_client.get("/card/guro-III-1-1/?as_of=2023-06-30").content.decode()
    program = Program.objects.get(plan=guro_plan, name="창업지원")
    assert f'<a href="/records/?program={program.pk}&amp;as_of=2023-06-30">6</a>' in html
    assert "0.6%" in html  # 6 of 1,000


def test_unknown_plan_is_404(client: Any, guro_plan: Plan) -> None:
    assert client.get("/card/no-such-plan/").status_code == 404


@pytest.mark.django_db
def test_card_xlsx_requires_login(client: Any, guro_plan: Plan) -> None:
    response = client.get("/card/guro-III-1-1/xlsx")
    assert response.status_code == 302


@pytest.mark.django_db
def test_card_xlsx_opens_with_korean_sheets(staff_client: Any, guro_plan: Plan) -> None:
    from openpyxl import load_workbook

    response = staff_client.get("/card/guro-III-1-1/xlsx?as_of=2023-06-30")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert 'filename="pledge-card-guro-III-1-1-2023-06-30.xlsx"' in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    for sheet in ["공약 개요", "연도별 로드맵", "세부추진계획", "연도별 투자계획"]:
        assert sheet in workbook.sheetnames
    values = [cell for row in workbook["연도별 로드맵"].iter_rows(values_only=True) for cell in row]
    assert 53300 in values and 13300 in values


@pytest.mark.django_db
def test_card_pdf_has_korean_text(client: Any, guro_plan: Plan, tmp_path: Any) -> None:
    response = client.get("/card/guro-III-1-1/pdf?as_of=2023-06-30")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    path = tmp_path / "card.pdf"
    path.write_bytes(response.content)
    # poppler-utils and fonts-noto-cjk are installed by `make setup` (Makefile SYSTEM_PACKAGES).
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout  # noqa: S603, S607
    assert "Pretendard" in fonts  # the Korean font is embedded
    assert "Noto" in fonts  # the fallback covers the card's one hanja (區예산), which Pretendard lacks
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout  # noqa: S603, S607
    assert "매년 1만개 일자리 창출" in text
    assert "주민배심원단 권고안" in text
    assert "247,040" in text
    assert "區예산" in text


@pytest.mark.django_db
def test_public_page_takes_an_as_of_date(client: Any, guro_plan: Plan) -> None:
    for _ in range(6):
        add_record(guro_plan, start=D(2020, 5, 1))
    assert client.get("/public/?as_of=2020-04-30").context["view"].actual.value == 0
    assert client.get("/public/?as_of=2020-05-01").context["view"].actual.value == 6
    dotted = client.get("/public/?as_of=2020.05.01").content.decode()  # the same page, from the cache
    assert dotted == client.get("/public/?as_of=2020-05-01").content.decode()
    bad = client.get("/public/?as_of=yesterday")
    assert bad.status_code == 400
    assert "기준일 「yesterday」은(는) 날짜가 아닙니다." in bad.content.decode()
    assert "view" not in bad.context
