"""Forms of the plan pages."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile

from jobpledge.core.uploads import check_upload


class PlanUploadForm(forms.Form):
    file = forms.FileField(label="계획 파일(TOML)")
    force = forms.BooleanField(
        label="합계가 맞지 않아도 강제로 적재(기록됨)",
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "krds-form-check"}),
    )

    def clean_file(self) -> UploadedFile:
        return check_upload(self.cleaned_data["file"], extensions=(".toml",))


class RevisionProposeForm(forms.Form):
    file = forms.FileField(label="변경된 계획 파일(TOML, 같은 key)")
    reason = forms.CharField(
        label="조정 사유", max_length=2000, widget=forms.Textarea(attrs={"rows": 3, "class": "krds-input"})
    )
    force = forms.BooleanField(
        label="합계가 맞지 않아도 제안(불일치 내역 기록)",
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "krds-form-check"}),
    )

    def clean_file(self) -> UploadedFile:
        return check_upload(self.cleaned_data["file"], extensions=(".toml",))


class RevisionDecisionForm(forms.Form):
    decision = forms.ChoiceField(label="결정", choices=[("approve", "승인"), ("reject", "반려")])
    effective = forms.DateField(
        label="시행일(승인 시, 비우면 오늘)", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(label="반려 사유(반려 시 필수)", max_length=2000, required=False)
