"""Revision records shared by `plan load` (revision 1) and the revision services (plans.revisions)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from jobpledge.plans.models import Plan, PlanRevision
from jobpledge.plans.planfile import PlanSpec


def targets_of_spec(spec: PlanSpec) -> dict[str, Any]:
    return {
        "total_target": spec.total_target,
        "periods": {p.code: p.target for p in spec.periods},
        "programs": {p.name: p.target for p in spec.programs},
    }


def targets_of_plan(plan: Plan) -> dict[str, Any]:
    return {
        "total_target": plan.total_target,
        "periods": dict(plan.periods.values_list("code", "target")),
        "programs": dict(plan.programs.values_list("name", "job_target")),
    }


def user_or_none(user: Any) -> Any:
    return user if getattr(user, "pk", None) else None


def record_first_revision(*, plan: Plan, spec: PlanSpec | None, text: str, user: Any) -> PlanRevision:
    """Revision 1 of a plan: the file first loaded, approved, effective at the term start."""
    now = timezone.now()
    return PlanRevision.objects.create(
        plan=plan,
        number=1,
        status=PlanRevision.Status.APPROVED,
        source_name=plan.source_name,
        source_text=text,
        sha256=plan.source_sha256,
        targets=targets_of_spec(spec) if spec else targets_of_plan(plan),
        reason="최초 적재",
        forced=plan.forced,
        forced_lines=plan.forced_lines,
        proposed_by=user_or_none(user),
        proposed_at=now,
        decided_by=user_or_none(user),
        decided_at=now,
        effective=plan.term_start,
    )


def ensure_first_revision(plan: Plan) -> None:
    """For a plan loaded before revisions existed: its current state becomes revision 1."""
    if not plan.revisions.exists():
        record_first_revision(plan=plan, spec=None, text="", user=None)
