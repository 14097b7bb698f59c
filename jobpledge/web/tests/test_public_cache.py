"""The anonymous public page is kept as rendered HTML per plan, day and data version."""

from __future__ import annotations

import datetime as dt

import pytest

from jobpledge.accounts.models import Profile, Role
from jobpledge.web.tests.conftest import add_record

URL = "/public/?as_of=2023-06-30"


@pytest.mark.django_db
def test_cached_public_page_follows_every_write(client, guro_plan, django_assert_num_queries):
    for n in range(6):
        add_record(guro_plan, start=dt.date(2019, 3, 1 + n))
    first = client.get(URL).content.decode()
    assert "예시 데이터" not in first
    with django_assert_num_queries(1):  # the data version; the HTML comes from the cache
        assert client.get(URL).content.decode() == first
    for n in range(6):
        add_record(guro_plan, start=dt.date(2020, 3, 1 + n), demo=True)
    after = client.get(URL).content.decode()
    assert after != first
    assert "예시 데이터" in after


@pytest.mark.django_db
def test_logged_in_user_is_not_served_the_anonymous_html(client, django_user_model, guro_plan):
    anonymous = client.get(URL).content.decode()
    assert 'action="/accounts/logout/"' not in anonymous
    user = django_user_model.objects.create_user(username="viewer-x", password="pw-Long-enough-1")
    Profile.objects.create(user=user, role=Role.VIEWER)
    client.force_login(user)
    page = client.get(URL).content.decode()
    assert 'action="/accounts/logout/"' in page and "viewer-x" in page
