"""Pages: the public progress page, the staff dashboard and the pledge card with its XLSX and PDF exports.

Views are adapters: parse the request, call a selector (pledge_report / pledge_card / department_freshness),
shape with jobpledge.web.presenters, render.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from jobpledge.accounts.permissions import Action, has_perm
from jobpledge.core.cache import versioned
from jobpledge.core.dates import read_as_of
from jobpledge.core.errors import JobpledgeError
from jobpledge.core.models import DataVersion
from jobpledge.plans.models import Plan
from jobpledge.plans.selectors import get_plan
from jobpledge.reports.card import cached_pledge_card
from jobpledge.reports.exports import pledge_card_xlsx
from jobpledge.reports.selectors import cached_pledge_report
from jobpledge.web import selectors
from jobpledge.web.presenters import ReportView, present

RECORDS_URL = "/records/"


def _today() -> dt.date:
    """Today in the project's time zone (Asia/Seoul)."""
    return timezone.localdate()


def _as_of(request: HttpRequest) -> tuple[dt.date, str | None, str]:
    """The as_of GET parameter in any spelling the importer reads (core.dates), today when absent.

    Returns (date, error, typed). A date that cannot be read or does not exist gives an error message and
    *no* fallback: the views show the message and no figures, so a typo never passes for today's data.
    """
    typed = (request.GET.get("as_of") or "").strip()
    if not typed:
        return _today(), None, ""
    day, error = read_as_of(typed)
    return (day or _today()), error, typed


def _plan(key: str | None, *, version: str | None = None) -> Plan:
    """The plan named in the URL (default plan without one); kept per data version, which plan loads bump."""
    try:
        if version is None:
            return get_plan(key)
        return versioned(f"plan:{key or ''}", version, lambda: get_plan(key))
    except JobpledgeError as exc:
        raise Http404(exc.message) from exc


def _present(plan: Plan, as_of: dt.date, *, public: bool, drill: Any = None, version: str | None = None) -> ReportView:
    report = cached_pledge_report(plan=plan, as_of=as_of, version=version)
    return present(report, public=public, rounding=plan.rounding, decimals=plan.rate_decimals, drill=drill)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return redirect("web:public")


@require_GET
def public(request: HttpRequest) -> HttpResponse:
    """Progress for residents, the jury and the council: aggregates only, small cells suppressed."""
    ref = request.GET.get("plan") or None
    as_of, date_error, typed = _as_of(request)
    version = DataVersion.token()
    if date_error:  # no figures for a date that is not one: the message, the field to fix it, nothing else
        plan = _plan(ref, version=version)
        context = {"plan": plan, "date_error": date_error, "typed": typed, "today": _today()}
        return render(request, "web/public.html", context, status=400)

    def page() -> str:
        plan = _plan(ref, version=version)
        view = _present(plan, as_of, public=True, version=version)
        context = {"plan": plan, "view": view, "demo": view.demo, "today": _today()}
        return render_to_string("web/public.html", context, request=request)

    if request.user.is_authenticated:  # the menu differs per role: render for this user
        return HttpResponse(page())
    # Every anonymous visitor sees the same page for a plan, day and data version: keep the rendered HTML.
    # Plan loads bump the data version too, so the plan as named in the request is enough for the key.
    key = f"public-html:{ref or ''}:{as_of.isoformat()}:{_today().isoformat()}"
    return HttpResponse(versioned(key, version, page))


def _drill_factory(departments: dict[str, int], as_of: dt.date) -> Any:
    def drill(*, program: int | None = None, period: str | None = None, department: str | None = None) -> str:
        params: dict[str, Any] = {}
        if program is not None:
            params["program"] = program
        if period is not None:
            params["period"] = period
        if department is not None:
            dep_id = departments.get(department)
            if dep_id is None:
                return ""
            params["department"] = dep_id
        # The records list counts start_date <= as_of too, so the list matches the figure exactly.
        params["as_of"] = as_of.isoformat()
        return RECORDS_URL + ("?" + urlencode(params) if params else "")

    return drill


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """Staff view: exact figures, departments, data freshness, drill-down; htmx swaps the report on as_of change.

    The report part is the same for every signed-in user (drill-down links lead to the records list, which
    applies the user's scope), so its HTML is kept per plan, as-of day, today and data version; only the page
    around it (menu, form) is rendered per request.
    """
    version = DataVersion.token()
    plan = _plan(request.GET.get("plan") or None, version=version)
    as_of, date_error, typed = _as_of(request)
    today = _today()
    # Viewers and counsellors may not open the records list: they get the figures without drill-down links.
    drills = has_perm(request.user, Action.VIEW_RECORDS)

    def report_html() -> str:
        freshness = selectors.department_freshness(version=version)
        dep_ids = {f.department: f.department_id for f in freshness}
        drill = _drill_factory(dep_ids, as_of) if drills else None
        view = _present(plan, as_of, public=False, drill=drill, version=version)
        context = {"plan": plan, "view": view, "demo": view.demo, "freshness": freshness, "drills": drills}
        return render_to_string("web/_dashboard_report.html", context)

    partial = request.headers.get("HX-Request") == "true" and not request.headers.get("HX-History-Restore-Request")
    if date_error:
        # No figures for a date that is not one. The htmx swap gets the message in the report region and, out of
        # band, under the field; a full load gets the page with the typed value kept and status 400.
        context = {"date_error": date_error, "typed": typed, "partial": partial}
        report = mark_safe(render_to_string("web/_as_of_error.html", context))  # noqa: S308 - our template
    else:
        key = f"dashboard-report:{plan.pk}:{plan.source_sha256[:12]}:{as_of.isoformat()}:{today.isoformat()}:{int(drills)}"
        report = mark_safe(versioned(key, version, report_html))  # noqa: S308 - rendered by our template
        if partial:  # clear a message left under the field by an earlier bad date
            report = mark_safe(report + render_to_string("web/_as_of_error.html", {"partial": True}))  # noqa: S308
    # Alerts are the user's own (issue 10), so they sit outside the shared report; htmx swaps them out of band.
    found = None if date_error else selectors.alerts_for(user=request.user, plan=plan, as_of=as_of, version=version)
    alerts = render_to_string("web/_alerts.html", {"alerts": found, "oob": partial}) if found is not None else ""
    if partial:
        response = HttpResponse(alerts + report)
    else:
        context = {
            "plan": plan, "report": report, "alerts": mark_safe(alerts),  # noqa: S308 - rendered by our template
            "as_of": typed or as_of.isoformat(), "today": today, "date_error": date_error,
        }  # fmt: skip
        response = render(request, "web/dashboard.html", context, status=400 if date_error else 200)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
def card(request: HttpRequest, plan_key: str | None = None) -> HttpResponse:
    """The whole pledge card, regenerated from data, with current actuals next to the targets."""
    version = DataVersion.token()
    plan = _plan(plan_key, version=version)
    as_of, date_error, typed = _as_of(request)
    card_data = cached_pledge_card(plan=plan, version=version)
    staff = request.user.is_authenticated
    drill = _drill_factory({}, as_of) if has_perm(request.user, Action.VIEW_RECORDS) else None
    view = None if date_error else _present(plan, as_of, public=not staff, drill=drill, version=version)
    context = {
        "plan": plan,
        "card": card_data,
        "view": view,
        "demo": bool(view and view.demo),
        "as_of": typed or as_of.isoformat(),
        "date_error": date_error,
        "plans": selectors.plans_for_menu() if plan_key is None else [],
    }
    return render(request, "web/card.html", context, status=400 if date_error else 200)


def _bad_as_of(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "400.html", {"message": message}, status=400)


def _export_name(plan: Plan, as_of: dt.date, ext: str) -> str:
    return f"pledge-card-{plan.key}-{as_of.isoformat()}.{ext}"


@login_required
@require_GET
def card_xlsx(request: HttpRequest, plan_key: str) -> HttpResponse:
    plan = _plan(plan_key)
    as_of, date_error, _ = _as_of(request)
    if date_error:
        return _bad_as_of(request, date_error)
    response = HttpResponse(
        pledge_card_xlsx(plan=plan, as_of=as_of),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_export_name(plan, as_of, "xlsx")}"'
    return response


@require_GET
def card_pdf(request: HttpRequest, plan_key: str) -> HttpResponse:
    from jobpledge.web.pdf import render_card_pdf

    plan = _plan(plan_key)
    as_of, date_error, _ = _as_of(request)
    if date_error:
        return _bad_as_of(request, date_error)
    public_view = not request.user.is_authenticated
    response = HttpResponse(render_card_pdf(plan=plan, as_of=as_of, public=public_view), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_export_name(plan, as_of, "pdf")}"'
    return response
