"""Consent withdrawal and the retention purge: what is erased, what stays, and who is left alone."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.core.management import call_command

from jobpledge.core.errors import JobpledgeError
from jobpledge.jobcenter.factories import JobSeekerFactory, VacancyFactory
from jobpledge.jobcenter.matching import match_vacancy
from jobpledge.jobcenter.models import Counselling, JobSeeker, Referral
from jobpledge.jobcenter.privacy import seeker_withdraw_consent, seekers_purge

pytestmark = pytest.mark.django_db


def test_consent_withdrawal_erases_name_phone_and_notes(db: None) -> None:
    seeker = JobSeekerFactory(seeker_no="S1", name="김민수", phone="010-1234-5678")
    Counselling.objects.create(
        seeker=seeker, held_on=dt.date(2021, 3, 5), channel="방문", notes="건강 사정", next_step="재상담"
    )
    pseudonym = seeker.person_pseudonym
    vacancy = VacancyFactory()
    assert match_vacancy(vacancy_no=vacancy.vacancy_no, as_of=dt.date(2021, 4, 1)).results
    seeker_withdraw_consent(seeker=seeker, user=None, on=dt.date(2021, 3, 20))
    seeker.refresh_from_db()
    assert (seeker.name, seeker.phone, seeker.consent_withdrawn_on) == ("", "", dt.date(2021, 3, 20))
    assert seeker.personal_data_erased_at is not None
    assert list(Counselling.objects.values_list("notes", "next_step")) == [("", "")]
    # the pseudonymous statistics stay
    assert (seeker.person_pseudonym, seeker.birth_date, seeker.desired_codes) == (
        pseudonym,
        dt.date(1990, 1, 1),
        ["89"],
    )
    assert match_vacancy(vacancy_no=vacancy.vacancy_no, as_of=dt.date(2021, 4, 1)).results == []
    with pytest.raises(JobpledgeError, match="이미 동의를 철회"):
        seeker_withdraw_consent(seeker=seeker, user=None)


def test_purge_erases_only_seekers_inactive_past_the_retention(db: None, capsys: Any) -> None:
    today = dt.date(2025, 6, 1)  # cutoff 2022-06-01
    old = JobSeekerFactory(
        seeker_no="OLD",
        registered_on=dt.date(2021, 1, 4),
        consent_on=dt.date(2021, 1, 4),
        valid_until=dt.date(2021, 4, 4),
    )
    Counselling.objects.create(seeker=old, held_on=dt.date(2021, 2, 1), channel="전화", notes="메모")
    JobSeekerFactory(
        seeker_no="RECENT",
        registered_on=dt.date(2022, 5, 1),
        consent_on=dt.date(2022, 5, 1),
        valid_until=dt.date(2022, 8, 1),
    )
    talked = JobSeekerFactory(
        seeker_no="TALKED",
        registered_on=dt.date(2021, 1, 4),
        consent_on=dt.date(2021, 1, 4),
        valid_until=dt.date(2021, 4, 4),
    )
    Counselling.objects.create(seeker=talked, held_on=dt.date(2022, 7, 1), channel="전화")
    referred = JobSeekerFactory(
        seeker_no="REFERRED",
        registered_on=dt.date(2021, 1, 4),
        consent_on=dt.date(2021, 1, 4),
        valid_until=dt.date(2021, 4, 4),
    )
    Referral.objects.create(
        seeker=referred, vacancy=VacancyFactory(), referred_on=dt.date(2021, 3, 1), outcome_on=dt.date(2022, 6, 2)
    )
    dry = seekers_purge(today=today, years=3, dry_run=True)
    assert (dry.cutoff, dry.seekers) == (dt.date(2022, 6, 1), ["OLD"])
    assert JobSeeker.objects.get(seeker_no="OLD").name == "김민수"
    call_command("purge", "--today", "2025-06-01", "--format", "json")
    assert json.loads(capsys.readouterr().out)["seekers"] == ["OLD"]
    erased = JobSeeker.objects.get(seeker_no="OLD")
    assert (erased.name, erased.phone, erased.personal_data_erased_at is not None) == ("", "", True)
    assert Counselling.objects.get(seeker=old).notes == ""
    assert set(JobSeeker.objects.exclude(name="").values_list("seeker_no", flat=True)) == {
        "RECENT",
        "TALKED",
        "REFERRED",
    }
    assert seekers_purge(today=today, years=3).seekers == []  # nothing left to erase
    call_command("purge", "--today", "2025-06-01", "--dry-run")
    assert "0명" in capsys.readouterr().out
