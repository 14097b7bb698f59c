"""Closing a period (공표): freeze the report with its SHA-256, print it back, verify every stored hash.

`period_close` writes plans.PeriodClose (read by the record write services, which then refuse writes into the
period without a reason: records.closing) and reports.PeriodSnapshot (the report text and its hash).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from jobpledge.accounts import permissions as perms
from jobpledge.accounts.permissions import Action
from jobpledge.core.errors import JobpledgeError
from jobpledge.core.models import DataVersion
from jobpledge.plans.models import Period, PeriodClose, Plan
from jobpledge.records import writes
from jobpledge.reports.models import PeriodSnapshot
from jobpledge.reports.selectors import pledge_report

logger = logging.getLogger(__name__)

MSG_NOT_ALLOWED = "기간 마감은 계획 담당자(plan_owner) 또는 관리자(admin)만 할 수 있습니다."
MSG_UNKNOWN_PERIOD = "계획 {plan}에 기간 {period}이(가) 없습니다. 기간: {choices}"
MSG_NOT_ENDED = "기간 {period}은(는) 아직 끝나지 않았습니다 (종료일 {end}). 끝난 기간만 마감할 수 있습니다."
MSG_ALREADY_CLOSED = "기간 {period}은(는) 이미 마감되었습니다 ({closed_at}, SHA-256 {sha256})."
MSG_NOT_CLOSED = "기간 {period}은(는) 마감되지 않았습니다: 공표 스냅숏이 없습니다."


def snapshot_text(report: dict[str, Any]) -> str:
    """The report as stored and printed: UTF-8 JSON, two-space indent, keys in the report's order."""
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def find_period(plan: Plan, code: str) -> Period:
    period = plan.periods.filter(code__iexact=code.strip()).first()
    if period is None:
        choices = ", ".join(plan.periods.values_list("code", flat=True))
        raise JobpledgeError(MSG_UNKNOWN_PERIOD.format(plan=plan.key, period=code, choices=choices))
    return period


@transaction.atomic
def period_close(*, plan: Plan, period_code: str, user: Any, now: dt.datetime | None = None) -> PeriodSnapshot:
    """Close an ended period: freeze the full report as of today, its SHA-256, the user and the time.

    Takes the record writers' lock first, so that no write slips in between the count and the close.
    """
    if not perms.has_perm(user, Action.CLOSE_PERIOD):
        raise JobpledgeError(MSG_NOT_ALLOWED)
    now = now or timezone.now()
    today = timezone.localdate(now)
    writes.lock_writers()
    period = Period.objects.select_for_update().get(pk=find_period(plan, period_code).pk)
    existing = PeriodSnapshot.objects.filter(close__period=period).first()
    if existing is not None:
        closed_at = timezone.localtime(existing.close.closed_at).strftime("%Y-%m-%d %H:%M")
        raise JobpledgeError(
            MSG_ALREADY_CLOSED.format(period=period.code, closed_at=closed_at, sha256=existing.sha256[:12])
        )
    if period.end >= today:
        raise JobpledgeError(MSG_NOT_ENDED.format(period=period.code, end=period.end.isoformat()))
    text = snapshot_text(pledge_report(plan=plan, as_of=today))
    close = PeriodClose.objects.create(period=period, closed_at=now, closed_by=user)
    snapshot = PeriodSnapshot.objects.create(close=close, as_of=today, report_json=text, sha256=sha256_of(text))
    DataVersion.bump()
    logger.info("period closed plan=%s period=%s sha256=%s user=%s", plan.key, period.code, snapshot.sha256, user.pk)
    return snapshot


def period_snapshot(*, plan: Plan, period_code: str) -> PeriodSnapshot:
    period = find_period(plan, period_code)
    snapshot = PeriodSnapshot.objects.filter(close__period=period).select_related("close").first()
    if snapshot is None:
        raise JobpledgeError(MSG_NOT_CLOSED.format(period=period.code))
    return snapshot


@dataclass(frozen=True)
class Verification:
    plan: str
    period: str
    stored: str
    computed: str

    @property
    def ok(self) -> bool:
        return self.stored == self.computed


def verify_snapshots(*, plan: Plan | None = None) -> list[Verification]:
    """Recompute the hash of every stored snapshot (of one plan, or all)."""
    snapshots = PeriodSnapshot.objects.select_related("close__period__plan").order_by(
        "close__period__plan__key", "close__period__order"
    )
    if plan is not None:
        snapshots = snapshots.filter(close__period__plan=plan)
    return [
        Verification(
            plan=s.close.period.plan.key,
            period=s.close.period.code,
            stored=s.sha256,
            computed=sha256_of(s.report_json),
        )
        for s in snapshots
    ]
