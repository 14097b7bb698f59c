"""Infrastructure milestones (plan file `[[milestones]]`, progress marked by the plan owner): the report's
`milestones[]` with a status as of the report's day, and the service that marks progress.

Status: `done` when a done date is on or before as_of; otherwise `overdue` when the planned date is before
as_of, `on_track` when it is on or after as_of, `unscheduled` when there is none. No date is ever invented.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from jobpledge.accountability.models import MilestoneProgress
from jobpledge.core.errors import JobpledgeError
from jobpledge.core.models import DataVersion
from jobpledge.plans.models import Milestone, Plan

UNKNOWN_MILESTONE = "계획에 없는 이정표입니다: 「{program} · {name}」"
DONE_IN_FUTURE = "완료일은 오늘 이후일 수 없습니다: {done}"


def milestone_status(planned: dt.date | None, done: dt.date | None, as_of: dt.date) -> str:
    if done is not None and done <= as_of:
        return "done"
    if planned is None:
        return "unscheduled"
    return "overdue" if planned < as_of else "on_track"


def milestones_report(*, plan: Plan, as_of: dt.date) -> list[dict[str, Any]]:
    """[{program, name, planned, done, evidence, status}] in plan order; progress dates override the file's."""
    progress = {(p.program, p.name): p for p in MilestoneProgress.objects.filter(plan=plan)}
    rows = []
    for m in Milestone.objects.filter(plan=plan).select_related("program").order_by("order"):
        mark = progress.get((m.program.name, m.name))
        planned = mark.planned if mark and mark.planned else m.planned
        done = mark.done if mark and mark.done else m.done
        evidence = mark.evidence if mark and mark.evidence else m.evidence
        rows.append(
            {
                "program": m.program.name,
                "name": m.name,
                "planned": planned.isoformat() if planned else None,
                "done": done.isoformat() if done and done <= as_of else None,
                "evidence": evidence,
                "status": milestone_status(planned, done, as_of),
            }
        )
    return rows


@transaction.atomic
def milestone_progress_set(
    *,
    plan: Plan,
    program: str,
    name: str,
    planned: dt.date | None,
    done: dt.date | None,
    evidence: str,
    user: Any,
    today: dt.date | None = None,
) -> MilestoneProgress:
    """Mark a milestone's planned and/or done date with its evidence; every change is kept in the history."""
    if not Milestone.objects.filter(plan=plan, program__name=program, name=name).exists():
        raise JobpledgeError(UNKNOWN_MILESTONE.format(program=program, name=name))
    if done is not None and done > (today or dt.date.today()):
        raise JobpledgeError(DONE_IN_FUTURE.format(done=done.isoformat()))
    mark, _ = MilestoneProgress.objects.get_or_create(plan=plan, program=program, name=name)
    mark.planned, mark.done, mark.evidence = planned, done, evidence
    mark.updated_by = user if getattr(user, "is_authenticated", False) else None
    mark._change_reason = "이정표 진행 표시"  # type: ignore[attr-defined]
    mark.save()
    DataVersion.bump()
    return mark
