"""Plan pages: the plans loaded, one plan's card data, and loading a plan file (owner and admin)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import get_valid_filename
from django.views.decorators.http import require_http_methods

from jobpledge.accounts.permissions import Action, has_perm, require
from jobpledge.core.errors import JobpledgeError
from jobpledge.plans.actions import LoadPlanAction
from jobpledge.plans.forms import PlanUploadForm
from jobpledge.plans.models import Plan


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.VIEW_PLANS)
    plans = Plan.objects.all()
    return render(request, "plans/list.html", {"plans": plans, "can_load": has_perm(request.user, Action.LOAD_PLAN)})


@login_required
def plan_detail(request: HttpRequest, key: str) -> HttpResponse:
    require(request.user, Action.VIEW_PLANS)
    plan = get_object_or_404(Plan, key=key)
    return render(
        request,
        "plans/detail.html",
        {
            "plan": plan,
            "periods": plan.periods.all(),
            "programs": plan.programs.select_related("sector"),
            "can_load": has_perm(request.user, Action.LOAD_PLAN),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_upload(request: HttpRequest) -> HttpResponse:
    """Load a plan file through the plan loader; an inconsistent plan is refused with the check's lines."""
    require(request.user, Action.LOAD_PLAN)
    form = PlanUploadForm(request.POST or None, request.FILES or None)
    lines: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        with tempfile.TemporaryDirectory(prefix="plan-upload-") as folder:
            path = Path(folder) / get_valid_filename(Path(upload.name or "plan.toml").name)
            with path.open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            try:
                result = LoadPlanAction(request.user).execute(path=path, force=form.cleaned_data["force"])
            except JobpledgeError as error:
                form.add_error(None, error.message)
                lines = error.lines
            else:
                if not result.changed:
                    messages.info(request, "이미 같은 내용으로 적재되어 있어 바뀐 것이 없습니다.")
                elif result.mismatches:
                    messages.warning(
                        request, f"합계 불일치 {len(result.mismatches)}건을 안고 강제 적재했습니다(기록됨)."
                    )
                else:
                    messages.success(request, "계획을 적재했습니다.")
                return redirect("plans:detail", key=result.plan.key)
    return render(request, "plans/upload.html", {"form": form, "lines": lines})
