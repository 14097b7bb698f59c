"""Milestones: the Guro file's three (no dates invented), the status rule, progress marked with history."""

from __future__ import annotations

import datetime as dt

import pytest

from jobpledge.accountability.milestones import (
    DONE_IN_FUTURE,
    UNKNOWN_MILESTONE,
    milestone_progress_set,
    milestone_status,
    milestones_report,
)
from jobpledge.accountability.models import MilestoneProgress
from jobpledge.core.errors import JobpledgeError

D = dt.date


@pytest.mark.parametrize(
    ("planned", "done", "status"),
    [
        (None, None, "unscheduled"),
        (D(2020, 6, 30), None, "on_track"),  # due on the day itself: not yet overdue
        (D(2020, 6, 29), None, "overdue"),
        (D(2020, 1, 1), D(2020, 6, 30), "done"),
        (D(2020, 1, 1), D(2020, 7, 1), "overdue"),  # done only after as_of: as of that day, not done
        (None, D(2019, 1, 1), "done"),
    ],
)
def test_status(planned, done, status) -> None:
    assert milestone_status(planned, done, D(2020, 6, 30)) == status


def test_guro_plan_lists_the_three_facilities_unscheduled(plan) -> None:
    assert milestones_report(plan=plan, as_of=D(2020, 1, 1)) == [
        {
            "program": "일자리 인프라구축",
            "name": name,
            "planned": None,
            "done": None,
            "evidence": "",
            "status": "unscheduled",
        }
        for name in ("천왕역 일자리토털플랫폼", "일자리·산업·경제 도서관", "근로자 복지센터")
    ]


def test_progress_is_marked_and_kept_in_history(plan, owner) -> None:
    args = {"plan": plan, "program": "일자리 인프라구축", "name": "근로자 복지센터", "user": owner}
    milestone_progress_set(**args, planned=D(2020, 12, 31), done=None, evidence="", today=D(2020, 3, 1))
    milestone_progress_set(**args, planned=D(2020, 12, 31), done=D(2021, 2, 1), evidence="개관", today=D(2021, 3, 1))
    rows = {m["name"]: m for m in milestones_report(plan=plan, as_of=D(2021, 1, 31))}
    assert (rows["근로자 복지센터"]["status"], rows["근로자 복지센터"]["done"]) == ("overdue", None)
    rows = {m["name"]: m for m in milestones_report(plan=plan, as_of=D(2021, 3, 1))}
    assert rows["근로자 복지센터"] | {} == {
        "program": "일자리 인프라구축", "name": "근로자 복지센터", "planned": "2020-12-31", "done": "2021-02-01",
        "evidence": "개관", "status": "done",
    }  # fmt: skip
    assert MilestoneProgress.objects.get().history.count() == 3  # created, then two saves


def test_progress_refuses_unknown_milestone_and_future_done(plan, owner) -> None:
    with pytest.raises(JobpledgeError) as unknown:
        milestone_progress_set(
            plan=plan, program="일자리 인프라구축", name="없음", planned=None, done=None, evidence="", user=owner
        )
    assert str(unknown.value) == UNKNOWN_MILESTONE.format(program="일자리 인프라구축", name="없음")
    with pytest.raises(JobpledgeError) as info:
        milestone_progress_set(
            plan=plan, program="일자리 인프라구축", name="근로자 복지센터", planned=None, done=D(2030, 1, 1),
            evidence="", user=owner, today=D(2025, 1, 1),
        )  # fmt: skip
    assert str(info.value) == DONE_IN_FUTURE.format(done="2030-01-01")


def test_plan_file_thresholds_are_loaded(plan) -> None:
    assert plan.accountability == {
        "lag_threshold": "90", "program_lag_threshold": "90", "stale_days": "60", "spending_rate_min": "50",
        "achievement_ratio_max": "50",
    }  # fmt: skip
