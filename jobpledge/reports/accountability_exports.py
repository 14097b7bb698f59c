"""The accountability parts of the report (issue 10) as terminal tables and XLSX rows: budget execution, cost per
job by program (with the rule stated), job quality, milestones, forecast. Called by reports.exports."""

from __future__ import annotations

from typing import Any

from rich.table import Table

COST_RULE = "사업비 ÷ 일자리 = floor(집행액 ÷ 실적), 유지 일자리당 = floor(집행액 ÷ 1년 이상 유지); 실적 0이면 '-'"
STATUS = {"done": "완료", "on_track": "정상", "overdue": "지연", "unscheduled": "일정 없음"}


def _int(value: int | None) -> str:
    return "-" if value is None else f"{value:,}"


def _rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}%"


def execution_rows(report: dict[str, Any]) -> list[list[Any]]:
    """[구분, 항목, 계획(백만원), 집행(원), 집행률(%)] — the whole, by period, source and sector."""
    b = report["budget"]
    rows: list[list[Any]] = [
        [
            "계(기준일까지 시작한 기간)",
            "",
            b["planned_to_date_krw"] // 1_000_000,
            b["executed_krw"],
            b["execution_rate"],
        ]
    ]
    rows += [["기간", r["period"], r["planned"], r["executed_krw"], r["execution_rate"]] for r in b["by_period"]]
    rows += [["재원", r["source"], r["planned"], r["executed_krw"], r["execution_rate"]] for r in b["by_source"]]
    rows += [["부문", r["sector"], r["planned"], r["executed_krw"], r["execution_rate"]] for r in b["by_sector"]]
    return rows


def cost_rows(report: dict[str, Any]) -> list[list[Any]]:
    return [
        [p["program"], p["executed_krw"], p["actual"], p["actual_retained_1y"], p["cost_per_job_krw"], p["cost_per_kept_job_krw"]]
        for p in report["programs"]
    ]  # fmt: skip


def quality_rows(report: dict[str, Any]) -> list[list[Any]]:
    rows = []
    for label, q in [("계", report["quality"]), *[(p["period"], p["quality"]) for p in report["periods"]]]:
        kinds = q["employment_type"]
        rows.append(
            [label, q["records"], q["living_wage_at_or_above"], q["living_wage_below"], q["living_wage_unknown"],
             q["full_time"], q["part_time"], q["hours_unknown"], kinds["상용"], kinds["임시"], kinds["일용"], kinds["unknown"],
             q["repeat_persons"], q["aggregate_unknown"]]
        )  # fmt: skip
    return rows


QUALITY_HEADERS = [
    "구분", "개인별 실적", "생활임금 이상", "생활임금 미만", "임금 미상", "전일제(36h+)", "시간제", "시간 미상",
    "상용", "임시", "일용", "고용형태 미상", "반복 취업자", "집계 실적(질 미상)",
]  # fmt: skip
EXECUTION_HEADERS = ["구분", "항목", "계획(백만원)", "집행(원)", "집행률(%)"]
COST_HEADERS = ["세부사업", "집행(원)", "실적", "1년 이상 유지", "일자리당 사업비(원)", "유지 일자리당 사업비(원)"]
MILESTONE_HEADERS = ["세부사업", "이정표", "목표일", "완료일", "상태", "근거"]


def milestone_rows(report: dict[str, Any]) -> list[list[Any]]:
    return [
        [m["program"], m["name"], m["planned"] or "", m["done"] or "", STATUS[m["status"]], m["evidence"]]
        for m in report["milestones"]
    ]


def accountability_tables(report: dict[str, Any]) -> list[Table]:
    tables = []
    for title, headers, rows in (
        ("예산 집행 (계획: 백만원, 집행: 원)", EXECUTION_HEADERS, execution_rows(report)),
        (f"세부사업별 사업비 대비 일자리 — {COST_RULE}", COST_HEADERS, cost_rows(report)),
        ("일자리의 질 (개인별 실적 기준)", QUALITY_HEADERS, quality_rows(report)),
        ("인프라 이정표", MILESTONE_HEADERS, milestone_rows(report)),
    ):
        t = Table(title=title)
        for i, header in enumerate(headers):
            t.add_column(header, justify="left" if i < 2 else "right")
        for row in rows:
            t.add_row(*[_rate(v) if h.endswith("(%)") else _int(v) if isinstance(v, int) or v is None else str(v)
                        for h, v in zip(headers, row, strict=True)])  # fmt: skip
        tables.append(t)
    totals = report["totals"]
    t = Table(title=f"임기 말 전망 ({totals['forecast_method']}, docs/counting.md)")
    for header in ("전망", "하한", "상한"):
        t.add_column(header, justify="right")
    t.add_row(_int(totals["forecast_end_of_term"]), _int(totals["forecast_low"]), _int(totals["forecast_high"]))
    tables.append(t)
    return tables


def accountability_sheets(report: dict[str, Any]) -> list[tuple[str, str, list[str], list[list[Any]]]]:
    """(sheet title, caption, headers, rows) for reports.exports._sheet."""
    return [
        (
            "예산 집행",
            "예산 집행 (계획: 백만원, 집행: 원; 기준일까지 시작한 기간)",
            EXECUTION_HEADERS,
            execution_rows(report),
        ),
        ("사업비 대비 일자리", COST_RULE, COST_HEADERS, cost_rows(report)),
        ("일자리의 질", "일자리의 질 (개인별 실적 기준; 미상은 추정하지 않음)", QUALITY_HEADERS, quality_rows(report)),
        ("인프라 이정표", "인프라 이정표 (날짜는 카드나 부서가 준 것만)", MILESTONE_HEADERS, milestone_rows(report)),
    ]
