"""The job-record FilterSet: one form that filters the HTML list, the API list and the CSV export alike."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet

from jobpledge.accounts.models import Department
from jobpledge.core.periods import GENERATION_BANDS
from jobpledge.plans.models import Program
from jobpledge.records.models import JobRecord

YES_NO_CHOICES = [("", "전체"), ("yes", "예"), ("no", "아니오")]
STATUS_CHOICES = [("", "전체"), ("active", "유효"), ("withdrawn", "철회")]
GENERATION_CHOICES = [("", "전체"), *[(band, band) for band, _low, _high in GENERATION_BANDS]]


class ProgramChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.plan.code})"


class RecordFilterSet(forms.Form):
    """Bound to request.GET (or DRF query_params). Invalid values are ignored field by field, never a 500."""

    q = forms.CharField(label="검색(실적번호·사업체)", required=False, max_length=100)
    department = forms.ModelChoiceField(label="부서", queryset=Department.objects.none(), required=False)
    program = ProgramChoiceField(label="세부사업", queryset=Program.objects.none(), required=False)
    period = forms.CharField(label="기간(예: 2019, 2018H2)", required=False, max_length=10)
    generation = forms.ChoiceField(label="세대", choices=GENERATION_CHOICES, required=False)
    senior = forms.ChoiceField(label="노인활동지원", choices=YES_NO_CHOICES, required=False)
    status = forms.ChoiceField(label="상태", choices=STATUS_CHOICES, required=False)

    def __init__(self, data: Any = None, *, departments: QuerySet[Department] | None = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        department_field = self.fields["department"]
        assert isinstance(department_field, forms.ModelChoiceField)  # noqa: S101 - narrows the type
        department_field.queryset = departments if departments is not None else Department.objects.all()
        program_field = self.fields["program"]
        assert isinstance(program_field, forms.ModelChoiceField)  # noqa: S101
        program_field.queryset = Program.objects.select_related("plan").order_by("plan__key", "order")
        for field in self.fields.values():
            field.widget.attrs.setdefault(
                "class", "krds-input" if isinstance(field, forms.CharField) else "krds-form-select"
            )

    def cleaned_values(self) -> dict[str, Any]:
        """The valid filters only: a bad value in one field does not drop the others."""
        self.is_valid()
        return {name: value for name, value in getattr(self, "cleaned_data", {}).items() if value not in (None, "")}

    def filter_queryset(self, queryset: QuerySet[JobRecord]) -> QuerySet[JobRecord]:
        values = self.cleaned_values()
        if text := values.get("q"):
            queryset = queryset.filter(Q(record_id__icontains=text) | Q(employer__icontains=text))
        if department := values.get("department"):
            queryset = queryset.filter(department=department)
        if program := values.get("program"):
            queryset = queryset.filter(program=program)
        if period := values.get("period"):
            queryset = queryset.filter(period__code=period.strip().upper())
        if generation := values.get("generation"):
            queryset = queryset.filter(generation=generation)
        if senior := values.get("senior"):
            queryset = queryset.filter(is_senior_activity=(senior == "yes"))
        if status := values.get("status"):
            queryset = queryset.filter(withdrawn_at__isnull=(status == "active"))
        return queryset

    def querystring(self) -> str:
        """The active filters as a query string (for pagination and export links)."""
        from urllib.parse import urlencode

        values = self.cleaned_values()
        return urlencode({k: (v.pk if hasattr(v, "pk") else v) for k, v in values.items()})
