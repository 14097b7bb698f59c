"""Job records (person-level) and aggregate entries (counts), and the import batches they came from."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from jobpledge.accounts.models import Department
from jobpledge.plans.models import Period, Program
from jobpledge.records import writes


class ImportBatch(models.Model):
    """One committed import of a file (or one form save, kind=form)."""

    class Kind(models.TextChoices):
        RECORDS = "records", "개인별 실적"
        AGGREGATES = "aggregates", "집계 실적"
        FORM = "form", "화면 입력"
        DEMO = "demo", "예시 데이터"

    kind = models.CharField("종류", max_length=20, choices=Kind.choices)
    filename = models.CharField("파일명", max_length=255, blank=True)
    sha256 = models.CharField("파일 해시", max_length=64, blank=True)
    source = models.CharField("경로", max_length=20, default="cli")  # cli / web / api / demo
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField("적재일시", auto_now_add=True)
    rows = models.PositiveIntegerField("행 수", default=0)
    created_count = models.PositiveIntegerField("신규", default=0)
    updated_count = models.PositiveIntegerField("변경", default=0)
    unchanged_count = models.PositiveIntegerField("동일", default=0)
    is_demo = models.BooleanField("예시 데이터", default=False)
    new_departments = models.JSONField("새로 만든 부서", default=list, blank=True)

    class Meta:
        verbose_name = "적재 이력"
        verbose_name_plural = "적재 이력"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} {self.filename}".strip()


class Gender(models.TextChoices):
    MALE = "M", "남"
    FEMALE = "F", "여"


class EmploymentType(models.TextChoices):
    REGULAR = "상용", "상용"
    TEMPORARY = "임시", "임시"
    DAILY = "일용", "일용"


class Evidence(models.TextChoices):
    """What a record's job is proven by; files that leave 근거 blank get SELF_COUNTED."""

    EMPLOYMENT_INSURANCE = "고용보험 확인", "고용보험 확인"
    CERTIFICATE = "확인서", "확인서"
    SELF_COUNTED = "자체집계", "자체집계"


class JobRecordQuerySet(models.QuerySet["JobRecord"]):
    """Set-based writes that skip the per-row signals report themselves through records.writes.bulk_written.

    Single-row saves and deletes keep the summary tallies exact through signals (counting.signals); the import and
    the demo loader maintain them explicitly and say so with `writes.maintained_writes()`. Any other bulk write (a
    test's `.update()`, a `bulk_create`) cannot silently skew the counts: the next summary read rebuilds the tallies.
    """

    def update(self, **kwargs: Any) -> int:
        changed = super().update(**kwargs)
        if changed:
            _bypassed(self.db)
        return changed

    def bulk_create(self, *args: Any, **kwargs: Any) -> list[JobRecord]:
        created = super().bulk_create(*args, **kwargs)
        if created:
            _bypassed(self.db)
        return created

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        changed = super().bulk_update(*args, **kwargs)
        if changed:
            _bypassed(self.db)
        return changed

    def _raw_delete(self, using: str | None) -> int:
        deleted = super()._raw_delete(using)
        if deleted:
            _bypassed(using or self.db)
        return int(deleted)


def _bypassed(using: str) -> None:
    writes.bulk_written(using=using)


class JobRecord(models.Model):
    """One person's job created by one department's program.

    The person is known only by a keyed pseudonym. period, age_at_start, generation and
    retention_deadline are derived from the dates by the write services, so that counting is a
    plain GROUP BY.
    """

    # Indexes are chosen for a fast bulk import: department and program are the leading columns of the
    # composite indexes below (and of the unique constraint), so they need no index of their own.
    department = models.ForeignKey(
        Department, verbose_name="부서", on_delete=models.PROTECT, related_name="records", db_index=False
    )
    program = models.ForeignKey(
        Program, verbose_name="세부사업", on_delete=models.PROTECT, related_name="records", db_index=False
    )
    record_id = models.CharField("실적번호", max_length=100)
    person_pseudonym = models.CharField("개인 가명번호", max_length=64)  # looked up by the summary tallies
    birth_date = models.DateField("생년월일")
    gender = models.CharField("성별", max_length=1, choices=Gender.choices)
    start_date = models.DateField("취업일")
    end_date = models.DateField("종료일", null=True, blank=True)
    employment_type = models.CharField("고용형태", max_length=10, choices=EmploymentType.choices, blank=True)
    monthly_wage = models.PositiveBigIntegerField("월임금(원)", null=True, blank=True)
    weekly_hours = models.DecimalField("주당근로시간", max_digits=5, decimal_places=1, null=True, blank=True)
    employer = models.CharField("사업체", max_length=200, blank=True)
    is_resident = models.BooleanField("구민여부", null=True, blank=True)
    is_senior_activity = models.BooleanField("노인활동지원", default=False)
    evidence = models.CharField("근거", max_length=50, choices=Evidence.choices, default=Evidence.SELF_COUNTED)
    batch = models.ForeignKey(ImportBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="records")
    is_demo = models.BooleanField("예시 데이터", default=False)
    # derived at write time
    period = models.ForeignKey(Period, null=True, blank=True, on_delete=models.PROTECT, related_name="records")
    age_at_start = models.PositiveSmallIntegerField("취업 시 만 나이")
    generation = models.CharField("세대", max_length=10)
    retention_deadline = models.DateField("1년 유지 기준일")
    # lifecycle
    withdrawn_at = models.DateTimeField("철회일시", null=True, blank=True)
    withdrawn_reason = models.TextField("철회 사유", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_index=False
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_index=False
    )
    created_at = models.DateTimeField("등록일시", auto_now_add=True)
    updated_at = models.DateTimeField("수정일시", auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = JobRecordQuerySet.as_manager()

    class Meta:
        verbose_name = "일자리 실적"
        verbose_name_plural = "일자리 실적"
        constraints = [
            models.UniqueConstraint(fields=["department", "record_id"], name="record_id_unique_per_department"),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="record_end_not_before_start",
            ),
            models.CheckConstraint(condition=models.Q(age_at_start__gte=15), name="record_age_at_least_15"),
            models.CheckConstraint(
                condition=models.Q(weekly_hours__isnull=True) | models.Q(weekly_hours__gte=0, weekly_hours__lte=168),
                name="record_weekly_hours_in_week",
            ),
        ]
        indexes = [
            models.Index(fields=["program", "start_date"], name="record_program_start"),
            models.Index(fields=["department", "start_date"], name="record_department_start"),
            models.Index(fields=["start_date"], name="record_start"),
            # the summary tallies read each written person's other records (counting.tallies)
            models.Index(fields=["person_pseudonym"], name="record_person"),
        ]

    def __str__(self) -> str:
        return f"{self.department} {self.record_id}"


class AggregateEntry(models.Model):
    """A count reported without person-level data (contractor-reported hires, SME support, history)."""

    department = models.ForeignKey(Department, verbose_name="부서", on_delete=models.PROTECT, related_name="aggregates")
    program = models.ForeignKey(Program, verbose_name="세부사업", on_delete=models.PROTECT, related_name="aggregates")
    period = models.ForeignKey(Period, verbose_name="기간", on_delete=models.PROTECT, related_name="aggregates")
    count = models.PositiveIntegerField("실적")
    evidence = models.CharField("근거", max_length=200, blank=True)
    batch = models.ForeignKey(ImportBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="aggregates")
    is_demo = models.BooleanField("예시 데이터", default=False)
    withdrawn_at = models.DateTimeField("철회일시", null=True, blank=True)
    withdrawn_reason = models.TextField("철회 사유", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("등록일시", auto_now_add=True)
    updated_at = models.DateTimeField("수정일시", auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "집계 실적"
        verbose_name_plural = "집계 실적"
        constraints = [
            models.UniqueConstraint(fields=["department", "program", "period"], name="aggregate_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.department} {self.program} {self.period}: {self.count}"
