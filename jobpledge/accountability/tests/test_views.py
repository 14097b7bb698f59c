"""The department pages: who sees what (role tests), the figures shown, and the XLSX exports."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from jobpledge.accountability.services import targets_import
from jobpledge.accounts.tests.fixtures import *  # noqa: F403
from jobpledge.accounts.tests.fixtures import DEPARTMENT_A, DEPARTMENT_B, People
from jobpledge.records.factories import add_record

AS_OF = "2019-03-01"


@pytest.fixture
def scene(guro_plan, people: People) -> People:
    text = f"부서,세부사업,기간,목표\n{DEPARTMENT_A},고용서비스,2019,365\n{DEPARTMENT_B},고용서비스,2019,365\n"
    assert targets_import(file=io.BytesIO(text.encode()), filename="t.csv", user=None, plan=guro_plan).ok
    for day in range(30):  # 30 of the 60 expected by 2019-03-01: pace 50 %
        add_record(guro_plan, start=dt.date(2019, 1, 1) + dt.timedelta(days=day), department=DEPARTMENT_A,
                   program="고용서비스")  # fmt: skip
    return people


# (role, ranking, own scorecard (A), other scorecard (B)); "login" = redirected to the login page
MATRIX = [
    ("admin", 200, 200, 200),
    ("owner", 200, 200, 200),
    ("department", 200, 200, 403),
    ("counsellor", 403, 403, 403),
    ("viewer", 403, 403, 403),
    ("no_profile", 403, 403, 403),
]


@pytest.mark.parametrize(("role", "ranking", "own", "other"), MATRIX)
def test_roles(client, scene: People, role: str, ranking: int, own: int, other: int) -> None:
    client.force_login(scene.users[role])
    assert client.get(f"/departments/?as_of={AS_OF}").status_code == ranking
    assert client.get(f"/departments/{scene.department_a.pk}/?as_of={AS_OF}").status_code == own
    assert client.get(f"/departments/{scene.department_b.pk}/?as_of={AS_OF}").status_code == other
    assert client.get(f"/departments/{scene.department_b.pk}/?as_of={AS_OF}&format=xlsx").status_code == other


def test_anonymous_goes_to_login(client, scene: People) -> None:
    response = client.get("/departments/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_ranking_shows_pace_slowest_first(client, scene: People) -> None:
    client.force_login(scene.users["owner"])
    html = client.get(f"/departments/?as_of={AS_OF}").content.decode()
    # 건설과: 0 of 60 (pace 0.0), 복지정책과: 30 of 60 (50.0): both lag, the slower first
    assert html.index(DEPARTMENT_B) < html.index(DEPARTMENT_A)
    assert "<td>50.0</td>" in html and "<td>0.0</td>" in html


def test_department_staff_see_only_their_own_link(client, scene: People) -> None:
    client.force_login(scene.users["department"])
    html = client.get(f"/departments/?as_of={AS_OF}").content.decode()
    assert f'href="/departments/{scene.department_a.pk}/' in html
    assert f'href="/departments/{scene.department_b.pk}/' not in html


def test_scorecard_figures_and_alerts(client, scene: People) -> None:
    client.force_login(scene.users["owner"])
    html = client.get(f"/departments/{scene.department_a.pk}/?as_of={AS_OF}").content.decode()
    assert '<tr><th scope="row">기준일까지 기대</th><td>60</td></tr>' in html
    assert "진도율 50.0% — 기준 90% 미만 (실적 30 / 기대 60)" in html


def test_scorecard_without_figures_is_404(client, scene: People) -> None:
    client.force_login(scene.users["owner"])
    assert client.get(f"/departments/{scene.owner_department.pk}/?as_of={AS_OF}").status_code == 404


def test_xlsx_ranking_has_one_sheet_per_department(client, scene: People) -> None:
    client.force_login(scene.users["owner"])
    response = client.get(f"/departments/?as_of={AS_OF}&format=xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["부서별 진도", DEPARTMENT_B, DEPARTMENT_A]
    rows = list(book["부서별 진도"].iter_rows(min_row=3, values_only=True))
    assert [(r[1], r[2], r[3], r[4], r[5], r[7]) for r in rows] == [
        (DEPARTMENT_B, 365, 60, 0, 0.0, "부진"),
        (DEPARTMENT_A, 365, 60, 30, 50.0, "부진"),
    ]


def test_department_staff_xlsx_holds_only_their_own_sheet(client, scene: People) -> None:
    client.force_login(scene.users["department"])
    book = load_workbook(io.BytesIO(client.get(f"/departments/?as_of={AS_OF}&format=xlsx").content))
    assert book.sheetnames == ["부서별 진도", DEPARTMENT_A]  # the ranking in full, only their own scorecard
    assert [r[1] for r in book["부서별 진도"].iter_rows(min_row=3, values_only=True)] == [DEPARTMENT_B, DEPARTMENT_A]


def test_bad_date_falls_back_with_a_message(client, scene: People) -> None:
    client.force_login(scene.users["owner"])
    response = client.get("/departments/?as_of=2019-02-30")
    assert response.status_code == 200
    assert "기준일은 YYYY-MM-DD 형식으로" in response.content.decode()


# --- the owner's upload (dry-run preview, then save) and the milestones form -----------------------------------


def _upload(client, text: str, *, kind: str = "targets", dry_run: bool = True, name: str = "t.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {"kind": kind, "file": SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")}
    if dry_run:
        data["dry_run"] = "on"
    return client.post("/departments/upload/", data)


@pytest.mark.parametrize(("role", "status"), [("owner", 200), ("admin", 200), ("department", 403), ("viewer", 403)])
def test_upload_and_milestones_are_the_owners(client, people: People, guro_plan, role: str, status: int) -> None:
    client.force_login(people.users[role])
    assert client.get("/departments/upload/").status_code == status
    assert client.get("/departments/milestones/").status_code == status


def test_upload_previews_then_saves(client, people: People, guro_plan) -> None:
    from jobpledge.accountability.models import DepartmentTarget

    client.force_login(people.users["owner"])
    text = "부서,세부사업,기간,목표\n복지정책과,고용서비스,2019,9000\n"
    html = _upload(client, text).content.decode()
    assert "시험 적재: 아무것도 저장하지 않았습니다." in html
    assert "[부서목표] 고용서비스 · 계: 배분 9,000, 계획 18,200" in html
    assert not DepartmentTarget.objects.exists()
    html = _upload(client, text, dry_run=False).content.decode()
    assert "저장했습니다." in html
    assert DepartmentTarget.objects.get().target == 9000


def test_upload_errors_are_listed_and_nothing_is_stored(client, people: People, guro_plan) -> None:
    from jobpledge.accountability.models import Spending

    client.force_login(people.users["owner"])
    text = "기간,세부사업,재원,집행액\n2019,고용서비스,구비,100\n2019,고용서비스,구비,-1\n"
    html = _upload(client, text, kind="spending", dry_run=False).content.decode()
    assert "오류 1건: 아무것도 저장하지 않았습니다." in html
    assert "행 3, 열 「집행액」: 0 이상이어야 합니다: 「-1」" in html
    assert not Spending.objects.exists()


def test_milestone_form_marks_progress(client, people: People, guro_plan) -> None:
    from jobpledge.accountability.models import MilestoneProgress

    client.force_login(people.users["owner"])
    data = {
        "program": "일자리 인프라구축",
        "name": "근로자 복지센터",
        "planned": "2030-12-31",
        "done": "",
        "evidence": "계획",
    }
    assert client.post("/departments/milestones/", data).status_code == 302
    mark = MilestoneProgress.objects.get()
    assert (str(mark.planned), mark.done, mark.evidence, mark.updated_by) == (
        "2030-12-31",
        None,
        "계획",
        people.users["owner"],
    )
    html = client.get("/departments/milestones/").content.decode()
    assert "정상" in html  # planned in the future, not done: on track
    bad = client.post("/departments/milestones/", {**data, "name": "없음"}).content.decode()
    assert "계획에 없는 이정표입니다" in bad


# --- the dashboard's alerts and budget section ---------------------------------------------------------------


def test_dashboard_alerts_by_role(client, scene: People) -> None:
    client.force_login(scene.users["owner"])
    html = client.get(f"/dashboard/?as_of={AS_OF}").content.decode()
    assert 'id="dashboard-alerts"' in html
    assert "「건설과」 진도율 0.0%" in html and "「복지정책과」 진도율 50.0%" in html
    assert 'id="dashboard-budget"' in html and 'id="program-costs"' in html
    client.force_login(scene.users["department"])  # 복지정책과: its own alerts only
    html = client.get(f"/dashboard/?as_of={AS_OF}").content.decode()
    assert "「복지정책과」 진도율 50.0%" in html and "「건설과」" not in html
    client.force_login(scene.users["viewer"])
    assert 'id="dashboard-alerts"' not in client.get(f"/dashboard/?as_of={AS_OF}").content.decode()


def test_dashboard_htmx_swap_carries_the_alerts_out_of_band(client, scene: People) -> None:
    client.force_login(scene.users["owner"])
    fragment = client.get(f"/dashboard/?as_of={AS_OF}", HTTP_HX_REQUEST="true").content.decode()
    assert fragment.startswith('<div id="dashboard-alerts-box" hx-swap-oob="true"')
    assert "「건설과」 진도율 0.0%" in fragment
