"""Every number of DOMAIN.md's tables, asserted through the report (the JSON contract of issue 2)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import call_command

from jobpledge.plans.selectors import get_plan
from jobpledge.reports.selectors import pledge_report

AS_OF = dt.date(2023, 6, 30)


@pytest.fixture
def report(guro_plan):
    return pledge_report(plan=guro_plan, as_of=AS_OF)


def test_plan_header(report):
    assert report["plan"] == report["plan"] | {
        "id": "III-1-1",
        "title": "매년 1만개 일자리 창출",
        "term_start": "2018-07-01",
        "term_end": "2022-06-30",
        "total_target": 53300,
    }
    assert report["as_of"] == "2023-06-30"


def test_roadmap_targets_and_planned_rates(report):
    rows = [
        (p["period"], p["start"], p["end"], p["target"], p["cumulative_target"], p["planned_rate"])
        for p in report["periods"]
    ]
    assert rows == [
        ("2018H2", "2018-07-01", "2018-12-31", 5000, 5000, 9.4),
        ("2019", "2019-01-01", "2019-12-31", 13300, 18300, 34.3),
        ("2020", "2020-01-01", "2020-12-31", 13500, 31800, 59.7),
        ("2021", "2021-01-01", "2021-12-31", 13500, 45300, 85.0),
        ("2022H1", "2022-01-01", "2022-06-30", 8000, 53300, 100.0),
    ]
    assert report["totals"]["target"] == 53300


def test_no_records_means_zero_actuals(report):
    for p in report["periods"]:
        assert (p["actual"], p["cumulative_actual"], p["period_rate"], p["achievement_rate"]) == (0, 0, 0.0, 0.0)
        assert (p["actual_retained_1y"], p["actual_excluding_senior"], p["unique_persons"]) == (0, 0, 0)
    assert report["totals"] | {} == report["totals"]
    assert (report["totals"]["actual"], report["totals"]["achievement_rate"]) == (0, 0.0)
    assert report["departments"] == []
    assert report["generations"] == []


def test_sectors_and_programs(report):
    assert [(s["sector"], s["target"]) for s in report["sectors"]] == [("정부부문", 38400), ("민간부문", 14900)]
    assert [(p["program"], p["sector"], p["target"]) for p in report["programs"]] == [
        ("직접일자리 사업", "정부부문", 17600),
        ("직업능력개발훈련", "정부부문", 1000),
        ("고용서비스", "정부부문", 18200),
        ("고용장려금", "정부부문", 600),
        ("창업지원", "정부부문", 1000),
        ("일자리 인프라구축", "정부부문", None),
        ("중소기업 역량강화", "민간부문", 560),
        ("민간·관급 공사장 근로자 채용", "민간부문", 13840),
        ("민간위탁사업", "민간부문", 500),
    ]
    infra = next(p for p in report["programs"] if p["program"] == "일자리 인프라구축")
    assert infra["target"] is None and infra["achievement_rate"] is None
    assert sum(s["target"] for s in report["sectors"]) == 53300


def test_baseline(report):
    base = report["baseline"]
    assert (base["term"], base["target"], base["actual"], base["achievement_rate"]) == ("민선6기", 53000, 56087, 105.8)
    assert [(y["year"], y["actual"]) for y in base["years"]] == [
        (2014, 5131), (2015, 12885), (2016, 15249), (2017, 14510), (2018, 8312)
    ]  # fmt: skip
    assert [
        (s["sector"], s["target"], s["actual"], s["achievement_rate"], [y["actual"] for y in s["years"]])
        for s in base["sectors"]
    ] == [
        ("정부부문", 35710, 37396, 104.7, [2967, 9005, 9649, 9780, 5995]),
        ("민간부문", 17290, 18691, 108.1, [2164, 3880, 5600, 4730, 2317]),
    ]


def test_budget(report):
    budget = report["budget"]
    assert budget["planned_total"] == 247040
    assert [(p["period"], p["planned"]) for p in budget["by_period"]] == [
        ("2018H2", 18000), ("2019", 58640), ("2020", 64500), ("2021", 69300), ("2022H1", 36600)
    ]  # fmt: skip
    assert [(s["sector"], s["planned"], list(s["by_period"].values())) for s in budget["by_sector"]] == [
        ("정부부문", 196640, [14000, 45640, 51100, 55300, 30600]),
        ("민간부문", 50400, [4000, 13000, 13400, 14000, 6000]),
    ]
    assert [(s["source"], s["planned"], list(s["by_period"].values())) for s in budget["by_source"]] == [
        ("국비", 33500, [2000, 6300, 8500, 10300, 6400]),
        ("시비", 64080, [6000, 14880, 16000, 17000, 10200]),
        ("구비", 136460, [10000, 34460, 36000, 38000, 18000]),
        ("기타(민자)", 13000, [0, 3000, 4000, 4000, 2000]),
    ]


CONTRACT = {
    "plan": {"id": str, "title": str, "term_start": str, "term_end": str, "total_target": int},
    "periods": {
        "period": str, "start": str, "end": str, "target": int, "cumulative_target": int, "planned_rate": float, "actual": int,
        "cumulative_actual": int, "period_rate": float, "achievement_rate": float, "actual_retained_1y": int,
        "actual_excluding_senior": int, "unique_persons": int,
    },
    "totals": {
        "target": int, "actual": int, "achievement_rate": float, "actual_retained_1y": int, "actual_excluding_senior": int,
        "unique_persons": int,
    },
    "sectors": {"sector": str, "target": int, "actual": int, "achievement_rate": float},
    "programs": {"program": str, "sector": str, "actual": int},
    "baseline": {"term": str, "target": int, "actual": int, "achievement_rate": float, "sectors": list},
    "budget": {"planned_total": int, "by_period": list, "by_source": list, "by_sector": list},
}  # fmt: skip


def test_json_contract_keys_and_types(guro_plan, capsys):
    call_command("report", "--as-of", "2023-06-30", "--format", "json")
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {
        "plan",
        "as_of",
        "periods",
        "totals",
        "sectors",
        "programs",
        "departments",
        "generations",
        "baseline",
        "budget",
    }
    assert (
        isinstance(data["as_of"], str)
        and isinstance(data["departments"], list)
        and isinstance(data["generations"], list)
    )
    for section, fields in CONTRACT.items():
        rows = data[section] if isinstance(data[section], list) else [data[section]]
        assert rows, section
        for row in rows:
            for key, kind in fields.items():
                assert key in row, (section, key)
                assert isinstance(row[key], kind) and not isinstance(row[key], bool), (section, key, row[key])
    for p in data["programs"]:
        assert (isinstance(p["target"], int) and isinstance(p["achievement_rate"], float)) or (
            p["target"] is None and p["achievement_rate"] is None
        )
    assert [s["source"] for s in data["budget"]["by_source"]] == ["국비", "시비", "구비", "기타(민자)"]
    assert [s["sector"] for s in data["baseline"]["sectors"]] == ["정부부문", "민간부문"]


def test_table_format_is_aligned_korean_with_separators(guro_plan, capsys):
    call_command("report", "--as-of", "2023-06-30", "--format", "table")
    out = capsys.readouterr().out
    assert "2019년" in out and "13,300" in out and "53,300" in out and "247,040" in out and "105.8%" in out


def test_xlsx_reproduces_the_seed_tables(guro_plan, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "card.xlsx"
    call_command("report", "--as-of", "2023-06-30", "--format", "xlsx", "--output", str(target))
    wb = load_workbook(target)
    assert wb.sheetnames[:5] == ["공약 개요", "연도별 로드맵", "세부추진계획", "민선6기 실적", "연도별 투자계획"]
    roadmap = [row for row in wb["연도별 로드맵"].iter_rows(min_row=3, values_only=True)]
    assert [(r[0], r[1], r[3]) for r in roadmap[:5]] == [
        ("2018년 [하반기]", 5000, 9.4), ("2019년", 13300, 34.3), ("2020년", 13500, 59.7), ("2021년", 13500, 85.0),
        ("2022년 [상반기]", 8000, 100.0),
    ]  # fmt: skip
    baseline = list(wb["민선6기 실적"].iter_rows(min_row=3, values_only=True))
    assert baseline[0] == ("계", 53000, 56087, 5131, 12885, 15249, 14510, 8312, 105.8)
    invest = list(wb["연도별 투자계획"].iter_rows(min_row=3, values_only=True))
    assert ("(2) 예산구분", "구비", 136460, 10000, 34460, 36000, 38000, 18000) in invest
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            assert not any(isinstance(v, str) and v.startswith("=") for v in row), "values only, no formulas"


def test_get_plan_by_key_code_and_default(guro_plan):
    assert get_plan(None) == guro_plan
    assert get_plan("III-1-1") == guro_plan
    assert get_plan("guro-III-1-1") == guro_plan


def test_unknown_plan_is_a_clear_error(guro_plan, capsys):
    with pytest.raises(SystemExit) as exit_info:
        call_command("report", "--plan", "nope", "--format", "json")
    assert exit_info.value.code == 1
    assert "계획 「nope」을(를) 찾을 수 없습니다" in capsys.readouterr().err


def test_expected_to_date_is_pro_rata(guro_plan):
    assert pledge_report(plan=guro_plan, as_of=dt.date(2018, 6, 30))["totals"]["expected_to_date"] == 0
    assert pledge_report(plan=guro_plan, as_of=dt.date(2018, 12, 31))["totals"]["expected_to_date"] == 5000
    # 2019-07-02 is day 183 of 365
    assert (
        pledge_report(plan=guro_plan, as_of=dt.date(2019, 7, 2))["totals"]["expected_to_date"]
        == 5000 + 13300 * 183 // 365
    )
    assert pledge_report(plan=guro_plan, as_of=AS_OF)["totals"]["expected_to_date"] == 53300
