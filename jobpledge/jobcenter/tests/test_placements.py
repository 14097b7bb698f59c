"""Referral → hired → placement → job record under 고용서비스 → pledge report; follow-ups; undo."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from jobpledge.accounts.models import Profile, Role
from jobpledge.core.errors import JobpledgeError
from jobpledge.jobcenter import messages as jmsg
from jobpledge.jobcenter.factories import JobSeekerFactory, VacancyFactory
from jobpledge.jobcenter.matching import match_vacancy
from jobpledge.jobcenter.models import FollowUp, Placement, Referral, Vacancy
from jobpledge.jobcenter.selectors import followup_summary
from jobpledge.jobcenter.services import followup_record, placement_undo, referral_create, referral_outcome

pytestmark = pytest.mark.django_db
START = dt.date(2021, 4, 5)


@pytest.fixture
def counsellor(db: None) -> Any:
    user = get_user_model().objects.create_user("counsellor1")
    Profile.objects.create(user=user, role=Role.COUNSELLOR)
    return user


@pytest.fixture
def pair(guro_plan: object) -> tuple[Any, Any]:
    vacancy = VacancyFactory(vacancy_no="V1", openings=1, wage_form="시급", wage_amount=10_000, weekly_hours=40)
    seeker = JobSeekerFactory(seeker_no="S1", birth_date=dt.date(1995, 6, 1), gender="F")
    return seeker, vacancy


def report(as_of: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    capsys.readouterr()
    call_command("report", "--format", "json", "--as-of", as_of)
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def employment_services(doc: dict[str, Any]) -> int:
    return next(p["actual"] for p in doc["programs"] if p["program"] == "고용서비스")  # type: ignore[no-any-return]


def hire(seeker: Any, vacancy: Any, user: Any) -> Placement:
    referral = referral_create(seeker=seeker, vacancy=vacancy, user=user, referred_on=dt.date(2021, 4, 1))
    placement = referral_outcome(referral=referral, outcome="hired", user=user, start_date=START)
    assert placement is not None
    return placement


def test_hired_referral_counts_in_the_report_at_once(pair: Any, counsellor: Any, capsys: Any) -> None:
    seeker, vacancy = pair
    assert employment_services(report("2021-12-31", capsys)) == 0
    placement = hire(seeker, vacancy, counsellor)
    record = placement.record
    assert record.record_id == f"일자리센터-알선-{placement.referral_id}"
    assert record.department.name == "일자리지원과"  # the plan's lead department
    assert record.program.name == "고용서비스"
    assert (record.person_pseudonym, record.birth_date, record.gender) == (
        seeker.person_pseudonym,
        seeker.birth_date,
        "F",
    )
    assert (record.start_date, record.monthly_wage, record.is_resident) == (START, 2_085_600, True)
    assert record.employer == vacancy.employer.name and record.created_by == counsellor
    assert employment_services(report("2021-12-31", capsys)) == 1
    assert [f.due_on for f in placement.followups.all()] == [
        dt.date(2021, 5, 5),
        dt.date(2021, 10, 5),
        START.replace(year=2022),
    ]
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.FILLED  # one opening, one placement


def test_placed_seeker_no_longer_matches(pair: Any, counsellor: Any) -> None:
    seeker, vacancy = pair
    other = VacancyFactory(vacancy_no="V2")
    assert [m.candidate for m in match_vacancy(vacancy_no="V2", as_of=START).results] == ["S1"]
    hire(seeker, vacancy, counsellor)
    assert match_vacancy(vacancy_no=other.vacancy_no, as_of=START).results == []
    assert [m.candidate for m in match_vacancy(vacancy_no="V2", as_of=START - dt.timedelta(days=1)).results] == ["S1"]


def test_followup_left_changes_the_kept_one_year_count(pair: Any, counsellor: Any, capsys: Any) -> None:
    seeker, vacancy = pair
    placement = hire(seeker, vacancy, counsellor)
    before = report("2022-06-30", capsys)["totals"]
    followup_record(placement=placement, status="employed", user=counsellor, on=dt.date(2021, 5, 6))
    followup_record(placement=placement, status="left", left_on=dt.date(2021, 9, 30), user=counsellor)
    placement.record.refresh_from_db()
    assert placement.record.end_date == dt.date(2021, 9, 30)
    after = report("2022-06-30", capsys)["totals"]
    assert (before["actual_retained_1y"], after["actual_retained_1y"]) == (1, 0)
    assert after["actual"] == before["actual"] == 1  # the official count keeps jobs under a year
    assert list(placement.followups.values_list("months", "status")) == [(1, "employed"), (6, "left")]
    summary = followup_summary(as_of=dt.date(2022, 6, 30))
    assert summary["1m"] == {"due": 1, "done": 1, "employed": 1, "left": 0, "unreachable": 0}
    assert summary["6m"] == {"due": 1, "done": 1, "employed": 0, "left": 1, "unreachable": 0}


def test_unreachable_is_not_kept_and_leaves_the_end_unknown(pair: Any, counsellor: Any) -> None:
    seeker, vacancy = pair
    placement = hire(seeker, vacancy, counsellor)
    followup_record(placement=placement, status="unreachable", user=counsellor, months=12)
    placement.record.refresh_from_db()
    assert placement.record.end_date is None
    summary = followup_summary(as_of=dt.date(2022, 6, 30))
    assert summary["12m"] == {"due": 1, "done": 1, "employed": 0, "left": 0, "unreachable": 1}
    assert summary["1m"]["done"] == 0


def test_followup_rules(pair: Any, counsellor: Any) -> None:
    seeker, vacancy = pair
    placement = hire(seeker, vacancy, counsellor)
    cases = [
        ({"status": "left"}, jmsg.LEFT_ON_REQUIRED),
        ({"status": "employed", "left_on": START}, jmsg.LEFT_ON_ONLY_WHEN_LEFT),
        ({"status": "gone"}, jmsg.FOLLOWUP_STATUS_UNKNOWN.format(value="gone")),
        ({"status": "left", "left_on": START - dt.timedelta(days=1)}, jmsg.LEFT_BEFORE_START.format(left="2021-04-04", start=START)),
        ({"status": "employed", "months": 3}, jmsg.FOLLOWUP_MONTHS.format(value=3)),
    ]  # fmt: skip
    for kwargs, message in cases:
        with pytest.raises(JobpledgeError) as error:
            followup_record(placement=placement, user=counsellor, **kwargs)
        assert error.value.message == message
    assert not FollowUp.objects.exclude(status="").exists()


def test_undo_withdraws_the_record_with_a_reason(pair: Any, counsellor: Any, capsys: Any) -> None:
    seeker, vacancy = pair
    placement = hire(seeker, vacancy, counsellor)
    with pytest.raises(JobpledgeError, match="사유"):
        placement_undo(placement=placement, reason=" ", user=counsellor)
    placement_undo(placement=placement, reason="입사 취소", user=counsellor)
    placement.record.refresh_from_db()
    assert placement.record.withdrawn_at is not None
    assert placement.record.withdrawn_reason == "일자리플러스센터 취업 취소: 입사 취소"
    assert employment_services(report("2021-12-31", capsys)) == 0
    referral = Referral.objects.get()
    assert referral.status == Referral.Status.REFERRED
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.OPEN
    again = referral_outcome(referral=referral, outcome="hired", user=counsellor, start_date=START)
    assert again is not None and again.record.record_id == f"일자리센터-알선-{referral.pk}-2"
    assert employment_services(report("2021-12-31", capsys)) == 1


def test_referral_rules(pair: Any, counsellor: Any) -> None:
    seeker, vacancy = pair
    licensed = VacancyFactory(vacancy_no="LIC", required_licences=["용접기능사"])
    with pytest.raises(JobpledgeError) as error:
        referral_create(seeker=seeker, vacancy=licensed, user=counsellor, referred_on=START)
    assert error.value.message == jmsg.LICENCE_MISSING.format(value="용접기능사")
    with pytest.raises(JobpledgeError) as error:
        referral_create(seeker=seeker, vacancy=vacancy, user=counsellor, referred_on=dt.date(2021, 7, 1))
    assert error.value.message == jmsg.SEEKER_NOT_ACTIVE.format(reason=jmsg.INACTIVE_EXPIRED)
    referral = referral_create(seeker=seeker, vacancy=vacancy, user=counsellor, referred_on=START)
    with pytest.raises(JobpledgeError, match="이미 알선"):
        referral_create(seeker=seeker, vacancy=vacancy, user=counsellor, referred_on=START)
    with pytest.raises(JobpledgeError) as error:
        referral_outcome(referral=referral, outcome="hired", user=counsellor)
    assert error.value.message == jmsg.START_REQUIRED
    assert not Placement.objects.exists()
    assert referral_outcome(referral=referral, outcome="no_show", user=counsellor) is None
    with pytest.raises(JobpledgeError, match="이미 결과"):
        referral_outcome(referral=referral, outcome="hired", user=counsellor, start_date=START)


def test_cli_json_from_referral_to_followup(pair: Any, counsellor: Any, capsys: Any) -> None:
    call_command("referral_create", "--seeker", "S1", "--vacancy", "V1", "--user", "counsellor1", "--on", "2021-04-01", "--format", "json")  # fmt: skip
    referral_id = json.loads(capsys.readouterr().out)["referral"]
    call_command("referral_outcome", str(referral_id), "hired", "--start", "2021-04-05", "--user", "counsellor1", "--format", "json")  # fmt: skip
    payload = json.loads(capsys.readouterr().out)
    placement = Placement.objects.get()
    assert payload == {
        "referral": referral_id,
        "status": "hired",
        "placement": placement.pk,
        "record": {"department": "일자리지원과", "record_id": f"일자리센터-알선-{referral_id}"},
    }
    call_command("followup_record", str(placement.pk), "--status", "left", "--left-on", "2021-06-30", "--user", "counsellor1", "--format", "json")  # fmt: skip
    payload = json.loads(capsys.readouterr().out)
    assert (payload["status"], payload["months"], payload["record"]["end_date"]) == ("left", 1, "2021-06-30")
    call_command("placement_undo", str(placement.pk), "--reason", "착오", "--user", "counsellor1", "--format", "json")
    assert json.loads(capsys.readouterr().out)["record"]["withdrawn"] is True


def test_cli_requires_a_user_allowed_to_work(pair: Any) -> None:
    viewer = get_user_model().objects.create_user("viewer1")
    Profile.objects.create(user=viewer, role=Role.VIEWER)
    with pytest.raises(CommandError, match="권한이 없습니다"):
        call_command("referral_create", "--seeker", "S1", "--vacancy", "V1", "--user", "viewer1")
    with pytest.raises(CommandError, match="사용자를 찾을 수 없습니다"):
        call_command("referral_create", "--seeker", "S1", "--vacancy", "V1", "--user", "nobody")
    with pytest.raises(CommandError, match="알선을 찾을 수 없습니다"):
        admin = get_user_model().objects.create_superuser("admin1")
        call_command("referral_outcome", "999", "hired", "--user", admin.username)
    assert not Referral.objects.exists()
