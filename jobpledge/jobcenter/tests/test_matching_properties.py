"""Property: whatever the registers hold, no match result ever breaks a hard rule, and score = sum of parts.

The hard rules are re-stated here in plain Python over the model objects (not through the selector's queries), so
that a wrong filter in matching.py is caught.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobpledge.jobcenter.factories import EmployerFactory, JobSeekerFactory, VacancyFactory, keco
from jobpledge.jobcenter.matching import (
    SEEKER_FIELDS,
    VACANCY_FIELDS,
    licence_key,
    match_seeker,
    match_vacancy,
    score,
    score_parts,
    seeker_facts,
    vacancy_facts,
)
from jobpledge.jobcenter.models import JobSeeker, Placement, Referral, Vacancy
from jobpledge.records.factories import add_record

pytestmark = pytest.mark.django_db
AS_OF = dt.date(2021, 4, 1)
CODES = ["8911", "8912", "891", "89", "6120", "61"]
LICENCES = ["지게차운전기능사", "용접기능사", "운전면허 1종"]
days = st.integers(min_value=-60, max_value=60).map(lambda d: AS_OF + dt.timedelta(days=d))

seeker_st = st.fixed_dictionaries(
    {
        "registered": days,
        "valid_days": st.integers(min_value=0, max_value=120),
        "consent_delay": st.integers(min_value=0, max_value=5),
        "withdrawn": st.none() | days,
        "codes": st.lists(st.sampled_from(CODES), min_size=1, max_size=3, unique=True),
        "licences": st.lists(st.sampled_from(LICENCES), max_size=3, unique=True),
        "wage": st.none() | st.integers(min_value=5_000, max_value=4_000_000),
        "form": st.sampled_from(["시급", "일급", "월급", "연봉"]),
        "hours": st.none() | st.integers(min_value=5, max_value=52),
        "dong": st.sampled_from(["", "구로3동", "가리봉동"]),
        "placed": st.none() | days,
        "placement_undone": st.booleans(),
        "experience": st.none() | st.integers(min_value=0, max_value=10),
        "groups": st.lists(st.sampled_from(["청년", "여성", "고령자"]), max_size=2, unique=True),
    }
)
vacancy_st = st.fixed_dictionaries(
    {
        "registered": days,
        "open_days": st.integers(min_value=0, max_value=90),
        "status": st.sampled_from(list(Vacancy.Status)),
        "code": st.sampled_from(CODES),
        "licences": st.lists(st.sampled_from(LICENCES), max_size=2, unique=True),
        "form": st.sampled_from(["시급", "일급", "월급", "연봉"]),
        "amount": st.integers(min_value=5_000, max_value=40_000_000),
        "hours": st.none() | st.integers(min_value=5, max_value=52),
        "workplace": st.sampled_from(["", "구로3동", "가리봉동", "구로구"]),
        "experience": st.none() | st.integers(min_value=0, max_value=5),
    }
)


def _vacancy_open(v: Vacancy) -> bool:
    return v.status == Vacancy.Status.OPEN and v.registered_on <= AS_OF <= v.closing_on


def _seeker_active(s: JobSeeker) -> bool:
    placed = any(
        p.undone_at is None and s.registered_on <= p.start_date <= AS_OF
        for p in Placement.objects.filter(referral__seeker=s)
    )
    withdrawn = s.consent_withdrawn_on is not None and s.consent_withdrawn_on <= AS_OF
    return s.registered_on <= AS_OF <= s.valid_until and s.consent_on <= AS_OF and not withdrawn and not placed


def _licensed(s: JobSeeker, v: Vacancy) -> bool:
    return {licence_key(x) for x in v.required_licences} <= {licence_key(x) for x in s.licences}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seekers=st.lists(seeker_st, min_size=1, max_size=6), vacancies=st.lists(vacancy_st, min_size=1, max_size=4))
def test_no_result_breaks_a_hard_rule(guro_plan: object, seekers: list[dict], vacancies: list[dict]) -> None:
    with transaction.atomic():
        for code in CODES:
            keco(code)
        employer = EmployerFactory()
        vs = [
            VacancyFactory(
                vacancy_no=f"V{i}",
                employer=employer,
                keco_id=v["code"],
                status=v["status"],
                registered_on=v["registered"],
                closing_on=v["registered"] + dt.timedelta(days=v["open_days"]),
                required_licences=v["licences"],
                wage_form=v["form"],
                wage_amount=v["amount"],
                weekly_hours=v["hours"],
                workplace=v["workplace"],
            )  # fmt: skip
            for i, v in enumerate(vacancies)
        ]
        ss = []
        for i, s in enumerate(seekers):
            seeker = JobSeekerFactory(
                seeker_no=f"S{i}", registered_on=s["registered"],
                valid_until=s["registered"] + dt.timedelta(days=s["valid_days"]),
                consent_on=s["registered"] + dt.timedelta(days=s["consent_delay"]),
                consent_withdrawn_on=s["withdrawn"], desired_codes=s["codes"], licences=s["licences"],
                desired_wage=s["wage"], desired_wage_form=s["form"] if s["wage"] else "",
                desired_weekly_hours=s["hours"], residence_dong=s["dong"],
                experience_years=s["experience"], priority_groups=s["groups"],
            )  # fmt: skip
            ss.append(seeker)
            if s["placed"] is not None:
                referral = Referral.objects.create(seeker=seeker, vacancy=vs[0], referred_on=s["placed"])
                record = add_record(guro_plan, start=s["placed"], program="고용서비스", bump=False)  # type: ignore[arg-type]
                Placement.objects.create(
                    referral=referral, start_date=s["placed"], record=record,
                    undone_at=record.created_at if s["placement_undone"] else None,
                )  # fmt: skip
        by_no = {s.seeker_no: s for s in ss}
        vacancy_by_no = {v.vacancy_no: v for v in vs}
        for v in vs:
            if not _vacancy_open(v):
                continue
            results = match_vacancy(vacancy_no=v.vacancy_no, as_of=AS_OF, top=100).results
            expected = {s.seeker_no for s in ss if _seeker_active(s) and _licensed(s, v)}
            assert {m.candidate for m in results} == expected
            for m in results:
                assert m.score == sum(p.points for p in m.parts)
            for s in ss:  # the ranking score (no reasons) is the explained score, for every pair
                if _seeker_active(s) and _licensed(s, v):
                    facts = (seeker_facts([getattr(s, f) for f in SEEKER_FIELDS]), vacancy_facts(
                        [getattr(v, f) for f in VACANCY_FIELDS]))  # fmt: skip
                    explained = sum(p.points for p in score_parts(*facts, district="구로구"))
                    assert score(*facts, district="구로구") == explained
            keys = [(-m.score, by_no[m.candidate].registered_on, m.candidate) for m in results]
            assert keys == sorted(keys)
        for s in ss:
            if not _seeker_active(s):
                continue
            results = match_seeker(seeker_no=s.seeker_no, as_of=AS_OF, top=100).results
            expected = {v.vacancy_no for v in vs if _vacancy_open(v) and _licensed(s, v)}
            assert {m.candidate for m in results} == expected
            for m in results:
                assert m.score == sum(p.points for p in m.parts)
                assert _vacancy_open(vacancy_by_no[m.candidate])
        transaction.set_rollback(True)
