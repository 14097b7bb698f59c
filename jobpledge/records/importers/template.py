"""The import templates (records, aggregates) as XLSX or CSV: the header row the importer expects.

The XLSX carries a guide sheet (every column: alias, required, format, example), drop-down lists for
the coded columns, text format for identifiers (so Excel keeps leading zeros) and date formats.
"""

from __future__ import annotations

import io

from jobpledge.core.errors import JobpledgeError
from jobpledge.records.importers import messages as msg
from jobpledge.records.importers.columns import AGGREGATE_COLUMNS, EVIDENCE_DEFAULT, RECORD_COLUMNS, Column
from jobpledge.records.importers.widgets import DateWidget

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
_CHOICES = {
    "gender": ["남", "여"],
    "employment_type": ["상용", "임시", "일용"],
    "resident": ["Y", "N"],
    "senior_activity": ["Y", "N"],
    "evidence": ["고용보험 확인", "확인서", EVIDENCE_DEFAULT],
}
_TEXT_FIELDS = {"record_id", "person_id", "period"}


def template_columns(kind: str) -> list[Column]:
    if kind == "records":
        return RECORD_COLUMNS
    if kind == "aggregates":
        return AGGREGATE_COLUMNS
    raise JobpledgeError(msg.TEMPLATE_FORMAT.format(value=kind))


def template_bytes(fmt: str, *, kind: str = "records", programs: list[str] | None = None) -> tuple[bytes, str, str]:
    """(content, file name, content type) of the template; `programs` (default: the default plan's) fill
    the 세부사업 drop-down."""
    columns = template_columns(kind)
    if programs is None:
        programs = _default_programs()
    if fmt == "csv":
        header = ",".join(c.header for c in columns) + "\r\n"
        return header.encode("utf-8-sig"), f"{kind}-template.csv", CSV_TYPE
    if fmt == "xlsx":
        return _xlsx(columns, programs or []), f"{kind}-template.xlsx", XLSX_TYPE
    raise JobpledgeError(msg.TEMPLATE_FORMAT.format(value=fmt))


def _default_programs() -> list[str]:
    from jobpledge.plans.models import Program

    plan_programs = Program.objects.filter(plan__is_default=True).order_by("order")
    return list(plan_programs.values_list("name", flat=True))


def _xlsx(columns: list[Column], programs: list[str]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = "실적"
    guide = book.create_sheet("작성 안내")
    bold = Font(bold=True)
    required_fill = PatternFill("solid", fgColor="FFF2CC")
    sheet.append([c.header for c in columns])
    sheet.freeze_panes = "A2"
    for position, column in enumerate(columns, start=1):
        letter = get_column_letter(position)
        cell = sheet.cell(row=1, column=position)
        cell.font = bold
        if column.required:
            cell.fill = required_fill
        sheet.column_dimensions[letter].width = max(12, len(column.header) * 2 + 4)
        number_format = (
            "@" if column.field in _TEXT_FIELDS else "yyyy-mm-dd" if isinstance(column.widget, DateWidget) else None
        )
        if number_format:
            for row in range(2, 1002):  # pre-format the first thousand rows; more rows inherit nothing
                sheet.cell(row=row, column=position).number_format = number_format
        choices = _CHOICES if columns is RECORD_COLUMNS else {}
        options = programs if column.field == "program" else choices.get(column.field)
        if options:
            formula = '"' + ",".join(options) + '"'
            if len(formula) <= 255:
                validation = DataValidation(type="list", formula1=formula, allow_blank=not column.required)
                validation.add(f"{letter}2:{letter}1048576")
                sheet.add_data_validation(validation)
    guide.append(["열(머리글)", "영문 별칭", "필수", "설명", "예시"])
    for cell in guide[1]:
        cell.font = bold
    for column in columns:
        guide.append([column.header, column.field, "필수" if column.required else "", column.help, column.example])
    guide.append([])
    guide.append(
        ["머리글 행 위에 제목 행이 있어도 됩니다. 빈 행은 건너뜁니다. 수식은 계산하지 않고 글자 그대로 저장합니다."]
    )
    if programs:
        guide.append([])
        guide.append(["세부사업 목록"])
        for name in programs:
            guide.append([name])
    for letter, width in zip("ABCDE", (16, 18, 8, 60, 24), strict=True):
        guide.column_dimensions[letter].width = width
    for row in guide.iter_rows(min_row=2):
        row[3].alignment = Alignment(wrap_text=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
