"""The Job Plus Center (일자리플러스센터) and the construction-site MOUs: registers, referrals, placements.

Job seekers are known to the pledge count only by the keyed pseudonym of their 개인식별번호 (as job records
are); their name, phone and notes are kept for the counsellor's work and erased on consent withdrawal or after
the retention period (jobcenter.services.seeker_withdraw_consent, seekers_purge).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jobpledge.accounts.models import Department
from jobpledge.records.models import EmploymentType, Gender, JobRecord


class KecoCode(models.Model):
    """한국고용직업분류 (KECO) code: the length gives its level (1 대, 2 중, 3 소, 4 세분류)."""

    code = models.CharField("코드", max_length=4, primary_key=True)
    name = models.CharField("명칭", max_length=200)
    level = models.PositiveSmallIntegerField("수준")

    class Meta:
        verbose_name = "고용직업분류"
        verbose_name_plural = "고용직업분류"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Employer(models.Model):
    """구인업체, identified by its 사업자등록번호 (10 digits, check digit validated on every write)."""

    business_number = models.CharField("사업자등록번호", max_length=10, unique=True)
    name = models.CharField("사업체명", max_length=200)
    industry = models.CharField("업종", max_length=100, blank=True)
    address = models.CharField("주소", max_length=300, blank=True)
    dong = models.CharField("동", max_length=50, blank=True)
    employees = models.PositiveIntegerField("상시근로자수", null=True, blank=True)
    contact_person = models.CharField("담당자", max_length=100, blank=True)
    contact_phone = models.CharField("연락처", max_length=50, blank=True)
    is_demo = models.BooleanField("예시 데이터", default=False)
    created_at = models.DateTimeField("등록일시", auto_now_add=True)
    updated_at = models.DateTimeField("수정일시", auto_now=True)

    class Meta:
        verbose_name = "구인업체"
        verbose_name_plural = "구인업체"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class WageForm(models.TextChoices):
    HOURLY = "시급", "시급"
    DAILY = "일급", "일급"
    MONTHLY = "월급", "월급"
    ANNUAL = "연봉", "연봉"


class Vacancy(models.Model):
    """구인: one job opening. No age or gender requirement (고용상 연령차별금지법, 남녀고용평등법)."""

    class Status(models.TextChoices):
        OPEN = "open", "모집 중"
        FILLED = "filled", "채용 완료"
        EXPIRED = "expired", "기한 만료"
        CLOSED = "closed", "마감"

    vacancy_no = models.CharField("구인번호", max_length=50, unique=True)
    employer = models.ForeignKey(Employer, verbose_name="구인업체", on_delete=models.PROTECT, related_name="vacancies")
    keco = models.ForeignKey(KecoCode, verbose_name="직종코드", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("직무명", max_length=200)
    openings = models.PositiveIntegerField("모집인원")
    wage_form = models.CharField("임금형태", max_length=4, choices=WageForm.choices)
    wage_amount = models.PositiveBigIntegerField("임금(원)")
    weekly_hours = models.DecimalField("주당근로시간", max_digits=4, decimal_places=1, null=True, blank=True)
    employment_type = models.CharField("고용형태", max_length=10, choices=EmploymentType.choices, blank=True)
    workplace = models.CharField("근무지", max_length=50, blank=True)
    required_licences = models.JSONField("필요자격", default=list, blank=True)
    experience_years = models.PositiveSmallIntegerField("경력(년)", null=True, blank=True)
    education = models.CharField("학력", max_length=50, blank=True)
    registered_on = models.DateField("등록일")
    closing_on = models.DateField("마감일")
    status = models.CharField("상태", max_length=10, choices=Status.choices, default=Status.OPEN)
    is_demo = models.BooleanField("예시 데이터", default=False)
    created_at = models.DateTimeField("등록일시", auto_now_add=True)
    updated_at = models.DateTimeField("수정일시", auto_now=True)

    class Meta:
        verbose_name = "구인"
        verbose_name_plural = "구인"
        ordering = ["vacancy_no"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closing_on__gte=models.F("registered_on")), name="vacancy_closes_after_registration"
            ),
        ]
        indexes = [models.Index(fields=["status", "closing_on"], name="vacancy_open")]

    def __str__(self) -> str:
        return f"{self.vacancy_no} {self.title}"


class JobSeeker(models.Model):
    """구직: a registered job seeker. The raw 개인식별번호 is never stored, only its keyed pseudonym."""

    seeker_no = models.CharField("구직번호", max_length=50, unique=True)
    person_pseudonym = models.CharField("개인 가명번호", max_length=64, db_index=True)
    name = models.CharField("성명", max_length=100, blank=True)  # erased on consent withdrawal / purge
    birth_date = models.DateField("생년월일")
    gender = models.CharField("성별", max_length=1, choices=Gender.choices)
    phone = models.CharField("연락처", max_length=50, blank=True)  # erased on consent withdrawal / purge
    residence_dong = models.CharField("거주동", max_length=50, blank=True)
    desired_codes = models.JSONField("희망직종코드", default=list)
    desired_wage_form = models.CharField("희망임금형태", max_length=4, choices=WageForm.choices, blank=True)
    desired_wage = models.PositiveBigIntegerField("희망임금(원)", null=True, blank=True)
    desired_weekly_hours = models.DecimalField(
        "희망주당근로시간", max_digits=4, decimal_places=1, null=True, blank=True
    )
    licences = models.JSONField("보유자격", default=list, blank=True)
    experience_years = models.PositiveSmallIntegerField("경력(년)", null=True, blank=True)
    education = models.CharField("학력", max_length=50, blank=True)
    priority_groups = models.JSONField("취업취약계층", default=list, blank=True)
    consent_on = models.DateField("개인정보 수집·이용 동의일")
    consent_withdrawn_on = models.DateField("동의 철회일", null=True, blank=True)
    registered_on = models.DateField("등록일")
    valid_until = models.DateField("유효기한")
    personal_data_erased_at = models.DateTimeField("개인정보 삭제일시", null=True, blank=True)
    is_demo = models.BooleanField("예시 데이터", default=False)
    created_at = models.DateTimeField("등록일시", auto_now_add=True)
    updated_at = models.DateTimeField("수정일시", auto_now=True)

    class Meta:
        verbose_name = "구직자"
        verbose_name_plural = "구직자"
        ordering = ["seeker_no"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__gte=models.F("registered_on")), name="seeker_valid_after_registration"
            ),
        ]
        indexes = [models.Index(fields=["valid_until", "registered_on"], name="seeker_active")]

    def __str__(self) -> str:
        return self.seeker_no


class Counselling(models.Model):
    """상담 기록: one counselling contact with a seeker."""

    class Channel(models.TextChoices):
        VISIT = "방문", "방문"
        PHONE = "전화", "전화"
        ONLINE = "온라인", "온라인"

    seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="counsellings")
    held_on = models.DateField("상담일")
    channel = models.CharField("경로", max_length=10, choices=Channel.choices)
    notes = models.TextField("상담 내용", blank=True)  # erased on consent withdrawal / purge
    next_step = models.CharField("다음 조치", max_length=200, blank=True)
    counsellor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField("등록일시", auto_now_add=True)

    class Meta:
        verbose_name = "상담 기록"
        verbose_name_plural = "상담 기록"
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"상담 {self.held_on} {self.channel}"


class Referral(models.Model):
    """알선: a seeker referred to a vacancy, and what came of it."""

    class Status(models.TextChoices):
        REFERRED = "referred", "알선"
        INTERVIEW = "interview", "면접"
        HIRED = "hired", "채용"
        NOT_HIRED = "not_hired", "불채용"
        NO_SHOW = "no_show", "면접 불참"

    seeker = models.ForeignKey(JobSeeker, on_delete=models.PROTECT, related_name="referrals")
    vacancy = models.ForeignKey(Vacancy, on_delete=models.PROTECT, related_name="referrals")
    referred_on = models.DateField("알선일")
    status = models.CharField("상태", max_length=10, choices=Status.choices, default=Status.REFERRED)
    outcome_on = models.DateField("결과일", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("등록일시", auto_now_add=True)

    class Meta:
        verbose_name = "알선"
        verbose_name_plural = "알선"
        ordering = ["-referred_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["seeker", "vacancy"], name="referral_once_per_seeker_vacancy"),
        ]

    def __str__(self) -> str:
        return f"알선 #{self.pk}"


class Placement(models.Model):
    """취업: a hired referral, and the job record it created in the pledge count."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="placements")
    start_date = models.DateField("취업일")
    record = models.OneToOneField(JobRecord, on_delete=models.PROTECT, related_name="placement")
    undone_at = models.DateTimeField("취소일시", null=True, blank=True)
    undone_reason = models.TextField("취소 사유", blank=True)
    created_at = models.DateTimeField("등록일시", auto_now_add=True)

    class Meta:
        verbose_name = "취업"
        verbose_name_plural = "취업"
        ordering = ["-start_date", "-pk"]
        constraints = [
            # an undone placement stays for the record; a referral has at most one live placement
            models.UniqueConstraint(
                fields=["referral"], condition=models.Q(undone_at__isnull=True), name="one_live_placement_per_referral"
            ),
        ]

    def __str__(self) -> str:
        return f"취업 #{self.pk}"


class FollowUp(models.Model):
    """사후관리: the check 1, 6 and 12 months after a placement's start."""

    class Status(models.TextChoices):
        EMPLOYED = "employed", "재직"
        LEFT = "left", "퇴사"
        UNREACHABLE = "unreachable", "연락 안 됨"

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="followups")
    months = models.PositiveSmallIntegerField("경과 개월")
    due_on = models.DateField("예정일")
    status = models.CharField("결과", max_length=12, choices=Status.choices, blank=True)
    left_on = models.DateField("퇴사일", null=True, blank=True)
    done_on = models.DateField("확인일", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "사후관리"
        verbose_name_plural = "사후관리"
        ordering = ["due_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["placement", "months"], name="followup_once_per_period")]

    def __str__(self) -> str:
        return f"사후관리 {self.months}개월 {self.status or '예정'}"


class SeekerView(models.Model):
    """열람 기록: a counsellor saw a seeker's name and phone in full."""

    seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="views")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    viewed_at = models.DateTimeField("열람일시", auto_now_add=True)
    purpose = models.CharField("경로", max_length=50, default="detail")

    class Meta:
        verbose_name = "열람 기록"
        verbose_name_plural = "열람 기록"
        ordering = ["-viewed_at"]

    def __str__(self) -> str:
        return f"열람 {self.viewed_at:%Y-%m-%d %H:%M}"


class ConstructionSite(models.Model):
    """공사장: a construction contract whose contractor pledges to hire district residents (MOU)."""

    class Kind(models.TextChoices):
        PUBLIC = "관급", "관급"
        PRIVATE = "민간", "민간"

    site_no = models.CharField("공사번호", max_length=50, unique=True)
    name = models.CharField("공사명", max_length=200)
    kind = models.CharField("구분", max_length=2, choices=Kind.choices)
    contract_amount = models.PositiveBigIntegerField("계약금액(원)")
    contractor_number = models.CharField("시공사 사업자등록번호", max_length=10)
    department = models.ForeignKey(Department, verbose_name="감독부서", on_delete=models.PROTECT, related_name="+")
    start_on = models.DateField("착공일")
    planned_end_on = models.DateField("준공예정일")
    mou_signed_on = models.DateField("MOU 체결일", null=True, blank=True)
    residents_pledged = models.PositiveIntegerField("구민 채용 약정 인원", default=0)
    records = models.ManyToManyField(JobRecord, verbose_name="채용 실적", blank=True, related_name="construction_sites")
    is_demo = models.BooleanField("예시 데이터", default=False)
    created_at = models.DateTimeField("등록일시", auto_now_add=True)

    class Meta:
        verbose_name = "공사장"
        verbose_name_plural = "공사장"
        ordering = ["start_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned_end_on__gte=models.F("start_on")), name="site_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.name
