"""Fixtures for the page tests: a signed-in plan owner (records: jobpledge.records.factories.add_record).

The root conftest empties the cache around every test.
"""

from __future__ import annotations

from typing import Any

import pytest

from jobpledge.accounts.models import Profile, Role


@pytest.fixture
def staff_client(client: Any, django_user_model: Any) -> Any:
    user = django_user_model.objects.create_user(username="owner", password="pw-for-tests-only-9")
    Profile.objects.create(user=user, role=Role.OWNER)
    client.force_login(user)
    return client
