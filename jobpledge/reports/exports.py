"""The pledge card report rendered for people: an aligned terminal table and an XLSX workbook."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from rich.console import Console
from rich.table import Table

from jobpledge.core.spreadsheet import neutralise
from jobpledge.plans.models import Plan
from jobpledge.reports.accountability_exports import accountability_sheets, accountability_tables
from jobpledge.reports.selectors import pledge_report

HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")


def fmt_int(value: int | None) -> str:
    return "-" if value is None else f"{value:,}"


def fmt_rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}%"


def fmt_basis(value: int | None, unknown: int) -> str:
    """A count on a basis that aggregate entries cannot tell (kept ≥ 1 year, without senior activity, persons):
    the jobs from aggregate entries are unknown on that basis, shown as such, never folded into 0."""
    if not unknown:
        return fmt_int(value)
    return f"미상 {unknown:,}" if not value else f"{value:,} + 미상 {unknown:,}"


def report_tables(report: dict[str, Any]) -> list[Table]:
    """The report as rich tables (Korean headers, thousands separators, right-aligned numbers)."""
    plan = report["plan"]
    tables = []
    t = Table(
        title=f"{plan['id']} {plan['title']} — 기준일 {report['as_of']}"
        + (" [예시 데이터]" if report.get("demo") else "")
    )
    for header in (
        "기간",
        "목표",
        "누적 목표",
        "계획 달성도",
        "실적",
        "누적 실적",
        "기간 달성률",
        "누적 달성률",
        "1년 이상 유지",
        "노인활동 제외",
        "실인원",
    ):
        t.add_column(header, justify="left" if header == "기간" else "right")
    for p in report["periods"]:
        unknown = int(p.get("unknown_aggregate") or 0)
        started = p.get("start", "") <= report["as_of"]  # ISO dates compare as text
        t.add_row(
            p["label"],
            fmt_int(p["target"]),
            fmt_int(p["cumulative_target"]),
            fmt_rate(p["planned_rate"]),
            fmt_int(p["actual"]) if started else "-",
            fmt_int(p["cumulative_actual"]) if started else "-",
            fmt_rate(p["period_rate"]) if started else "-",  # a period not begun has no rate yet, not 0.0%
            fmt_rate(p["achievement_rate"]) if started else "-",
            fmt_basis(p["actual_retained_1y"], unknown) if started else "-",
            fmt_basis(p["actual_excluding_senior"], unknown) if started else "-",
            fmt_basis(p["unique_persons"], unknown) if started else "-",
        )
    tot = report["totals"]
    t.add_row(
        "계", fmt_int(tot["target"]), "", "", fmt_int(tot["actual"]), "", "", fmt_rate(tot["achievement_rate"]),
        fmt_basis(tot["actual_retained_1y"], int(tot.get("unknown_retained_1y") or 0)),
        fmt_basis(tot["actual_excluding_senior"], int(tot.get("unknown_excluding_senior") or 0)),
        fmt_basis(tot["unique_persons"], int(tot.get("unknown_persons") or 0)),
    )  # fmt: skip
    tables.append(t)

    t = Table(title="부문·세부사업별 실적")
    for header in ("부문", "세부사업", "목표", "실적", "달성률"):
        t.add_column(header, justify="right" if header in {"목표", "실적", "달성률"} else "left")
    for s in report["sectors"]:
        t.add_row(s["sector"], "(부문 계)", fmt_int(s["target"]), fmt_int(s["actual"]), fmt_rate(s["achievement_rate"]))
        for p in report["programs"]:
            if p["sector"] == s["sector"]:
                t.add_row("", p["program"], fmt_int(p["target"]), fmt_int(p["actual"]), fmt_rate(p["achievement_rate"]))
    tables.append(t)

    if report["departments"]:
        t = Table(title="부서별 실적")
        for header in ("부서", "실적", "1년 이상 유지", "노인활동 제외", "실인원"):
            t.add_column(header, justify="left" if header == "부서" else "right")
        for d in report["departments"]:
            t.add_row(d["department"], fmt_int(d["actual"]), fmt_int(d["actual_retained_1y"]),
                      fmt_int(d["actual_excluding_senior"]), fmt_int(d["unique_persons"]))  # fmt: skip
        tables.append(t)
    if report["generations"]:
        t = Table(title="세대별 실적 (취업일 기준 만 나이)")
        t.add_column("세대")
        t.add_column("실적", justify="right")
        t.add_column("비율", justify="right")
        for g in report["generations"]:
            t.add_row(g["band"], fmt_int(g["actual"]), fmt_rate(g["share"]))
        tables.append(t)

    base = report["baseline"]
    if base:
        t = Table(title=f"{base['term']} 추진실적 (기준선)")
        years = [y["year"] for y in base["years"]]
        for header in ("구분", "목표", "계", *[f"{y}년" for y in years], "목표 달성율"):
            t.add_column(header, justify="left" if header == "구분" else "right")
        rows = [("계", base), *[(s["sector"], s) for s in base["sectors"]]]
        for label, row in rows:
            t.add_row(label, fmt_int(row["target"]), fmt_int(row["actual"]), *[fmt_int(y["actual"]) for y in row["years"]],
                      fmt_rate(row["achievement_rate"]))  # fmt: skip
        tables.append(t)

    budget = report["budget"]
    t = Table(title=f"연도별 투자계획 (단위: {budget['unit']})")
    t.add_column("구분")
    t.add_column("계", justify="right")
    for p in budget["by_period"]:
        t.add_column(p["period"], justify="right")
    t.add_row("총 계", fmt_int(budget["planned_total"]), *[fmt_int(p["planned"]) for p in budget["by_period"]])
    for row in budget["by_sector"]:
        t.add_row(f"- {row['sector']}", fmt_int(row["planned"]), *[fmt_int(v) for v in row["by_period"].values()])
    for row in budget["by_source"]:
        t.add_row(row["source"], fmt_int(row["planned"]), *[fmt_int(v) for v in row["by_period"].values()])
    tables.append(t)
    tables += accountability_tables(report)  # issue 10
    return tables


def render_table(report: dict[str, Any], *, width: int = 160) -> str:
    console = Console(width=width, record=True, file=io.StringIO(), force_terminal=False, color_system=None)
    for table in report_tables(report):
        console.print(table)
    return console.export_text()


def _sheet(wb: Workbook, title: str, caption: str, headers: list[str], rows: list[list[Any]]) -> None:
    ws = wb.create_sheet(title)
    ws.append([caption])
    ws["A1"].font = Font(bold=True, size=12)
    ws.append(headers)
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in rows:
        ws.append([neutralise(v) for v in row])
    for i, header in enumerate(headers, start=1):
        longest = max([len(str(header)), *[len(str(r[i - 1])) for r in rows if i - 1 < len(r)]] or [8])
        ws.column_dimensions[get_column_letter(i)].width = min(60, max(10, longest * 1.8))
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            if isinstance(cell.value, int | float):
                cell.number_format = "#,##0" if isinstance(cell.value, int) else "0.0"
    ws.freeze_panes = "A3"


def report_workbook(plan: Plan, report: dict[str, Any]) -> Workbook:
    """The seed's tables (roadmap, programs, baseline, investment) plus actuals, as values with Korean headers."""
    wb = Workbook()
    wb.remove(wb.active)
    p = report["plan"]
    demo = " [예시 데이터]" if report.get("demo") else ""
    header_rows: list[list[Any]] = [
        ["관리번호", plan.code], ["제목", plan.title], ["기관", plan.government], ["임기", f"{plan.term_name} ({p['term_start']} ~ {p['term_end']})"],
        ["유형", plan.project_type], ["이행시기", plan.timing], ["예산구분", plan.funding_label], ["주관부서", plan.lead_department],
        ["협조부서(기관)", plan.cooperating_departments], ["확인지표", f"{plan.indicator} ({plan.total_target:,}{plan.unit})"],
        ["총사업비(백만원)", plan.budget_total], ["기준일", report["as_of"]],
    ]  # fmt: skip
    _sheet(wb, "공약 개요", f"공약 이행계획서 {plan.code}{demo}", ["항목", "내용"], header_rows)
    _sheet(
        wb,
        "연도별 로드맵",
        f"연도별 공약이행로드맵(확인지표: {plan.indicator}, 단위: {plan.unit}){demo}",
        ["연도", "목표", "누적 목표", "달성도(계획, %)", "실적", "누적 실적", "기간 달성률(%)", "누적 달성률(%)",
         "1년 이상 유지", "노인활동지원 제외", "실인원"],
        [[r["label"], r["target"], r["cumulative_target"], r["planned_rate"], r["actual"], r["cumulative_actual"], r["period_rate"],
          r["achievement_rate"], r["actual_retained_1y"], r["actual_excluding_senior"], r["unique_persons"]] for r in report["periods"]]
        + [["계", report["totals"]["target"], None, None, report["totals"]["actual"], None, None, report["totals"]["achievement_rate"],
            report["totals"]["actual_retained_1y"], report["totals"]["actual_excluding_senior"], report["totals"]["unique_persons"]]],
    )  # fmt: skip
    descriptions = {prog.name: prog.description for prog in plan.programs.all()}
    _sheet(
        wb,
        "세부추진계획",
        f"세부추진계획 (단위: {plan.unit}){demo}",
        ["부문", "세부사업", "추진 내용", "일자리 목표", "실적", "달성률(%)"],
        [[r["sector"], r["program"], descriptions.get(r["program"], ""), r["target"] if r["target"] is not None else "-", r["actual"],
          r["achievement_rate"] if r["achievement_rate"] is not None else "-"] for r in report["programs"]]
        + [[s["sector"], "(부문 계)", "", s["target"], s["actual"], s["achievement_rate"]] for s in report["sectors"]],
    )  # fmt: skip
    base = report["baseline"]
    if base:
        years = [y["year"] for y in base["years"]]
        _sheet(
            wb,
            f"{base['term']} 실적",
            f"그간 추진사항: {base['term']} 분야별 추진실적 (단위: 개/명)",
            ["구분", f"{base['term']} 목표", "계", *[f"{y}년" for y in years], "목표 달성율(%)"],
            [["계", base["target"], base["actual"], *[y["actual"] for y in base["years"]], base["achievement_rate"]]]
            + [
                [s["sector"], s["target"], s["actual"], *[y["actual"] for y in s["years"]], s["achievement_rate"]]
                for s in base["sectors"]
            ],
        )
    budget = report["budget"]
    labels = {per.code: per.label for per in plan.periods.all()}
    _sheet(
        wb,
        "연도별 투자계획",
        f"연도별 투자계획 (단위: {budget['unit']})",
        ["구분", "항목", "계", *[labels.get(x["period"], x["period"]) for x in budget["by_period"]]],
        [["(1) 추진내용", plan.indicator, budget["planned_total"], *[x["planned"] for x in budget["by_period"]]]]
        + [["(1) 추진내용", f"- {r['sector']}", r["planned"], *r["by_period"].values()] for r in budget["by_sector"]]
        + [["총 계", "", budget["planned_total"], *[x["planned"] for x in budget["by_period"]]]]
        + [["(2) 예산구분", r["source"], r["planned"], *r["by_period"].values()] for r in budget["by_source"]],
    )
    if report["departments"]:
        _sheet(
            wb, "부서별 실적", f"부서별 일자리창출 실적 (기준일 {report['as_of']}){demo}",
            ["부서", "실적", "1년 이상 유지", "노인활동지원 제외", "실인원", "집계 실적(개인정보 없음)"],
            [[d["department"], d["actual"], d["actual_retained_1y"], d["actual_excluding_senior"], d["unique_persons"], d["unknown_aggregate"]]
             for d in report["departments"]],
        )  # fmt: skip
    if report["generations"]:
        _sheet(
            wb, "세대별 실적", f"세대별 일자리 (취업일 기준 만 나이){demo}", ["세대", "실적", "비율(%)"],
            [[g["band"], g["actual"], g["share"]] for g in report["generations"]],
        )  # fmt: skip
    for title, caption, headers, rows in accountability_sheets(report):  # issue 10
        _sheet(wb, title, caption + demo, headers, rows)
    return wb


def pledge_card_xlsx(*, plan: Plan, as_of: dt.date) -> bytes:
    """The pledge card workbook as bytes (the web export and `jobpledge report --format xlsx` share it)."""
    buffer = io.BytesIO()
    report_workbook(plan, pledge_report(plan=plan, as_of=as_of)).save(buffer)
    return buffer.getvalue()
