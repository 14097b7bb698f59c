"""Counsellor pages: the role matrix of every page, masked lists, full view for counsellors only, 열람 기록."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from jobpledge.accounts.models import Department, Profile
from jobpledge.jobcenter.factories import JobSeekerFactory, VacancyFactory
from jobpledge.jobcenter.models import Counselling, JobSeeker, Placement, Referral, SeekerView
from jobpledge.jobcenter.selectors import mask_name, mask_phone

pytestmark = pytest.mark.django_db
ROLES = ["admin", "owner", "department", "counsellor", "viewer"]


@pytest.fixture
def users(db: None) -> dict[str, Any]:
    model = get_user_model()
    out = {"admin": model.objects.create_superuser("admin")}
    department = Department.objects.create(name="건축과")
    for role in ("owner", "department", "counsellor", "viewer"):
        user = model.objects.create_user(role)
        Profile.objects.create(user=user, role=role, department=department if role == "department" else None)
        out[role] = user
    return out


@pytest.fixture
def world(guro_plan: object) -> dict[str, Any]:
    today = timezone.localdate()
    vacancy = VacancyFactory(
        vacancy_no="V1", registered_on=today - dt.timedelta(days=40), closing_on=today + dt.timedelta(days=20)
    )
    seeker = JobSeekerFactory(
        seeker_no="S1", name="김민수", phone="010-1234-5678", registered_on=today - dt.timedelta(days=10),
        consent_on=today - dt.timedelta(days=10), valid_until=today + dt.timedelta(days=10),
    )  # fmt: skip
    return {"vacancy": vacancy, "seeker": seeker}


def client_for(user: Any | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


PAGES = [
    "/jobcenter/",
    "/jobcenter/seekers/",
    "/jobcenter/seekers/S1/",
    "/jobcenter/vacancies/",
    "/jobcenter/vacancies/V1/",
]
ALLOWED = {"admin", "owner", "counsellor"}


@pytest.mark.parametrize("url", PAGES)
def test_role_matrix_of_the_pages(url: str, users: dict[str, Any], world: Any) -> None:
    response = client_for(None).get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for role in ROLES:
        status = client_for(users[role]).get(url).status_code
        assert status == (200 if role in ALLOWED else 403), (role, url, status)


def test_role_matrix_of_the_writes(users: dict[str, Any], world: Any) -> None:
    posts = [
        ("/jobcenter/referrals/new/", {"seeker": "S1", "vacancy": "V1"}),
        ("/jobcenter/seekers/S1/counselling/", {"channel": "전화", "notes": "첫 상담"}),
    ]
    for role in ("department", "viewer"):
        for url, data in posts:
            assert client_for(users[role]).post(url, data).status_code == 403
    assert not Referral.objects.exists() and not Counselling.objects.exists()
    for url, data in posts:
        assert client_for(users["counsellor"]).post(url, data).status_code == 302
    assert Referral.objects.count() == 1 and Counselling.objects.get().counsellor == users["counsellor"]


def test_view_log_page_is_for_administrators(users: dict[str, Any], world: Any) -> None:
    for role in ROLES:
        status = client_for(users[role]).get("/jobcenter/views-log/").status_code
        assert status == (200 if role in {"admin", "owner"} else 403)


def test_lists_are_masked_for_everyone(users: dict[str, Any], world: Any) -> None:
    for role in ALLOWED:
        body = client_for(users[role]).get("/jobcenter/seekers/").content.decode()
        assert "김*수" in body and "010-****-5678" in body
        assert "김민수" not in body and "1234-5678" not in body


def test_full_view_only_for_counsellors_and_logged(users: dict[str, Any], world: Any) -> None:
    body = client_for(users["admin"]).get("/jobcenter/seekers/S1/").content.decode()
    assert "김*수" in body and "김민수" not in body
    assert not SeekerView.objects.exists()
    body = client_for(users["counsellor"]).get("/jobcenter/seekers/S1/").content.decode()
    assert "김민수" in body and "010-1234-5678" in body
    view = SeekerView.objects.get()
    assert (view.user, view.seeker.seeker_no) == (users["counsellor"], "S1")
    log = client_for(users["admin"]).get("/jobcenter/views-log/").content.decode()
    assert "counsellor" in log and "S1" in log


def test_from_match_to_placement_in_the_browser_flow(users: dict[str, Any], world: Any) -> None:
    counsellor = client_for(users["counsellor"])
    page = counsellor.get("/jobcenter/vacancies/V1/").content.decode()
    assert "S1" in page and "김*수" in page
    counsellor.post("/jobcenter/referrals/new/", {"seeker": "S1", "vacancy": "V1"})
    referral = Referral.objects.get()
    start = timezone.localdate().isoformat()
    response = counsellor.post(f"/jobcenter/referrals/{referral.pk}/outcome/", {"outcome": "hired", "start": start})
    assert response.status_code == 302
    placement = Placement.objects.get()
    assert placement.record.record_id == f"일자리센터-알선-{referral.pk}"
    counsellor.post(f"/jobcenter/placements/{placement.pk}/followup/", {"status": "employed"})
    assert placement.followups.get(months=1).status == "employed"
    bad = counsellor.post(f"/jobcenter/placements/{placement.pk}/followup/", {"status": "left"}, follow=True)
    assert "퇴사(left)에는 퇴사일" in bad.content.decode()


def test_consent_withdrawal_from_the_page(users: dict[str, Any], world: Any) -> None:
    counsellor = client_for(users["counsellor"])
    counsellor.post("/jobcenter/seekers/S1/withdraw-consent/")
    seeker = JobSeeker.objects.get()
    assert (seeker.name, seeker.phone) == ("", "")
    assert SeekerView.objects.count() == 0
    body = counsellor.get("/jobcenter/seekers/S1/").content.decode()
    assert "(삭제됨)" in body
    assert SeekerView.objects.count() == 0  # nothing personal left to see, nothing logged


@pytest.mark.parametrize(
    ("name", "masked"), [("김민수", "김*수"), ("홍길", "홍*"), ("남궁민수", "남**수"), ("", ""), ("이", "이")]
)
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


@pytest.mark.parametrize(
    ("phone", "masked"),
    [("010-1234-5678", "010-****-5678"), ("01012345678", "010-****-5678"), ("02-123-4567", "02-****-4567"), ("", "")],
)
def test_mask_phone(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked
