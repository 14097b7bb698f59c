"""Plan revision pages: the revisions of a plan (변경 이력), propose by upload (with the check's lines), approve or
reject (another owner or admin than the proposer), and the diff of two revisions."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import get_valid_filename
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jobpledge.accounts.permissions import Action, has_perm, require
from jobpledge.core.errors import JobpledgeError
from jobpledge.plans.forms import RevisionDecisionForm, RevisionProposeForm
from jobpledge.plans.models import Plan
from jobpledge.plans.planfile import read_plan_file
from jobpledge.plans.revision_diff import revision_diff
from jobpledge.plans.revisions import plan_approve, plan_propose, plan_reject

MSG_OTHER_PLAN = "올린 파일은 계획 {file_key}의 파일입니다. 이 화면은 계획 {key}의 변경만 받습니다."


@login_required
@require_http_methods(["GET", "POST"])
def revisions(request: HttpRequest, key: str) -> HttpResponse:
    """GET: the revisions and, for owners, the propose form; POST: propose an uploaded file."""
    require(request.user, Action.VIEW_PLANS)
    plan = get_object_or_404(Plan, key=key)
    can_change = has_perm(request.user, Action.LOAD_PLAN)
    form = RevisionProposeForm(request.POST or None, request.FILES or None) if can_change else None
    lines: list[str] = []
    if request.method == "POST":
        require(request.user, Action.LOAD_PLAN)
        if form is not None and form.is_valid():
            with tempfile.TemporaryDirectory(prefix="plan-revision-") as folder:
                upload = form.cleaned_data["file"]
                path = Path(folder) / get_valid_filename(Path(upload.name or "plan.toml").name)
                with path.open("wb") as out:
                    for chunk in upload.chunks():
                        out.write(chunk)
                try:
                    file_key = read_plan_file(path).key
                    if file_key != plan.key:
                        raise JobpledgeError(MSG_OTHER_PLAN.format(file_key=file_key, key=plan.key))
                    revision = plan_propose(
                        path=path,
                        user=request.user,
                        reason=form.cleaned_data["reason"],
                        force=form.cleaned_data["force"],
                    )
                except JobpledgeError as error:
                    form.add_error(None, error.message)
                    lines = error.lines
                else:
                    messages.success(
                        request, f"{revision.number}차 변경을 제안했습니다. 다른 담당자의 승인을 기다립니다."
                    )
                    return redirect("plans:revisions", key=plan.key)
    rows = list(plan.revisions.select_related("proposed_by", "decided_by").order_by("-number"))
    context = {
        "plan": plan,
        "revisions": rows,
        "form": form,
        "lines": lines,
        "can_change": can_change,
        "decision_form": RevisionDecisionForm(),
    }
    return render(request, "plans/revisions.html", context)


@login_required
@require_POST
def revision_decide(request: HttpRequest, key: str, number: int) -> HttpResponse:
    require(request.user, Action.LOAD_PLAN)
    plan = get_object_or_404(Plan, key=key)
    form = RevisionDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("plans:revisions", key=plan.key)
    try:
        if form.cleaned_data["decision"] == "approve":
            effective: dt.date | None = form.cleaned_data["effective"]
            plan_approve(plan=plan, number=number, user=request.user, effective=effective)
            messages.success(request, f"{number}차 변경을 승인했습니다.")
        else:
            plan_reject(plan=plan, number=number, user=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, f"{number}차 변경을 반려했습니다.")
    except JobpledgeError as error:
        messages.error(request, error.message)
    return redirect("plans:revisions", key=plan.key)


@login_required
@require_GET
def revision_diff_page(request: HttpRequest, key: str, old: int, new: int) -> HttpResponse:
    require(request.user, Action.VIEW_PLANS)
    plan = get_object_or_404(Plan, key=key)
    found = {r.number: r for r in plan.revisions.filter(number__in=[old, new])}
    if old not in found or new not in found:
        raise Http404
    changes = revision_diff(found[old], found[new])
    return render(
        request, "plans/revision_diff.html", {"plan": plan, "old": found[old], "new": found[new], "changes": changes}
    )
