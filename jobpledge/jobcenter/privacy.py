"""Seekers' personal data (lawful basis: consent): withdrawal and the retention purge.

What is erased: name, phone and the free-text counselling notes and next steps. What stays: the pseudonym, birth
date, gender, 거주동, desired occupations and the referral/placement history — the pseudonymous statistics the
pledge report and the mismatch figures need. The raw 개인식별번호 was never stored.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from jobpledge.core.errors import JobpledgeError
from jobpledge.jobcenter import messages as jmsg
from jobpledge.jobcenter.dates import add_months
from jobpledge.jobcenter.models import Counselling, FollowUp, JobSeeker, Referral

logger = logging.getLogger(__name__)

PURPOSE = "구인·구직 알선과 취업 사후관리(일자리플러스센터)"
RETENTION_NOTE = (
    "마지막 활동(등록 유효기한, 상담, 알선, 사후관리) 뒤 {years}년이 지나면 성명·연락처·상담 내용을 삭제합니다."
)


def _erase(seekers: QuerySet[JobSeeker], now: dt.datetime) -> int:
    Counselling.objects.filter(seeker__in=seekers).update(notes="", next_step="")
    return seekers.update(name="", phone="", personal_data_erased_at=now)


@transaction.atomic
def seeker_withdraw_consent(*, seeker: JobSeeker, user: Any, on: dt.date | None = None) -> JobSeeker:
    """The seeker withdrew consent: erase name, phone and notes at once; keep the pseudonymous statistics."""
    seeker = JobSeeker.objects.select_for_update().get(pk=seeker.pk)
    if seeker.consent_withdrawn_on is not None:
        raise JobpledgeError(jmsg.CONSENT_ALREADY_WITHDRAWN)
    seeker.consent_withdrawn_on = on or timezone.localdate()
    seeker.save(update_fields=["consent_withdrawn_on"])
    _erase(JobSeeker.objects.filter(pk=seeker.pk), timezone.now())
    logger.info("seeker consent withdrawn id=%s", seeker.pk)
    seeker.refresh_from_db()
    return seeker


@dataclass(frozen=True)
class PurgeResult:
    cutoff: dt.date
    seekers: list[str]  # 구직번호 of the seekers whose personal data was (or, dry run, would be) erased
    dry_run: bool


def purge_candidates(*, today: dt.date, years: int) -> tuple[dt.date, QuerySet[JobSeeker]]:
    """Seekers not yet erased whose every activity ended before today − `years` years."""
    cutoff = add_months(today, -12 * years)
    recent_referral = Referral.objects.filter(seeker=OuterRef("pk")).filter(
        Q(referred_on__gte=cutoff) | Q(outcome_on__gte=cutoff)
    )
    recent_counselling = Counselling.objects.filter(seeker=OuterRef("pk"), held_on__gte=cutoff)
    recent_followup = FollowUp.objects.filter(placement__referral__seeker=OuterRef("pk")).filter(
        Q(due_on__gte=cutoff) | Q(done_on__gte=cutoff)
    )
    seekers = (
        JobSeeker.objects.filter(personal_data_erased_at__isnull=True, valid_until__lt=cutoff)
        .exclude(Exists(recent_referral))
        .exclude(Exists(recent_counselling))
        .exclude(Exists(recent_followup))
        .order_by("seeker_no")
    )
    return cutoff, seekers


@transaction.atomic
def seekers_purge(*, today: dt.date | None = None, years: int | None = None, dry_run: bool = False) -> PurgeResult:
    """Erase the personal data of seekers inactive for longer than the retention period (default 3 years)."""
    years = settings.JOBPLEDGE_SEEKER_RETENTION_YEARS if years is None else years
    cutoff, seekers = purge_candidates(today=today or timezone.localdate(), years=years)
    numbers = list(seekers.values_list("seeker_no", flat=True))
    if not dry_run and numbers:
        _erase(JobSeeker.objects.filter(seeker_no__in=numbers), timezone.now())
    logger.info("seekers purge cutoff=%s count=%s dry_run=%s", cutoff, len(numbers), dry_run)
    return PurgeResult(cutoff, numbers, dry_run)
