"""The "explain this number" page: the same explanation as `jobpledge explain`, for any figure of the dashboard.

Query parameters are those of the records drill-down (period, as_of, program and department by id) plus basis.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jobpledge.accounts import permissions as perms
from jobpledge.accounts.models import Department
from jobpledge.accounts.permissions import Action
from jobpledge.core.errors import JobpledgeError
from jobpledge.plans.models import Program
from jobpledge.reports.explain import BASES, explain
from jobpledge.reports.snapshots import find_period
from jobpledge.web.views import _as_of, _plan

EXCLUDED_LABELS = {
    "after_as_of": "기준일 이후 시작",
    "outside_term": "임기 기간 밖 (계획 전체, 같은 세부사업·부서)",
    "withdrawn": "철회",
    "senior": "노인활동지원",
    "not_kept_1y": "1년 미유지",
}


def _by_id(model: Any, value: str | None) -> Any:
    if not value:
        return None
    if not value.isdigit():
        raise Http404
    return model.objects.filter(pk=int(value)).first() or _missing()


def _missing() -> Any:
    raise Http404


@login_required
@require_GET
def explain_page(request: HttpRequest) -> HttpResponse:
    perms.require(request.user, Action.VIEW_DASHBOARD)
    program = _by_id(Program, request.GET.get("program"))
    plan = program.plan if program else _plan(request.GET.get("plan"))
    as_of, date_error, _typed = _as_of(request)
    if date_error:  # no figures for a date that is not one (never today's instead)
        return render(request, "400.html", {"message": date_error}, status=400)
    basis = request.GET.get("basis") or "official"
    if basis not in BASES:
        basis = "official"
    try:
        period = find_period(plan, request.GET.get("period") or "")
    except JobpledgeError as error:
        raise Http404(error.message) from error
    department = _by_id(Department, request.GET.get("department"))
    result = explain(plan=plan, as_of=as_of, period=period, basis=basis, program=program, department=department)
    records_query = "&".join(
        f"{key}={value}"
        for key, value in (
            ("period", period.code),
            ("as_of", as_of.isoformat()),
            ("program", program.pk if program else ""),
            ("department", department.pk if department else ""),
        )
        if value
    )
    excluded = [(EXCLUDED_LABELS[key], value) for key, value in result["excluded"].items()]
    context = {"result": result, "excluded": excluded, "records_query": records_query, "date_error": date_error}
    return render(request, "web/explain.html", context)
