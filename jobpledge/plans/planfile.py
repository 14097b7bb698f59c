"""Reading a plan file (TOML, see docs/plan-format.md) into plain dataclasses.

Parsing is strict: a missing or mistyped key gets a Korean message naming the key and, where it can be
found, the line of the file. Nothing here touches the database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from jobpledge.core.errors import JobpledgeError
from jobpledge.core.periods import span_for_code
from jobpledge.core.rounding import RoundingRule

MSG_UNREADABLE = "계획 파일을 읽을 수 없습니다: {path}"
MSG_TOML = "계획 파일 형식 오류 ({line}행 {column}열): {detail}"
MSG_MISSING = "계획 파일 오류{where}: 필수 항목 「{key}」이(가) 없습니다."
MSG_TYPE = "계획 파일 오류{where}: 「{key}」은(는) {expected}이어야 합니다 (값: {value!r})."
MSG_VALUE = "계획 파일 오류{where}: 「{key}」 {detail}"


@dataclass(frozen=True)
class PeriodSpec:
    code: str
    label: str
    start: dt.date
    end: dt.date
    target: int
    stated_rate: Decimal | None


@dataclass(frozen=True)
class StrategySpec:
    name: str
    background: str
    content: str


@dataclass(frozen=True)
class SectorSpec:
    name: str
    summary: str
    stated_target: int | None


@dataclass(frozen=True)
class ProgramSpec:
    name: str
    sector: str
    description: str
    target: int | None


@dataclass(frozen=True)
class BaselineRowSpec:
    label: str
    total_row: bool
    target: int
    stated_total: int
    results: list[int]
    stated_rate: Decimal


@dataclass(frozen=True)
class BaselineSpec:
    term: str
    years: list[int]
    rows: list[BaselineRowSpec]
    stated_overall_rate: Decimal | None


@dataclass(frozen=True)
class InvestmentRowSpec:
    name: str
    stated_total: int
    amounts: list[int]


@dataclass(frozen=True)
class InvestmentSpec:
    unit: str
    stated_total: int
    stated_period_totals: list[int]
    sectors: list[InvestmentRowSpec]
    sources: list[InvestmentRowSpec]


@dataclass(frozen=True)
class JurySpec:
    start: dt.date | None
    end: dt.date | None
    recommendations: list[tuple[str, int | None]]  # (text, 1-based answer number)
    answers: list[str]


@dataclass
class PlanSpec:
    """Everything on a pledge card, as stated in the file (stated totals included, unchecked)."""

    key: str
    code: str
    title: str
    government: str
    term: str
    term_start: dt.date
    term_end: dt.date
    project_type: str
    timing: str
    funding: str
    lead_department: str
    cooperating_departments: str
    indicator: str
    unit: str
    total_target: int
    rounding: RoundingRule
    rate_decimals: int
    default: bool
    goals: list[str]
    implementation: list[str]
    contact: dict[str, str]
    periods: list[PeriodSpec]
    strategies: list[StrategySpec]
    sectors: list[SectorSpec]
    programs: list[ProgramSpec]
    baseline: BaselineSpec | None
    investment: InvestmentSpec
    risks: list[tuple[str, str]]
    jury: JurySpec | None
    source_name: str = ""
    sha256: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


class _Reader:
    """Typed access to the TOML tree with error messages that point at the file's lines."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def where(self, path: str) -> str:
        line = self.locate(path)
        return f" ({line}행, {path})" if line else f" ({path})"

    def locate(self, path: str) -> int | None:
        """Best-effort line number of a dotted path such as `programs[3].target`."""
        parts = re.findall(r"([A-Za-z_]+)(?:\[(\d+)\])?", path)
        start = 0
        table = ""
        for name, index in parts:
            table = f"{table}.{name}" if table else name
            if index:
                header = re.compile(rf"^\s*\[\[\s*{re.escape(table)}\s*\]\]")
                hits = [i for i, line in enumerate(self.lines) if i >= start and header.match(line)]
                if len(hits) > int(index):
                    start = hits[int(index)]
                    table = ""
                    continue
                return None
            key = re.compile(rf"^\s*{re.escape(name)}\s*=")
            for i in range(start, len(self.lines)):
                if key.match(self.lines[i]):
                    return i + 1
            header = re.compile(rf"^\s*\[\s*{re.escape(table)}\s*\]")
            for i in range(start, len(self.lines)):
                if header.match(self.lines[i]):
                    start = i
                    break
        return start + 1 if start else None

    def get(
        self, node: dict[str, Any], key: str, path: str, kind: type | tuple[type, ...], *, optional: bool = False
    ) -> Any:
        full = f"{path}.{key}" if path else key
        if key not in node:
            if optional:
                return None
            raise JobpledgeError(MSG_MISSING.format(where=self.where(path or key), key=full))
        value = node[key]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if isinstance(value, bool) and bool not in kinds:
            ok = False
        else:
            ok = isinstance(value, kinds)
        if not ok:
            names = {
                str: "문자열",
                int: "정수",
                float: "숫자",
                dt.date: "날짜(YYYY-MM-DD)",
                list: "목록",
                dict: "표",
                bool: "true/false",
            }
            expected = " 또는 ".join(names.get(k, k.__name__) for k in kinds)
            raise JobpledgeError(MSG_TYPE.format(where=self.where(full), key=full, expected=expected, value=value))
        return value

    def integer(self, node: dict[str, Any], key: str, path: str, *, optional: bool = False) -> int | None:
        value = self.get(node, key, path, int, optional=optional)
        if value is not None and value < 0:
            full = f"{path}.{key}" if path else key
            raise JobpledgeError(
                MSG_VALUE.format(where=self.where(full), key=full, detail="은(는) 0 이상이어야 합니다.")
            )
        return value

    def rate(self, node: dict[str, Any], key: str, path: str, *, optional: bool = False) -> Decimal | None:
        value = self.get(node, key, path, (int, float), optional=optional)
        return None if value is None else Decimal(str(value))

    def table_list(self, node: dict[str, Any], key: str, path: str = "") -> list[tuple[str, dict[str, Any]]]:
        items = self.get(node, key, path, list)
        full = f"{path}.{key}" if path else key
        out = []
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                raise JobpledgeError(
                    MSG_TYPE.format(where=self.where(full), key=f"{full}[{i}]", expected="표", value=item)
                )
            out.append((f"{full}[{i}]", item))
        return out

    def int_list(self, node: dict[str, Any], key: str, path: str, length: int) -> list[int]:
        values = self.get(node, key, path, list)
        full = f"{path}.{key}"
        if len(values) != length or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in values):
            raise JobpledgeError(
                MSG_VALUE.format(
                    where=self.where(full), key=full, detail=f"은(는) 0 이상의 정수 {length}개여야 합니다."
                )
            )
        return list(values)


def read_plan_file(path: Path | str) -> PlanSpec:
    """Parse a plan file; raise JobpledgeError with a Korean, line-numbered message when it is malformed."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise JobpledgeError(MSG_UNREADABLE.format(path=path)) from exc
    spec = parse_plan_text(raw.decode("utf-8-sig", errors="replace"))
    spec.source_name = path.name
    spec.sha256 = hashlib.sha256(raw).hexdigest()
    return spec


def parse_plan_text(text: str) -> PlanSpec:
    try:
        tree = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line, column = (match.group(1), match.group(2)) if match else ("?", "?")
        detail = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc)) or "TOML 구문 오류"
        raise JobpledgeError(MSG_TOML.format(line=line, column=column, detail=detail)) from exc
    r = _Reader(text)
    plan = r.get(tree, "plan", "", dict)
    term_start = r.get(plan, "term_start", "plan", dt.date)
    term_end = r.get(plan, "term_end", "plan", dt.date)
    if term_end <= term_start:
        raise JobpledgeError(
            MSG_VALUE.format(
                where=r.where("plan.term_end"), key="plan.term_end", detail="이 임기 시작보다 늦어야 합니다."
            )
        )
    rounding_value = r.get(plan, "rounding", "plan", str)
    try:
        rounding = RoundingRule(rounding_value)
    except ValueError:
        raise JobpledgeError(
            MSG_VALUE.format(
                where=r.where("plan.rounding"), key="plan.rounding", detail="은(는) half_up 또는 truncate여야 합니다."
            )
        ) from None

    periods = []
    for path, node in r.table_list(tree, "periods"):
        code = r.get(node, "code", path, str)
        try:
            span = span_for_code(code)
        except ValueError:
            raise JobpledgeError(
                MSG_VALUE.format(
                    where=r.where(f"{path}.code"),
                    key=f"{path}.code",
                    detail="은(는) 2019 또는 2018H2 형식이어야 합니다.",
                )
            ) from None
        start = r.get(node, "start", path, dt.date, optional=True) or max(span.start, term_start)
        end = r.get(node, "end", path, dt.date, optional=True) or min(span.end, term_end)
        periods.append(
            PeriodSpec(
                code=code,
                label=r.get(node, "label", path, str, optional=True) or code,
                start=start,
                end=end,
                target=r.integer(node, "target", path) or 0,
                stated_rate=r.rate(node, "stated_rate", path, optional=True),
            )
        )
    n_periods = len(periods)
    if not periods:
        raise JobpledgeError(MSG_VALUE.format(where=r.where("periods"), key="periods", detail="이(가) 비어 있습니다."))

    sectors = [
        SectorSpec(
            name=r.get(node, "name", path, str),
            summary=r.get(node, "summary", path, str, optional=True) or "",
            stated_target=r.integer(node, "stated_target", path, optional=True),
        )
        for path, node in r.table_list(tree, "sectors")
    ]
    sector_names = {s.name for s in sectors}
    programs = []
    for path, node in r.table_list(tree, "programs"):
        sector = r.get(node, "sector", path, str)
        if sector not in sector_names:
            raise JobpledgeError(
                MSG_VALUE.format(
                    where=r.where(f"{path}.sector"),
                    key=f"{path}.sector",
                    detail=f"「{sector}」은(는) sectors에 없는 부문입니다.",
                )
            )
        programs.append(
            ProgramSpec(
                name=r.get(node, "name", path, str),
                sector=sector,
                description=r.get(node, "description", path, str, optional=True) or "",
                target=r.integer(node, "target", path, optional=True),
            )
        )

    baseline = None
    if "baseline" in tree:
        b = r.get(tree, "baseline", "", dict)
        years = r.get(b, "years", "baseline", list)
        rows = [
            BaselineRowSpec(
                label=r.get(node, "label", path, str),
                total_row=bool(r.get(node, "total_row", path, bool, optional=True)),
                target=r.integer(node, "target", path) or 0,
                stated_total=r.integer(node, "stated_total", path) or 0,
                results=r.int_list(node, "results", path, len(years)),
                stated_rate=r.rate(node, "stated_rate", path) or Decimal(0),
            )
            for path, node in r.table_list(b, "rows", "baseline")
        ]
        baseline = BaselineSpec(
            term=r.get(b, "term", "baseline", str),
            years=[int(y) for y in years],
            rows=rows,
            stated_overall_rate=r.rate(b, "stated_overall_rate", "baseline", optional=True),
        )

    inv = r.get(tree, "investment", "", dict)

    def inv_rows(key: str) -> list[InvestmentRowSpec]:
        return [
            InvestmentRowSpec(
                name=r.get(node, "name", path, str),
                stated_total=r.integer(node, "stated_total", path) or 0,
                amounts=r.int_list(node, "amounts", path, n_periods),
            )
            for path, node in r.table_list(inv, key, "investment")
        ]

    investment = InvestmentSpec(
        unit=r.get(inv, "unit", "investment", str, optional=True) or "백만원",
        stated_total=r.integer(inv, "stated_total", "investment") or 0,
        stated_period_totals=r.int_list(inv, "stated_period_totals", "investment", n_periods),
        sectors=inv_rows("sectors"),
        sources=inv_rows("sources"),
    )

    jury = None
    if "jury" in tree:
        j = r.get(tree, "jury", "", dict)
        answers = (
            [r.get(node, "text", path, str) for path, node in r.table_list(j, "answers", "jury")]
            if "answers" in j
            else []
        )
        recs = []
        for path, node in r.table_list(j, "recommendations", "jury"):
            answer = r.integer(node, "answer", path, optional=True)
            if answer is not None and not 1 <= answer <= len(answers):
                raise JobpledgeError(
                    MSG_VALUE.format(
                        where=r.where(f"{path}.answer"),
                        key=f"{path}.answer",
                        detail=f"은(는) 1~{len(answers)} 사이여야 합니다.",
                    )
                )
            recs.append((r.get(node, "text", path, str), answer))
        jury = JurySpec(
            start=r.get(j, "start", "jury", dt.date, optional=True),
            end=r.get(j, "end", "jury", dt.date, optional=True),
            recommendations=recs,
            answers=answers,
        )

    contact = r.get(plan, "contact", "plan", dict, optional=True) or {}
    return PlanSpec(
        key=r.get(plan, "key", "plan", str),
        code=r.get(plan, "code", "plan", str),
        title=r.get(plan, "title", "plan", str),
        government=r.get(plan, "government", "plan", str),
        term=r.get(plan, "term", "plan", str),
        term_start=term_start,
        term_end=term_end,
        project_type=r.get(plan, "type", "plan", str, optional=True) or "",
        timing=r.get(plan, "timing", "plan", str, optional=True) or "",
        funding=r.get(plan, "funding", "plan", str, optional=True) or "",
        lead_department=r.get(plan, "lead_department", "plan", str),
        cooperating_departments=r.get(plan, "cooperating_departments", "plan", str, optional=True) or "",
        indicator=r.get(plan, "indicator", "plan", str),
        unit=r.get(plan, "unit", "plan", str, optional=True) or "명",
        total_target=r.integer(plan, "total_target", "plan") or 0,
        rounding=rounding,
        rate_decimals=r.integer(plan, "rate_decimals", "plan", optional=True) or 1,
        default=bool(r.get(plan, "default", "plan", bool, optional=True)),
        goals=[str(g) for g in (r.get(plan, "goals", "plan", list, optional=True) or [])],
        implementation=[str(g) for g in (r.get(plan, "implementation", "plan", list, optional=True) or [])],
        contact={str(k): str(v) for k, v in contact.items()},
        periods=periods,
        strategies=[
            StrategySpec(
                name=r.get(node, "name", path, str),
                background=r.get(node, "background", path, str, optional=True) or "",
                content=r.get(node, "content", path, str, optional=True) or "",
            )
            for path, node in (r.table_list(tree, "strategies") if "strategies" in tree else [])
        ],
        sectors=sectors,
        programs=programs,
        baseline=baseline,
        investment=investment,
        risks=[
            (r.get(node, "issue", path, str), r.get(node, "response", path, str))
            for path, node in (r.table_list(tree, "risks") if "risks" in tree else [])
        ],
        jury=jury,
    )
