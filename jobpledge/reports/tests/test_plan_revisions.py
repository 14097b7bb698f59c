"""Plan revisions (공약 조정): revision 1 at first load, four eyes, a department user cannot propose, forced
revision recorded, a revision removing a program that holds records refused, reject, the report before/after a
revision's effective date and with --revision."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command

from jobpledge.accounts.models import Department, Role
from jobpledge.accounts.tests.fixtures import make_user
from jobpledge.plans import revisions
from jobpledge.plans.models import Plan, PlanRevision
from jobpledge.records.factories import add_record
from jobpledge.reports.selectors import pledge_report

ORIGINAL = Path(settings.JOBPLEDGE_DEFAULT_PLAN_FILE).read_text(encoding="utf-8")
RETARGETED = ORIGINAL.replace(
    'code = "2021"\nlabel = "2021년"\ntarget = 13500', 'code = "2021"\nlabel = "2021년"\ntarget = 14500'
)
PROGRAM_BLOCK = '[[programs]]\nname = "직업능력개발훈련"'


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture
def owners(guro_plan: Plan) -> tuple[Any, Any]:
    return make_user("proposer", Role.OWNER), make_user("approver", Role.OWNER)


def plan_file(tmp_path: Path, text: str, name: str = "revised.toml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_first_load_is_revision_1_approved_at_term_start(guro_plan: Plan) -> None:
    code, out, _ = run("plan_revisions", guro_plan.key, "--format", "json")
    rows = json.loads(out)
    assert code == 0
    assert [(r["revision"], r["status"], r["effective"]) for r in rows] == [(1, "approved", "2018-07-01")]
    assert rows[0]["sha256"] == guro_plan.source_sha256
    report = pledge_report(plan=guro_plan, as_of=dt.date(2020, 1, 1))
    assert report["plan"]["revision"]["number"] == 1


def test_four_eyes_and_roles(guro_plan: Plan, owners: Any, tmp_path: Path) -> None:
    title_changed = plan_file(
        tmp_path, ORIGINAL.replace('title = "매년 1만개 일자리 창출"', 'title = "매년 1만개 좋은 일자리"')
    )
    make_user("staff", Role.DEPARTMENT, Department.objects.create(name="복지정책과"))
    code, _, err = run("plan_propose", title_changed, "--user", "staff", "--reason", "문구 조정")
    assert code == 1 and revisions.MSG_NOT_ALLOWED in err

    code, out, err = run("plan_propose", title_changed, "--user", "proposer", "--reason", "문구 조정")
    assert (code, err) == (0, "")
    assert "2차 변경을 제안" in out
    guro_plan.refresh_from_db()
    assert guro_plan.title == "매년 1만개 일자리 창출"  # nothing changes before approval

    code, _, err = run("plan_approve", guro_plan.key, "2", "--user", "proposer")
    assert code == 1 and revisions.MSG_FOUR_EYES in err
    code, _, err = run("plan_approve", guro_plan.key, "2", "--user", "staff")
    assert code == 1 and revisions.MSG_NOT_ALLOWED in err

    code, out, _ = run("plan_approve", guro_plan.key, "2", "--user", "approver", "--effective", "2020-01-01")
    assert code == 0
    guro_plan.refresh_from_db()
    assert guro_plan.title == "매년 1만개 좋은 일자리"
    revision = PlanRevision.objects.get(number=2)
    assert (revision.status, revision.decided_by.username, revision.effective) == (
        "approved",
        "approver",
        dt.date(2020, 1, 1),
    )
    code, _, err = run("plan_approve", guro_plan.key, "2", "--user", "approver")
    assert code == 1 and "이미 승인" in err


def test_inconsistent_revision_needs_force_and_is_recorded(guro_plan: Plan, owners: Any, tmp_path: Path) -> None:
    path = plan_file(tmp_path, RETARGETED)
    code, _, err = run("plan_propose", path, "--user", "proposer", "--reason", "2021 목표 상향")
    assert code == 1 and "합계가 맞지 않아" in err
    assert not PlanRevision.objects.filter(number=2).exists()
    code, _, err = run("plan_propose", path, "--user", "proposer", "--reason", "2021 목표 상향", "--force")
    assert code == 0
    revision = PlanRevision.objects.get(number=2)
    assert revision.forced and revision.forced_lines
    assert revision.forced_lines[0] in err


def test_report_uses_the_revision_in_force(guro_plan: Plan, owners: Any, tmp_path: Path) -> None:
    add_record(guro_plan, start=dt.date(2021, 3, 1))
    run("plan_propose", plan_file(tmp_path, RETARGETED), "--user", "proposer", "--reason", "2021 목표 상향", "--force")
    assert run("plan_approve", guro_plan.key, "2", "--user", "approver", "--effective", "2021-01-01")[0] == 0

    def row_2021(report: dict[str, Any]) -> dict[str, Any]:
        return next(p for p in report["periods"] if p["period"] == "2021")

    before = pledge_report(plan=guro_plan, as_of=dt.date(2020, 12, 31))
    after = pledge_report(plan=guro_plan, as_of=dt.date(2021, 1, 1))
    assert (before["plan"]["revision"]["number"], row_2021(before)["target"]) == (1, 13500)
    assert (after["plan"]["revision"]["number"], row_2021(after)["target"]) == (2, 14500)
    assert after["plan"]["revision"]["approved_by"] == "approver"
    assert after["plan"]["revision"]["reason"] == "2021 목표 상향"
    forced = pledge_report(plan=guro_plan, as_of=dt.date(2021, 6, 30), revision=1)
    assert row_2021(forced)["target"] == 13500
    assert row_2021(pledge_report(plan=guro_plan, as_of=dt.date(2022, 1, 1)))["actual"] == 1  # records stay attached

    code, out, _ = run("report", "--as-of", "2021-06-30", "--revision", "1", "--format", "json")
    assert code == 0 and json.loads(out)["plan"]["revision"]["number"] == 1


def test_revision_removing_a_program_with_records_is_refused(guro_plan: Plan, owners: Any, tmp_path: Path) -> None:
    add_record(guro_plan, start=dt.date(2019, 3, 1), program="직업능력개발훈련")
    start = ORIGINAL.index(PROGRAM_BLOCK)
    end = ORIGINAL.index("[[programs]]", start + 1)
    path = plan_file(tmp_path, ORIGINAL[:start] + ORIGINAL[end:])
    code, _, err = run("plan_propose", path, "--user", "proposer", "--reason", "사업 폐지", "--force")
    assert code == 1
    assert "「직업능력개발훈련」은(는) 실적이 연결되어 있어" in err
    assert not PlanRevision.objects.filter(number=2).exists()
    assert guro_plan.programs.filter(name="직업능력개발훈련").exists()


def test_reject(guro_plan: Plan, owners: Any, tmp_path: Path) -> None:
    path = plan_file(tmp_path, RETARGETED)
    run("plan_propose", path, "--user", "proposer", "--reason", "상향", "--force")
    code, _, err = run("plan_reject", guro_plan.key, "2", "--user", "approver", "--reason", "")
    assert code == 1 and revisions.MSG_REASON_REQUIRED in err
    assert run("plan_reject", guro_plan.key, "2", "--user", "approver", "--reason", "근거 부족")[0] == 0
    rows = json.loads(run("plan_revisions", guro_plan.key, "--format", "json")[1])
    assert (rows[1]["status"], rows[1]["rejected_by"], rows[1]["rejection_reason"]) == (
        "rejected",
        "approver",
        "근거 부족",
    )
    assert run("plan_approve", guro_plan.key, "2", "--user", "approver")[0] == 1


def test_card_page_shows_the_revision_history(client: Any, guro_plan: Plan, owners: Any, tmp_path: Path) -> None:
    run("plan_propose", plan_file(tmp_path, RETARGETED), "--user", "proposer", "--reason", "2021 목표 상향", "--force")
    html = client.get(f"/card/{guro_plan.key}/").content.decode()
    assert "변경 이력" in html and "1차 · 시행 2018-07-01" in html
    assert "2021 목표 상향" not in html  # pending: not on the card
    run("plan_approve", guro_plan.key, "2", "--user", "approver", "--effective", "2021-01-01")
    html = client.get(f"/card/{guro_plan.key}/").content.decode()
    assert "2차 · 시행 2021-01-01 · 승인 approver · 2021 목표 상향" in html
