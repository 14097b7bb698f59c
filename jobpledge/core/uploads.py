"""The first check of every uploaded file: its size and its extension (its contents are the importers' job)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat

MSG_TOO_LARGE = "파일이 너무 큽니다. {limit} 이하의 파일만 올릴 수 있습니다."
MSG_BAD_EXTENSION = "CSV 또는 XLSX 파일만 올릴 수 있습니다."
UPLOAD_EXTENSIONS = (".csv", ".xlsx")


def check_upload(upload: UploadedFile, *, extensions: tuple[str, ...] = UPLOAD_EXTENSIONS) -> UploadedFile:
    """Size limit (settings.JOBPLEDGE_UPLOAD_MAX_BYTES) and extension; contents are the importer's job."""
    limit = settings.JOBPLEDGE_UPLOAD_MAX_BYTES
    if upload.size is None or upload.size > limit:
        raise forms.ValidationError(MSG_TOO_LARGE.format(limit=filesizeformat(limit)), code="too_large")
    if not (upload.name or "").lower().endswith(extensions):
        raise forms.ValidationError(MSG_BAD_EXTENSION, code="extension")
    return upload
