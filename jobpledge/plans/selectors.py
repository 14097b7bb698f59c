"""Reads for plans: finding a plan by key or 관리번호 (the report joining a plan with its counts is in jobpledge.reports)."""

from __future__ import annotations

from jobpledge.core.errors import JobpledgeError
from jobpledge.plans.models import Plan

MSG_NO_PLAN = "적재된 공약 계획이 없습니다. `jobpledge init` 또는 `jobpledge plan load FILE`을 먼저 실행하세요."
MSG_UNKNOWN_PLAN = "계획 「{ref}」을(를) 찾을 수 없습니다. 적재된 계획: {known}"
MSG_AMBIGUOUS_PLAN = "관리번호 「{ref}」인 계획이 여럿입니다. 계획 키로 지정하세요: {keys}"


def get_plan(ref: str | None = None) -> Plan:
    """The plan named by key or 관리번호; without a name, the default plan."""
    plans = Plan.objects.all()
    if ref is None:
        plan = plans.filter(is_default=True).first() or plans.first()
        if plan is None:
            raise JobpledgeError(MSG_NO_PLAN)
        return plan
    by_key = plans.filter(key=ref).first()
    if by_key:
        return by_key
    by_code = list(plans.filter(code=ref))
    if len(by_code) == 1:
        return by_code[0]
    if by_code:
        raise JobpledgeError(MSG_AMBIGUOUS_PLAN.format(ref=ref, keys=", ".join(p.key for p in by_code)))
    known = ", ".join(f"{p.key}({p.code})" for p in plans) or "없음"
    raise JobpledgeError(MSG_UNKNOWN_PLAN.format(ref=ref, known=known))
