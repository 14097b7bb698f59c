"""Which plan revision a report counts against: the approved one in force on the as-of day (latest `effective` on
or before it), or the one asked for (`--revision N`). Its targets replace those of the plan's tables, which hold
the latest approved revision; everything else on the card is the plan as stored."""

from __future__ import annotations

import datetime as dt
from typing import Any

from jobpledge.core.errors import JobpledgeError
from jobpledge.plans.models import Plan, PlanRevision

MSG_UNKNOWN_REVISION = "계획 {key}에 {number}차 변경이 없습니다."


def revision_in_force(plan: Plan, as_of: dt.date, number: int | None = None) -> PlanRevision | None:
    revisions = plan.revisions.select_related("decided_by")
    if number is not None:
        revision = revisions.filter(number=number).first()
        if revision is None:
            raise JobpledgeError(MSG_UNKNOWN_REVISION.format(key=plan.key, number=number))
        return revision
    approved = revisions.filter(status=PlanRevision.Status.APPROVED, effective__isnull=False)
    in_force = approved.filter(effective__lte=as_of).order_by("-effective", "-number").first()
    return in_force or approved.order_by("effective", "number").first()


def revision_json(revision: PlanRevision | None) -> dict[str, Any] | None:
    if revision is None:
        return None
    return {
        "number": revision.number,
        "status": revision.status,
        "effective": revision.effective.isoformat() if revision.effective else None,
        "approved_by": revision.decided_by.get_username()
        if revision.decided_by and revision.status == PlanRevision.Status.APPROVED
        else None,
        "reason": revision.reason,
    }


def apply_targets(revision: PlanRevision | None, *, periods: list[Any], programs: list[Any]) -> int | None:
    """Set the revision's targets on the (unsaved) period and program objects; return its total target."""
    if revision is None or not revision.targets:
        return None
    targets = revision.targets
    for p in periods:
        p.target = targets.get("periods", {}).get(p.code, p.target)
    for p in programs:
        p.job_target = targets.get("programs", {}).get(p.name, p.job_target)
    return int(targets.get("total_target", 0)) or None
