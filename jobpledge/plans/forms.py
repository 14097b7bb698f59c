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
