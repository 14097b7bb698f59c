"""The department pages: /departments/ (every department ranked by pace) and /departments/<id>/ (its scorecard),
each also as XLSX (?format=xlsx). Thin: parse, check the role (accountability.permissions), call one selector."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from jobpledge.accountability.exports import ranking_workbook, scorecard_workbook
from jobpledge.accountability.forms import AccountabilityUploadForm, MilestoneProgressForm
from jobpledge.accountability.milestones import milestone_progress_set, milestones_report
from jobpledge.accountability.permissions import can_view_scorecard, require_ranking, require_scorecard
from jobpledge.accountability.scorecards import department_ranking, department_scorecard
from jobpledge.accountability.services import spending_import, targets_import
from jobpledge.accounts.models import Department
from jobpledge.accounts.permissions import DENIED_MESSAGE, sees_all_departments
from jobpledge.core.errors import JobpledgeError
from jobpledge.counting.selectors import cached_count_actuals
from jobpledge.plans.selectors import get_plan

MSG_BAD_DATE = "기준일은 YYYY-MM-DD 형식으로 적어 주세요. 오늘 기준으로 보여 드립니다."
MSG_NO_FIGURES = "이 부서에는 목표도 집계된 실적도 없습니다."
MSG_FORM_INVALID = "날짜는 YYYY-MM-DD 형식으로 적어 주세요."
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _as_of(request: HttpRequest) -> tuple[dt.date, str | None]:
    text = request.GET.get("as_of", "").strip()
    if not text:
        return timezone.localdate(), None
    try:
        return dt.date.fromisoformat(text), None
    except ValueError:
        return timezone.localdate(), MSG_BAD_DATE


def _xlsx(workbook: object, filename: str) -> HttpResponse:
    buffer = io.BytesIO()
    workbook.save(buffer)  # type: ignore[attr-defined]
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def department_list(request: HttpRequest) -> HttpResponse:
    require_ranking(request.user)
    plan = get_plan(request.GET.get("plan") or None)
    as_of, date_error = _as_of(request)
    entries = department_ranking(plan=plan, as_of=as_of)
    demo = cached_count_actuals(plan=plan, as_of=as_of).demo
    if request.GET.get("format") == "xlsx":
        mine = {e["id"] for e in entries if e["id"] is not None and can_view_scorecard(request.user, e["id"])}
        workbook = ranking_workbook(entries, as_of=as_of.isoformat(), demo=demo, detailed=mine)
        return _xlsx(workbook, f"departments-{as_of}.xlsx")
    for entry in entries:
        entry["linked"] = entry["id"] is not None and can_view_scorecard(request.user, entry["id"])
    context = {
        "plan": plan, "as_of": as_of, "date_error": date_error, "entries": entries, "demo": demo,
        "can_manage": sees_all_departments(request.user),
    }  # fmt: skip
    return render(request, "accountability/list.html", context)


@login_required
def department_detail(request: HttpRequest, pk: int) -> HttpResponse:
    department = get_object_or_404(Department, pk=pk)
    require_scorecard(request.user, department)
    plan = get_plan(request.GET.get("plan") or None)
    as_of, date_error = _as_of(request)
    entry = department_scorecard(plan=plan, as_of=as_of, department=department)
    if entry is None:
        raise Http404(MSG_NO_FIGURES)
    demo = cached_count_actuals(plan=plan, as_of=as_of).demo
    if request.GET.get("format") == "xlsx":
        return _xlsx(scorecard_workbook(entry, as_of=as_of.isoformat(), demo=demo), f"scorecard-{pk}-{as_of}.xlsx")
    chart = [{"period": p["period"], "target": p["target"] or 0, "actual": p["actual"]} for p in entry["periods"]]
    peak = max([1, *[max(c["target"], c["actual"]) for c in chart]])
    for c in chart:
        c["target_pct"], c["actual_pct"] = c["target"] * 100 // peak, c["actual"] * 100 // peak
    context = {
        "plan": plan, "as_of": as_of, "date_error": date_error, "entry": entry, "department": department,
        "demo": demo, "chart": chart,
    }  # fmt: skip
    return render(request, "accountability/detail.html", context)


def _require_owner(user: Any) -> None:
    if not sees_all_departments(user):
        raise PermissionDenied(DENIED_MESSAGE)


@login_required
@require_http_methods(["GET", "POST"])
def accountability_upload(request: HttpRequest) -> HttpResponse:
    """Department targets or spending from a file, with a dry-run preview (the plan owner's; same service as the CLI)."""
    _require_owner(request.user)
    form = AccountabilityUploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        service = targets_import if form.cleaned_data["kind"] == "targets" else spending_import
        upload = form.cleaned_data["file"]
        result = service(
            file=upload,
            filename=upload.name or "",
            user=request.user,
            dry_run=form.cleaned_data["dry_run"],
            source="web",
        )
    return render(request, "accountability/upload.html", {"form": form, "result": result})


@login_required
@require_http_methods(["GET", "POST"])
def milestone_list(request: HttpRequest) -> HttpResponse:
    """The plan's milestones with their status; the plan owner marks a planned or done date (kept in history)."""
    _require_owner(request.user)
    plan = get_plan(request.GET.get("plan") or None)
    error = None
    if request.method == "POST":
        form = MilestoneProgressForm(request.POST)
        if form.is_valid():
            try:
                milestone_progress_set(
                    plan=plan, program=request.POST.get("program", ""), name=request.POST.get("name", ""),
                    planned=form.cleaned_data["planned"], done=form.cleaned_data["done"],
                    evidence=form.cleaned_data["evidence"], user=request.user, today=timezone.localdate(),
                )  # fmt: skip
                return redirect("accountability:milestones")
            except JobpledgeError as exc:
                error = str(exc)
        else:
            error = MSG_FORM_INVALID
    rows = milestones_report(plan=plan, as_of=timezone.localdate())
    return render(request, "accountability/milestones.html", {"plan": plan, "rows": rows, "error": error})
