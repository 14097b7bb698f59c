"""The session backend reads the user with their profile in one query, and still refuses inactive or deleted users."""

from __future__ import annotations

from typing import Any

import pytest

from jobpledge.accounts.backends import ProfileModelBackend
from jobpledge.accounts.models import Profile, Role


@pytest.mark.django_db
def test_user_and_profile_in_one_query(django_user_model: Any, django_assert_num_queries: Any) -> None:
    user = django_user_model.objects.create_user(username="viewer-b", password="pw-Long-enough-1")
    Profile.objects.create(user=user, role=Role.VIEWER)
    with django_assert_num_queries(1):
        found = ProfileModelBackend().get_user(user.pk)
        assert found is not None and found.profile.role == Role.VIEWER


@pytest.mark.django_db
def test_inactive_deleted_and_profileless_users(django_user_model: Any) -> None:
    backend = ProfileModelBackend()
    inactive = django_user_model.objects.create_user(username="gone-a", password="pw-Long-enough-1", is_active=False)
    assert backend.get_user(inactive.pk) is None
    assert backend.get_user(inactive.pk + 1000) is None
    plain = django_user_model.objects.create_user(username="plain-c", password="pw-Long-enough-1")
    assert backend.get_user(plain.pk) == plain  # no profile: a viewer (accounts.permissions.role_of)
