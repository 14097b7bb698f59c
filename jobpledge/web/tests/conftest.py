"""Fixtures for the page tests: users by role, records created as the services would.

The root conftest empties the cache around every test.
"""

from __future__ import annotations

from typing import Any

import pytest

from jobpledge.accounts.models import Profile, Role
from jobpledge.records.factories import add_record

__all__ = ["add_record", "staff_client"]


@pytest.fixture
def staff_client(client: Any, django_user_model: Any) -> Any:
    user = django_user_model.objects.create_user(username="owner", password="pw-for-tests-only-9")
    Profile.objects.create(user=user, role=Role.OWNER)
    client.force_login(user)
    return client
