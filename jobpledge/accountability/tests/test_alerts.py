"""`jobpledge alerts`: each kind raised (and not raised) on a hand-built case, through the real command."""

from __future__ import annotations

import datetime as dt
import io
import json

from django.core.management import call_command

from jobpledge.accountability.alerts import alerts, program_expected
from jobpledge.accountability.services import spending_import, targets_import
from jobpledge.records.factories import add_record

D = dt.date


def load(plan, targets: str = "", spending: str = "") -> None:
    if targets:
        result = targets_import(file=io.BytesIO(targets.encode()), filename="t.csv", user=None, plan=plan)
        assert result.ok, result.error_lines()
    if spending:
        result = spending_import(file=io.BytesIO(spending.encode()), filename="s.csv", user=None, plan=plan)
        assert result.ok, result.error_lines()


def test_program_expected_by_hand(plan) -> None:
    # 직업능력개발훈련 1,000 spread like the periods (5,000 / 13,300 … of 53,300): 2018H2 93.81 in full,
    # 2019: 249.53 × 59/365 = 40.33 by 2019-02-28 → 134.14 → 134
    assert program_expected(plan, D(2019, 2, 28))["직업능력개발훈련"] == 134
    assert program_expected(plan, D(2022, 6, 30))["직업능력개발훈련"] == 1000
    assert "일자리 인프라구축" not in program_expected(plan, D(2020, 1, 1))  # no job target: no expectation


def test_each_kind(plan) -> None:
    load(
        plan,
        targets="부서,세부사업,기간,목표\n일자리지원과,고용서비스,2019,365\n건축과,고용서비스,2019,365\n",
        spending=(
            "기간,세부사업,재원,집행액,예산현액\n"
            "2019,창업지원,구비,600,1000\n"  # 60 % executed, nothing achieved
            "2019,직업능력개발훈련,구비,100,1000\n"  # 10 %: below the spending threshold
        ),
    )
    for day in range(1, 61):  # one a day from 2019-01-01: 60 by 2019-03-01, on pace for 365 a year
        add_record(plan, start=D(2019, 1, 1) + dt.timedelta(days=day - 1), program="고용서비스")
    found = alerts(plan=plan, as_of=D(2019, 3, 1))
    kinds = {(a["kind"], a["subject"]) for a in found}
    assert ("department_lagging", "건축과") in kinds  # 0 of 60 expected
    assert ("department_lagging", "일자리지원과") not in kinds  # 60 of 60
    assert ("department_stale", "건축과") in kinds  # targets, no record ever, 2019 open
    assert ("department_stale", "일자리지원과") not in kinds
    assert ("spending_without_jobs", "창업지원") in kinds
    assert ("spending_without_jobs", "직업능력개발훈련") not in kinds
    assert ("program_lagging", "직접일자리 사업") in kinds  # nothing counted against its pro-rata share
    lagging = next(a for a in found if a["kind"] == "department_lagging")
    assert lagging["figures"] == {"actual": 0, "target": 365, "expected_to_date": 60, "pace_rate": 0.0}
    assert lagging["message"] == "「건축과」 진도율 0.0% — 기준 90% 미만 (실적 0 / 기대 60)"


def test_no_open_period_no_stale_alert(plan) -> None:
    load(plan, targets="부서,세부사업,기간,목표\n건축과,고용서비스,2019,10\n")
    kinds = {a["kind"] for a in alerts(plan=plan, as_of=D(2023, 1, 1))}
    assert "department_stale" not in kinds and "department_lagging" in kinds


def test_command_json_and_table(plan) -> None:
    load(plan, targets="부서,세부사업,기간,목표\n건축과,고용서비스,2019,365\n")
    out = io.StringIO()
    call_command("alerts", "--as-of", "2019-03-01", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert {"kind", "subject", "message", "figures"} <= set(data[0])
    table = io.StringIO()
    call_command("alerts", "--as-of", "2019-03-01", stdout=table)
    assert "[부서 부진] 「건축과」 진도율 0.0% — 기준 90% 미만 (실적 0 / 기대 60)" in table.getvalue().splitlines()
