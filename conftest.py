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

        assert connection.vendor == expected  # noqa: S101 -, f"tests run on {connection.vendor}, expected {expected}"


@pytest.fixture(scope="session", autouse=True)
def log_dir(tmp_path_factory: pytest.TempPathFactory) -> object:
    """Log files go to a temporary folder during tests, never to the development var/log/."""
    import logging.config

    from django.conf import settings

    from jobpledge.core.logs import logging_config

    path = tmp_path_factory.mktemp("log")
    logging.config.dictConfig(logging_config(log_dir=path, level=settings.LOGGING["loggers"]["jobpledge"]["level"]))
    return path


@pytest.fixture
def guro_plan(db: None) -> object:
    """The Guro III-1-1 plan, loaded from the embedded plan file through the real loader."""
    from django.conf import settings

    from jobpledge.plans.services import plan_load_file

    return plan_load_file(path=settings.JOBPLEDGE_DEFAULT_PLAN_FILE, user=None).plan


@pytest.fixture
def plan(guro_plan: object) -> object:
    return guro_plan


@pytest.fixture
def owner(db: None) -> object:
    """A plan owner (records.factories.UserFactory)."""
    from jobpledge.records.factories import UserFactory

    return UserFactory(username="owner")


@pytest.fixture(autouse=True)
def _empty_cache() -> object:
    """Each test starts with an empty cache.

    Report caches are keyed by DataVersion, which every test's rolled-back database starts again from zero,
    while the local-memory cache lives as long as the process: without this, one test could read another's report.
    """
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _private_var_dir(settings: object, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Runtime files a test makes (staged uploads hold the tests' made-up 주민등록번호) go to a temporary
    folder, never into the development var/."""
    settings.VAR_DIR = tmp_path_factory.mktemp("var")  # type: ignore[attr-defined]
    settings.JOBPLEDGE_UPLOAD_DIR = settings.VAR_DIR / "uploads"  # type: ignore[attr-defined]
