"""Role resolution and record scoping."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from jobpledge.accounts import permissions as perms
from jobpledge.accounts.models import Role
from jobpledge.accounts.permissions import Action
from jobpledge.records.permissions import records_in_scope
from jobpledge.records.tests.world import *  # noqa: F403


def test_roles_resolve(world):
    users = world.users
    assert perms.role_of(AnonymousUser()) is None
    assert perms.role_of(users["admin"]) == Role.ADMIN  # a superuser without a profile
    assert perms.role_of(users["owner"]) == Role.OWNER
    assert perms.role_of(users["department"]) == Role.DEPARTMENT
    assert perms.role_of(users["no_profile"]) == Role.VIEWER
    users["owner"].is_active = False
    assert perms.role_of(users["owner"]) is None


def test_records_in_scope(world):
    users = world.users
    everything = {world.record_a.pk, world.record_b.pk}
    assert set(records_in_scope(users["admin"]).values_list("pk", flat=True)) == everything
    assert set(records_in_scope(users["owner"]).values_list("pk", flat=True)) == everything
    assert list(records_in_scope(users["department"]).values_list("pk", flat=True)) == [world.record_a.pk]
    assert list(records_in_scope(users["department_b"]).values_list("pk", flat=True)) == [world.record_b.pk]
    for role in ("counsellor", "viewer", "no_profile"):
        assert not records_in_scope(users[role]).exists()
    assert not records_in_scope(AnonymousUser()).exists()


def test_departments_in_scope(world):
    assert list(perms.departments_in_scope(world.users["department"])) == [world.department_a]
    assert perms.departments_in_scope(world.users["owner"]).count() == 3
    assert not perms.departments_in_scope(world.users["viewer"]).exists()


def test_import_scope(world):
    users = world.users
    assert perms.import_scope(users["admin"]) is None
    assert perms.import_scope(users["owner"]) is None
    assert perms.import_scope(users["department"]) == world.department_a
    for role in ("counsellor", "viewer"):
        with pytest.raises(PermissionDenied):
            perms.import_scope(users[role])


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("owner", set(Action) - {Action.VIEW_SEEKER_PERSONAL}),
        (
            "department",
            {
                "view_dashboard",
                "view_report",
                "view_plans",
                "view_records",
                "change_records",
                "import_records",
                "export_records",
            },
        ),
        (
            "counsellor",
            {"view_dashboard", "view_report", "view_plans", "view_jobcenter", "work_jobcenter", "view_seeker_personal"},
        ),
        ("viewer", {"view_dashboard", "view_report", "view_plans"}),
    ],
)
def test_action_table(world, role, allowed):
    user = world.users[role]
    assert {a.value for a in Action if perms.has_perm(user, a)} == {str(a) for a in allowed}
