"""Construction sites: the register import, the MOU rule (≥ 1억원 public contracts), residents hired vs pledged."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.core.management import call_command

from jobpledge.accounts.models import Department
from jobpledge.jobcenter import messages as jmsg
from jobpledge.jobcenter.construction import (
    ALERT_KIND,
    construction_alerts,
    site_hiring,
    site_import,
    site_records_import,
)
from jobpledge.jobcenter.models import ConstructionSite
from jobpledge.jobcenter.tests.conftest import csv_file
from jobpledge.records.factories import add_record

pytestmark = pytest.mark.django_db
HEADER = (
    "공사번호,공사명,구분,계약금액,시공사 사업자등록번호,감독부서,착공일,준공예정일,MOU 체결일,구민 채용 약정 인원\n"
)
SITES = HEADER + (
    "C1,체육센터 신축,관급,1250000000,1248100998,일자리지원과,2021-03-02,2022-06-30,2021-02-15,10\n"
    "C2,도로 포장,관급,100000000,1248100998,일자리지원과,2021-04-01,2021-12-31,,5\n"
    "C3,주민센터 보수,관급,99999999,1248100998,일자리지원과,2021-04-01,2021-12-31,,0\n"
    "C4,오피스텔,민간,5000000000,1248100998,일자리지원과,2021-04-01,2023-12-31,,20\n"
    "C5,공원 조성,관급,300000000,1248100998,일자리지원과,2021-05-01,2021-12-31,2021-05-01,3\n"
    "C6,하수관 정비,관급,300000000,1248100998,일자리지원과,2021-09-01,2021-12-31,,3\n"
)


@pytest.fixture
def sites(guro_plan: object) -> None:
    Department.objects.create(name="일자리지원과")
    result = site_import(file=csv_file(SITES))
    assert result.ok, result.error_lines()


def test_site_import_errors(guro_plan: object) -> None:
    bad = HEADER + "C1,공사,관청,1000,1248100997,없는과,2021-03-02,2021-03-01,,1\n"
    result = site_import(file=csv_file(bad))
    assert [str(e) for e in result.errors] == [
        f"행 2, 열 「구분」: {jmsg.BAD_SITE_KIND.format(value='관청')}",
        f"행 2, 열 「시공사 사업자등록번호」: {jmsg.BAD_BUSINESS_CHECK_DIGIT.format(value='1248100997')}",
    ]
    bad = HEADER + "C1,공사,관급,1000,1248100998,없는과,2021-03-02,2021-03-01,,1\n"
    result = site_import(file=csv_file(bad))
    assert [str(e) for e in result.errors] == [
        f"행 2, 열 「감독부서」: {jmsg.UNKNOWN_DEPARTMENT.format(value='없는과')}",
        f"행 2, 열 「준공예정일」: {jmsg.END_BEFORE_START.format(end='2021-03-01', start='2021-03-02')}",
    ]
    assert not ConstructionSite.objects.exists()


def test_public_contracts_of_100m_without_mou_before_start_are_flagged(sites: None) -> None:
    alerts = construction_alerts(as_of=dt.date(2021, 6, 30))
    # C2: exactly 1억원, no MOU; C5: MOU signed on the start day, not before it. C3 is under 1억원, C4 private,
    # C1 signed in time, C6 has not started yet (its MOU can still be signed).
    assert [(a["kind"], a["site"]) for a in alerts] == [(ALERT_KIND, "C2"), (ALERT_KIND, "C5")]
    assert alerts[0]["message"] == jmsg.ALERT_WITHOUT_MOU.format(amount=100_000_000, start=dt.date(2021, 4, 1))
    assert [a["site"] for a in construction_alerts(as_of=dt.date(2021, 9, 1))] == ["C2", "C5", "C6"]


def test_residents_hired_vs_pledged_from_linked_records(sites: None, guro_plan: Any) -> None:
    program = "민간·관급 공사장 근로자 채용"
    for n, resident in enumerate([True, True, False, None]):
        add_record(guro_plan, start=dt.date(2021, 4, 1), program=program, record_id=f"K{n}", resident=resident)
    add_record(guro_plan, start=dt.date(2021, 4, 1), program=program, record_id="K9", withdrawn=True)
    add_record(guro_plan, start=dt.date(2021, 4, 1), program="고용서비스", record_id="E1")
    links = "공사번호,부서,실적번호\n" + "".join(f"C1,일자리지원과,{r}\n" for r in ["K0", "K1", "K2", "K3", "K9"])
    result = site_records_import(file=csv_file(links))
    assert (result.ok, result.created) == (True, 5)
    bad = "공사번호,부서,실적번호\nC1,일자리지원과,E1\nC9,일자리지원과,K0\nC2,일자리지원과,K0\nC1,일자리지원과,NONE\n"
    result = site_records_import(file=csv_file(bad))
    assert [str(e) for e in result.errors] == [
        f"행 2, 열 「실적번호」: {jmsg.RECORD_NOT_CONSTRUCTION.format(program='고용서비스')}",
        f"행 3, 열 「공사번호」: {jmsg.UNKNOWN_SITE.format(value='C9')}",
        f"행 4, 열 「실적번호」: {jmsg.RECORD_LINKED_ELSEWHERE.format(site='C1')}",
        f"행 5, 열 「실적번호」: {jmsg.RECORD_NOT_FOUND.format(department='일자리지원과', record_id='NONE')}",
    ]
    rows = {s.site: s for s in site_hiring(as_of=dt.date(2021, 12, 31))}
    c1 = rows["C1"]
    assert (c1.hired, c1.residents_hired, c1.residency_unknown, c1.residents_pledged, c1.rate) == (4, 2, 1, 10, 20.0)
    assert rows["C3"].rate is None  # nothing pledged: no rate, not 0
    assert rows["C2"].mou_missing and not rows["C1"].mou_missing
    assert site_hiring(as_of=dt.date(2021, 3, 31))[0].hired == 0


def test_sites_report_command(sites: None, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("sites_report", "--as-of", "2021-06-30", "--format", "json")
    report = json.loads(capsys.readouterr().out)
    assert [s["site"] for s in report["sites"]] == ["C1", "C2", "C3", "C4", "C5", "C6"]
    assert [a["site"] for a in report["alerts"]] == ["C2", "C5"]
    call_command("sites_report", "--as-of", "2021-06-30")
    assert "[경고] C2" in capsys.readouterr().out
