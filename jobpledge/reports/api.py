"""Report API: the pledge card report, the same JSON contract as `jobpledge report --format json`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import path
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from jobpledge.accounts import permissions as perms
from jobpledge.accounts.permissions import Action
from jobpledge.core.errors import JobpledgeError
from jobpledge.plans.selectors import get_plan
from jobpledge.reports.selectors import pledge_report

MSG_BAD_DATE = "as_of는 YYYY-MM-DD 형식의 날짜여야 합니다."


class CanViewReport(permissions.BasePermission):
    message = perms.DENIED_MESSAGE

    def has_permission(self, request: Any, view: Any) -> bool:
        return perms.has_perm(request.user, Action.VIEW_REPORT)


class ReportView(APIView):
    """The pledge card report as of a day (docs/report-json.md)."""

    permission_classes = [permissions.IsAuthenticated, CanViewReport]

    @extend_schema(
        parameters=[
            OpenApiParameter("plan", str, description="계획 키 또는 관리번호(생략 시 기본 계획)"),
            OpenApiParameter("as_of", OpenApiTypes.DATE, description="기준일(생략 시 오늘)"),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response:
        raw_date = request.query_params.get("as_of")
        try:
            as_of = dt.date.fromisoformat(raw_date) if raw_date else timezone.localdate()
        except ValueError:
            return Response({"detail": MSG_BAD_DATE}, status=status.HTTP_400_BAD_REQUEST)
        try:
            plan = get_plan(request.query_params.get("plan") or None)
        except JobpledgeError as error:
            return Response({"detail": error.message}, status=status.HTTP_404_NOT_FOUND)
        return Response(pledge_report(plan=plan, as_of=as_of))


urlpatterns = [path("report/", ReportView.as_view(), name="api-report")]
