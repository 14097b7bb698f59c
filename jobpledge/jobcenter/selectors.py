"""Reads of the Job Plus Center: follow-up summary, due lists, masked display values."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from jobpledge.jobcenter.models import FollowUp, JobSeeker, Placement, Referral, Vacancy

FOLLOWUP_PERIODS = (1, 6, 12)


def followup_summary(*, as_of: dt.date) -> dict[str, dict[str, int]]:
    """Per follow-up period (1, 6, 12 months) of live placements: due by `as_of`, done, and each result.

    `unreachable` is its own figure and never part of `employed`: a job nobody could confirm is not a kept job.
    """
    rows = (
        FollowUp.objects.filter(placement__undone_at__isnull=True, due_on__lte=as_of)
        .values("months")
        .annotate(
            due=Count("pk"),
            done=Count("pk", filter=~Q(status="")),
            employed=Count("pk", filter=Q(status=FollowUp.Status.EMPLOYED)),
            left=Count("pk", filter=Q(status=FollowUp.Status.LEFT)),
            unreachable=Count("pk", filter=Q(status=FollowUp.Status.UNREACHABLE)),
        )
    )
    empty = {"due": 0, "done": 0, "employed": 0, "left": 0, "unreachable": 0}
    out = {f"{m}m": dict(empty) for m in FOLLOWUP_PERIODS}
    for row in rows:
        out[f"{row['months']}m"] = {k: row[k] for k in empty}
    return out


def followups_due(*, start: dt.date, end: dt.date) -> QuerySet[FollowUp]:
    """Follow-ups not yet done whose due date falls in [start, end] (e.g. this week), live placements only."""
    return (
        FollowUp.objects.filter(status="", due_on__gte=start, due_on__lte=end, placement__undone_at__isnull=True)
        .select_related("placement__referral__seeker", "placement__referral__vacancy")
        .order_by("due_on", "pk")
    )


def registrations_expiring(*, start: dt.date, end: dt.date) -> QuerySet[JobSeeker]:
    """Seekers whose registration runs out in [start, end] and who have not withdrawn consent."""
    return JobSeeker.objects.filter(
        valid_until__gte=start, valid_until__lte=end, consent_withdrawn_on__isnull=True
    ).order_by("valid_until", "seeker_no")


def vacancies_without_referral(*, as_of: dt.date, days: int = 30) -> QuerySet[Vacancy]:
    """Open vacancies registered `days` or more ago that nobody has been referred to."""
    referred = Referral.objects.filter(vacancy=OuterRef("pk"))
    return (
        Vacancy.objects.filter(
            status=Vacancy.Status.OPEN,
            closing_on__gte=as_of,
            registered_on__lte=as_of - dt.timedelta(days=days),
        )
        .exclude(Exists(referred))
        .select_related("employer")
        .order_by("registered_on", "vacancy_no")
    )


def live_placements() -> QuerySet[Placement]:
    return Placement.objects.filter(undone_at__isnull=True)


def mask_name(name: str) -> str:
    """김민수 → 김*수, 홍길 → 홍*, 남궁민수 → 남**수; blank (erased) stays blank."""
    if not name:
        return ""
    if len(name) <= 2:
        return name[0] + "*" * (len(name) - 1)
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_phone(phone: str) -> str:
    """010-1234-5678 → 010-****-5678 (digits kept only at the ends); blank stays blank."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if not digits:
        return ""
    if len(digits) < 8:
        return "*" * len(digits)
    head = digits[:2] if digits.startswith("02") else digits[:3]
    return f"{head}-****-{digits[-4:]}"


def masked(seeker: JobSeeker) -> dict[str, Any]:
    return {"name": mask_name(seeker.name), "phone": mask_phone(seeker.phone)}
