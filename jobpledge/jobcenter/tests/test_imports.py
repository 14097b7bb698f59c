"""The register imports: every column error, all-or-nothing, upsert, dry run, the same pseudonym as records."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from jobpledge.core.pseudonym import pseudonymise
from jobpledge.jobcenter import messages as jmsg
from jobpledge.jobcenter.importers.services import employer_import, keco_load, seeker_import, vacancy_import
from jobpledge.jobcenter.models import Employer, JobSeeker, KecoCode, Vacancy
from jobpledge.jobcenter.tests.conftest import EMPLOYERS, csv_file, seeker_rows, vacancy_rows
from jobpledge.records.importers import messages as msg
from jobpledge.records.models import JobRecord
from jobpledge.records.services import record_import

pytestmark = pytest.mark.django_db

SEEKER = "S1,900101-1234567,김민수,1990-01-01,남,010-1234-5678,구로3동,8911;612,월급,2000000,40,지게차운전기능사,2,고졸,청년,2021-03-02,2021-03-02,"
VACANCY = "V1,124-81-00998,8911,포장원,2,월급,2200000,40,상용,구로3동,,0,무관,2021-03-02,"


def errors(result: object) -> list[str]:
    return [str(e) for e in result.errors]  # type: ignore[attr-defined]


def test_shipped_keco_major_and_middle_groups_are_loaded_by_the_migration() -> None:
    assert KecoCode.objects.get(code="89").name == "제조 단순직"
    assert set(KecoCode.objects.filter(level=1).values_list("code", flat=True)) == set("0123456789")
    assert KecoCode.objects.filter(level=2).count() == 35


def test_keco_load_levels_and_upsert(db: None) -> None:
    result = keco_load(file=csv_file("코드,명칭\n891,제조 단순직\n8911,제품 포장원\n"))
    assert (result.created, result.errors) == (2, [])
    assert KecoCode.objects.get(code="8911").level == 4
    again = keco_load(file=csv_file("코드,명칭\n891,제조 단순 종사원\n8911,제품 포장원\n"))
    assert (again.created, again.updated, again.unchanged) == (0, 1, 1)
    assert KecoCode.objects.get(code="891").name == "제조 단순 종사원"


def test_keco_bad_code(db: None) -> None:
    result = keco_load(file=csv_file("코드,명칭\n89A,틀린 코드\n"))
    assert errors(result) == [f"행 2, 열 「코드」: {jmsg.BAD_KECO.format(value='89A')}"]


def test_employers_import_and_upsert(db: None) -> None:
    result = employer_import(file=csv_file(EMPLOYERS))
    assert (result.created, result.ok) == (2, True)
    employer = Employer.objects.get(business_number="1248100998")
    assert (employer.name, employer.dong, employer.employees) == ("구로정밀(주)", "구로3동", 45)
    changed = EMPLOYERS.replace("구로정밀(주)", "구로정밀")
    again = employer_import(file=csv_file(changed))
    assert (again.created, again.updated, again.unchanged) == (0, 1, 1)
    assert Employer.objects.get(business_number="1248100998").name == "구로정밀"


def test_employer_check_digit_error_names_row_and_column(db: None) -> None:
    bad = EMPLOYERS.replace("124-81-00998", "124-81-00997")
    result = employer_import(file=csv_file(bad))
    assert errors(result) == [
        f"행 2, 열 「사업자등록번호」: {jmsg.BAD_BUSINESS_CHECK_DIGIT.format(value='124-81-00997')}"
    ]
    assert Employer.objects.count() == 0  # all or nothing: the good row is not stored either


def test_employer_number_not_ten_digits(db: None) -> None:
    result = employer_import(file=csv_file("사업자등록번호,사업체명\n12345,가게\n"))
    assert errors(result) == [f"행 2, 열 「사업자등록번호」: {jmsg.BAD_BUSINESS_NUMBER.format(value='12345')}"]


def test_missing_required_column_and_value(db: None) -> None:
    result = employer_import(file=csv_file("사업자등록번호,업종\n1248100998,C\n"))
    assert errors(result) == [f"행 1, 열 「사업체명」: {msg.MISSING_COLUMN.format(column='사업체명')}"]
    result = employer_import(file=csv_file("사업자등록번호,사업체명\n1248100998,\n"))
    assert errors(result) == [f"행 2, 열 「사업체명」: {msg.MISSING_VALUE}"]


def test_duplicate_key_in_file(db: None) -> None:
    result = employer_import(file=csv_file("사업자등록번호,사업체명\n1248100998,가\n124-81-00998,나\n"))
    assert errors(result) == [
        f"행 3, 열 「사업자등록번호」: {jmsg.DUPLICATE_KEY.format(key='사업자등록번호', value='1248100998', first=2)}"
    ]


def test_empty_file_and_header_only(db: None) -> None:
    assert errors(employer_import(file=io.BytesIO(b""))) == [f"파일: {msg.FILE_EMPTY}"]
    assert errors(employer_import(file=csv_file("사업자등록번호,사업체명\n"))) == [f"파일: {jmsg.NO_DATA_ROWS}"]


def test_cp949_file_is_read(db: None) -> None:
    result = employer_import(file=csv_file(EMPLOYERS, encoding="cp949"))
    assert result.created == 2


def test_vacancy_import_defaults_and_errors(employers: None) -> None:
    result = vacancy_import(file=csv_file(vacancy_rows(VACANCY)))
    assert result.ok, errors(result)
    vacancy = Vacancy.objects.get(vacancy_no="V1")
    assert vacancy.closing_on == dt.date(2021, 5, 2)  # registered + 2 months
    assert vacancy.status == Vacancy.Status.OPEN
    assert vacancy.employer.business_number == "1248100998"
    bad = vacancy_rows(
        "V2,2208162517,8911,포장원,2,월급,2200000,40,상용,구로3동,,0,무관,2021-03-02,",
        "V3,1248100998,9999,포장원,0,주급,2200000,40,상용,구로3동,,0,무관,2021-03-02,2021-03-01",
    )
    result = vacancy_import(file=csv_file(bad))
    assert errors(result) == [
        f"행 2, 열 「사업자등록번호」: {jmsg.UNKNOWN_EMPLOYER.format(value='2208162517')}",
        f"행 3, 열 「임금형태」: {jmsg.BAD_WAGE_FORM.format(value='주급')}",
    ]
    bad = vacancy_rows("V3,1248100998,9999,포장원,0,월급,2200000,40,상용,구로3동,,0,무관,2021-03-02,2021-03-01")
    result = vacancy_import(file=csv_file(bad))
    assert errors(result) == [
        f"행 2, 열 「직종코드」: {jmsg.UNKNOWN_KECO.format(value='9999')}",
        f"행 2, 열 「모집인원」: {jmsg.OPENINGS_ZERO}",
        f"행 2, 열 「마감일」: {jmsg.CLOSING_BEFORE_REGISTRATION.format(closing='2021-03-01', registered='2021-03-02')}",
    ]
    assert Vacancy.objects.count() == 1


def test_vacancy_has_no_age_or_gender_requirement_fields() -> None:
    names = {f.name for f in Vacancy._meta.get_fields()}
    assert not names & {"age", "min_age", "max_age", "gender"}


def test_seeker_import_pseudonymises_like_records(guro_plan: object, keco: None) -> None:
    result = seeker_import(file=csv_file(seeker_rows(SEEKER)))
    assert result.ok, errors(result)
    seeker = JobSeeker.objects.get(seeker_no="S1")
    assert seeker.person_pseudonym == pseudonymise("9001011234567")
    assert seeker.valid_until == dt.date(2021, 6, 2)  # registered + 3 months
    assert (seeker.desired_codes, seeker.licences, seeker.priority_groups) == (
        ["8911", "612"],
        ["지게차운전기능사"],
        ["청년"],
    )
    records = (
        "실적번호,부서,세부사업,개인식별번호,생년월일,성별,취업일\n"
        "R1,일자리지원과,고용서비스,900101-1234567,1990-01-01,남,2021-04-01\n"
    )
    assert record_import(file=csv_file(records), filename="r.csv", user=None).ok
    assert JobRecord.objects.get(record_id="R1").person_pseudonym == seeker.person_pseudonym
    stored = [str(v) for v in JobSeeker.objects.values_list().get()]
    assert not any("1234567" in v for v in stored)  # the raw identifier is nowhere


def test_seeker_without_consent_is_refused(keco: None) -> None:
    row = SEEKER.replace(",2021-03-02,2021-03-02,", ",,2021-03-02,")
    result = seeker_import(file=csv_file(seeker_rows(row)))
    assert errors(result) == [f"행 2, 열 「동의일」: {msg.MISSING_VALUE}"]
    assert JobSeeker.objects.count() == 0


def test_seeker_row_errors_never_show_the_identifier(keco: None) -> None:
    row = SEEKER.replace("900101-1234567", "----").replace("8911;612", "8911;612;891;6120").replace("남,", "X,")
    result = seeker_import(file=csv_file(seeker_rows(row)))
    assert errors(result) == [
        f"행 2, 열 「개인식별번호」: {msg.BAD_PERSON_ID}",
        f"행 2, 열 「성별」: {msg.BAD_GENDER.format(value='X')}",
    ]
    row = SEEKER.replace("8911;612", "8911;612;891;6120")
    assert errors(seeker_import(file=csv_file(seeker_rows(row)))) == [
        f"행 2, 열 「희망직종코드」: {jmsg.TOO_MANY_CODES.format(count=4)}"
    ]
    row = SEEKER.replace("8911;612", "8911;7777")
    assert errors(seeker_import(file=csv_file(seeker_rows(row)))) == [
        f"행 2, 열 「희망직종코드」: {jmsg.UNKNOWN_KECO.format(value='7777')}"
    ]


def test_seeker_upsert_and_dry_run(keco: None) -> None:
    dry = seeker_import(file=csv_file(seeker_rows(SEEKER)), dry_run=True)
    assert (dry.created, dry.dry_run, JobSeeker.objects.count()) == (1, True, 0)
    seeker_import(file=csv_file(seeker_rows(SEEKER)))
    again = seeker_import(file=csv_file(seeker_rows(SEEKER.replace("김민수", "김민호"))))
    assert (again.created, again.updated) == (0, 1)
    assert JobSeeker.objects.get().name == "김민호"


def test_seeker_who_withdrew_consent_needs_a_newer_consent(keco: None) -> None:
    seeker_import(file=csv_file(seeker_rows(SEEKER)))
    JobSeeker.objects.update(consent_withdrawn_on=dt.date(2021, 4, 1), name="", phone="")
    result = seeker_import(file=csv_file(seeker_rows(SEEKER)))
    assert errors(result) == [f"행 2, 열 「동의일」: {jmsg.CONSENT_WITHDRAWN.format(withdrawn='2021-04-01')}"]
    renewed = SEEKER.replace(",2021-03-02,2021-03-02,", ",2021-05-01,2021-05-01,")
    assert seeker_import(file=csv_file(seeker_rows(renewed))).ok
    seeker = JobSeeker.objects.get()
    assert (seeker.consent_withdrawn_on, seeker.name) == (None, "김민수")


def test_cli_import_commands(write: Callable[[str, str], Path], keco: None, capsys: pytest.CaptureFixture[str]) -> None:
    path = write("employers.csv", EMPLOYERS)
    call_command("import_employers", str(path), "--dry-run")
    assert Employer.objects.count() == 0
    call_command("import_employers", str(path))
    assert Employer.objects.count() == 2
    out = capsys.readouterr().out
    assert jmsg.CLI_SUMMARY.format(created=2, updated=0, unchanged=0, rows=2) in out
    bad = write("bad.csv", EMPLOYERS.replace("124-81-00998", "124-81-00997"))
    with pytest.raises(CommandError, match="오류 1건"):
        call_command("import_employers", str(bad))
    assert "행 2, 열 「사업자등록번호」" in capsys.readouterr().err


def test_cli_codes_load_keco(write: Callable[[str, str], Path], db: None) -> None:
    call_command("codes_load", "keco", str(write("keco.csv", "코드,명칭\n891,제조 단순직\n")))
    assert KecoCode.objects.filter(code="891").exists()
    with pytest.raises(CommandError, match="keco"):
        call_command("codes_load", "ksic", str(write("k.csv", "코드,명칭\n1,x\n")))
