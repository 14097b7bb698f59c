"""Forms of the record pages. They only collect input: validation of a record is the services' job,
so that the form, the upload and the CLI refuse exactly the same things with the same Korean messages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from jobpledge.accounts.models import Department
from jobpledge.core.names import normalise_name
from jobpledge.core.uploads import check_upload
from jobpledge.plans.models import Plan

MSG_REASON_REQUIRED = "철회 사유를 입력하세요."
CLOSED_REASON_LABEL = "마감 후 변경 사유"
CLOSED_REASON_HELP = "마감(공표)된 기간의 실적을 바꿀 때 필수입니다. 사유와 바뀐 행이 기록됩니다."


def closed_reason_field() -> forms.CharField:
    return forms.CharField(
        label=CLOSED_REASON_LABEL,
        max_length=1000,
        required=False,
        help_text=CLOSED_REASON_HELP,
        widget=forms.TextInput(attrs={"class": "krds-input"}),
    )


class UploadForm(forms.Form):
    KIND_CHOICES = [("records", "개인별 실적"), ("aggregates", "집계 실적")]

    kind = forms.ChoiceField(label="자료 종류", choices=KIND_CHOICES, initial="records")
    plan = forms.ModelChoiceField(
        label="공약", queryset=Plan.objects.all(), required=False, empty_label="기본 공약", to_field_name="key"
    )
    file = forms.FileField(label="파일(CSV 또는 XLSX)")
    closed_reason = closed_reason_field()

    def clean_file(self) -> UploadedFile:
        return check_upload(self.cleaned_data["file"])


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="철회 사유",
        widget=forms.Textarea(attrs={"rows": 3, "class": "krds-input"}),
        max_length=1000,
        error_messages={"required": MSG_REASON_REQUIRED},
    )
    closed_reason = closed_reason_field()

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(MSG_REASON_REQUIRED, code="required")
        return str(reason)


class DepartmentChoiceField(forms.ModelChoiceField):
    """A department picker limited to the departments the user may write to."""

    def __init__(self, queryset: Any = None, **kwargs: Any) -> None:
        super().__init__(queryset=queryset if queryset is not None else Department.objects.all(), **kwargs)


# --- the record form: the template's columns, as text, validated by the record services --------------------

YES_NO_BLANK = [("", "미상"), ("Y", "예"), ("N", "아니오")]
GENDER_CHOICES = [("", "선택"), ("남", "남"), ("여", "여")]
EVIDENCE_CHOICES = [
    ("", "자체집계(기본)"),
    ("고용보험 확인", "고용보험 확인"),
    ("확인서", "확인서"),
    ("자체집계", "자체집계"),
]
DATE_HELP = "2019-03-01, 2019.03.01, 20190301 형식"
EMPLOYMENT_CHOICES = [("", "선택 안 함"), ("상용", "상용"), ("임시", "임시"), ("일용", "일용")]


class NameChoiceField(forms.ChoiceField):
    """A department or program picker that reads a posted name as `normalise_name` does (a pasted
    `일자리지원과\u200b` is the choice `일자리지원과`)."""

    def to_python(self, value: Any) -> str:
        return normalise_name(super().to_python(value))


class RecordForm(forms.Form):
    """The columns of the import template. Values go to record_create / record_update as text, so that
    a date or a number typed here is parsed and checked exactly as the same cell in an uploaded file."""

    department = NameChoiceField(label="부서")
    program = NameChoiceField(label="세부사업")
    record_id = forms.CharField(label="실적번호", max_length=100)
    person_id = forms.CharField(
        label="개인식별번호",
        max_length=64,
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text="저장되지 않고 가명번호로만 바뀝니다.",
    )
    # Text, not type=date (whose display follows the browser's locale): the importer's spellings are accepted.
    birth_date = forms.CharField(
        label="생년월일",
        max_length=20,
        widget=forms.TextInput(attrs={"placeholder": "2019-03-01", "autocomplete": "off"}),
        help_text=DATE_HELP,
    )
    gender = forms.ChoiceField(label="성별", choices=GENDER_CHOICES)
    start_date = forms.CharField(
        label="취업일",
        max_length=20,
        widget=forms.TextInput(attrs={"placeholder": "2019-03-01", "autocomplete": "off"}),
        help_text=DATE_HELP,
    )
    end_date = forms.CharField(
        label="종료일",
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "2019-03-01", "autocomplete": "off"}),
        help_text="재직 중이면 비워 두세요.",
    )
    employment_type = forms.ChoiceField(label="고용형태", choices=EMPLOYMENT_CHOICES, required=False)
    monthly_wage = forms.CharField(label="월임금(원)", max_length=20, required=False)
    weekly_hours = forms.CharField(label="주당근로시간", max_length=10, required=False)
    employer = forms.CharField(label="사업체", max_length=200, required=False)
    resident = forms.ChoiceField(label="구민여부", choices=YES_NO_BLANK, required=False)
    senior_activity = forms.ChoiceField(label="노인활동지원", choices=YES_NO_BLANK, required=False)
    evidence = forms.ChoiceField(label="근거", choices=EVIDENCE_CHOICES, required=False)
    closed_reason = closed_reason_field()

    def __init__(self, *args: Any, departments: Any, programs: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [(d.name, d.name) for d in departments]  # type: ignore[attr-defined]
        self.fields["program"].choices = [("", "선택"), *[(p.name, p.name) for p in programs]]  # type: ignore[attr-defined]
        if editing:
            self.fields["person_id"].help_text = "바꿀 때만 입력하세요. 비워 두면 기존 가명번호가 유지됩니다."
            self.fields["department"].disabled = True
            self.fields["record_id"].disabled = True
        else:
            self.fields["person_id"].required = True
        for field in self.fields.values():
            css = "krds-form-select" if isinstance(field, forms.ChoiceField) else "krds-input"
            field.widget.attrs.setdefault("class", css)

    def service_data(self) -> dict[str, Any]:
        """What record_create / record_update get: fields the user could change; a blank person_id keeps the pseudonym."""
        data = {name: value for name, value in self.cleaned_data.items() if not self.fields[name].disabled}
        data.pop("closed_reason", None)  # not a record field: passed to the service on its own
        if not data.get("person_id"):
            data.pop("person_id", None)
        return data

    @staticmethod
    def initial_for(record: Any) -> dict[str, str]:
        def yes_no(value: bool | None) -> str:
            return "" if value is None else ("Y" if value else "N")

        return {
            "department": record.department.name,
            "program": record.program.name,
            "record_id": record.record_id,
            "birth_date": record.birth_date.isoformat(),
            "gender": record.get_gender_display(),
            "start_date": record.start_date.isoformat(),
            "end_date": record.end_date.isoformat() if record.end_date else "",
            "employment_type": record.employment_type,
            "monthly_wage": "" if record.monthly_wage is None else str(record.monthly_wage),
            "weekly_hours": "" if record.weekly_hours is None else str(record.weekly_hours),
            "employer": record.employer,
            "resident": yes_no(record.is_resident),
            "senior_activity": yes_no(record.is_senior_activity),
            "evidence": record.evidence,
        }
