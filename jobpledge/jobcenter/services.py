"""Writes of the Job Plus Center's day: referrals, outcomes, placements (→ job records), follow-ups.

A hired referral becomes a job record under 고용서비스 through the records write service (records.services
.record_create), so it is validated by the import's rules and counts in the pledge report at once; undoing the
placement withdraws that record with a reason (record_withdraw); a follow-up that finds the person left sets the
record's end date (record_update), which decides the kept-one-year count.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from jobpledge.accounts.models import Department
from jobpledge.core.errors import JobpledgeError
from jobpledge.jobcenter import messages as jmsg
from jobpledge.jobcenter.dates import add_months
from jobpledge.jobcenter.matching import licence_key, open_vacancies, seeker_inactive_reason
from jobpledge.jobcenter.models import FollowUp, JobSeeker, Placement, Referral, Vacancy
from jobpledge.jobcenter.wages import monthly_wage
from jobpledge.plans.models import Plan
from jobpledge.records.services import default_plan, record_create, record_update, record_withdraw

logger = logging.getLogger(__name__)

EMPLOYMENT_PROGRAM = "고용서비스"
FOLLOWUP_MONTHS = (1, 6, 12)
OUTCOMES = {Referral.Status.HIRED, Referral.Status.NOT_HIRED, Referral.Status.NO_SHOW}


def center_department(plan: Plan) -> Department:
    """The department placements are recorded under: the configured one, else the plan's lead department."""
    name = settings.JOBPLEDGE_JOBCENTER_DEPARTMENT or plan.lead_department
    department, _ = Department.objects.get_or_create(name=name)
    return department


def placement_record_id(referral: Referral, attempt: int) -> str:
    """실적번호 naming the referral: 일자리센터-알선-42 (and -2, -3 … when an undone placement is placed again)."""
    base = f"일자리센터-알선-{referral.pk}"
    return base if attempt == 1 else f"{base}-{attempt}"


@transaction.atomic
def referral_create(*, seeker: JobSeeker, vacancy: Vacancy, user: Any, referred_on: dt.date | None = None) -> Referral:
    """Refer an active seeker to an open vacancy whose licences they hold (the matching hard rules)."""
    on = referred_on or timezone.localdate()
    reason = seeker_inactive_reason(seeker, on)
    if reason is not None:
        raise JobpledgeError(jmsg.SEEKER_NOT_ACTIVE.format(reason=reason))
    if not open_vacancies(on).filter(pk=vacancy.pk).exists():
        raise JobpledgeError(jmsg.VACANCY_NOT_OPEN.format(value=vacancy.vacancy_no))
    held = {licence_key(x) for x in seeker.licences}
    missing = [x for x in vacancy.required_licences if licence_key(x) not in held]
    if missing:
        raise JobpledgeError(jmsg.LICENCE_MISSING.format(value=", ".join(missing)))
    existing = Referral.objects.filter(seeker=seeker, vacancy=vacancy).first()
    if existing is not None:
        raise JobpledgeError(jmsg.REFERRAL_EXISTS.format(value=existing.pk))
    referral = Referral.objects.create(seeker=seeker, vacancy=vacancy, referred_on=on, created_by=_user(user))
    logger.info("referral created id=%s seeker=%s vacancy=%s", referral.pk, seeker.pk, vacancy.pk)
    return referral


@transaction.atomic
def referral_outcome(
    *,
    referral: Referral,
    outcome: str,
    user: Any,
    start_date: dt.date | None = None,
    on: dt.date | None = None,
    record_overrides: Mapping[str, Any] | None = None,
) -> Placement | None:
    """Record how a referral ended; `hired` creates the placement and its job record (and the follow-ups).

    `record_overrides` edits the record's values taken from the vacancy (monthly_wage, weekly_hours,
    employment_type, employer …) before it is written.
    """
    if outcome not in OUTCOMES:
        raise JobpledgeError(jmsg.OUTCOME_UNKNOWN.format(value=outcome))
    referral = Referral.objects.select_for_update().select_related("seeker", "vacancy__employer").get(pk=referral.pk)
    if referral.status in OUTCOMES:
        raise JobpledgeError(jmsg.OUTCOME_DONE.format(status=referral.get_status_display()))
    referral.status, referral.outcome_on = outcome, on or timezone.localdate()
    referral.save(update_fields=["status", "outcome_on"])
    if outcome != Referral.Status.HIRED:
        return None
    if start_date is None:
        raise JobpledgeError(jmsg.START_REQUIRED)
    return _place(referral, start_date=start_date, user=user, overrides=record_overrides or {})


def _place(referral: Referral, *, start_date: dt.date, user: Any, overrides: Mapping[str, Any]) -> Placement:
    plan = default_plan()
    if plan is None or not plan.programs.filter(name=EMPLOYMENT_PROGRAM).exists():
        raise JobpledgeError(jmsg.NO_EMPLOYMENT_PROGRAM)
    seeker, vacancy = referral.seeker, referral.vacancy
    department = center_department(plan)
    attempt = referral.placements.count() + 1
    data: dict[str, Any] = {
        "record_id": placement_record_id(referral, attempt),
        "department": department.name,
        "program": EMPLOYMENT_PROGRAM,
        "birth_date": seeker.birth_date,
        "gender": seeker.gender,
        "start_date": start_date,
        "employment_type": vacancy.employment_type,
        "monthly_wage": monthly_wage(vacancy.wage_form, vacancy.wage_amount, vacancy.weekly_hours),
        "weekly_hours": vacancy.weekly_hours,
        "employer": vacancy.employer.name,
        "resident": True if seeker.residence_dong else None,  # no 거주동: unknown, not "not a resident"
        "evidence": "확인서",
        **overrides,
    }
    record = record_create(data=data, user=_user(user), plan=plan, person_pseudonym=seeker.person_pseudonym)
    placement = Placement.objects.create(referral=referral, start_date=start_date, record=record)
    FollowUp.objects.bulk_create(
        FollowUp(placement=placement, months=m, due_on=add_months(start_date, m)) for m in FOLLOWUP_MONTHS
    )
    hired = Placement.objects.filter(referral__vacancy=vacancy, undone_at__isnull=True).count()
    if hired >= vacancy.openings and vacancy.status == Vacancy.Status.OPEN:
        Vacancy.objects.filter(pk=vacancy.pk).update(status=Vacancy.Status.FILLED)
    logger.info("placement created id=%s referral=%s record=%s", placement.pk, referral.pk, record.pk)
    return placement


@transaction.atomic
def placement_undo(*, placement: Placement, reason: str, user: Any) -> Placement:
    """Undo a placement: its job record is withdrawn with the reason (kept, with history); the referral is open again."""
    reason = (reason or "").strip()
    if not reason:
        raise JobpledgeError(jmsg.UNDO_REASON_REQUIRED)
    placement = Placement.objects.select_for_update().select_related("record", "referral__vacancy").get(pk=placement.pk)
    if placement.undone_at is not None:
        raise JobpledgeError(jmsg.PLACEMENT_UNDONE)
    record_withdraw(record=placement.record, reason=f"일자리플러스센터 취업 취소: {reason}", user=_user(user))
    placement.undone_at, placement.undone_reason = timezone.now(), reason
    placement.save(update_fields=["undone_at", "undone_reason"])
    Referral.objects.filter(pk=placement.referral_id).update(status=Referral.Status.REFERRED, outcome_on=None)
    vacancy = placement.referral.vacancy
    if vacancy.status == Vacancy.Status.FILLED:
        Vacancy.objects.filter(pk=vacancy.pk).update(status=Vacancy.Status.OPEN)
    logger.info("placement undone id=%s", placement.pk)
    return placement


@transaction.atomic
def followup_record(
    *,
    placement: Placement,
    status: str,
    user: Any,
    left_on: dt.date | None = None,
    months: int | None = None,
    on: dt.date | None = None,
) -> FollowUp:
    """Record the next (or the given) follow-up; `left` with a date sets the job record's end date.

    `unreachable` is kept as such: the record's end stays unknown, and the report counts it as unreachable,
    never as kept (selectors.followup_summary).
    """
    if status not in FollowUp.Status.values:
        raise JobpledgeError(jmsg.FOLLOWUP_STATUS_UNKNOWN.format(value=status))
    if status == FollowUp.Status.LEFT and left_on is None:
        raise JobpledgeError(jmsg.LEFT_ON_REQUIRED)
    if status != FollowUp.Status.LEFT and left_on is not None:
        raise JobpledgeError(jmsg.LEFT_ON_ONLY_WHEN_LEFT)
    placement = Placement.objects.select_related("record").get(pk=placement.pk)
    if placement.undone_at is not None:
        raise JobpledgeError(jmsg.PLACEMENT_UNDONE)
    if months is not None and months not in FOLLOWUP_MONTHS:
        raise JobpledgeError(jmsg.FOLLOWUP_MONTHS.format(value=months))
    pending = placement.followups.select_for_update().order_by("months")
    followup = pending.filter(months=months).first() if months else pending.filter(status="").first()
    if followup is None:
        raise JobpledgeError(jmsg.NO_FOLLOWUP_DUE)
    if left_on is not None:
        if left_on < placement.start_date:
            raise JobpledgeError(jmsg.LEFT_BEFORE_START.format(left=left_on, start=placement.start_date))
        record_update(record=placement.record, data={"end_date": left_on}, user=_user(user))
    followup.status, followup.left_on = status, left_on
    followup.done_on, followup.recorded_by = on or timezone.localdate(), _user(user)
    followup.save()
    if status == FollowUp.Status.LEFT:  # nobody follows up a job that ended: the later checks are dropped
        placement.followups.filter(status="", months__gt=followup.months).delete()
    logger.info("follow-up recorded placement=%s months=%s status=%s", placement.pk, followup.months, status)
    return followup


def _user(user: Any) -> Any:
    return user if user is not None and getattr(user, "is_authenticated", False) else None
