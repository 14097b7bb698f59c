"""API tokens (django-rest-knox): stored only as a SHA-512 digest, expiring, revoked when the password changes or
the user is deactivated, and refused while django-axes has the user name or the address locked out.

Why a signal: the password can change through `jobpledge user set-password`, the Django admin, `changepassword`
or a later page; a `pre_save` receiver on the user model catches them all, where a check in each path would miss
the next one. Saves that name their fields (`last_login` on every login) skip the comparison query.
"""

from __future__ import annotations

from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth import get_user_model
from django.utils import timezone
from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from knox.auth import TokenAuthentication
from knox.models import AuthToken
from rest_framework import exceptions

MSG_TOKEN_LOCKED = "로그인 실패가 반복되어 이 계정의 API 사용이 잠시 제한되었습니다. 1시간 뒤 다시 시도하세요."  # noqa: S105
MSG_TOKEN_INACTIVE = "사용이 중지된 계정입니다."  # noqa: S105 - messages, not passwords
_WATCHED_FIELDS = {"password", "is_active"}


class ExpiringTokenAuthentication(TokenAuthentication):
    """knox's token check (digest, expiry: an expired token is deleted and refused), plus: an inactive user is
    refused and the token deleted, and a locked-out user name or address is refused as the login page is."""

    def __init__(self) -> None:
        super().__init__()
        self._request: Any = None  # DRF makes one authenticator per request

    def validate_user(self, auth_token: AuthToken) -> tuple[Any, AuthToken]:
        user = auth_token.user
        if not user.is_active:
            auth_token.delete()
            raise exceptions.AuthenticationFailed(MSG_TOKEN_INACTIVE)
        request = getattr(self._request, "_request", self._request)  # the HttpRequest under DRF's Request
        if request is not None and AxesProxyHandler.is_locked(request, {"username": user.get_username()}):
            raise exceptions.AuthenticationFailed(MSG_TOKEN_LOCKED)
        return user, auth_token

    def authenticate(self, request: Any) -> Any:
        self._request = request
        try:
            return super().authenticate(request)
        finally:
            self._request = None

    def _cleanup_token(self, auth_token: AuthToken) -> bool:
        """Only this token's expiry: knox would also sweep the user's other tokens, one more query per request
        (expired tokens are refused all the same, and deleted when used)."""
        if auth_token.expiry is not None and auth_token.expiry < timezone.now():
            auth_token.delete()
            return True
        return False


def revoke_tokens(user: Any) -> int:
    deleted, _ = AuthToken.objects.filter(user=user).delete()
    return deleted


def revoke_tokens_on_credential_change(sender: Any, instance: Any, update_fields: Any = None, **kwargs: Any) -> None:
    """pre_save of the user model: a new password or a deactivation revokes every API token of the user."""
    if instance.pk is None or (update_fields is not None and not _WATCHED_FIELDS.intersection(update_fields)):
        return
    stored = get_user_model().objects.filter(pk=instance.pk).values("password", "is_active").first()
    if stored is None:
        return
    if stored["password"] != instance.password or (stored["is_active"] and not instance.is_active):
        revoke_tokens(instance)


class ExpiringTokenScheme(KnoxTokenScheme):
    """The OpenAPI security scheme of ExpiringTokenAuthentication (`Authorization: Token …`)."""

    target_class = "jobpledge.accounts.tokens.ExpiringTokenAuthentication"
    name = "tokenAuth"
