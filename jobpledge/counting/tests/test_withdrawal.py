"""Withdrawal and restoring: a record stops counting and counts again, and its history keeps the reasons."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from jobpledge.core.errors import JobpledgeError
from jobpledge.core.models import DataVersion
from jobpledge.counting.selectors import count_actuals
from jobpledge.records import services
from jobpledge.records.importers import messages as msg
from jobpledge.records.models import JobRecord
from jobpledge.records.tests.conftest import import_file

AS_OF = dt.date(2023, 6, 30)


def test_withdraw_needs_a_reason_keeps_it_in_history_and_stops_counting(plan: Any, owner: Any) -> None:
    assert import_file("records_cp949.csv").ok
    before = count_actuals(plan=plan, as_of=AS_OF).total.actual
    record = JobRecord.objects.get(record_id="R-002")
    with pytest.raises(JobpledgeError) as caught:
        services.record_withdraw(record=record, reason="  ", user=owner)
    assert caught.value.message == msg.WITHDRAW_REASON_REQUIRED
    version = DataVersion.current()
    withdrawn = services.record_withdraw(record=record, reason="중복 등록", user=owner)
    assert (withdrawn.withdrawn_reason, withdrawn.updated_by) == ("중복 등록", owner)
    assert withdrawn.withdrawn_at is not None
    assert count_actuals(plan=plan, as_of=AS_OF).total.actual == before - 1
    latest = withdrawn.history.latest()  # type: ignore[attr-defined]
    assert (latest.history_change_reason, latest.history_user, latest.withdrawn_reason) == (
        "철회: 중복 등록",
        owner,
        "중복 등록",
    )
    assert DataVersion.current() == version + 1
    assert JobRecord.objects.filter(pk=record.pk).exists()  # nothing is deleted
    with pytest.raises(JobpledgeError) as caught:
        services.record_withdraw(record=record, reason="다시", user=owner)
    assert caught.value.message == msg.ALREADY_WITHDRAWN
    restored = services.record_restore(record=record, reason="착오 철회", user=owner)
    assert (restored.withdrawn_at, restored.withdrawn_reason) == (None, "")
    assert restored.history.latest().history_change_reason == "철회 취소: 착오 철회"  # type: ignore[attr-defined]
    assert count_actuals(plan=plan, as_of=AS_OF).total.actual == before
    with pytest.raises(JobpledgeError) as caught:
        services.record_restore(record=record, reason="또", user=owner)
    assert caught.value.message == msg.NOT_WITHDRAWN
