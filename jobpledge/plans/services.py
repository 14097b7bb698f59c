"""Writes for plans: loading a plan file into the database."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import ProtectedError

from jobpledge.core.errors import JobpledgeError
from jobpledge.core.models import DataVersion
from jobpledge.core.names import normalise_name
from jobpledge.plans.checks import Mismatch, check_plan
from jobpledge.plans.models import (
    BaselineRow,
    InvestmentAmount,
    InvestmentRow,
    JuryAnswer,
    JuryRecommendation,
    Milestone,
    Period,
    Plan,
    Program,
    Risk,
    Sector,
    Strategy,
)
from jobpledge.plans.planfile import PlanSpec, read_plan_file
from jobpledge.plans.revision_records import record_first_revision

log = logging.getLogger(__name__)

MSG_INCONSISTENT = (
    "계획의 합계가 맞지 않아 적재하지 않았습니다 ({count}건). 확인 후 수정하거나 --force로 강제 적재하세요."
)
MSG_IN_USE = "「{name}」은(는) 실적이 연결되어 있어 계획 파일에서 뺄 수 없습니다."


@dataclass(frozen=True)
class LoadResult:
    plan: Plan
    changed: bool
    mismatches: list[Mismatch]


def plan_check_file(*, path: Path | str) -> list[Mismatch]:
    """Parse and cross-foot a plan file. Malformed files raise JobpledgeError."""
    return check_plan(read_plan_file(path))


@transaction.atomic
def plan_load_file(*, path: Path | str, user: Any = None, force: bool = False) -> LoadResult:
    """Load (or update) a plan from its file. Refuses an inconsistent plan unless forced; the same file twice changes nothing."""
    spec = read_plan_file(path)
    mismatches = check_plan(spec)
    if mismatches and not force:
        raise JobpledgeError(MSG_INCONSISTENT.format(count=len(mismatches)), lines=[str(m) for m in mismatches])
    existing = Plan.objects.filter(key=spec.key).first()
    if existing and existing.source_sha256 == spec.sha256 and existing.forced == bool(mismatches):
        return LoadResult(existing, False, mismatches)
    plan = _write_plan(spec, existing=existing, user=user, forced_lines=[str(m) for m in mismatches])
    if existing is None:  # the file first loaded is revision 1, approved, effective at the term start
        text = Path(path).read_bytes().decode("utf-8-sig", errors="replace")
        record_first_revision(plan=plan, spec=spec, text=text, user=user)
    DataVersion.bump()
    log.info("plan loaded key=%s sha256=%s forced=%s", plan.key, spec.sha256[:12], bool(mismatches))
    return LoadResult(plan, True, mismatches)


def _write_plan(spec: PlanSpec, *, existing: Plan | None, user: Any, forced_lines: list[str]) -> Plan:
    fields = {
        "code": spec.code,
        "title": spec.title,
        "government": spec.government,
        "term_name": spec.term,
        "term_start": spec.term_start,
        "term_end": spec.term_end,
        "project_type": spec.project_type,
        "timing": spec.timing,
        "funding_label": spec.funding,
        "lead_department": spec.lead_department,
        "cooperating_departments": spec.cooperating_departments,
        "indicator": spec.indicator,
        "unit": spec.unit,
        "total_target": spec.total_target,
        "budget_total": spec.investment.stated_total,
        "rounding": spec.rounding.value,
        "rate_decimals": spec.rate_decimals,
        "goals": spec.goals,
        "sector_overview": [{"name": s.name, "summary": s.summary} for s in spec.sectors],
        "implementation": spec.implementation,
        "contact": spec.contact,
        "jury_start": spec.jury.start if spec.jury else None,
        "jury_end": spec.jury.end if spec.jury else None,
        "is_default": spec.default,
        "source_name": spec.source_name,
        "source_sha256": spec.sha256,
        "forced": bool(forced_lines),
        "forced_lines": forced_lines,
        "loaded_by": user if getattr(user, "pk", None) else None,
        "accountability": spec.accountability,
    }
    if existing is None:
        plan = Plan.objects.create(key=spec.key, **fields)
    else:
        plan = existing
        for name, value in fields.items():
            setattr(plan, name, value)
        plan.save()
    if spec.default:
        Plan.objects.exclude(pk=plan.pk).filter(is_default=True).update(is_default=False)
    elif not Plan.objects.filter(is_default=True).exists():
        Plan.objects.filter(pk=plan.pk).update(is_default=True)
        plan.is_default = True

    # Periods, sectors and programs may have records attached: update them in place by natural key.
    periods = _upsert(
        plan.periods.all(),
        "code",
        [
            (
                p.code,
                {
                    "order": i,
                    "label": p.label,
                    "start": p.start,
                    "end": p.end,
                    "target": p.target,
                    "stated_rate": p.stated_rate,
                },
            )
            for i, p in enumerate(spec.periods)
        ],
        lambda key, values: Period(plan=plan, code=key, **values),
    )
    sectors = _upsert(
        plan.sectors.all(),
        "name",
        [(normalise_name(s.name), {"order": i, "summary": s.summary}) for i, s in enumerate(spec.sectors)],
        lambda key, values: Sector(plan=plan, name=key, **values),
    )
    _upsert(
        plan.programs.all(),
        "name",
        [
            (
                normalise_name(p.name),  # the names records are matched by: no invisible lookalikes
                {
                    "order": i,
                    "sector": sectors[normalise_name(p.sector)],
                    "description": p.description,
                    "job_target": p.target,
                },
            )
            for i, p in enumerate(spec.programs)
        ],
        lambda key, values: Program(plan=plan, name=key, **values),
    )
    # The rest has nothing hanging off it: replace.
    plan.strategies.all().delete()
    Strategy.objects.bulk_create(
        Strategy(plan=plan, order=i, name=s.name, background=s.background, content=s.content)
        for i, s in enumerate(spec.strategies)
    )
    plan.investment_rows.all().delete()
    for kind, rows in (
        (InvestmentRow.Kind.SECTOR, spec.investment.sectors),
        (InvestmentRow.Kind.SOURCE, spec.investment.sources),
    ):
        for i, row in enumerate(rows):
            inv = InvestmentRow.objects.create(plan=plan, kind=kind, order=i, name=row.name)
            InvestmentAmount.objects.bulk_create(
                InvestmentAmount(row=inv, period=periods[p.code], amount=row.amounts[j])
                for j, p in enumerate(spec.periods)
            )
    plan.baseline_rows.all().delete()
    if spec.baseline:
        BaselineRow.objects.bulk_create(
            BaselineRow(
                plan=plan,
                term_name=spec.baseline.term,
                order=i,
                label=row.label,
                is_total=row.total_row,
                target=row.target,
                stated_total=row.stated_total,
                stated_rate=row.stated_rate,
                years={str(year): row.results[j] for j, year in enumerate(spec.baseline.years)},
            )
            for i, row in enumerate(spec.baseline.rows)
        )
    plan.milestones.all().delete()
    program_ids = dict(plan.programs.values_list("name", "pk"))
    Milestone.objects.bulk_create(
        Milestone(
            plan=plan, program_id=program_ids[m.program], order=i, name=m.name, planned=m.planned, done=m.done,
            evidence=m.evidence,
        )
        for i, m in enumerate(spec.milestones)
    )  # fmt: skip
    plan.risks.all().delete()
    Risk.objects.bulk_create(Risk(plan=plan, order=i, issue=a, response=b) for i, (a, b) in enumerate(spec.risks))
    plan.jury_recommendations.all().delete()
    plan.jury_answers.all().delete()
    if spec.jury:
        answers = [JuryAnswer.objects.create(plan=plan, order=i, text=text) for i, text in enumerate(spec.jury.answers)]
        JuryRecommendation.objects.bulk_create(
            JuryRecommendation(plan=plan, order=i, text=text, answer=answers[n - 1] if n else None)
            for i, (text, n) in enumerate(spec.jury.recommendations)
        )
    return plan


def _upsert(queryset: Any, key_field: str, wanted: list[tuple[str, dict[str, Any]]], build: Any) -> dict[str, Any]:
    """Update rows matched by key, create missing ones, delete the rest (refused when records use them)."""
    current = {getattr(obj, key_field): obj for obj in queryset}
    result = {}
    for key, values in wanted:
        obj = current.pop(key, None)
        if obj is None:
            obj = build(key, values)
            obj.save()
        elif any(getattr(obj, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(obj, name, value)
            obj.save()
        result[key] = obj
    for key, obj in current.items():
        try:
            obj.delete()
        except ProtectedError as exc:
            raise JobpledgeError(MSG_IN_USE.format(name=key)) from exc
    return result


write_plan = _write_plan  # the writer shared with plan revisions (plans.revisions.plan_approve)
