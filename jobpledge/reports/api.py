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
from jobpledge.reports.explain import explain, find_department, find_program
from jobpledge.reports.selectors import pledge_report
from jobpledge.reports.snapshots import find_period

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


class ExplainView(APIView):
    """What makes up one figure of the report (docs/governance.md), the same JSON as `jobpledge explain`."""

    permission_classes = [permissions.IsAuthenticated, CanViewReport]

    @extend_schema(
        parameters=[
            OpenApiParameter("plan", str, description="계획 키 또는 관리번호(생략 시 기본 계획)"),
            OpenApiParameter("as_of", OpenApiTypes.DATE, description="기준일(생략 시 오늘)"),
            OpenApiParameter("period", str, required=True, description="기간 코드"),
            OpenApiParameter("program", str, description="세부사업명"),
            OpenApiParameter("department", str, description="부서명"),
            OpenApiParameter("basis", str, description="official | retained_1y | excluding_senior | unique_persons"),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        raw_date = params.get("as_of")
        try:
            as_of = dt.date.fromisoformat(raw_date) if raw_date else timezone.localdate()
        except ValueError:
            return Response({"detail": MSG_BAD_DATE}, status=status.HTTP_400_BAD_REQUEST)
        try:
            plan = get_plan(params.get("plan") or None)
            result = explain(
                plan=plan,
                as_of=as_of,
                period=find_period(plan, params.get("period") or ""),
                basis=params.get("basis") or "official",
                program=find_program(plan, params.get("program")),
                department=find_department(params.get("department")),
            )
        except JobpledgeError as error:
            return Response({"detail": error.message}, status=status.HTTP_400_BAD_REQUEST)
        return Response(result)


urlpatterns = [
    path("report/", ReportView.as_view(), name="api-report"),
    path("explain/", ExplainView.as_view(), name="api-explain"),
]
