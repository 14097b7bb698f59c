"""The job-record FilterSet: one form that filters the HTML list, the API list and the CSV export alike."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Q, QuerySet

from jobpledge.accounts.models import Department
from jobpledge.core.dates import read_as_of
from jobpledge.core.periods import GENERATION_BANDS
from jobpledge.plans.models import Program
from jobpledge.records.models import JobRecord

YES_NO_CHOICES = [("", "전체"), ("yes", "예"), ("no", "아니오")]
STATUS_CHOICES = [("", "유효(기본)"), ("withdrawn", "철회"), ("all", "전체")]
GENERATION_CHOICES = [("", "전체"), *[(band, band) for band, _low, _high in GENERATION_BANDS]]


class ProgramChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.plan.code})"


class RecordFilterSet(forms.Form):
    """Bound to request.GET (or DRF query_params). Invalid values are ignored field by field, never a 500.

    Without a status, withdrawn records are left out, so that a dashboard figure's drill-down link
    (department, program, period, as_of) lists exactly the records that figure counted.
    """

    q = forms.CharField(label="검색(실적번호·사업체)", required=False, max_length=100)
    department = forms.ModelChoiceField(
        label="부서", queryset=Department.objects.none(), required=False, empty_label="전체"
    )
    program = ProgramChoiceField(label="세부사업", queryset=Program.objects.none(), required=False, empty_label="전체")
    period = forms.CharField(label="기간(예: 2019, 2018H2)", required=False, max_length=10)
    generation = forms.ChoiceField(label="세대", choices=GENERATION_CHOICES, required=False)
    senior = forms.ChoiceField(label="노인활동지원", choices=YES_NO_CHOICES, required=False)
    status = forms.ChoiceField(label="상태", choices=STATUS_CHOICES, required=False)
    # Text, read like every other typed date (core.dates): 2019-03-01, 2019.03.01, 20190301 …
    as_of = forms.CharField(
        label="기준일(이날까지 취업)",
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"placeholder": "2019-03-01", "autocomplete": "off"}),
    )

    def __init__(self, data: Any = None, *, departments: QuerySet[Department] | None = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        department_field = self.fields["department"]
        assert isinstance(department_field, forms.ModelChoiceField)  # noqa: S101 - narrows the type
        department_field.queryset = departments if departments is not None else Department.objects.all()
        program_field = self.fields["program"]
        assert isinstance(program_field, forms.ModelChoiceField)  # noqa: S101
        program_field.queryset = Program.objects.select_related("plan").order_by("plan__key", "order")
        for field in self.fields.values():
            css = "krds-form-select" if isinstance(field, forms.ChoiceField) else "krds-input"
            field.widget.attrs.setdefault("class", css)

    def clean_as_of(self) -> dt.date | None:
        text = self.cleaned_data.get("as_of") or ""
        if not text.strip():
            return None
        day, error = read_as_of(text)
        if error:
            raise forms.ValidationError(error, code="invalid")
        return day

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
        status = values.get("status", "active")
        if status != "all":
            queryset = queryset.filter(withdrawn_at__isnull=(status == "active"))
        if as_of := values.get("as_of"):
            queryset = queryset.filter(start_date__lte=as_of)
        return queryset

    def querystring(self) -> str:
        """The active filters as a query string (for pagination and export links)."""
        from urllib.parse import urlencode

        values = self.cleaned_values()
        return urlencode({k: (v.pk if hasattr(v, "pk") else str(v)) for k, v in values.items()})
