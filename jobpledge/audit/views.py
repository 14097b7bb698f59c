"""The owner's audit page: who changed what, when — records, aggregates, plans, roles, and imports."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jobpledge.accounts.permissions import Action, require
from jobpledge.audit import selectors

PAGE_SIZE = 50


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.VIEW_AUDIT)
    kind_key = request.GET.get("kind", "records")
    page_number = request.GET.get("page")
    counts = selectors.entry_counts()
    tabs = [(kind.key, kind.label, counts[kind.key]) for kind in selectors.AUDIT_KINDS]
    tabs.append(("imports", "파일 적재", counts["imports"]))
    context: dict[str, object] = {"tabs": tabs, "kind_key": kind_key, "counts": counts}
    if kind_key == "imports":
        page = Paginator(selectors.import_batches(), PAGE_SIZE).get_page(page_number)
        context.update(page=page, batches=page.object_list)
    else:
        kind = selectors.AUDIT_KIND_BY_KEY.get(kind_key, selectors.AUDIT_KINDS[0])
        context["kind_key"] = kind.key
        page = Paginator(selectors.history_queryset(kind), PAGE_SIZE).get_page(page_number)
        context.update(
            page=page,
            entries=selectors.describe(list(page.object_list), model=kind.model),
            link_records=kind.key == "records",
        )
    return render(request, "audit/log.html", context)
