"""factory_boy factories of the Job Plus Center registers (KECO codes from the shipped 대·중분류)."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from jobpledge.core.pseudonym import pseudonymise
from jobpledge.jobcenter.bizno import check_digit
from jobpledge.jobcenter.models import Employer, JobSeeker, KecoCode, Vacancy


def business_number(n: int) -> str:
    first = f"{100000000 + n:09d}"[-9:]
    return first + str(check_digit(first))


class EmployerFactory(DjangoModelFactory):
    class Meta:
        model = Employer
        django_get_or_create = ("business_number",)

    business_number = factory.Sequence(business_number)
    name = factory.Sequence(lambda n: f"사업체{n}")
    dong = "구로3동"


def keco(code: str) -> KecoCode:
    obj, _ = KecoCode.objects.get_or_create(code=code, defaults={"name": f"직종 {code}", "level": len(code)})
    return obj


class VacancyFactory(DjangoModelFactory):
    class Meta:
        model = Vacancy

    vacancy_no = factory.Sequence(lambda n: f"V{n:05d}")
    employer = factory.SubFactory(EmployerFactory)
    keco = factory.LazyFunction(lambda: keco("89"))
    title = "포장원"
    openings = 1
    wage_form = "월급"
    wage_amount = 2_200_000
    weekly_hours = 40
    employment_type = "상용"
    workplace = "구로3동"
    required_licences: list[str] = []
    registered_on = dt.date(2021, 3, 1)
    closing_on = dt.date(2021, 5, 1)


class JobSeekerFactory(DjangoModelFactory):
    class Meta:
        model = JobSeeker

    seeker_no = factory.Sequence(lambda n: f"S{n:05d}")
    person_pseudonym = factory.Sequence(lambda n: pseudonymise(f"P{n}"))
    name = "김민수"
    birth_date = dt.date(1990, 1, 1)
    gender = "M"
    phone = "010-1234-5678"
    residence_dong = "구로3동"
    desired_codes = factory.LazyFunction(lambda: ["89"])
    desired_wage_form = "월급"
    desired_wage = 2_000_000
    desired_weekly_hours = 40
    licences: list[str] = []
    consent_on = dt.date(2021, 3, 1)
    registered_on = dt.date(2021, 3, 1)
    valid_until = dt.date(2021, 6, 1)
