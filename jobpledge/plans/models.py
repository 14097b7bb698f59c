"""The pledge card (공약 이행계획서) as data: one Plan and everything printed on its card."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from jobpledge.core.rounding import RoundingRule


class Plan(models.Model):
    """One pledge of one government for one elected term, as loaded from a plan file."""

    key = models.SlugField("계획 키", max_length=100, unique=True)
    code = models.CharField("관리번호", max_length=30)
    title = models.CharField("제목", max_length=200)
    government = models.CharField("기관", max_length=100)
    term_name = models.CharField("임기", max_length=50)
    term_start = models.DateField("임기 시작")
    term_end = models.DateField("임기 종료")
    project_type = models.CharField("유형", max_length=30)
    timing = models.CharField("이행시기", max_length=30)
    funding_label = models.CharField("예산구분", max_length=50)
    lead_department = models.CharField("주관부서", max_length=100)
    cooperating_departments = models.CharField("협조부서(기관)", max_length=200)
    indicator = models.CharField("확인지표", max_length=100)
    unit = models.CharField("단위", max_length=10, default="명")
    total_target = models.PositiveIntegerField("목표 합계")
    budget_total = models.PositiveBigIntegerField("총사업비(백만원)")
    rounding = models.CharField("반올림 규칙", max_length=10, choices=[(r.value, r.name) for r in RoundingRule])
    rate_decimals = models.PositiveSmallIntegerField("비율 소수 자릿수", default=1)
    goals = models.JSONField("정책목표", default=list)
    sector_overview = models.JSONField("부문별 일자리창출 요약", default=list)
    implementation = models.JSONField("효율적 이행방안", default=list)
    contact = models.JSONField("담당자", default=dict)
    jury_start = models.DateField("주민배심원단 시작", null=True, blank=True)
    jury_end = models.DateField("주민배심원단 종료", null=True, blank=True)
    is_default = models.BooleanField("기본 계획", default=False)
    source_name = models.CharField("계획 파일", max_length=255)
    source_sha256 = models.CharField("파일 해시", max_length=64)
    forced = models.BooleanField("불일치 강제 적재", default=False)
    forced_lines = models.JSONField("강제 적재 시 불일치 내역", default=list, blank=True)
    accountability = models.JSONField("책임제 기준(계획 파일 [accountability])", default=dict, blank=True)
    loaded_at = models.DateTimeField("적재일시", auto_now=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "공약"
        verbose_name_plural = "공약"
        ordering = ["-is_default", "key"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Period(models.Model):
    """A roadmap period (2018H2, 2019, …) with its job target and the stated 달성도."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="periods")
    order = models.PositiveSmallIntegerField()
    code = models.CharField("기간", max_length=10)
    label = models.CharField("표시", max_length=30)
    start = models.DateField("시작")
    end = models.DateField("종료")
    target = models.PositiveIntegerField("목표")
    stated_rate = models.DecimalField("달성도(기재)", max_digits=6, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["plan", "order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="period_code_unique_per_plan"),
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="period_end_after_start"),
        ]

    def __str__(self) -> str:
        return self.code


class Strategy(models.Model):
    """추진전략: 주요전략 / 추진배경 / 내용."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="strategies")
    order = models.PositiveSmallIntegerField()
    name = models.CharField("주요전략", max_length=200)
    background = models.CharField("추진배경", max_length=200)
    content = models.TextField("내용")

    class Meta:
        ordering = ["plan", "order"]

    def __str__(self) -> str:
        return self.name


class Sector(models.Model):
    """부문 (정부부문 / 민간부문)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sectors")
    order = models.PositiveSmallIntegerField()
    name = models.CharField("부문", max_length=50)
    summary = models.TextField("설명", blank=True)

    class Meta:
        ordering = ["plan", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "name"], name="sector_name_unique_per_plan")]

    def __str__(self) -> str:
        return self.name


class Program(models.Model):
    """세부사업, with its job target — or none, for programs tracked as milestones."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="programs")
    sector = models.ForeignKey(Sector, on_delete=models.CASCADE, related_name="programs")
    order = models.PositiveSmallIntegerField()
    name = models.CharField("세부사업", max_length=100)
    description = models.TextField("추진 내용")
    job_target = models.PositiveIntegerField("일자리 목표", null=True, blank=True)

    class Meta:
        ordering = ["plan", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "name"], name="program_name_unique_per_plan")]

    def __str__(self) -> str:
        return self.name


class InvestmentRow(models.Model):
    """A row of the investment plan (연도별 투자계획), by sector or by funding source, in million KRW."""

    class Kind(models.TextChoices):
        SECTOR = "sector", "부문별"
        SOURCE = "source", "예산구분별"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="investment_rows")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    order = models.PositiveSmallIntegerField()
    name = models.CharField("구분", max_length=50)

    class Meta:
        ordering = ["plan", "kind", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "kind", "name"], name="investment_row_unique")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"


class InvestmentAmount(models.Model):
    row = models.ForeignKey(InvestmentRow, on_delete=models.CASCADE, related_name="amounts")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="+")
    amount = models.PositiveBigIntegerField("금액(백만원)")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["row", "period"], name="investment_amount_unique")]

    def __str__(self) -> str:
        return f"{self.row_id}:{self.period_id}={self.amount}"


class BaselineRow(models.Model):
    """A row of the previous term's results (민선6기): 계, 정부부문, 민간부문."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="baseline_rows")
    term_name = models.CharField("이전 임기", max_length=50)
    order = models.PositiveSmallIntegerField()
    label = models.CharField("구분", max_length=50)
    is_total = models.BooleanField("합계 행", default=False)
    target = models.PositiveIntegerField("목표")
    stated_total = models.PositiveIntegerField("실적 계")
    stated_rate = models.DecimalField("목표 달성율(기재)", max_digits=6, decimal_places=2)
    years = models.JSONField("연도별 실적", default=dict)

    class Meta:
        ordering = ["plan", "order"]

    def __str__(self) -> str:
        return f"{self.term_name} {self.label}"


class Risk(models.Model):
    """기타사항: a risk and the department's response."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="risks")
    order = models.PositiveSmallIntegerField()
    issue = models.TextField("문제")
    response = models.TextField("대응")

    class Meta:
        ordering = ["plan", "order"]

    def __str__(self) -> str:
        return self.issue[:40]


class JuryAnswer(models.Model):
    """주관부서 검토의견: one answer may cover several recommendations."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="jury_answers")
    order = models.PositiveSmallIntegerField()
    text = models.TextField("검토의견")

    class Meta:
        ordering = ["plan", "order"]

    def __str__(self) -> str:
        return self.text[:40]


class JuryRecommendation(models.Model):
    """주민배심원단 권고안."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="jury_recommendations")
    order = models.PositiveSmallIntegerField()
    text = models.TextField("권고안")
    answer = models.ForeignKey(
        JuryAnswer, null=True, blank=True, on_delete=models.SET_NULL, related_name="recommendations"
    )

    class Meta:
        ordering = ["plan", "order"]

    def __str__(self) -> str:
        return self.text[:40]


class Milestone(models.Model):
    """A milestone of a program tracked without a job target (plan file `[[milestones]]`, issue 10).

    Dates only where the card or a user gives them; progress marked later is kept by the accountability app, keyed
    by (program, name), so that reloading the plan file never loses it.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="milestones")
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="milestones")
    order = models.PositiveSmallIntegerField()
    name = models.CharField("이정표", max_length=200)
    planned = models.DateField("목표일", null=True, blank=True)
    done = models.DateField("완료일", null=True, blank=True)
    evidence = models.TextField("근거", blank=True)

    class Meta:
        ordering = ["plan", "order"]
        constraints = [models.UniqueConstraint(fields=["program", "name"], name="milestone_name_unique_per_program")]

    def __str__(self) -> str:
        return self.name


class PeriodClose(models.Model):
    """A period whose figures were published (공표) and closed: later writes into it need a reason.

    Kept here, below records, so that the record write services can refuse a write into a closed period;
    the frozen report itself (the snapshot and its hash) lives in reports (reports.models.PeriodSnapshot).
    """

    period = models.OneToOneField(Period, on_delete=models.PROTECT, related_name="close")
    closed_at = models.DateTimeField("마감일시")
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "기간 마감"
        verbose_name_plural = "기간 마감"

    def __str__(self) -> str:
        return f"{self.period.code} 마감"


class ClosedPeriodChange(models.Model):
    """A write accepted into a closed period (PeriodClose), with the reason given and the rows it touched.

    Written by the record write services (records.closing); kept here beside PeriodClose, below records.
    `rows` lists what changed: [{"row": file row or null, "record": 실적번호 or "부서/세부사업/기간"}]. One entry per
    write and period; the public page counts them (공표 후 변경 n건) and the staff view shows the reasons.
    """

    class Kind(models.TextChoices):
        RECORD_IMPORT = "record_import", "실적 적재"
        AGGREGATE_IMPORT = "aggregate_import", "집계 적재"
        RECORD_CREATE = "record_create", "화면 등록"
        RECORD_UPDATE = "record_update", "화면 수정"
        RECORD_WITHDRAW = "record_withdraw", "철회"
        RECORD_RESTORE = "record_restore", "철회 취소"

    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="closed_changes")
    kind = models.CharField("종류", max_length=20, choices=Kind.choices)
    batch_id = models.PositiveIntegerField("적재 묶음 번호", null=True, blank=True)  # records.ImportBatch (a layer up)
    reason = models.TextField("마감 후 변경 사유")
    rows = models.JSONField("변경 행", default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("변경일시", auto_now_add=True)

    class Meta:
        verbose_name = "마감 후 변경"
        verbose_name_plural = "마감 후 변경"
        ordering = ["period", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.period} {self.get_kind_display()} {len(self.rows)}건"


class PlanRevision(models.Model):
    """One version of a plan file (공약 조정): proposed, then approved by another owner (four eyes) or rejected.

    Revision 1 is the file first loaded (approved, effective at the term start). The plan's tables hold the latest
    approved revision; `targets` keeps each revision's targets, so that a report as of a day before a later
    revision's `effective` date counts against the targets then in force (reports.revisions).
    """

    class Status(models.TextChoices):
        PENDING = "pending", "승인 대기"
        APPROVED = "approved", "승인"
        REJECTED = "rejected", "반려"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField("차수")
    status = models.CharField("상태", max_length=10, choices=Status.choices, default=Status.PENDING)
    source_name = models.CharField("계획 파일", max_length=255)
    source_text = models.TextField("계획 파일 내용", blank=True)
    sha256 = models.CharField("파일 해시", max_length=64)
    targets = models.JSONField("목표", default=dict)
    reason = models.TextField("조정 사유")
    forced = models.BooleanField("불일치 강제", default=False)
    forced_lines = models.JSONField("강제 시 불일치 내역", default=list, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField("제안일시")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField("승인·반려일시", null=True, blank=True)
    decision_reason = models.TextField("반려 사유", blank=True)
    effective = models.DateField("시행일", null=True, blank=True)

    class Meta:
        verbose_name = "계획 변경"
        verbose_name_plural = "계획 변경"
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_revision_number_unique")]

    def __str__(self) -> str:
        return f"{self.plan.key} r{self.number} ({self.get_status_display()})"
