"""Writes: the department-targets and spending imports (`jobpledge import targets|spending FILE`).

All-or-nothing like the record import: every row is validated first; only a file without errors is written, in
one transaction that upserts on the file's key and bumps the data version (cached reports are recomputed). A dry
run writes too — inside the transaction, so that the coverage lines describe the state it would leave — and then
rolls everything back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from django.db import transaction

from jobpledge.accountability import messages as amsg
from jobpledge.accountability.importing import clean_rows, open_file
from jobpledge.accountability.models import DepartmentTarget, Spending
from jobpledge.accountability.selectors import target_coverage_lines
from jobpledge.core.models import DataVersion
from jobpledge.plans.models import InvestmentRow, Plan
from jobpledge.records.importers import messages as msg
from jobpledge.records.importers import widgets as w
from jobpledge.records.importers.columns import Column
from jobpledge.records.importers.results import ImportResult
from jobpledge.records.importers.rows import name_key, period_key
from jobpledge.records.importers.runs import Departments

logger = logging.getLogger(__name__)

TARGET_COLUMNS: list[Column] = [
    Column("department", "부서", True, w.TextWidget(100), "목표를 맡은 부서명", "일자리지원과"),
    Column("program", "세부사업", True, w.TextWidget(100), "공약 계획의 세부사업명 그대로", "고용서비스"),
    Column("period", "기간", True, w.TextWidget(20), "계획의 기간 코드(2018H2, 2019, …, 2022H1)", "2019"),
    Column("target", "목표", True, w.COUNT, "일자리 수(0 이상의 정수)", "1200"),
]


def spending_columns(source: w.ChoiceWidget) -> list[Column]:
    return [
        Column("period", "기간", True, w.TextWidget(20), "계획의 기간 코드(2018H2, 2019, …, 2022H1)", "2019"),
        Column("program", "세부사업", True, w.TextWidget(100), "공약 계획의 세부사업명 그대로", "직접일자리 사업"),
        Column("source", "재원", True, source, "계획의 예산구분: 국비/시비/구비/기타(민자)", "구비"),
        Column("executed_krw", "집행액", True, w.INTEGER, "원 단위 정수(1,250,000,000 가능)", "1,250,000,000"),
        Column("budget_krw", "예산현액", False, w.INTEGER, "원 단위 정수", "1,300,000,000"),
        Column("evidence", "근거", False, w.TextWidget(200), "집행 근거(예: 세출 결산)", "세출 결산"),
    ]


@dataclass
class AccountabilityImportResult(ImportResult):
    """An ImportResult with the coverage lines of a targets import (empty for spending)."""

    coverage: list[str] = field(default_factory=list)


class _Lookups:
    """The plan's programs and periods by the record importer's name keys, with the same unknown-value errors."""

    def __init__(self, plan: Plan) -> None:
        self.programs = {name_key(name): pk for name, pk in plan.programs.values_list("name", "pk")}
        periods = list(plan.periods.order_by("order").values_list("code", "pk"))
        self.periods = {code.upper(): pk for code, pk in periods}
        self.choices = ", ".join(code for code, _pk in periods)

    def resolve(self, result: ImportResult, number: int, values: dict[str, Any]) -> tuple[int, int] | None:
        program_id = self.programs.get(name_key(values["program"]))
        period_id = self.periods.get(period_key(values["period"]))
        if program_id is None:
            result.add_error(number, "세부사업", msg.UNKNOWN_PROGRAM.format(value=msg.shown(values["program"])))
        if period_id is None:
            shown = msg.shown(values["period"])
            result.add_error(number, "기간", msg.UNKNOWN_PERIOD.format(value=shown, choices=self.choices))
        if program_id is None or period_id is None:
            return None
        return program_id, period_id


def _default_plan() -> Plan | None:
    return Plan.objects.filter(is_default=True).first() or (Plan.objects.get() if Plan.objects.count() == 1 else None)


def _user(user: Any) -> Any:
    return user if user is not None and getattr(user, "is_authenticated", False) else None


@transaction.atomic
def targets_import(
    *,
    file: BinaryIO,
    filename: str,
    user: Any,
    dry_run: bool = False,
    source: str = "cli",
    plan: Plan | None = None,
    progress: Callable[[int], None] | None = None,
) -> AccountabilityImportResult:
    """Import department targets (부서, 세부사업, 기간, 목표) all-or-nothing, upserting on (부서, 세부사업, 기간).

    Unknown departments are created (the plan owner's import) and named in `new_departments`.
    """
    result = AccountabilityImportResult(kind="targets", dry_run=dry_run)
    plan = plan or _default_plan()
    if plan is None:
        result.add_error(0, "", msg.NO_PLAN)
        return result
    sheet = open_file(result, file=file, columns=TARGET_COLUMNS, source=source)
    if sheet is None:
        return result
    lookups, departments = _Lookups(plan), Departments()
    seen: dict[tuple[str, int, int], int] = {}
    rows: list[tuple[str, int, int, int]] = []
    for number, values in clean_rows(sheet, columns=TARGET_COLUMNS, result=result):
        resolved = lookups.resolve(result, number, values)
        if resolved is None:
            continue
        key = (departments.key(values["department"]), *resolved)
        first = seen.setdefault(key, number)
        if first != number:
            result.add_error(number, "부서", amsg.DUPLICATE_TARGET.format(first=first))
            continue
        rows.append((values["department"], *resolved, values["target"]))
    if progress:
        progress(result.rows)
    if result.rows == 0 and result.ok:
        result.add_error(0, "", amsg.NO_TARGET_ROWS)
    if not result.ok:
        transaction.set_rollback(True)
        return result
    existing = {(t.department_id, t.program_id, t.period_id): t for t in DepartmentTarget.objects.filter(plan=plan)}
    for department, program_id, period_id, target in rows:
        department_id = departments.id_for(departments.key(department), department, create=True)
        assert department_id is not None  # noqa: S101 - created above
        entry = existing.get((department_id, program_id, period_id))
        if entry is None:
            entry = DepartmentTarget(plan=plan, department_id=department_id, program_id=program_id, period_id=period_id)
            result.created += 1
        elif entry.target == target:
            result.unchanged += 1
            continue
        else:
            result.updated += 1
        entry.target, entry.updated_by = target, _user(user)
        entry._change_reason = f"목표 적재 {filename}"[:100]  # type: ignore[attr-defined]
        entry.save()
    result.new_departments = list(departments.new.values())
    result.coverage = target_coverage_lines(plan=plan)
    _finish(result, what="targets", source=source)
    return result


@transaction.atomic
def spending_import(
    *,
    file: BinaryIO,
    filename: str,
    user: Any,
    dry_run: bool = False,
    source: str = "cli",
    plan: Plan | None = None,
    progress: Callable[[int], None] | None = None,
) -> AccountabilityImportResult:
    """Import budget execution (기간, 세부사업, 재원, 집행액[, 예산현액, 근거]) all-or-nothing, upserting on
    (기간, 세부사업, 재원). Amounts are integer won; 재원 is one of the plan's funding sources (민자 reads as 기타(민자))."""
    result = AccountabilityImportResult(kind="spending", dry_run=dry_run)
    plan = plan or _default_plan()
    if plan is None:
        result.add_error(0, "", msg.NO_PLAN)
        return result
    columns = spending_columns(source_widget(plan))
    sheet = open_file(result, file=file, columns=columns, source=source)
    if sheet is None:
        return result
    lookups = _Lookups(plan)
    seen: dict[tuple[int, int, str], int] = {}
    rows: list[tuple[int, int, dict[str, Any]]] = []
    for number, values in clean_rows(sheet, columns=columns, result=result):
        resolved = lookups.resolve(result, number, values)
        if resolved is None:
            continue
        program_id, period_id = resolved
        first = seen.setdefault((period_id, program_id, values["source"]), number)
        if first != number:
            result.add_error(number, "기간", amsg.DUPLICATE_SPENDING.format(first=first))
            continue
        rows.append((program_id, period_id, values))
    if progress:
        progress(result.rows)
    if result.rows == 0 and result.ok:
        result.add_error(0, "", amsg.NO_SPENDING_ROWS)
    if not result.ok:
        transaction.set_rollback(True)
        return result
    existing = {(s.period_id, s.program_id, s.source): s for s in Spending.objects.filter(plan=plan)}
    for program_id, period_id, values in rows:
        entry = existing.get((period_id, program_id, values["source"]))
        new = (values["executed_krw"], values["budget_krw"], values["evidence"] or "")
        if entry is None:
            entry = Spending(plan=plan, period_id=period_id, program_id=program_id, source=values["source"])
            result.created += 1
        elif (entry.executed_krw, entry.budget_krw, entry.evidence) == new:
            result.unchanged += 1
            continue
        else:
            result.updated += 1
        entry.executed_krw, entry.budget_krw, entry.evidence = new
        entry.updated_by = _user(user)
        entry._change_reason = f"집행 적재 {filename}"[:100]  # type: ignore[attr-defined]
        entry.save()
    _finish(result, what="spending", source=source)
    return result


def source_widget(plan: Plan) -> w.ChoiceWidget:
    """The plan's funding sources (예산구분별 rows) as a choice; 민자 is accepted for the source named 기타(민자)."""
    names = list(plan.investment_rows.filter(kind=InvestmentRow.Kind.SOURCE).values_list("name", flat=True))
    aliases: dict[str, str] = {name: name for name in names}
    for name in names:
        if "민자" in name:
            aliases.setdefault("민자", name)
    return w.ChoiceWidget(aliases=aliases, message=amsg.BAD_SOURCE.format(choices=", ".join(names)))


def _finish(result: ImportResult, *, what: str, source: str) -> None:
    if result.dry_run:
        transaction.set_rollback(True)
    else:
        DataVersion.bump()
    logger.info(
        "%s import source=%s rows=%s created=%s updated=%s unchanged=%s dry_run=%s",
        what, source, result.rows, result.created, result.updated, result.unchanged, result.dry_run,
    )  # fmt: skip
