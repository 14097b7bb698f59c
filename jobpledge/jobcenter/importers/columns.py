"""The columns of the employers, vacancies, seekers and KECO files (Korean header, English alias, widget)."""

from __future__ import annotations

from jobpledge.jobcenter.importers import widgets as jw
from jobpledge.records.importers import widgets as w
from jobpledge.records.importers.columns import Column

EMPLOYER_COLUMNS: list[Column] = [
    Column("business_number", "사업자등록번호", True, jw.BUSINESS_NUMBER, "숫자 10자리(하이픈 가능)", "124-81-00998"),
    Column("name", "사업체명", True, w.TextWidget(200), "사업체(상호)명", "구로정밀(주)", ("employer",)),
    Column("industry", "업종", False, w.TextWidget(100), "한국표준산업분류 대분류(예: C 제조업)", "C"),
    Column("address", "주소", False, w.TextWidget(300), "사업장 주소", "서울특별시 구로구 디지털로 300"),
    Column("dong", "동", False, w.TextWidget(50), "사업장 행정동", "구로3동"),
    Column("employees", "상시근로자수", False, w.COUNT, "상시근로자 수", "45", ("size",)),
    Column("contact_person", "담당자", False, w.TextWidget(100), "채용 담당자", "박담당"),
    Column("contact_phone", "연락처", False, w.TextWidget(50), "담당자 연락처", "02-123-4567", ("phone",)),
]

VACANCY_COLUMNS: list[Column] = [
    Column("vacancy_no", "구인번호", True, w.TextWidget(50), "센터가 붙인 구인 고유번호", "V2021-001"),
    Column("business_number", "사업자등록번호", True, jw.BUSINESS_NUMBER, "구인업체의 사업자등록번호", "1248100998"),
    Column("keco", "직종코드", True, jw.KECO, "한국고용직업분류 코드", "8911", ("keco_code", "occupation")),
    Column("title", "직무명", True, w.TextWidget(200), "직무명", "포장원"),
    Column("openings", "모집인원", True, w.COUNT, "모집 인원(1 이상)", "2"),
    Column("wage_form", "임금형태", True, jw.WAGE_FORM, "시급/일급/월급/연봉", "월급"),
    Column("wage_amount", "임금", True, w.INTEGER, "원 단위 정수", "2,200,000", ("wage",)),
    Column("weekly_hours", "주당근로시간", False, w.WEEKLY_HOURS, "0~168", "40"),
    Column("employment_type", "고용형태", False, w.EMPLOYMENT_TYPE, "상용/임시/일용", "상용"),
    Column("workplace", "근무지", False, w.TextWidget(50), "근무지 동 또는 구", "구로3동"),
    Column("required_licences", "필요자격", False, jw.LIST, "「;」로 구분", "지게차운전기능사", ("licences",)),
    Column("experience_years", "경력", False, w.COUNT, "필요 경력(년)", "0", ("experience",)),
    Column("education", "학력", False, w.TextWidget(50), "필요 학력", "무관"),
    Column("registered_on", "등록일", True, w.DATE, "구인 등록일", "2021-03-02", ("registered",)),
    Column("closing_on", "마감일", False, w.DATE, "비우면 등록일 + 2개월", "", ("closing",)),
]

SEEKER_COLUMNS: list[Column] = [
    Column("seeker_no", "구직번호", True, w.TextWidget(50), "센터가 붙인 구직 고유번호", "S2021-001"),
    Column(
        "person_id",
        "개인식별번호",
        True,
        jw.PERSON_ID,
        "주민등록번호 등. 저장하지 않고 즉시 가명 처리함(실적과 같은 가명)",
        "900101-1234567",
        ("주민등록번호", "주민번호"),
    ),
    Column("name", "성명", True, w.TextWidget(100), "구직자 성명", "김민수"),
    Column("birth_date", "생년월일", True, w.DATE, "날짜", "1990-01-01"),
    Column("gender", "성별", True, w.GENDER, "남/여 또는 M/F", "남"),
    Column("phone", "연락처", False, w.TextWidget(50), "휴대전화", "010-1234-5678"),
    Column("residence_dong", "거주동", False, w.TextWidget(50), "거주 행정동(구민이면)", "구로3동", ("dong",)),
    Column("desired_codes", "희망직종코드", True, jw.LIST, "한국고용직업분류 코드 1~3개, 「;」로 구분", "8911;6120"),
    Column("desired_wage_form", "희망임금형태", False, jw.WAGE_FORM, "시급/일급/월급/연봉", "월급"),
    Column("desired_wage", "희망임금", False, w.INTEGER, "원 단위 정수", "2,000,000"),
    Column("desired_weekly_hours", "희망주당근로시간", False, w.WEEKLY_HOURS, "0~168", "40"),
    Column("licences", "보유자격", False, jw.LIST, "「;」로 구분", "지게차운전기능사"),
    Column("experience_years", "경력", False, w.COUNT, "경력(년)", "2", ("experience",)),
    Column("education", "학력", False, w.TextWidget(50), "최종 학력", "고졸"),
    Column("priority_groups", "취업취약계층", False, jw.LIST, "청년/여성/고령자/장애인/경력단절/저소득 …", "청년"),
    Column("consent_on", "동의일", True, w.DATE, "개인정보 수집·이용 동의일(필수)", "2021-03-02", ("consent",)),
    Column("registered_on", "등록일", True, w.DATE, "구직 등록일", "2021-03-02", ("registered",)),
    Column("valid_until", "유효기한", False, w.DATE, "비우면 등록일 + 3개월", "", ("valid",)),
]

KECO_COLUMNS: list[Column] = [
    Column("code", "코드", True, jw.KECO, "자릿수가 수준: 1 대, 2 중, 3 소, 4 세분류", "891"),
    Column("name", "명칭", True, w.TextWidget(200), "분류 명칭", "제조 단순직"),
]
