"""Helpers of the browser tests: a page that collects console errors, users and records made for set-up."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field
from typing import Any

PASSWORD = "browser-test-password-7"

_numbers = itertools.count(1)


@dataclass
class Page:
    """A Playwright page plus every console error and uncaught exception it saw (CSP violations included)."""

    page: Any
    base_url: str
    errors: list[str] = field(default_factory=list)

    def on_console(self, message: Any) -> None:
        if message.type != "error":
            return
        source = (message.location or {}).get("url", "")
        self.errors.append(f"{message.text} ({source})" if source else message.text)

    def goto(self, path: str) -> Any:
        response = self.page.goto(self.base_url + path)
        assert response is not None
        return response

    def login(self, username: str, password: str = PASSWORD) -> None:
        self.goto("/accounts/login/")
        self.page.get_by_label("아이디").fill(username)
        self.page.get_by_label("비밀번호").fill(password)
        with self.page.expect_navigation():
            self.page.get_by_role("button", name="로그인").click()


def make_user(username: str, role: str = "owner", department: str | None = None) -> Any:
    from django.contrib.auth import get_user_model

    from jobpledge.accounts.models import Department, Profile

    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    dep = Department.objects.get_or_create(name=department)[0] if department else None
    Profile.objects.create(user=user, role=role, department=dep)
    return user


def make_record(
    plan: Any,
    *,
    start: dt.date,
    department: str = "일자리지원과",
    program: str = "직접일자리 사업",
    birth: dt.date = dt.date(1980, 5, 5),
    record_id: str | None = None,
    pseudonym: str | None = None,
    employer: str = "구로구청",
) -> Any:
    """A record written directly, with the derived fields the services would compute (set-up only)."""
    from django.db import transaction

    from jobpledge.accounts.models import Department
    from jobpledge.core.models import DataVersion
    from jobpledge.plans.models import Program
    from jobpledge.records.derive import PeriodBounds, derive
    from jobpledge.records.models import JobRecord

    number = next(_numbers)
    bounds = [PeriodBounds(p.id, p.code, p.start, p.end) for p in plan.periods.all()]
    derived = derive(birth_date=birth, start_date=start, periods=bounds)
    record = JobRecord.objects.create(
        department=Department.objects.get_or_create(name=department)[0],
        program=Program.objects.get(plan=plan, name=program),
        record_id=record_id or f"BR-{number:05d}",
        person_pseudonym=pseudonym or f"{number:064x}",
        birth_date=birth,
        gender="F",
        start_date=start,
        employer=employer,
        is_resident=True,
        period_id=derived.period_id,
        age_at_start=derived.age_at_start,
        generation=derived.generation,
        retention_deadline=derived.retention_deadline,
    )
    with transaction.atomic():
        DataVersion.bump()
    return record
