"""예시 데이터 for the Job Plus Center: a small, deterministic, clearly labelled synthetic data set.

Employers, vacancies, seekers, counselling, referrals, placements with follow-ups and construction sites, every
row is_demo=True. Placements go through the real services (so they become 고용서비스 records); those records are
then labelled is_demo as well (a set-based update: the summary tallies rebuild on the next read, as documented in
docs/counting.md). Names are obviously synthetic (예시 + a number) and phones use the unassigned 010-0000-xxxx range.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction

from jobpledge.accounts.models import Department
from jobpledge.core.models import DataVersion
from jobpledge.core.pseudonym import pseudonymise
from jobpledge.jobcenter.bizno import check_digit
from jobpledge.jobcenter.matching import match_vacancy
from jobpledge.jobcenter.models import (
    ConstructionSite,
    Counselling,
    Employer,
    JobSeeker,
    KecoCode,
    Placement,
    Referral,
    Vacancy,
)
from jobpledge.jobcenter.services import followup_record, referral_create, referral_outcome
from jobpledge.records.models import JobRecord

DONGS = ["구로1동", "구로3동", "가리봉동", "신도림동", "개봉1동", "고척1동", "오류1동"]
LICENCES = ["지게차운전기능사", "요양보호사", "조리기능사"]


def _business_number(n: int) -> str:
    first = f"{900000000 + n:09d}"
    return first + str(check_digit(first))


@transaction.atomic
def load_demo(*, seed: int = 20210301, as_of: dt.date = dt.date(2021, 9, 30)) -> dict[str, int]:
    """Write the demo set; returns counts per kind. Refuses nothing: callers check for existing demo rows."""
    rng = random.Random(seed)  # noqa: S311 - synthetic demo data, not security
    codes = list(KecoCode.objects.filter(level=2).values_list("code", flat=True))
    employers = [
        Employer.objects.create(
            business_number=_business_number(i),
            name=f"예시사업체{i}",
            industry="C",
            dong=rng.choice(DONGS),
            employees=rng.randint(5, 200),
            contact_person=f"예시담당{i}",
            is_demo=True,
        )  # fmt: skip
        for i in range(12)
    ]
    start = dt.date(2021, 3, 2)
    vacancies = []
    for i in range(40):
        registered = start + dt.timedelta(days=rng.randrange(150))
        vacancies.append(
            Vacancy.objects.create(
                vacancy_no=f"DEMO-V{i:03d}",
                employer=rng.choice(employers),
                keco_id=rng.choice(codes),
                title=f"예시 직무 {i}",
                openings=rng.randint(1, 3),
                wage_form="월급",
                wage_amount=rng.randrange(2_000_000, 3_200_000, 50_000),
                weekly_hours=40,
                employment_type="상용",
                workplace=rng.choice(DONGS),
                required_licences=rng.sample(LICENCES, rng.choice([0, 0, 1])),
                registered_on=registered,
                closing_on=registered + dt.timedelta(days=61),
                is_demo=True,
            )  # fmt: skip
        )
    seekers = []
    for i in range(120):
        registered = start + dt.timedelta(days=rng.randrange(150))
        seekers.append(
            JobSeeker.objects.create(
                seeker_no=f"DEMO-S{i:04d}",
                person_pseudonym=pseudonymise(f"DEMOJC{i}"),
                name=f"예시{i}",
                birth_date=dt.date(rng.randint(1960, 2002), rng.randint(1, 12), rng.randint(1, 28)),
                gender=rng.choice("MF"),
                phone=f"010-0000-{i:04d}",
                residence_dong=rng.choice([*DONGS, ""]),
                desired_codes=rng.sample(codes, rng.randint(1, 3)),
                desired_wage_form="월급",
                desired_wage=rng.randrange(1_900_000, 3_000_000, 50_000),
                desired_weekly_hours=40,
                licences=rng.sample(LICENCES, rng.choice([0, 1])),
                priority_groups=rng.sample(["청년", "여성", "고령자", "경력단절"], rng.choice([0, 1])),
                consent_on=registered,
                registered_on=registered,
                valid_until=registered + dt.timedelta(days=92),
                is_demo=True,
            )  # fmt: skip
        )
        Counselling.objects.create(seeker=seekers[-1], held_on=registered, channel=rng.choice(["방문", "전화"]),
                                   notes="예시 상담", next_step="맞는 구인 알선")  # fmt: skip
    referrals = placements = 0
    for vacancy in vacancies:
        on = vacancy.registered_on + dt.timedelta(days=5)
        for match in match_vacancy(vacancy_no=vacancy.vacancy_no, as_of=on, top=2).results:
            seeker = JobSeeker.objects.get(seeker_no=match.candidate)
            referral = referral_create(seeker=seeker, vacancy=vacancy, user=None, referred_on=on)
            referrals += 1
            outcome = rng.choice(["hired", "hired", "not_hired", "no_show"])
            placement = referral_outcome(
                referral=referral, outcome=outcome, user=None, start_date=on + dt.timedelta(days=10), on=on
            )
            if placement is None:
                continue
            placements += 1
            if placement.followups.get(months=1).due_on <= as_of:
                status = rng.choice(["employed", "employed", "employed", "left", "unreachable"])
                left_on = placement.start_date + dt.timedelta(days=20) if status == "left" else None
                followup_record(placement=placement, status=status, left_on=left_on, months=1, user=None)
            vacancy.refresh_from_db()
            if vacancy.status != Vacancy.Status.OPEN:
                break
    record_ids = Placement.objects.filter(referral__seeker__is_demo=True).values_list("record_id", flat=True)
    JobRecord.objects.filter(pk__in=list(record_ids)).update(is_demo=True)
    department, _ = Department.objects.get_or_create(name="건축과")
    for i, (kind, amount, mou) in enumerate(
        [("관급", 1_250_000_000, dt.date(2021, 2, 15)), ("관급", 300_000_000, None), ("민간", 8_000_000_000, None)]
    ):
        ConstructionSite.objects.create(
            site_no=f"DEMO-C{i}", name=f"예시 공사 {i}", kind=kind, contract_amount=amount,
            contractor_number=employers[i].business_number, department=department, start_on=dt.date(2021, 3, 2),
            planned_end_on=dt.date(2022, 6, 30), mou_signed_on=mou, residents_pledged=10, is_demo=True,
        )  # fmt: skip
    DataVersion.bump()
    return {
        "employers": len(employers), "vacancies": len(vacancies), "seekers": len(seekers),
        "referrals": referrals, "placements": placements, "sites": 3,
    }  # fmt: skip


def demo_exists() -> bool:
    return JobSeeker.objects.filter(is_demo=True).exists() or Referral.objects.filter(seeker__is_demo=True).exists()


def summary_line(counts: dict[str, Any]) -> str:
    return "예시 데이터(일자리플러스센터): " + ", ".join(f"{k} {v}" for k, v in counts.items())
