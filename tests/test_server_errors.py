"""The whole site (config.urls and its error handlers) answers an uncaught exception with the Korean 500 page.

It lives outside the layered packages because its URL conf (tests/failing_urls.py) extends the site's own.
"""

from __future__ import annotations

from typing import Any

import pytest


@pytest.mark.django_db
def test_an_uncaught_exception_gives_the_korean_500(client: Any, settings: Any) -> None:
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.failing_urls"
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "일시적인 서버 오류입니다" in response.content.decode()
