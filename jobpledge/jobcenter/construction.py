"""Construction sites (공사장 구민 채용 MOU): the register, the MOU rule and residents hired against the pledge.

The rule (DOMAIN §4): a public (관급) contract of 100,000,000 won or more must have an MOU to hire residents signed
before its start. A site breaking it is flagged as an alert of kind `construction_without_mou` once it has started
(before the start the MOU can still be signed). Hires come from job records of the program 민간·관급 공사장 근로자
채용 linked to the site (`jobpledge import site-records FILE`: 공사번호, 부서, 실적번호); residents hired = linked live
records with 구민여부 Y; records whose residency is unknown are counted apart, never as residents.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, BinaryIO

from django.db import transaction
from django.db.models import Count, Q

from jobpledge.accounts.models import Department
from jobpledge.jobcenter import messages as jmsg
from jobpledge.jobcenter.importers.engine import ImportKind, Report, run_import
from jobpledge.jobcenter.importers.widgets import BUSINESS_NUMBER
from jobpledge.jobcenter.models import ConstructionSite
from jobpledge.records.importers import messages as msg
from jobpledge.records.importers import widgets as w
from jobpledge.records.importers.columns import Column
from jobpledge.records.importers.readers import FileProblem, open_sheet
from jobpledge.records.importers.results import ImportResult
from jobpledge.records.importers.widgets import CellError, is_blank
from jobpledge.records.models import JobRecord

MOU_THRESHOLD_WON = 100_000_000
CONSTRUCTION_PROGRAM = "민간·관급 공사장 근로자 채용"
ALERT_KIND = "construction_without_mou"

SITE_KIND = w.ChoiceWidget(
    aliases={"관급": "관급", "공공": "관급", "public": "관급", "민간": "민간", "private": "민간"},
    message=jmsg.BAD_SITE_KIND,
)
SITE_COLUMNS: list[Column] = [
    Column("site_no", "공사번호", True, w.TextWidget(50), "공사 고유번호", "C2021-01"),
    Column("name", "공사명", True, w.TextWidget(200), "공사명", "구로구민체육센터 신축공사"),
    Column("kind", "구분", True, SITE_KIND, "관급/민간", "관급"),
    Column("contract_amount", "계약금액", True, w.INTEGER, "원 단위 정수", "1,250,000,000"),
    Column("contractor_number", "시공사 사업자등록번호", True, BUSINESS_NUMBER, "숫자 10자리", "1248100998"),
    Column("department", "감독부서", True, w.TextWidget(100), "등록된 부서명", "건축과"),
    Column("start_on", "착공일", True, w.DATE, "날짜", "2021-03-02"),
    Column("planned_end_on", "준공예정일", True, w.DATE, "날짜", "2022-06-30"),
    Column("mou_signed_on", "MOU 체결일", False, w.DATE, "구민 채용 MOU 체결일(없으면 비움)", "2021-02-15", ("mou",)),
    Column("residents_pledged", "구민 채용 약정 인원", True, w.COUNT, "MOU의 구민 채용 인원", "30", ("pledged",)),
]
LINK_COLUMNS: list[Column] = [
    Column("site_no", "공사번호", True, w.TextWidget(50), "등록된 공사번호", "C2021-01"),
    Column("department", "부서", True, w.TextWidget(100), "실적의 부서", "건축과"),
    Column("record_id", "실적번호", True, w.TextWidget(100), "실적번호", "2021-공사-001"),
]


def _site_kind() -> ImportKind:
    departments = dict(Department.objects.values_list("name", "pk"))

    def clean(values: dict[str, Any], report: Report) -> dict[str, Any] | None:
        department_id = departments.get(values["department"])
        if department_id is None:
            report("department", jmsg.UNKNOWN_DEPARTMENT.format(value=values["department"]))
        if values["planned_end_on"] < values["start_on"]:
            report(
                "planned_end_on", jmsg.END_BEFORE_START.format(end=values["planned_end_on"], start=values["start_on"])
            )
        return {
            "site_no": values["site_no"],
            "name": values["name"],
            "kind": values["kind"],
            "contract_amount": values["contract_amount"],
            "contractor_number": values["contractor_number"],
            "department_id": department_id,
            "start_on": values["start_on"],
            "planned_end_on": values["planned_end_on"],
            "mou_signed_on": values.get("mou_signed_on"),
            "residents_pledged": values["residents_pledged"],
        }

    return ImportKind("sites", SITE_COLUMNS, ConstructionSite, "site_no", "공사번호", clean)


def site_import(*, file: BinaryIO, user: Any = None, dry_run: bool = False, source: str = "cli") -> ImportResult:
    """공사장 file, all-or-nothing, upsert on 공사번호."""
    return run_import(_site_kind(), file=file, dry_run=dry_run, source=source)


@transaction.atomic
def site_records_import(
    *, file: BinaryIO, user: Any = None, dry_run: bool = False, source: str = "cli"
) -> ImportResult:
    """Link job records (공사번호, 부서, 실적번호) to their sites, all-or-nothing; a linked record stays linked."""
    result = ImportResult(kind="site_records", dry_run=dry_run)
    try:
        sheet = open_sheet(file, columns=LINK_COLUMNS)
    except FileProblem as problem:
        for error in problem.errors:
            result.add_error(error.row, error.column, error.message)
        return result
    sites = {s.site_no: s for s in ConstructionSite.objects.all()}
    links: list[tuple[ConstructionSite, JobRecord]] = []
    for number, cells in sheet.rows:
        result.rows += 1
        values: dict[str, str] = {}
        for column in LINK_COLUMNS:
            position = sheet.header.index[column.field]
            raw = cells[position] if position < len(cells) else None
            if is_blank(raw):
                result.add_error(number, column.header, msg.MISSING_VALUE)
                continue
            try:
                values[column.field] = column.widget.clean(raw)
            except CellError as error:
                result.add_error(number, column.header, error.message)
        if len(values) < len(LINK_COLUMNS):
            continue
        site = sites.get(values["site_no"])
        if site is None:
            result.add_error(number, "공사번호", jmsg.UNKNOWN_SITE.format(value=values["site_no"]))
            continue
        record = (
            JobRecord.objects.select_related("program")
            .filter(department__name=values["department"], record_id=values["record_id"])
            .first()
        )
        if record is None:
            message = jmsg.RECORD_NOT_FOUND.format(department=values["department"], record_id=values["record_id"])
            result.add_error(number, "실적번호", message)
            continue
        if record.program.name != CONSTRUCTION_PROGRAM:
            result.add_error(number, "실적번호", jmsg.RECORD_NOT_CONSTRUCTION.format(program=record.program.name))
            continue
        other = record.construction_sites.exclude(pk=site.pk).first()
        if other is not None:
            result.add_error(number, "실적번호", jmsg.RECORD_LINKED_ELSEWHERE.format(site=other.site_no))
            continue
        if record.construction_sites.filter(pk=site.pk).exists():
            result.unchanged += 1
        else:
            result.created += 1
            links.append((site, record))
    if result.rows == 0:
        result.add_error(0, "", jmsg.NO_DATA_ROWS)
    if result.ok and not dry_run:
        for site, record in links:
            site.records.add(record)
    return result


# --- reads ------------------------------------------------------------------------------------


def needs_mou(site: ConstructionSite) -> bool:
    return site.kind == ConstructionSite.Kind.PUBLIC and site.contract_amount >= MOU_THRESHOLD_WON


def mou_missing(site: ConstructionSite) -> bool:
    """A public contract of 1억원 or more without an MOU signed before its start."""
    return needs_mou(site) and (site.mou_signed_on is None or site.mou_signed_on >= site.start_on)


def construction_alerts(*, as_of: dt.date) -> list[dict[str, Any]]:
    """Alerts of kind `construction_without_mou` for sites started by `as_of` that break the MOU rule."""
    alerts = []
    for site in ConstructionSite.objects.filter(start_on__lte=as_of).order_by("start_on", "site_no"):
        if mou_missing(site):
            alerts.append(
                {
                    "kind": ALERT_KIND,
                    "site": site.site_no,
                    "name": site.name,
                    "message": jmsg.ALERT_WITHOUT_MOU.format(amount=site.contract_amount, start=site.start_on),
                }
            )
    return alerts


@dataclass(frozen=True)
class SiteHiring:
    site: str
    name: str
    kind: str
    contract_amount: int
    mou_signed_on: str | None
    mou_missing: bool
    residents_pledged: int
    hired: int
    residents_hired: int
    residency_unknown: int
    rate: float | None  # residents hired ÷ pledged, %, half-up to one decimal; None without a pledge


def site_hiring(*, as_of: dt.date) -> list[SiteHiring]:
    """Per site: linked live records started by `as_of`, residents among them, against the pledge."""
    live = Q(records__withdrawn_at__isnull=True, records__start_date__lte=as_of)
    sites = ConstructionSite.objects.annotate(
        hired=Count("records", filter=live),
        residents=Count("records", filter=live & Q(records__is_resident=True)),
        unknown=Count("records", filter=live & Q(records__is_resident__isnull=True)),
    ).order_by("start_on", "site_no")
    out = []
    for site in sites:
        rate = None
        if site.residents_pledged:
            share = Decimal(site.residents) * 100 / site.residents_pledged  # type: ignore[attr-defined]
            rate = float(share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
        out.append(
            SiteHiring(
                site.site_no,
                site.name,
                site.kind,
                site.contract_amount,
                site.mou_signed_on.isoformat() if site.mou_signed_on else None,
                mou_missing(site),
                site.residents_pledged,
                site.hired,  # type: ignore[attr-defined]
                site.residents,  # type: ignore[attr-defined]
                site.unknown,  # type: ignore[attr-defined]
                rate,
            )
        )
    return out


def sites_report(*, as_of: dt.date) -> dict[str, Any]:
    return {
        "as_of": as_of.isoformat(),
        "sites": [asdict(s) for s in site_hiring(as_of=as_of)],
        "alerts": construction_alerts(as_of=as_of),
    }
