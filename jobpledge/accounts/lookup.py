"""The acting user named on the command line (`--user USERNAME`): found by username, or a Korean error."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from jobpledge.core.errors import JobpledgeError

MSG_UNKNOWN_USER = "사용자 {username}이(가) 없습니다. `jobpledge user list`로 사용자를 확인하세요."
MSG_INACTIVE_USER = "사용자 {username}은(는) 비활성 상태입니다."


def user_named(username: str) -> Any:
    """The active user with this username, else a JobpledgeError in Korean."""
    user = get_user_model().objects.filter(username=username).select_related("profile").first()
    if user is None:
        raise JobpledgeError(MSG_UNKNOWN_USER.format(username=username))
    if not user.is_active:
        raise JobpledgeError(MSG_INACTIVE_USER.format(username=username))
    return user
