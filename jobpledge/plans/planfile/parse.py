"""Reading a plan file (TOML, see docs/plan-format.md) into the dataclasses of planfile.specs.

Parsing is strict: a missing or mistyped key gets a Korean message naming the key and, where it can be
found, the line of the file. Nothing here touches the database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tomllib
from decimal import Decimal
from pathlib import Path

from jobpledge.core.errors import JobpledgeError
from jobpledge.core.periods import span_for_code
from jobpledge.core.rounding import RoundingRule
from jobpledge.plans.planfile.reader import MSG_TOML, MSG_UNREADABLE, MSG_VALUE, TreeReader
from jobpledge.plans.planfile.specs import (
    BaselineRowSpec,
    BaselineSpec,
    InvestmentRowSpec,
    InvestmentSpec,
    JurySpec,
    MilestoneSpec,
    PeriodSpec,
    PlanSpec,
    ProgramSpec,
    SectorSpec,
    StrategySpec,
)


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
    r = TreeReader(text)
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
    milestones, accountability = _accountability(r, tree, {p.name for p in programs})
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
        milestones=milestones,
        accountability=accountability,
    )


ACCOUNTABILITY_KEYS = (
    "lag_threshold",
    "program_lag_threshold",
    "stale_days",
    "spending_rate_min",
    "achievement_ratio_max",
)


def _accountability(r: TreeReader, tree: dict, program_names: set[str]) -> tuple[list[MilestoneSpec], dict[str, str]]:
    """`[[milestones]]` (program, name, planned?, done?, evidence?) and `[accountability]` thresholds (issue 10)."""
    milestones = []
    for path, node in r.table_list(tree, "milestones") if "milestones" in tree else []:
        program = r.get(node, "program", path, str)
        if program not in program_names:
            detail = f"「{program}」은(는) programs에 없는 세부사업입니다."
            raise JobpledgeError(
                MSG_VALUE.format(where=r.where(f"{path}.program"), key=f"{path}.program", detail=detail)
            )
        milestones.append(
            MilestoneSpec(
                program=program,
                name=r.get(node, "name", path, str),
                planned=r.get(node, "planned", path, dt.date, optional=True),
                done=r.get(node, "done", path, dt.date, optional=True),
                evidence=r.get(node, "evidence", path, str, optional=True) or "",
            )
        )
    settings = r.get(tree, "accountability", "", dict, optional=True) or {}
    thresholds = {}
    for key in ACCOUNTABILITY_KEYS:
        value = r.get(settings, key, "accountability", (int, float), optional=True)
        if value is not None:
            if isinstance(value, bool) or value < 0:
                raise JobpledgeError(
                    MSG_VALUE.format(
                        where=r.where(f"accountability.{key}"),
                        key=f"accountability.{key}",
                        detail="은(는) 0 이상의 수여야 합니다.",
                    )
                )
            thresholds[key] = str(Decimal(str(value)))
    return milestones, thresholds
