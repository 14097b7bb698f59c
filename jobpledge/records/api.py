"""Records API: list and detail (scoped like the pages), and import (dry run or commit) through the import service."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, permissions, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from jobpledge.accounts import permissions as perms
from jobpledge.accounts.permissions import Action
from jobpledge.core.errors import JobpledgeError
from jobpledge.plans.selectors import get_plan
from jobpledge.records import tables
from jobpledge.records.actions import ImportFileAction
from jobpledge.records.filters import RecordFilterSet
from jobpledge.records.models import JobRecord
from jobpledge.records.permissions import records_in_scope
from jobpledge.records.serializers import (
    ImportRequestSerializer,
    ImportResultSerializer,
    JobRecordDetailSerializer,
    JobRecordSerializer,
)


def action_permission(action: Action) -> type[permissions.BasePermission]:
    """A DRF permission class for one row of the role matrix."""

    class HasAction(permissions.BasePermission):
        message = perms.DENIED_MESSAGE

        def has_permission(self, request: Any, view: Any) -> bool:
            return perms.has_perm(request.user, action)

    HasAction.__name__ = f"Can{action.value.title().replace('_', '')}"
    return HasAction


FILTER_PARAMETERS = [
    OpenApiParameter("q", str, description="실적번호·사업체 검색"),
    OpenApiParameter("department", int, description="부서 id"),
    OpenApiParameter("program", int, description="세부사업 id"),
    OpenApiParameter("period", str, description="기간 코드(2018H2, 2019 …)"),
    OpenApiParameter("generation", str, enum=["15-29", "30-39", "40-49", "50-64", "65+"]),
    OpenApiParameter("senior", str, enum=["yes", "no"]),
    OpenApiParameter("status", str, enum=["active", "withdrawn", "all"], description="기본: active"),
    OpenApiParameter("as_of", str, description="이날까지 취업한 실적만(YYYY-MM-DD)"),
]


class RecordList(generics.ListAPIView[JobRecord]):
    """Job records in the caller's scope, filtered like the list page."""

    serializer_class = JobRecordSerializer
    permission_classes = [permissions.IsAuthenticated, action_permission(Action.VIEW_RECORDS)]

    def get_queryset(self) -> QuerySet[JobRecord]:
        filterset = RecordFilterSet(
            self.request.query_params or None, departments=perms.departments_in_scope(self.request.user)
        )
        return tables.list_queryset(filterset.filter_queryset(records_in_scope(self.request.user)))

    @extend_schema(parameters=FILTER_PARAMETERS)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class RecordDetail(generics.RetrieveAPIView[JobRecord]):
    """One job record; another department's record is not found (404)."""

    serializer_class = JobRecordDetailSerializer
    permission_classes = [permissions.IsAuthenticated, action_permission(Action.VIEW_RECORDS)]

    def get_queryset(self) -> QuerySet[JobRecord]:
        return tables.list_queryset(records_in_scope(self.request.user))


class RecordImport(APIView):
    """Import a records (or aggregates) file: dry_run=true checks only, dry_run=false commits.

    Refused whole when any row is wrong: 422 with the Korean row errors. Department staff may only
    import their own department's rows.
    """

    parser_classes = [MultiPartParser, FormParser]
    permission_classes = [permissions.IsAuthenticated, action_permission(Action.IMPORT_RECORDS)]

    @extend_schema(
        request={"multipart/form-data": ImportRequestSerializer},
        responses={200: ImportResultSerializer, 422: ImportResultSerializer},
    )
    def post(self, request: Request) -> Response:
        params = ImportRequestSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        action = ImportFileAction(request.user, kind=data["kind"])
        try:
            plan = get_plan(data["plan"]) if data.get("plan") else None
            upload = data["file"]
            result = action.execute(
                file=upload,
                filename=upload.name or "upload",
                dry_run=data["dry_run"],
                source="api",
                plan=plan,
                closed_reason=data.get("closed_reason"),
            )
        except JobpledgeError as error:
            return Response({"detail": error.message, "lines": error.lines}, status=status.HTTP_400_BAD_REQUEST)
        body = ImportResultSerializer(result).data
        return Response(body, status=status.HTTP_422_UNPROCESSABLE_ENTITY if result.errors else status.HTTP_200_OK)


urlpatterns = [
    path("records/", RecordList.as_view(), name="api-records"),
    path("records/import/", RecordImport.as_view(), name="api-records-import"),
    path("records/<int:pk>/", RecordDetail.as_view(), name="api-record"),
]
