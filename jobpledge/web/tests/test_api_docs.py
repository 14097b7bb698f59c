"""`/api/` is an index, `/api/docs/` documents every endpoint from the schema, the browsable API fits the CSP."""

from __future__ import annotations

import re
from typing import Any

import pytest

from jobpledge.plans.models import Plan

INLINE = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>|\sstyle=", re.IGNORECASE)


@pytest.mark.django_db
def test_api_index_links_the_docs_the_schema_and_every_endpoint(client: Any) -> None:
    response = client.get("/api/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ko">' in html
    assert 'href="/api/docs/"' in html
    assert 'href="/api/schema/"' in html and 'href="/api/schema/?format=json"' in html
    for path in ("/api/records/", "/api/records/{id}/", "/api/records/import/", "/api/report/", "/api/token/"):
        assert f"<code>{path}</code>" in html
    assert not INLINE.search(html)


@pytest.mark.django_db
def test_api_docs_are_rendered_locally_from_the_schema(client: Any) -> None:
    html = client.get("/api/docs/").content.decode()
    assert 'id="report-retrieve"' in html  # one section per operation, anchored by operationId
    assert "<code>as_of</code>" in html and "<code>plan</code>" in html  # the report's parameters
    assert 'id="schema-JobRecord"' in html  # and the data shapes
    assert "cdn" not in html.lower() and "swagger" not in html.lower()
    assert not INLINE.search(html)


@pytest.mark.django_db
def test_browsable_api_pages_are_in_the_site_layout_without_inline_style_or_script(
    staff_client: Any, guro_plan: Plan
) -> None:
    for url in ("/api/report/?as_of=2020-12-31", "/api/records/"):
        response = staff_client.get(url, HTTP_ACCEPT="text/html")
        html = response.content.decode()
        assert response.status_code == 200, url
        assert '<html lang="ko">' in html and 'id="krds-header"' in html
        assert "HTTP 200 OK" in html
        assert not INLINE.search(html), INLINE.search(html)
    assert staff_client.get("/api/report/?as_of=2020-12-31", HTTP_ACCEPT="application/json").json()["as_of"] == (
        "2020-12-31"
    )
