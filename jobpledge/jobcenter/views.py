"""Counsellor pages: thin adapters over the permission rules, the center's selectors and services.

Lists show names and phones masked (김*수, 010-****-5678). A seeker's detail page shows them in full only to users
allowed `view_seeker_personal` (counsellors), and every such view is logged (열람 기록, visible to administrators).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from jobpledge.accounts import permissions as perms
from jobpledge.accounts.permissions import Action
from jobpledge.core.errors import JobpledgeError
from jobpledge.jobcenter import messages as jmsg
from jobpledge.jobcenter import selectors
from jobpledge.jobcenter.matching import match_seeker, match_vacancy, seeker_inactive_reason
from jobpledge.jobcenter.models import Counselling, JobSeeker, Placement, Referral, SeekerView, Vacancy
from jobpledge.jobcenter.privacy import PURPOSE, RETENTION_NOTE, seeker_withdraw_consent
from jobpledge.jobcenter.services import followup_record, referral_create, referral_outcome

PAGE_SIZE = 50
DUE_WINDOW_DAYS = 7
EXPIRING_WINDOW_DAYS = 14
MSG_REFERRED = "알선 #{pk}을(를) 등록했습니다."
MSG_OUTCOME = "알선 #{pk}의 결과를 입력했습니다."
MSG_FOLLOWUP = "사후관리를 입력했습니다."
MSG_CONSENT = "동의 철회를 기록하고 성명·연락처·상담 내용을 삭제했습니다."
MSG_COUNSELLING = "상담 기록을 저장했습니다."


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise JobpledgeError(jmsg.BAD_DATE.format(value=text)) from None


def _rows(seekers: Any) -> list[dict[str, Any]]:
    return [{"seeker": s, **selectors.masked(s)} for s in seekers]


@login_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The counsellor's day: follow-ups due this week, registrations expiring, vacancies waiting for a referral."""
    perms.require(request.user, Action.VIEW_JOBCENTER)
    today = timezone.localdate()
    week_end = today + dt.timedelta(days=DUE_WINDOW_DAYS)
    followups = list(selectors.followups_due(start=today - dt.timedelta(days=30), end=week_end)[:200])
    expiring = selectors.registrations_expiring(start=today, end=today + dt.timedelta(days=EXPIRING_WINDOW_DAYS))
    return render(
        request,
        "jobcenter/home.html",
        {
            "today": today,
            "followups": [{"f": f, **selectors.masked(f.placement.referral.seeker)} for f in followups],
            "expiring": _rows(expiring[:200]),
            "waiting": selectors.vacancies_without_referral(as_of=today)[:200],
        },
    )


@login_required
@require_safe
def seeker_list(request: HttpRequest) -> HttpResponse:
    perms.require(request.user, Action.VIEW_JOBCENTER)
    query = (request.GET.get("q") or "").strip()
    seekers = JobSeeker.objects.order_by("-registered_on", "seeker_no")
    if query:
        seekers = seekers.filter(Q(seeker_no__icontains=query) | Q(name__icontains=query) | Q(residence_dong=query))
    page = Paginator(seekers, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "jobcenter/seeker_list.html", {"page": page, "rows": _rows(page), "q": query})


@login_required
@require_safe
def seeker_detail(request: HttpRequest, seeker_no: str) -> HttpResponse:
    perms.require(request.user, Action.VIEW_JOBCENTER)
    seeker = get_object_or_404(JobSeeker, seeker_no=seeker_no)
    full = perms.has_perm(request.user, Action.VIEW_SEEKER_PERSONAL)
    if full and (seeker.name or seeker.phone):
        SeekerView.objects.create(seeker=seeker, user=request.user, purpose="detail")
    today = timezone.localdate()
    inactive = seeker_inactive_reason(seeker, today)
    matches = None if inactive else match_seeker(seeker_no=seeker.seeker_no, as_of=today).results
    return render(
        request,
        "jobcenter/seeker_detail.html",
        {
            "seeker": seeker,
            "name": seeker.name if full else selectors.mask_name(seeker.name),
            "phone": seeker.phone if full else selectors.mask_phone(seeker.phone),
            "full": full,
            "inactive": inactive,
            "matches": matches,
            "referrals": seeker.referrals.select_related("vacancy__employer").prefetch_related("placements__followups"),
            "counsellings": seeker.counsellings.all()[:50],
            "channels": Counselling.Channel.choices,
            "can_work": perms.has_perm(request.user, Action.WORK_JOBCENTER),
            "purpose": PURPOSE,
            "retention": RETENTION_NOTE.format(years=3),
        },
    )


@login_required
@require_safe
def vacancy_list(request: HttpRequest) -> HttpResponse:
    perms.require(request.user, Action.VIEW_JOBCENTER)
    query = (request.GET.get("q") or "").strip()
    vacancies = Vacancy.objects.select_related("employer").order_by("-registered_on", "vacancy_no")
    if query:
        vacancies = vacancies.filter(
            Q(vacancy_no__icontains=query) | Q(title__icontains=query) | Q(employer__name__icontains=query)
        )
    page = Paginator(vacancies, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "jobcenter/vacancy_list.html", {"page": page, "q": query})


@login_required
@require_safe
def vacancy_detail(request: HttpRequest, vacancy_no: str) -> HttpResponse:
    perms.require(request.user, Action.VIEW_JOBCENTER)
    vacancy = get_object_or_404(Vacancy.objects.select_related("employer", "keco"), vacancy_no=vacancy_no)
    today = timezone.localdate()
    try:
        matches = match_vacancy(vacancy_no=vacancy.vacancy_no, as_of=today).results
    except JobpledgeError:
        matches = None
    names = {s.seeker_no: selectors.mask_name(s.name) for s in JobSeeker.objects.filter(
        seeker_no__in=[m.candidate for m in matches or []])}  # fmt: skip
    referrals = vacancy.referrals.select_related("seeker").prefetch_related("placements")
    return render(
        request,
        "jobcenter/vacancy_detail.html",
        {
            "vacancy": vacancy,
            "matches": [{"m": m, "name": names.get(m.candidate, "")} for m in matches or []],
            "closed": matches is None,
            "referrals": [{"r": r, "name": selectors.mask_name(r.seeker.name)} for r in referrals],
            "can_work": perms.has_perm(request.user, Action.WORK_JOBCENTER),
            "today": today,
        },
    )


@login_required
@require_POST
def referral_new(request: HttpRequest) -> HttpResponse:
    perms.require(request.user, Action.WORK_JOBCENTER)
    seeker = get_object_or_404(JobSeeker, seeker_no=request.POST.get("seeker", ""))
    vacancy = get_object_or_404(Vacancy, vacancy_no=request.POST.get("vacancy", ""))
    try:
        referral = referral_create(seeker=seeker, vacancy=vacancy, user=request.user)
        messages.success(request, MSG_REFERRED.format(pk=referral.pk))
    except JobpledgeError as error:
        messages.error(request, error.message)
    return redirect("jobcenter:vacancy", vacancy_no=vacancy.vacancy_no)


@login_required
@require_POST
def referral_result(request: HttpRequest, pk: int) -> HttpResponse:
    perms.require(request.user, Action.WORK_JOBCENTER)
    referral = get_object_or_404(Referral.objects.select_related("seeker"), pk=pk)
    try:
        referral_outcome(
            referral=referral,
            outcome=request.POST.get("outcome", ""),
            user=request.user,
            start_date=_date(request.POST.get("start")),
        )
        messages.success(request, MSG_OUTCOME.format(pk=referral.pk))
    except JobpledgeError as error:
        messages.error(request, error.message)
    return redirect("jobcenter:seeker", seeker_no=referral.seeker.seeker_no)


@login_required
@require_POST
def followup_new(request: HttpRequest, pk: int) -> HttpResponse:
    perms.require(request.user, Action.WORK_JOBCENTER)
    placement = get_object_or_404(Placement.objects.select_related("referral__seeker"), pk=pk)
    try:
        followup_record(
            placement=placement,
            status=request.POST.get("status", ""),
            user=request.user,
            left_on=_date(request.POST.get("left_on")),
        )
        messages.success(request, MSG_FOLLOWUP)
    except JobpledgeError as error:
        messages.error(request, error.message)
    return redirect("jobcenter:seeker", seeker_no=placement.referral.seeker.seeker_no)


@login_required
@require_POST
def counselling_new(request: HttpRequest, seeker_no: str) -> HttpResponse:
    perms.require(request.user, Action.WORK_JOBCENTER)
    seeker = get_object_or_404(JobSeeker, seeker_no=seeker_no)
    channel = request.POST.get("channel", "")
    try:
        held_on = _date(request.POST.get("held_on")) or timezone.localdate()
        if channel not in Counselling.Channel.values:
            raise JobpledgeError("상담 경로는 방문/전화/온라인 중 하나입니다.")
        if seeker.personal_data_erased_at is not None:
            raise JobpledgeError(jmsg.CONSENT_ALREADY_WITHDRAWN)
        Counselling.objects.create(
            seeker=seeker,
            held_on=held_on,
            channel=channel,
            notes=request.POST.get("notes", "")[:5000],
            next_step=request.POST.get("next_step", "")[:200],
            counsellor=request.user,
        )
        messages.success(request, MSG_COUNSELLING)
    except JobpledgeError as error:
        messages.error(request, error.message)
    return redirect("jobcenter:seeker", seeker_no=seeker.seeker_no)


@login_required
@require_POST
def consent_withdraw(request: HttpRequest, seeker_no: str) -> HttpResponse:
    perms.require(request.user, Action.WORK_JOBCENTER)
    seeker = get_object_or_404(JobSeeker, seeker_no=seeker_no)
    try:
        seeker_withdraw_consent(seeker=seeker, user=request.user)
        messages.success(request, MSG_CONSENT)
    except JobpledgeError as error:
        messages.error(request, error.message)
    return redirect("jobcenter:seeker", seeker_no=seeker.seeker_no)


@login_required
@require_safe
def view_log(request: HttpRequest) -> HttpResponse:
    """열람 기록: who saw which seeker's personal data, when (administrators)."""
    perms.require(request.user, Action.VIEW_AUDIT)
    entries = SeekerView.objects.select_related("seeker", "user").order_by("-viewed_at", "-pk")
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "jobcenter/view_log.html", {"page": page})
