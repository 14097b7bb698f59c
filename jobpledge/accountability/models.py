"""Accountability data held against the counts: department targets (부서별 책임제) and budget execution (예산 집행).

Both are loaded from files (accountability.services) and keyed like the aggregate entries: one row per
(부서, 세부사업, 기간) for targets, per (기간, 세부사업, 재원) for spending. Money is integer won.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from jobpledge.accounts.models import Department
from jobpledge.plans.models import Period, Plan, Program


class DepartmentTarget(models.Model):
    """A department's job target for one program in one period: the shares of 부서별 일자리창출 책임제.

    The targets need not add up to the plan's (coverage is reported, not enforced): a plan owner may load
    them in parts.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="department_targets")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="targets")
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="department_targets")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="department_targets")
    target = models.PositiveIntegerField("목표")
    is_demo = models.BooleanField("예시 데이터", default=False)
    updated_at = models.DateTimeField("수정일시", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "부서 목표"
        verbose_name_plural = "부서 목표"
        ordering = ["plan", "department", "period", "program"]
        constraints = [
            models.UniqueConstraint(fields=["department", "program", "period"], name="department_target_key"),
        ]

    def __str__(self) -> str:
        return f"{self.department_id}/{self.program_id}/{self.period_id}={self.target}"


class Spending(models.Model):
    """Budget executed (집행액) for one program from one funding source in one period, in won."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="spendings")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="spendings")
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="spendings")
    source = models.CharField("재원", max_length=50)
    executed_krw = models.PositiveBigIntegerField("집행액(원)")
    budget_krw = models.PositiveBigIntegerField("예산현액(원)", null=True, blank=True)
    evidence = models.CharField("근거", max_length=200, blank=True)
    is_demo = models.BooleanField("예시 데이터", default=False)
    updated_at = models.DateTimeField("수정일시", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "예산 집행"
        verbose_name_plural = "예산 집행"
        ordering = ["plan", "period", "program", "source"]
        constraints = [models.UniqueConstraint(fields=["period", "program", "source"], name="spending_key")]

    def __str__(self) -> str:
        return f"{self.period_id}/{self.program_id}/{self.source}={self.executed_krw}"


class MilestoneProgress(models.Model):
    """Progress on a plan milestone marked by the plan owner: a planned or done date and its evidence.

    Keyed by (plan, program name, milestone name) rather than by the plans.Milestone row, which a plan reload
    re-creates; the history keeps every change. A date given here takes precedence over the plan file's.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="milestone_progress")
    program = models.CharField("세부사업", max_length=100)
    name = models.CharField("이정표", max_length=200)
    planned = models.DateField("목표일", null=True, blank=True)
    done = models.DateField("완료일", null=True, blank=True)
    evidence = models.TextField("근거", blank=True)
    updated_at = models.DateTimeField("수정일시", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "이정표 진행"
        verbose_name_plural = "이정표 진행"
        constraints = [models.UniqueConstraint(fields=["plan", "program", "name"], name="milestone_progress_key")]

    def __str__(self) -> str:
        return f"{self.program} · {self.name}"
