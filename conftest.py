"""Project-wide test setup."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="session", autouse=True)
def _expected_database_vendor(django_db_blocker: object) -> None:
    """When CI asks for a PostgreSQL run, fail loudly if the tests are not on PostgreSQL."""
    expected = os.environ.get("JOBPLEDGE_EXPECT_DB")
    if expected:
        from django.db import connection

        assert connection.vendor == expected, f"tests run on {connection.vendor}, expected {expected}"
