"""Row cleaners of the four register files: cleaned cells → model fields, with row-level checks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from jobpledge.jobcenter import messages as jmsg
from jobpledge.jobcenter.dates import add_months
from jobpledge.jobcenter.importers.columns import EMPLOYER_COLUMNS, KECO_COLUMNS, SEEKER_COLUMNS, VACANCY_COLUMNS
from jobpledge.jobcenter.importers.engine import ImportKind, Report
from jobpledge.jobcenter.models import Employer, JobSeeker, KecoCode, Vacancy
from jobpledge.records.importers import messages as msg

VACANCY_DEFAULT_MONTHS = 2  # the center's practice: a vacancy is open two months unless it says otherwise
SEEKER_DEFAULT_MONTHS = 3  # a registration is valid three months, renewable
MAX_DESIRED_CODES = 3


def _text(values: dict[str, Any], name: str) -> str:
    return values.get(name) or ""


def full_age(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def employer_kind() -> ImportKind:
    def clean(values: dict[str, Any], report: Report) -> dict[str, Any] | None:
        return {
            "business_number": values["business_number"],
            "name": values["name"],
            "industry": _text(values, "industry"),
            "address": _text(values, "address"),
            "dong": _text(values, "dong"),
            "employees": values.get("employees"),
            "contact_person": _text(values, "contact_person"),
            "contact_phone": _text(values, "contact_phone"),
        }

    return ImportKind("employers", EMPLOYER_COLUMNS, Employer, "business_number", "사업자등록번호", clean)


def vacancy_kind() -> ImportKind:
    employers = dict(Employer.objects.values_list("business_number", "pk"))
    codes = set(KecoCode.objects.values_list("code", flat=True))

    def clean(values: dict[str, Any], report: Report) -> dict[str, Any] | None:
        employer_id = employers.get(values["business_number"])
        if employer_id is None:
            report("business_number", jmsg.UNKNOWN_EMPLOYER.format(value=values["business_number"]))
        if values["keco"] not in codes:
            report("keco", jmsg.UNKNOWN_KECO.format(value=values["keco"]))
        if values["openings"] == 0:
            report("openings", jmsg.OPENINGS_ZERO)
        registered: dt.date = values["registered_on"]
        closing: dt.date = values.get("closing_on") or add_months(registered, VACANCY_DEFAULT_MONTHS)
        if closing < registered:
            report("closing_on", jmsg.CLOSING_BEFORE_REGISTRATION.format(closing=closing, registered=registered))
        return {
            "vacancy_no": values["vacancy_no"],
            "employer_id": employer_id,
            "keco_id": values["keco"],
            "title": values["title"],
            "openings": values["openings"],
            "wage_form": values["wage_form"],
            "wage_amount": values["wage_amount"],
            "weekly_hours": values.get("weekly_hours"),
            "employment_type": _text(values, "employment_type"),
            "workplace": _text(values, "workplace"),
            "required_licences": values.get("required_licences") or [],
            "experience_years": values.get("experience_years"),
            "education": _text(values, "education"),
            "registered_on": registered,
            "closing_on": closing,
        }

    return ImportKind(
        "vacancies",
        VACANCY_COLUMNS,
        Vacancy,
        "vacancy_no",
        "구인번호",
        clean,
        create_only={"status": Vacancy.Status.OPEN},
    )


def seeker_kind() -> ImportKind:
    codes = set(KecoCode.objects.values_list("code", flat=True))

    def clean(values: dict[str, Any], report: Report) -> dict[str, Any] | None:
        desired: list[str] = values["desired_codes"] or []
        if not desired:
            report("desired_codes", msg.MISSING_VALUE)
        elif len(desired) > MAX_DESIRED_CODES:
            report("desired_codes", jmsg.TOO_MANY_CODES.format(count=len(desired)))
        for code in desired:
            if code not in codes:
                report("desired_codes", jmsg.UNKNOWN_KECO.format(value=msg.shown(code)))
        if values.get("desired_wage") is not None and not values.get("desired_wage_form"):
            report("desired_wage_form", jmsg.WAGE_WITHOUT_FORM)
        registered: dt.date = values["registered_on"]
        valid: dt.date = values.get("valid_until") or add_months(registered, SEEKER_DEFAULT_MONTHS)
        if valid < registered:
            report("valid_until", jmsg.VALID_BEFORE_REGISTRATION.format(valid=valid, registered=registered))
        if full_age(values["birth_date"], registered) < 15:
            report("birth_date", jmsg.UNDER_15)
        return {
            "seeker_no": values["seeker_no"],
            "person_pseudonym": values["person_id"],
            "name": values["name"],
            "birth_date": values["birth_date"],
            "gender": values["gender"],
            "phone": _text(values, "phone"),
            "residence_dong": _text(values, "residence_dong"),
            "desired_codes": desired,
            "desired_wage_form": _text(values, "desired_wage_form"),
            "desired_wage": values.get("desired_wage"),
            "desired_weekly_hours": values.get("desired_weekly_hours"),
            "licences": values.get("licences") or [],
            "experience_years": values.get("experience_years"),
            "education": _text(values, "education"),
            "priority_groups": values.get("priority_groups") or [],
            "consent_on": values["consent_on"],
            "registered_on": registered,
            "valid_until": valid,
        }

    def check_stored(fields: dict[str, Any], current: JobSeeker, report: Report) -> None:
        """A seeker who withdrew consent comes back only with a newer consent, which lifts the withdrawal."""
        withdrawn = current.consent_withdrawn_on
        if withdrawn is None:
            return
        if fields["consent_on"] <= withdrawn:
            report("consent_on", jmsg.CONSENT_WITHDRAWN.format(withdrawn=withdrawn))
            return
        fields["consent_withdrawn_on"] = None
        fields["personal_data_erased_at"] = None

    return ImportKind("seekers", SEEKER_COLUMNS, JobSeeker, "seeker_no", "구직번호", clean, check_stored=check_stored)


def keco_kind() -> ImportKind:
    def clean(values: dict[str, Any], report: Report) -> dict[str, Any] | None:
        return {"code": values["code"], "name": values["name"], "level": len(values["code"])}

    return ImportKind("keco", KECO_COLUMNS, KecoCode, "code", "코드", clean)
