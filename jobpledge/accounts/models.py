"""Departments and the role each user plays."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class Department(models.Model):
    """A department (부서) of the government: owns its job records and, later, its targets."""

    name = models.CharField("부서명", max_length=100, unique=True)
    created_at = models.DateTimeField("등록일시", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "부서"
        verbose_name_plural = "부서"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    ADMIN = "admin", "관리자"
    OWNER = "owner", "주관부서(계획 담당)"
    DEPARTMENT = "department", "부서 담당자"
    COUNSELLOR = "counsellor", "일자리플러스센터 상담사"
    VIEWER = "viewer", "열람자"


class Profile(models.Model):
    """A user's role and, for department staff, the department whose records they may touch."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField("역할", max_length=20, choices=Role.choices, default=Role.VIEWER)
    department = models.ForeignKey(Department, verbose_name="부서", null=True, blank=True, on_delete=models.PROTECT)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "사용자 역할"
        verbose_name_plural = "사용자 역할"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="department") | models.Q(department__isnull=False),
                name="department_staff_have_department",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"
