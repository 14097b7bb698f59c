"""Published figures: the report frozen when a period is closed (공표), with its hash."""

from __future__ import annotations

from django.db import models

from jobpledge.plans.models import PeriodClose


class PeriodSnapshot(models.Model):
    """The full report JSON as of the moment a period was closed, byte for byte, and its SHA-256.

    `report_json` is the exact text printed by `jobpledge period snapshot`; `sha256` is the hash of its UTF-8
    bytes, taken at the close. `jobpledge period verify` recomputes it: a stored text edited afterwards no longer
    matches. Never updated by the application.
    """

    close = models.OneToOneField(PeriodClose, on_delete=models.PROTECT, related_name="snapshot")
    as_of = models.DateField("기준일")
    report_json = models.TextField("보고서 JSON")
    sha256 = models.CharField("SHA-256", max_length=64)

    class Meta:
        verbose_name = "공표 스냅숏"
        verbose_name_plural = "공표 스냅숏"

    def __str__(self) -> str:
        return f"{self.close} {self.sha256[:12]}"
