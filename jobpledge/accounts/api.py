"""`POST /api/token/`: a new expiring API token for a user name and password, with the login page's lockout."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from drf_spectacular.utils import extend_schema, inline_serializer
from knox.models import AuthToken
from knox.settings import knox_settings
from knox.views import LogoutAllView, LogoutView
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from jobpledge.accounts.tokens import MSG_TOKEN_LOCKED

MSG_BAD_CREDENTIALS = "아이디 또는 비밀번호가 올바르지 않습니다."
MSG_CREDENTIALS_REQUIRED = "username과 password를 보내 주세요."


class TokenRequest(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)


class ObtainTokenView(APIView):
    """Exchanges a user name and password for a token that expires after REST_KNOX["TOKEN_TTL"].

    The password goes through `django.contrib.auth.authenticate` with the request, so django-axes counts the
    failures and refuses a locked-out user name or address (429) exactly as on the login page.
    """

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    throttle_classes: list[Any] = []

    @extend_schema(
        request=TokenRequest,
        responses={
            200: inline_serializer("Token", {"token": serializers.CharField(), "expiry": serializers.DateTimeField()}),
            400: inline_serializer("TokenRefused", {"detail": serializers.CharField()}),
            429: inline_serializer("TokenLocked", {"detail": serializers.CharField()}),
        },
        auth=[],
    )
    def post(self, request: Request) -> Response:
        form = TokenRequest(data=request.data)
        if not form.is_valid():
            return Response({"detail": MSG_CREDENTIALS_REQUIRED}, status=status.HTTP_400_BAD_REQUEST)
        user = authenticate(
            request._request, username=form.validated_data["username"], password=form.validated_data["password"]
        )
        if getattr(request._request, "axes_locked_out", False):
            return Response({"detail": MSG_TOKEN_LOCKED}, status=status.HTTP_429_TOO_MANY_REQUESTS)
        if user is None or not user.is_active:
            return Response({"detail": MSG_BAD_CREDENTIALS}, status=status.HTTP_400_BAD_REQUEST)
        instance, token = AuthToken.objects.create(user=user, expiry=knox_settings.TOKEN_TTL)
        return Response({"token": token, "expiry": instance.expiry})


@extend_schema(request=None, responses={204: None}, summary="Revoke the token of this request")
class RevokeTokenView(LogoutView):
    """`POST /api/token/revoke/`: deletes the token the request was made with (204)."""


@extend_schema(request=None, responses={204: None}, summary="Revoke every token of this user")
class RevokeAllTokensView(LogoutAllView):
    """`POST /api/token/revoke-all/`: deletes every token of the user (204)."""
