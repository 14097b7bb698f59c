"""The main menu shows a link only to those who may follow it (the views enforce the same rule)."""

from __future__ import annotations

import pytest

from jobpledge.accounts.models import Department, Profile, Role

STAFF_LINKS = ['href="/dashboard/"', 'href="/records/"', 'href="/plans/"', 'href="/audit/"']


def menu_links(client) -> set[str]:
    html = client.get("/public/").content.decode()
    return {link for link in STAFF_LINKS if link in html}


@pytest.mark.django_db
def test_anonymous_menu_has_only_public_pages(client, guro_plan):
    html = client.get("/public/").content.decode()
    assert 'href="/public/"' in html and 'href="/card/"' in html
    assert menu_links(client) == set()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.VIEWER, {'href="/dashboard/"', 'href="/plans/"'}),
        (Role.COUNSELLOR, {'href="/dashboard/"', 'href="/plans/"'}),
        (Role.DEPARTMENT, {'href="/dashboard/"', 'href="/records/"', 'href="/plans/"'}),
        (Role.OWNER, set(STAFF_LINKS)),
    ],
)
def test_menu_follows_role(client, django_user_model, guro_plan, role, expected):
    user = django_user_model.objects.create_user(username=f"u-{role}", password="pw-Long-enough-1")
    department = Department.objects.create(name="복지정책과") if role == Role.DEPARTMENT else None
    Profile.objects.create(user=user, role=role, department=department)
    client.force_login(user)
    assert menu_links(client) == expected
