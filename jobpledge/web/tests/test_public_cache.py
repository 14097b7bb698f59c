"""The anonymous public page is kept as rendered HTML per plan, day and data version."""

from __future__ import annotations

import datetime as dt

import pytest

from jobpledge.accounts.models import Profile, Role
from jobpledge.records.factories import add_record

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


def _report_section(html: str) -> str:
    start = html.index('<div id="dashboard-report"')
    return html[start : html.index("</main>", start)]


@pytest.mark.django_db
def test_dashboard_report_html_is_shared_between_users_and_follows_every_write(client, django_user_model, guro_plan):
    for n in range(6):
        add_record(guro_plan, start=dt.date(2019, 3, 1 + n))
    users = {}
    from jobpledge.accounts.models import Department

    department = Department.objects.create(name="건축과")
    for name, role in (("owner-x", Role.OWNER), ("viewer-y", Role.DEPARTMENT)):
        # Both may open the records list (drill-down links): the same report HTML. A viewer gets a version
        # without links (jobpledge/web/tests/test_errors.py).
        users[name] = django_user_model.objects.create_user(username=name, password="pw-Long-enough-1")
        Profile.objects.create(user=users[name], role=role, department=department if role == Role.DEPARTMENT else None)
    client.force_login(users["owner-x"])
    owner_page = client.get("/dashboard/?as_of=2023-06-30").content.decode()
    client.force_login(users["viewer-y"])
    viewer_page = client.get("/dashboard/?as_of=2023-06-30").content.decode()
    # the menu is the user's own; the report part is the same HTML for both
    assert "owner-x" in owner_page and "owner-x" not in viewer_page and "viewer-y" in viewer_page
    assert 'href="/audit/"' in owner_page and 'href="/audit/"' not in viewer_page
    assert _report_section(owner_page) == _report_section(viewer_page)
    # the htmx swap gets exactly that fragment
    fragment = client.get("/dashboard/?as_of=2023-06-30", HTTP_HX_REQUEST="true").content.decode()
    # the user's own alerts come first, swapped out of band (issue 10); none for this department
    alerts_box, _, rest = fragment.partition("</div>")
    assert 'id="dashboard-alerts-box" hx-swap-oob="true"' in alerts_box and "<li" not in alerts_box
    report, _, clear_message = rest.partition('<div id="as-of-error" hx-swap-oob="true">')
    assert report.strip() and report.strip() in viewer_page
    assert clear_message.strip() == "</div>"  # and clears any message under the as-of field
    # a write changes the figures at once (new data version), here a seventh record in 2019
    add_record(guro_plan, start=dt.date(2019, 4, 1), department="복지정책과")
    after = client.get("/dashboard/?as_of=2023-06-30").content.decode()
    assert _report_section(after) != _report_section(viewer_page)
    assert "복지정책과" in _report_section(after) and "복지정책과" not in _report_section(viewer_page)
