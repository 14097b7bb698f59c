"""Admin views of records: read-only. Every change goes through records.services (validation, derived
fields, history, data version), so the admin lists and shows, and never writes."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from jobpledge.records.models import AggregateEntry, ImportBatch, JobRecord


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(JobRecord)
class JobRecordAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["record_id", "department", "program", "start_date", "end_date", "period", "withdrawn_at", "batch"]
    list_filter = ["program", "period", "department", "is_senior_activity", "is_demo"]
    search_fields = ["record_id", "employer"]
    list_select_related = ["department", "program", "period", "batch"]
    show_full_result_count = False


@admin.register(AggregateEntry)
class AggregateEntryAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["department", "program", "period", "count", "evidence", "withdrawn_at"]
    list_filter = ["program", "period", "department"]
    list_select_related = ["department", "program", "period"]


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    list_display = [
        "id",
        "kind",
        "filename",
        "source",
        "created_by",
        "created_at",
        "rows",
        "created_count",
        "updated_count",
        "unchanged_count",
    ]
    list_filter = ["kind", "source"]
