"""Plan revisions with approval (공약 조정, four eyes): propose a changed plan file, approve or reject it.

- Revision 1 is the file first loaded (approved, effective at the term start): `plan load` creates it, and
  `ensure_first_revision` creates it for a plan loaded before revisions existed.
- `plan_propose` checks the file (cross-foot; refused when inconsistent unless forced, and the lines recorded) and
  tries it against the stored plan in a savepoint that is rolled back, so that a revision removing a period or a
  program holding records is refused at once.
- `plan_approve` needs a plan owner or admin other than the proposer; it writes the file into the plan's tables
  (the same writer as `plan load`: periods and programs matched by code and name, so records stay attached).
- A report picks the approved revision in force on its as-of day (reports.revisions).
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from jobpledge.accounts import permissions as perms
from jobpledge.accounts.permissions import Action
from jobpledge.core.errors import JobpledgeError
from jobpledge.core.models import DataVersion
from jobpledge.plans.checks import check_plan
from jobpledge.plans.models import Plan, PlanRevision
from jobpledge.plans.planfile import PlanSpec, parse_plan_text, read_plan_file
from jobpledge.plans.revision_records import ensure_first_revision, targets_of_spec, user_or_none
from jobpledge.plans.services import write_plan

log = logging.getLogger(__name__)

MSG_NOT_ALLOWED = "계획 변경의 제안·승인·반려는 계획 담당자(owner) 또는 관리자(admin)만 할 수 있습니다."
MSG_FOUR_EYES = "제안한 사람은 같은 변경을 승인할 수 없습니다 (4안 원칙): 다른 계획 담당자나 관리자가 승인해야 합니다."
MSG_NO_PLAN = "계획 {key}이(가) 없습니다. 처음 적재는 `jobpledge plan load FILE`로 하세요."
MSG_INCONSISTENT = "계획의 합계가 맞지 않아 제안하지 않았습니다 ({count}건). 수정하거나 --force로 제안하세요."
MSG_REASON_REQUIRED = "사유를 입력하세요."
MSG_UNKNOWN_REVISION = "계획 {key}에 {number}차 변경이 없습니다."
MSG_NOT_PENDING = "{number}차 변경은 이미 {status} 상태입니다."
MSG_SAME_FILE = "제안한 파일이 현재 승인된 계획과 같습니다 (SHA-256 {sha256})."
MSG_EFFECTIVE_OUTSIDE = "시행일 {effective}은(는) 임기({start} ~ {end}) 밖입니다."


def _require(user: Any) -> None:
    if not perms.has_perm(user, Action.LOAD_PLAN):
        raise JobpledgeError(MSG_NOT_ALLOWED)


@transaction.atomic
def plan_propose(*, path: Path | str, user: Any, reason: str, force: bool = False) -> PlanRevision:
    """Store a pending revision of the plan named in the file (same `key`)."""
    _require(user)
    reason = (reason or "").strip()
    if not reason:
        raise JobpledgeError(MSG_REASON_REQUIRED)
    path = Path(path)
    spec = read_plan_file(path)
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    plan = Plan.objects.select_for_update().filter(key=spec.key).first()
    if plan is None:
        raise JobpledgeError(MSG_NO_PLAN.format(key=spec.key))
    mismatches = [str(m) for m in check_plan(spec)]
    if mismatches and not force:
        raise JobpledgeError(MSG_INCONSISTENT.format(count=len(mismatches)), lines=mismatches)
    if spec.sha256 == plan.source_sha256:
        raise JobpledgeError(MSG_SAME_FILE.format(sha256=spec.sha256[:12]))
    _try_write(spec, plan=plan, user=user, forced_lines=mismatches)
    ensure_first_revision(plan)
    number = (plan.revisions.aggregate(n=Max("number"))["n"] or 0) + 1
    revision = PlanRevision.objects.create(
        plan=plan,
        number=number,
        source_name=path.name,
        source_text=text,
        sha256=spec.sha256,
        targets=targets_of_spec(spec),
        reason=reason,
        forced=bool(mismatches),
        forced_lines=mismatches,
        proposed_by=user_or_none(user),
        proposed_at=timezone.now(),
    )
    log.info("plan revision proposed key=%s number=%s forced=%s", plan.key, number, bool(mismatches))
    return revision


def _try_write(spec: PlanSpec, *, plan: Plan, user: Any, forced_lines: list[str]) -> None:
    """Write the spec in a savepoint and roll it back: refuses now what approval would refuse (MSG_IN_USE)."""
    sid = transaction.savepoint()
    try:
        write_plan(spec, existing=plan, user=user, forced_lines=forced_lines)
    finally:
        transaction.savepoint_rollback(sid)
        plan.refresh_from_db()


def get_revision(plan: Plan, number: int) -> PlanRevision:
    revision = plan.revisions.select_for_update().filter(number=number).first()
    if revision is None:
        raise JobpledgeError(MSG_UNKNOWN_REVISION.format(key=plan.key, number=number))
    if revision.status != PlanRevision.Status.PENDING:
        raise JobpledgeError(MSG_NOT_PENDING.format(number=number, status=revision.get_status_display()))
    return revision


@transaction.atomic
def plan_approve(*, plan: Plan, number: int, user: Any, effective: dt.date | None = None) -> PlanRevision:
    """Approve a pending revision (another owner or admin than the proposer) and write it into the plan."""
    _require(user)
    revision = get_revision(plan, number)
    if revision.proposed_by_id is not None and revision.proposed_by_id == user.pk:
        raise JobpledgeError(MSG_FOUR_EYES)
    effective = effective or timezone.localdate()
    if not plan.term_start <= effective <= plan.term_end:
        raise JobpledgeError(
            MSG_EFFECTIVE_OUTSIDE.format(effective=effective, start=plan.term_start, end=plan.term_end)
        )
    spec = parse_plan_text(revision.source_text)
    spec.source_name, spec.sha256 = revision.source_name, revision.sha256
    write_plan(spec, existing=plan, user=user, forced_lines=revision.forced_lines)
    revision.status, revision.decided_by, revision.decided_at = PlanRevision.Status.APPROVED, user, timezone.now()
    revision.effective = effective
    revision.save(update_fields=["status", "decided_by", "decided_at", "effective"])
    DataVersion.bump()
    log.info("plan revision approved key=%s number=%s effective=%s", plan.key, number, effective)
    return revision


@transaction.atomic
def plan_reject(*, plan: Plan, number: int, user: Any, reason: str) -> PlanRevision:
    _require(user)
    reason = (reason or "").strip()
    if not reason:
        raise JobpledgeError(MSG_REASON_REQUIRED)
    revision = get_revision(plan, number)
    revision.status, revision.decided_by, revision.decided_at = PlanRevision.Status.REJECTED, user, timezone.now()
    revision.decision_reason = reason
    revision.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    log.info("plan revision rejected key=%s number=%s", plan.key, number)
    return revision


def revision_rows(plan: Plan) -> list[dict[str, Any]]:
    """The revisions as `plan revisions --format json` prints them."""

    def name(user: Any) -> str | None:
        return user.get_username() if user else None

    return [
        {
            "revision": r.number,
            "status": r.status,
            "proposed_by": name(r.proposed_by),
            "proposed_at": timezone.localtime(r.proposed_at).isoformat(),
            "approved_by": name(r.decided_by) if r.status == PlanRevision.Status.APPROVED else None,
            "approved_at": timezone.localtime(r.decided_at).isoformat()
            if r.decided_at and r.status == PlanRevision.Status.APPROVED
            else None,
            "rejected_by": name(r.decided_by) if r.status == PlanRevision.Status.REJECTED else None,
            "effective": r.effective.isoformat() if r.effective else None,
            "reason": r.reason,
            "rejection_reason": r.decision_reason or None,
            "forced": r.forced,
            "sha256": r.sha256,
        }
        for r in plan.revisions.select_related("proposed_by", "decided_by").order_by("number")
    ]
