"""Staged dry-run files (raw identifiers until committed) are deleted on commit, on cancel and after expiry.

Every test here writes staged files only under the temporary JOBPLEDGE_UPLOAD_DIR the root conftest sets.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from jobpledge.accounts.tests.fixtures import DEPARTMENT_A
from jobpledge.records.models import JobRecord
from jobpledge.records.staging import sweep_staged_uploads
from jobpledge.records.tests.world import *  # noqa: F403

HEADER = "실적번호,부서,세부사업,개인식별번호,생년월일,성별,취업일,종료일,사업체"
IDENTIFIER = "850315-2345678"


def _upload() -> SimpleUploadedFile:
    row = f"A-0300,{DEPARTMENT_A},직접일자리 사업,{IDENTIFIER},1985-03-15,여,2019-03-01,,"
    return SimpleUploadedFile("march.csv", f"{HEADER}\n{row}\n".encode(), content_type="text/csv")


def _staged_files() -> list[Path]:
    return sorted(Path(settings.JOBPLEDGE_UPLOAD_DIR).glob("upload-*"))


@pytest.fixture
def staff_a(client, world):
    client.force_login(world.users["department"])
    return client


@pytest.fixture
def previewed(staff_a) -> str:
    """A checked upload waiting for its commit: its staged file holds the raw identifier."""
    response = staff_a.post(reverse("records:upload"), {"kind": "records", "file": _upload()})
    assert response.context["result"].errors == []
    [staged] = _staged_files()
    assert IDENTIFIER in staged.read_text()
    return response.context["token"]


def test_tests_stage_into_a_temporary_folder_not_var_uploads():
    development_var = Path(settings.BASE_DIR) / "var"  # the root conftest points VAR_DIR at a temporary folder
    assert not Path(settings.JOBPLEDGE_UPLOAD_DIR).is_relative_to(development_var)
    assert Path(settings.JOBPLEDGE_UPLOAD_DIR).is_relative_to(Path(settings.VAR_DIR))


def test_staged_file_is_deleted_on_commit(staff_a, previewed):
    response = staff_a.post(reverse("records:upload_commit"), {"token": previewed})
    assert response.status_code == 200 and response.context["committed"]
    assert JobRecord.objects.filter(record_id="A-0300").exists()
    assert _staged_files() == []


def test_staged_file_is_deleted_on_cancel(staff_a, previewed):
    response = staff_a.post(reverse("records:upload_cancel"), {"token": previewed})
    assert response.status_code == 302 and response["Location"] == reverse("records:upload")
    assert _staged_files() == []
    assert not JobRecord.objects.filter(record_id="A-0300").exists()
    # the token is forgotten: committing after a cancel is refused
    again = staff_a.post(reverse("records:upload_commit"), {"token": previewed})
    assert again.status_code == 302
    assert not JobRecord.objects.filter(record_id="A-0300").exists()


def test_preview_page_cancels_by_post(staff_a):
    response = staff_a.post(reverse("records:upload"), {"kind": "records", "file": _upload()})
    assert f'formaction="{reverse("records:upload_cancel")}"' in response.content.decode()


def test_cancel_is_post_only_and_needs_import_rights(client, world, previewed):
    assert client.get(reverse("records:upload_cancel")).status_code == 405
    client.force_login(world.users["viewer"])
    assert client.post(reverse("records:upload_cancel"), {"token": previewed}).status_code == 403
    assert len(_staged_files()) == 1


def _age(path: Path, seconds: int) -> None:
    past = time.time() - seconds
    os.utime(path, (past, past))


def test_expired_staged_file_is_swept_by_the_command(previewed, settings):
    [staged] = _staged_files()
    _age(staged, settings.JOBPLEDGE_UPLOAD_EXPIRY_SECONDS - 60)
    call_command("uploads_sweep")
    assert staged.exists()  # not yet expired
    _age(staged, settings.JOBPLEDGE_UPLOAD_EXPIRY_SECONDS + 60)
    call_command("uploads_sweep")
    assert not staged.exists()


def test_sweep_command_with_a_maximum_age(previewed):
    [staged] = _staged_files()
    _age(staged, 10)
    call_command("uploads_sweep", "--max-age", "5")
    assert not staged.exists()


def test_a_new_upload_sweeps_expired_files(staff_a, previewed, settings):
    [old] = _staged_files()
    _age(old, settings.JOBPLEDGE_UPLOAD_EXPIRY_SECONDS + 60)
    staff_a.post(reverse("records:upload"), {"kind": "records", "file": _upload()})
    remaining = _staged_files()
    assert old not in remaining and len(remaining) == 1


def test_expired_upload_cannot_be_committed(staff_a, previewed, settings):
    [staged] = _staged_files()
    _age(staged, settings.JOBPLEDGE_UPLOAD_EXPIRY_SECONDS + 60)
    assert sweep_staged_uploads() == 1
    response = staff_a.post(reverse("records:upload_commit"), {"token": previewed})
    assert response.status_code == 302
    assert not JobRecord.objects.filter(record_id="A-0300").exists()


def test_sweep_leaves_other_files_alone(settings):
    folder = Path(settings.JOBPLEDGE_UPLOAD_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    other = folder / "notes.txt"
    other.write_text("x")
    _age(other, settings.JOBPLEDGE_UPLOAD_EXPIRY_SECONDS + 60)
    assert sweep_staged_uploads() == 0
    assert other.exists()


def test_a_dry_run_with_errors_keeps_no_staged_file(staff_a):
    row = f"A-0301,{DEPARTMENT_A},없는 사업,{IDENTIFIER},1985-03-15,여,2019-03-01,,"
    upload = SimpleUploadedFile("bad.csv", f"{HEADER}\n{row}\n".encode(), content_type="text/csv")
    response = staff_a.post(reverse("records:upload"), {"kind": "records", "file": upload})
    assert response.context["result"].errors
    assert _staged_files() == []
