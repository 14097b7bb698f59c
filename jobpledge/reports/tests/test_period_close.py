"""Period close (공표): who may close, only ended periods, the frozen snapshot byte for byte, verify catching a
tampered snapshot, and the report's `closed` / `changed_since_close` keys."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from jobpledge.accounts.lookup import MSG_UNKNOWN_USER
from jobpledge.accounts.models import Department, Role
from jobpledge.accounts.tests.fixtures import make_user
from jobpledge.core.errors import JobpledgeError
from jobpledge.plans.models import ClosedPeriodChange, PeriodClose
from jobpledge.records.factories import add_record
from jobpledge.records.services import record_withdraw
from jobpledge.reports import snapshots
from jobpledge.reports.models import PeriodSnapshot
from jobpledge.reports.published import PUBLISHED_KEYS
from jobpledge.reports.selectors import pledge_report


def run(*args: str) -> tuple[int, str, str]:
    """Run a management command as the CLI would: exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture
def closer(db: None) -> Any:
    return make_user("closer", Role.OWNER)


def test_owner_closes_an_ended_period_and_the_snapshot_is_the_report_of_that_moment(guro_plan: Any, closer: Any):
    add_record(guro_plan, start=dt.date(2019, 3, 1))
    add_record(guro_plan, start=dt.date(2019, 7, 1), senior=True)
    add_record(guro_plan, start=dt.date(2020, 3, 1))
    expected = json.loads(json.dumps(pledge_report(plan=guro_plan, as_of=timezone.localdate())))

    code, out, err = run("period_close", "2019", "--user", "closer")

    assert (code, err) == (0, "")
    snapshot = PeriodSnapshot.objects.get()
    assert snapshot.close.period.code == "2019"
    assert snapshot.close.closed_by == closer
    assert snapshot.sha256 in out
    assert snapshot.sha256 == hashlib.sha256(snapshot.report_json.encode()).hexdigest()
    frozen = json.loads(snapshot.report_json)
    assert frozen == expected  # the whole report of the moment before the close
    row = next(p for p in frozen["periods"] if p["period"] == "2019")
    assert (row["actual"], row["actual_excluding_senior"]) == (2, 1)


@pytest.mark.parametrize("role", [Role.DEPARTMENT, Role.COUNSELLOR, Role.VIEWER])
def test_only_owner_or_admin_may_close(guro_plan: Any, role: str):
    department = Department.objects.create(name="복지정책과") if role == Role.DEPARTMENT else None
    make_user("someone", role, department)
    code, out, err = run("period_close", "2019", "--user", "someone")
    assert code == 1
    assert snapshots.MSG_NOT_ALLOWED in err
    assert not PeriodClose.objects.exists()


def test_admin_may_close(guro_plan: Any):
    make_user("root", None, superuser=True)
    assert run("period_close", "2020", "--user", "root")[0] == 0
    assert PeriodClose.objects.get().period.code == "2020"


def test_unknown_user_is_a_korean_error(guro_plan: Any):
    code, _, err = run("period_close", "2019", "--user", "nobody")
    assert code == 1
    assert MSG_UNKNOWN_USER.format(username="nobody") in err


def test_a_period_that_has_not_ended_cannot_be_closed(guro_plan: Any, closer: Any):
    with pytest.raises(JobpledgeError) as refused:
        snapshots.period_close(
            plan=guro_plan, period_code="2019", user=closer, now=dt.datetime(2019, 12, 31, 12, tzinfo=dt.UTC)
        )
    assert refused.value.message == snapshots.MSG_NOT_ENDED.format(period="2019", end="2019-12-31")
    assert not PeriodClose.objects.exists()


def test_closing_twice_and_unknown_period_are_refused(guro_plan: Any, closer: Any):
    assert run("period_close", "2019", "--user", "closer")[0] == 0
    code, _, err = run("period_close", "2019", "--user", "closer")
    assert code == 1
    assert "이미 마감" in err
    code, _, err = run("period_close", "1999", "--user", "closer")
    assert code == 1
    assert "기간 1999이(가) 없습니다" in err
    assert PeriodSnapshot.objects.count() == 1


def test_snapshot_is_printed_byte_for_byte_and_stays_so_after_later_writes(guro_plan: Any, closer: Any):
    record = add_record(guro_plan, start=dt.date(2019, 3, 1))
    run("period_close", "2019", "--user", "closer")
    stored = PeriodSnapshot.objects.get()

    _, printed, _ = run("period_snapshot", "2019")
    assert printed.encode("utf-8") == stored.report_json.encode("utf-8")

    add_record(guro_plan, start=dt.date(2019, 5, 1))  # a late record, written behind the guard (set-up helper)
    record_withdraw(record=record, reason="중복", user=closer, closed_reason="감사 지적으로 철회")

    _, printed_after, _ = run("period_snapshot", "2019")
    assert printed_after == printed
    assert hashlib.sha256(printed_after.encode()).hexdigest() == stored.sha256


def test_snapshot_of_an_open_period_is_a_korean_error(guro_plan: Any):
    code, out, err = run("period_snapshot", "2019")
    assert (code, out) == (1, "")
    assert snapshots.MSG_NOT_CLOSED.format(period="2019") in err


def test_verify_passes_then_catches_a_tampered_snapshot(guro_plan: Any, closer: Any):
    add_record(guro_plan, start=dt.date(2019, 3, 1))
    run("period_close", "2019", "--user", "closer")
    run("period_close", "2020", "--user", "closer")
    code, out, err = run("period_verify")
    assert (code, err) == (0, "")
    assert out.count("확인:") == 2

    stored = PeriodSnapshot.objects.get(close__period__code="2019")
    tampered = stored.report_json.replace('"actual": 1', '"actual": 9', 1)
    assert tampered != stored.report_json
    PeriodSnapshot.objects.filter(pk=stored.pk).update(report_json=tampered)

    code, out, err = run("period_verify", "--plan", guro_plan.key)
    assert code == 1
    assert "불일치" in err and "2019" in err
    assert "2020" in out  # the untouched one still checks


def test_report_shows_published_figures_and_the_change_since_close(guro_plan: Any, closer: Any):
    first = add_record(guro_plan, start=dt.date(2019, 3, 1))
    add_record(guro_plan, start=dt.date(2019, 4, 1))
    before = pledge_report(plan=guro_plan, as_of=dt.date(2024, 1, 1))
    assert all(p["closed"] is None and p["changed_since_close"] is None for p in before["periods"])

    snapshot = snapshots.period_close(plan=guro_plan, period_code="2019", user=closer)
    today = snapshot.as_of
    report = pledge_report(plan=guro_plan, as_of=today)
    row = next(p for p in report["periods"] if p["period"] == "2019")
    assert row["closed"]["sha256"] == snapshot.sha256
    assert row["closed"]["closed_by"] == "closer"
    assert row["closed"]["published"] == {key: row[key] for key in PUBLISHED_KEYS}
    assert row["closed"]["changes_after_close"] == 0
    assert row["changed_since_close"] is None
    assert next(p for p in report["periods"] if p["period"] == "2020")["closed"] is None

    record_withdraw(record=first, reason="중복", user=closer, closed_reason="중복 등록 확인")
    row = next(p for p in pledge_report(plan=guro_plan, as_of=today)["periods"] if p["period"] == "2019")
    assert row["closed"]["published"]["actual"] == 2
    assert row["actual"] == 1
    assert row["changed_since_close"]["actual"] == -1
    assert row["changed_since_close"]["unique_persons"] == -1
    assert row["closed"]["changes_after_close"] == 1
    change = ClosedPeriodChange.objects.get()
    assert (change.reason, change.kind, change.created_by) == ("중복 등록 확인", "record_withdraw", closer)
