"""Record pages: thin adapters over the permission rules, the FilterSet and the record services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from jobpledge.accounts import permissions as perms
from jobpledge.accounts.permissions import Action
from jobpledge.core.errors import JobpledgeError
from jobpledge.plans.models import Plan
from jobpledge.plans.selectors import get_plan
from jobpledge.records import forms, services, staging, tables
from jobpledge.records.actions import CreateRecordAction, EditRecordAction, ImportFileAction, WithdrawRecordAction
from jobpledge.records.drill import aggregate_units
from jobpledge.records.filters import RecordFilterSet
from jobpledge.records.importers.preview import file_preview
from jobpledge.records.importers.template import template_bytes
from jobpledge.records.models import JobRecord
from jobpledge.records.permissions import records_in_scope
from jobpledge.records.selectors import record_history

PAGE_SIZE = 50
SESSION_UPLOADS = "jobpledge_uploads"
MSG_UPLOAD_EXPIRED = "확인한 파일을 찾을 수 없습니다. 파일을 다시 올려 주세요."
MSG_ALREADY_WITHDRAWN = "이미 철회된 실적입니다."
MSG_UPLOAD_CANCELLED = "적재를 취소했습니다. 올린 파일은 지웠습니다."


def _filterset(request: HttpRequest) -> RecordFilterSet:
    return RecordFilterSet(request.GET or None, departments=perms.departments_in_scope(request.user))


def _record_or_404(request: HttpRequest, pk: int) -> JobRecord:
    """A record in the user's scope; another department's record is simply not found (404)."""
    return get_object_or_404(records_in_scope(request.user).select_related("department", "program", "period"), pk=pk)


@login_required
@require_safe
def record_list(request: HttpRequest) -> HttpResponse:
    perms.require(request.user, Action.VIEW_RECORDS)
    filterset = _filterset(request)
    queryset = tables.list_queryset(filterset.filter_queryset(records_in_scope(request.user)))
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "records/list.html",
        {
            "filterset": filterset,
            "page": page,
            "querystring": filterset.querystring(),
            "can_change": perms.has_perm(request.user, Action.CHANGE_RECORDS),
            "can_import": perms.has_perm(request.user, Action.IMPORT_RECORDS),
            "aggregate_units": aggregate_units(
                filterset.cleaned_values(), departments=perms.departments_in_scope(request.user)
            ),
        },
    )


@login_required
@require_safe
def record_export(request: HttpRequest) -> StreamingHttpResponse:
    """The filtered list as CSV: same FilterSet and scope as the page, formula-looking cells neutralised."""
    perms.require(request.user, Action.EXPORT_RECORDS)
    filterset = _filterset(request)
    queryset = filterset.filter_queryset(records_in_scope(request.user))
    filename = f"records-{timezone.localdate():%Y%m%d}.csv"
    response = StreamingHttpResponse(
        tables.csv_lines(tables.export_rows(queryset)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_safe
def record_detail(request: HttpRequest, pk: int) -> HttpResponse:
    perms.require(request.user, Action.VIEW_RECORDS)
    record = _record_or_404(request, pk)
    return render(
        request,
        "records/detail.html",
        {
            "record": record,
            "pseudonym": tables.short_pseudonym(record.person_pseudonym),
            "history": record_history(record),
            "can_change": perms.has_perm(request.user, Action.CHANGE_RECORDS),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def record_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the confirmation page; POST: withdraw with the reason. Nothing is ever deleted."""
    perms.require(request.user, Action.CHANGE_RECORDS)
    record = _record_or_404(request, pk)
    if record.withdrawn_at is not None:
        messages.warning(request, MSG_ALREADY_WITHDRAWN)
        return redirect("records:detail", pk=record.pk)
    form = forms.WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            WithdrawRecordAction(request.user, record).execute(
                reason=form.cleaned_data["reason"], closed_reason=form.cleaned_data["closed_reason"]
            )
        except JobpledgeError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"실적번호 {record.record_id}을(를) 철회했습니다.")
            return redirect("records:detail", pk=record.pk)
    return render(request, "records/withdraw.html", {"record": record, "form": form})


# --- upload: choose a file → dry run → commit -----------------------------------------------------------


def _run_import(request: HttpRequest, staged: staging.StagedUpload, *, dry_run: bool) -> Any:
    plan = Plan.objects.filter(key=staged.plan_key).first() if staged.plan_key else None
    action = ImportFileAction(request.user, kind=staged.kind)
    with staged.path.open("rb") as handle:
        return action.execute(
            file=handle,
            filename=staged.filename,
            dry_run=dry_run,
            source="web",
            plan=plan,
            closed_reason=staged.closed_reason,
        )


def _forget(request: HttpRequest, staged: staging.StagedUpload) -> None:
    staged.discard()
    uploads = request.session.get(SESSION_UPLOADS, {})
    uploads.pop(staged.token, None)
    request.session[SESSION_UPLOADS] = uploads


@login_required
@require_http_methods(["GET", "POST"])
def record_upload(request: HttpRequest) -> HttpResponse:
    perms.require(request.user, Action.IMPORT_RECORDS)
    form = forms.UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        plan = form.cleaned_data["plan"]
        staged = staging.stage_upload(
            form.cleaned_data["file"],
            kind=form.cleaned_data["kind"],
            plan_key=plan.key if plan else "",
            closed_reason=form.cleaned_data["closed_reason"].strip(),
        )
        try:
            result = _run_import(request, staged, dry_run=True)
        except JobpledgeError as error:
            staged.discard()
            form.add_error("file", error.message)
            for line in error.lines:
                form.add_error("file", line)
        else:
            preview = file_preview(staged.path, kind=staged.kind, error_rows=[e.row for e in result.errors])
            if result.errors:
                staged.discard()
                token = ""
            else:
                uploads = request.session.get(SESSION_UPLOADS, {})
                uploads[staged.token] = staged.as_session()
                request.session[SESSION_UPLOADS] = uploads
                token = staged.token
            context = {"result": result, "staged": staged, "token": token, "preview": preview}
            return render(request, "records/upload_preview.html", context)
    return render(request, "records/upload.html", {"form": form})


@login_required
@require_POST
def record_upload_commit(request: HttpRequest) -> HttpResponse:
    perms.require(request.user, Action.IMPORT_RECORDS)
    token = request.POST.get("token", "")
    staged = staging.staged_from_session(token, request.session.get(SESSION_UPLOADS, {}).get(token))
    if staged is None:
        messages.error(request, MSG_UPLOAD_EXPIRED)
        return redirect("records:upload")
    try:
        result = _run_import(request, staged, dry_run=False)
    except JobpledgeError as error:
        _forget(request, staged)
        messages.error(request, error.message)
        return redirect("records:upload")
    _forget(request, staged)
    return render(request, "records/upload_preview.html", {"result": result, "staged": staged, "committed": True})


@login_required
@require_POST
def record_upload_cancel(request: HttpRequest) -> HttpResponse:
    """Cancel a checked upload: its staged file (raw identifiers included) is deleted at once."""
    perms.require(request.user, Action.IMPORT_RECORDS)
    token = request.POST.get("token", "")
    staged = staging.staged_from_session(token, request.session.get(SESSION_UPLOADS, {}).get(token))
    if staged is not None:
        _forget(request, staged)
    messages.info(request, MSG_UPLOAD_CANCELLED)
    return redirect("records:upload")


@login_required
@require_safe
def record_template(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    """The import template, written by the same function as `jobpledge template records|aggregates`."""
    perms.require(request.user, Action.IMPORT_RECORDS)
    if kind not in ("records", "aggregates") or fmt not in ("xlsx", "csv"):
        raise Http404
    content, filename, content_type = template_bytes(fmt, kind=kind)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- create and edit: the same validation as import, through the record services ---------------------------


def _record_form(request: HttpRequest, *, record: JobRecord | None) -> forms.RecordForm:
    plan = record.program.plan if record else get_plan()
    return forms.RecordForm(
        request.POST or None,
        initial=forms.RecordForm.initial_for(record) if record else None,
        departments=perms.departments_in_scope(request.user),
        programs=plan.programs.all(),
        editing=record is not None,
    )


def _add_service_errors(form: forms.RecordForm, error: JobpledgeError) -> None:
    """Put the service's Korean errors on the fields they name (other errors go on top of the form)."""
    by_field = error.by_field if isinstance(error, services.ValidationFailed) else {}
    for name, field_messages in by_field.items():
        for message in field_messages:
            form.add_error(name if name in form.fields and not form.fields[name].disabled else None, message)
    if not by_field:
        form.add_error(None, error.message)


@login_required
@require_http_methods(["GET", "POST"])
def record_create(request: HttpRequest) -> HttpResponse:
    perms.require(request.user, Action.CHANGE_RECORDS)
    form = _record_form(request, record=None)
    if request.method == "POST" and form.is_valid():
        try:
            record = CreateRecordAction(request.user).execute(
                data=form.service_data(), plan=get_plan(), closed_reason=form.cleaned_data["closed_reason"]
            )
        except JobpledgeError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, f"실적번호 {record.record_id}을(를) 등록했습니다.")
            return redirect("records:detail", pk=record.pk)
    return render(request, "records/form.html", {"form": form, "record": None})


@login_required
@require_http_methods(["GET", "POST"])
def record_edit(request: HttpRequest, pk: int) -> HttpResponse:
    perms.require(request.user, Action.CHANGE_RECORDS)
    record = _record_or_404(request, pk)
    if record.withdrawn_at is not None:
        messages.warning(request, MSG_ALREADY_WITHDRAWN)
        return redirect("records:detail", pk=record.pk)
    form = _record_form(request, record=record)
    if request.method == "POST" and form.is_valid():
        try:
            record = EditRecordAction(request.user, record).execute(
                data=form.service_data(), closed_reason=form.cleaned_data["closed_reason"]
            )
        except JobpledgeError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, f"실적번호 {record.record_id}을(를) 수정했습니다.")
            return redirect("records:detail", pk=record.pk)
    return render(request, "records/form.html", {"form": form, "record": record})
