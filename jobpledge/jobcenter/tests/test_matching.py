"""Matching: every hard rule, score = sum of parts, deterministic ties, the CLI in table and JSON."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from jobpledge.core.errors import JobpledgeError
from jobpledge.jobcenter import messages as jmsg
from jobpledge.jobcenter.factories import JobSeekerFactory, VacancyFactory, keco
from jobpledge.jobcenter.matching import (
    HOURS_POINTS,
    LICENCE_POINTS,
    OCCUPATION_POINTS,
    PRIORITY_POINTS,
    SAME_DONG_POINTS,
    WAGE_MET_POINTS,
    match_seeker,
    match_vacancy,
)
from jobpledge.jobcenter.models import Vacancy

pytestmark = pytest.mark.django_db
AS_OF = dt.date(2021, 4, 1)


def seekers_for(vacancy: Vacancy, as_of: dt.date = AS_OF, top: int = 10) -> list[str]:
    return [m.candidate for m in match_vacancy(vacancy_no=vacancy.vacancy_no, as_of=as_of, top=top).results]


def test_worked_example_parts_and_score(guro_plan: object) -> None:
    """The first worked example of docs/matching.md."""
    keco("8911")
    VacancyFactory(
        vacancy_no="V-EX1", keco_id="8911", wage_form="월급", wage_amount=2_200_000, weekly_hours=40,
        workplace="구로3동", required_licences=["지게차운전기능사"],
    )  # fmt: skip
    JobSeekerFactory(
        seeker_no="S-EX1", desired_codes=["8911"], desired_wage_form="시급", desired_wage=9_160,
        desired_weekly_hours=40, licences=["지게차 운전기능사"], residence_dong="구로3동", priority_groups=["청년"],
    )  # fmt: skip
    (match,) = match_vacancy(vacancy_no="V-EX1", as_of=AS_OF).results
    assert [(p.reason, p.points) for p in match.parts] == [
        ("희망 직종 일치(세분류)", OCCUPATION_POINTS[4]),
        ("희망 임금 충족(시급 환산 10,549원 ≥ 9,160원)", WAGE_MET_POINTS),
        ("근무지 같은 동", SAME_DONG_POINTS),
        ("희망 근로시간과 맞음", HOURS_POINTS),
        ("필요 자격 보유(지게차운전기능사)", LICENCE_POINTS),
        ("취업취약계층(청년)", PRIORITY_POINTS),
    ]
    assert match.score == sum(p.points for p in match.parts) == 100


def test_occupation_levels_by_common_prefix(guro_plan: object) -> None:
    for code in ("8911", "8912", "891", "892", "6120"):
        keco(code)
    vacancy = VacancyFactory(keco_id="8911", workplace="", weekly_hours=None)
    JobSeekerFactory(seeker_no="A", desired_codes=["8912"])  # same 소분류
    JobSeekerFactory(seeker_no="B", desired_codes=["892"])  # same 중분류
    JobSeekerFactory(seeker_no="C", desired_codes=["6120"])  # another 대분류
    results = match_vacancy(vacancy_no=vacancy.vacancy_no, as_of=AS_OF).results
    first_parts = {m.candidate: m.parts[0] for m in results}
    assert first_parts["A"].reason == "희망 직종 일치(소분류)"
    assert first_parts["B"].reason == "희망 직종 일치(중분류)"
    assert (first_parts["C"].reason, first_parts["C"].points) == ("희망 직종과 다름", 0)
    assert [m.candidate for m in results] == ["A", "B", "C"]


def test_hard_rule_open_vacancy_only(db: None) -> None:
    vacancy = VacancyFactory(status=Vacancy.Status.FILLED)
    with pytest.raises(JobpledgeError, match="모집 중인 구인이 아닙니다"):
        match_vacancy(vacancy_no=vacancy.vacancy_no, as_of=AS_OF)
    VacancyFactory(vacancy_no="LATE", closing_on=dt.date(2021, 3, 31))
    with pytest.raises(JobpledgeError, match="모집 중인 구인이 아닙니다"):
        match_vacancy(vacancy_no="LATE", as_of=AS_OF)
    seeker = JobSeekerFactory()
    VacancyFactory(vacancy_no="OPEN")
    assert [m.candidate for m in match_seeker(seeker_no=seeker.seeker_no, as_of=AS_OF).results] == ["OPEN"]


def test_hard_rule_active_seekers_only(db: None) -> None:
    vacancy = VacancyFactory()
    JobSeekerFactory(seeker_no="ACTIVE")
    JobSeekerFactory(seeker_no="EXPIRED", valid_until=dt.date(2021, 3, 31))
    JobSeekerFactory(seeker_no="FUTURE", registered_on=dt.date(2021, 4, 2), consent_on=dt.date(2021, 4, 2))
    JobSeekerFactory(seeker_no="WITHDRAWN", consent_withdrawn_on=dt.date(2021, 3, 15))
    JobSeekerFactory(seeker_no="WITHDRAWS-LATER", consent_withdrawn_on=dt.date(2021, 4, 15))
    JobSeekerFactory(seeker_no="ERASED", personal_data_erased_at=timezone.now())
    assert sorted(seekers_for(vacancy)) == ["ACTIVE", "WITHDRAWS-LATER"]


def test_hard_rule_required_licences(db: None) -> None:
    vacancy = VacancyFactory(required_licences=["지게차운전기능사", "용접기능사"])
    JobSeekerFactory(seeker_no="BOTH", licences=["용접기능사", "지게차운전기능사", "운전면허 1종"])
    JobSeekerFactory(seeker_no="ONE", licences=["지게차운전기능사"])
    JobSeekerFactory(seeker_no="NONE")
    assert seekers_for(vacancy) == ["BOTH"]


def test_ties_are_broken_by_registration_then_number(db: None) -> None:
    vacancy = VacancyFactory()
    JobSeekerFactory(seeker_no="S3", registered_on=dt.date(2021, 3, 1))
    JobSeekerFactory(seeker_no="S1", registered_on=dt.date(2021, 3, 2), consent_on=dt.date(2021, 3, 2))
    JobSeekerFactory(seeker_no="S2", registered_on=dt.date(2021, 3, 1))
    assert seekers_for(vacancy) == ["S2", "S3", "S1"]
    assert seekers_for(vacancy, top=2) == ["S2", "S3"]


def test_monthly_wish_without_hours_is_read_on_the_vacancy_hours(db: None) -> None:
    vacancy = VacancyFactory(wage_form="시급", wage_amount=10_000, weekly_hours=40)
    JobSeekerFactory(seeker_no="S", desired_wage_form="월급", desired_wage=2_085_600, desired_weekly_hours=None)
    (match,) = match_vacancy(vacancy_no=vacancy.vacancy_no, as_of=AS_OF).results
    assert match.parts[1].reason == "희망 임금 충족(시급 환산 10,000원 ≥ 10,000원)"


def test_unknown_vacancy_hours_are_not_compared(db: None) -> None:
    vacancy = VacancyFactory(wage_form="월급", wage_amount=3_000_000, weekly_hours=None)
    JobSeekerFactory()
    (match,) = match_vacancy(vacancy_no=vacancy.vacancy_no, as_of=AS_OF).results
    assert (match.parts[1].reason, match.parts[1].points) == ("임금 비교 불가(주당근로시간 모름)", 0)


def test_inactive_seeker_cannot_be_matched(db: None) -> None:
    JobSeekerFactory(seeker_no="OLD", valid_until=dt.date(2021, 3, 2))
    with pytest.raises(JobpledgeError) as error:
        match_seeker(seeker_no="OLD", as_of=AS_OF)
    assert error.value.message == jmsg.SEEKER_NOT_ACTIVE.format(reason=jmsg.INACTIVE_EXPIRED)


def test_cli_json_shape_and_table(db: None, capsys: pytest.CaptureFixture[str]) -> None:
    VacancyFactory(vacancy_no="V1")
    JobSeekerFactory(seeker_no="S1")
    call_command("match_vacancy", "V1", "--as-of", "2021-04-01", "--format", "json")
    payload = json.loads(capsys.readouterr().out)
    assert payload["vacancy"] == "V1" and payload["as_of"] == "2021-04-01"
    (result,) = payload["results"]
    assert result["seeker"] == "S1"
    assert result["score"] == sum(p["points"] for p in result["parts"]) > 0
    assert set(result["parts"][0]) == {"reason", "points"}
    call_command("match_seeker", "S1", "--as-of", "2021-04-01", "--format", "json")
    payload = json.loads(capsys.readouterr().out)
    assert (payload["seeker"], [r["vacancy"] for r in payload["results"]]) == ("S1", ["V1"])
    call_command("match_vacancy", "V1", "--as-of", "2021-04-01")
    assert "S1" in capsys.readouterr().out
    with pytest.raises(CommandError, match="구인을 찾을 수 없습니다"):
        call_command("match_vacancy", "NOPE", "--as-of", "2021-04-01")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("match_vacancy", "V1", "--as-of", "2021/04/01")
