"""The department pages as XLSX, in the form of the monthly report a 주관부서 sends round: the ranking (one sheet,
then one sheet per department), or one department's scorecard. Values with Korean headers; unknown is blank."""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from jobpledge.records.importers.widgets import neutralise_formula

RANKING_HEADERS = [
    "순위", "부서", "목표", "기대(기준일까지)", "실적", "진도율(%)", "달성률(%)", "부진", "1년 이상 유지", "노인활동지원 제외",
    "실인원", "집계 실적(유형 미상)", "마지막 취업일", "마지막 입력",
]  # fmt: skip


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return neutralise_formula(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return value


def _append(ws: Any, row: list[Any]) -> None:
    ws.append([_cell(v) for v in row])


def _ranking_row(position: int, e: dict[str, Any]) -> list[Any]:
    return [
        position, e["department"], e["target"], e["expected_to_date"], e["actual"], e["pace_rate"],
        e["achievement_rate"], "부진" if e["lagging"] else "", e["actual_retained_1y"], e["actual_excluding_senior"],
        e["unique_persons"], e["unknown_aggregate"], e.get("last_start"), e.get("last_written"),
    ]  # fmt: skip


def _scorecard_sheet(wb: Workbook, entry: dict[str, Any], as_of: str, demo: str) -> None:
    ws = wb.create_sheet(entry["department"][:31])
    _append(ws, [f"부서별 일자리창출 실적 — {entry['department']} (기준일 {as_of}){demo}"])
    ws["A1"].font = Font(bold=True, size=12)
    _append(ws, ["목표", entry["target"], "기대(기준일까지)", entry["expected_to_date"], "실적", entry["actual"]])
    _append(
        ws,
        [
            "진도율(%)",
            entry["pace_rate"],
            "달성률(%)",
            entry["achievement_rate"],
            "부진",
            "부진" if entry["lagging"] else "",
        ],
    )
    _append(ws, [])
    _append(ws, ["기간", "목표", "실적", "기간 달성률(%)"])
    for p in entry["periods"]:
        _append(ws, [p["period"], p["target"], p["actual"], p["period_rate"]])
    _append(ws, [])
    _append(ws, ["세부사업", "목표", "실적"])
    for p in entry["programs"]:
        _append(ws, [p["program"], p["target"], p["actual"]])


def ranking_workbook(
    entries: list[dict[str, Any]], *, as_of: str, demo: bool, detailed: set[int] | None = None
) -> Workbook:
    """The ranking sheet (every department), then one scorecard sheet per department in `detailed` (all: None)."""
    label = " [예시 데이터]" if demo else ""
    wb = Workbook()
    ws = wb.active
    ws.title = "부서별 진도"
    _append(ws, [f"부서별 일자리창출 책임제 — 진도순 (기준일 {as_of}){label}"])
    ws["A1"].font = Font(bold=True, size=12)
    _append(ws, RANKING_HEADERS)
    for position, entry in enumerate(entries, start=1):
        _append(ws, _ranking_row(position, entry))
    for entry in entries:
        if detailed is None or entry["id"] in detailed:
            _scorecard_sheet(wb, entry, as_of, label)
    return wb


def scorecard_workbook(entry: dict[str, Any], *, as_of: str, demo: bool) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    _scorecard_sheet(wb, entry, as_of, " [예시 데이터]" if demo else "")
    return wb
