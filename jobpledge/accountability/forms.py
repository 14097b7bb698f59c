"""Forms of the accountability pages: the targets/spending upload (owner) and a milestone's progress."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile

from jobpledge.core.uploads import check_upload

KINDS = [
    ("targets", "부서별 목표 (부서, 세부사업, 기간, 목표)"),
    ("spending", "예산 집행 (기간, 세부사업, 재원, 집행액)"),
]


class AccountabilityUploadForm(forms.Form):
    kind = forms.ChoiceField(label="자료 종류", choices=KINDS)
    file = forms.FileField(label="파일(CSV 또는 XLSX)")
    dry_run = forms.BooleanField(
        label="시험 적재(검증과 미리보기만, 저장하지 않음)",
        required=False,
        initial=True,
        widget=forms.CheckboxInput(attrs={"class": "krds-form-check"}),
    )

    def clean_file(self) -> UploadedFile:
        return check_upload(self.cleaned_data["file"], extensions=(".csv", ".xlsx"))


class MilestoneProgressForm(forms.Form):
    planned = forms.DateField(label="목표일", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    done = forms.DateField(label="완료일", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    evidence = forms.CharField(label="근거", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
