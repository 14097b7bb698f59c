"""Staged uploads: the file of a dry run, kept on disk until the user commits or cancels it.

A staged file holds raw personal identifiers (주민등록번호 …) until the import pseudonymises them, so it lives
no longer than needed: it is deleted on commit, on cancel, on a failed dry run, and — when the user simply walks
away — by the sweep, which deletes every staged file older than `JOBPLEDGE_UPLOAD_EXPIRY_SECONDS`. The sweep
runs opportunistically on every new upload and from cron (`jobpledge uploads sweep`; docs/security.md).

Files are written under `JOBPLEDGE_UPLOAD_DIR` (default `var/uploads/`, mode 0700) with random names, and
found again only through the user's session: a posted path or name is never used.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

log = logging.getLogger(__name__)

STAGED_PREFIX = "upload-"


@dataclass(frozen=True)
class StagedUpload:
    token: str
    path: Path
    filename: str
    kind: str
    plan_key: str
    closed_reason: str = ""  # 마감 후 변경 사유, asked with the upload (docs/governance.md)

    def as_session(self) -> dict[str, str]:
        return {
            "path": str(self.path),
            "filename": self.filename,
            "kind": self.kind,
            "plan_key": self.plan_key,
            "closed_reason": self.closed_reason,
        }

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)


def staging_dir() -> Path:
    path = Path(settings.JOBPLEDGE_UPLOAD_DIR)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def stage_upload(upload: UploadedFile, *, kind: str, plan_key: str, closed_reason: str = "") -> StagedUpload:
    """Write the upload to a private temporary file (never under a user-chosen name); sweep expired ones first."""
    sweep_staged_uploads()
    fd, name = tempfile.mkstemp(prefix=STAGED_PREFIX, suffix=".bin", dir=staging_dir())
    with os.fdopen(fd, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    path = Path(name)
    return StagedUpload(path.stem, path, os.path.basename(upload.name or "upload"), kind, plan_key, closed_reason)


def staged_from_session(token: str, data: dict[str, Any] | None) -> StagedUpload | None:
    if not data:
        return None
    path = Path(data["path"])
    if path.parent != staging_dir() or not path.name.startswith(STAGED_PREFIX) or not path.exists():
        return None
    return StagedUpload(
        token, path, data["filename"], data["kind"], data.get("plan_key", ""), data.get("closed_reason", "")
    )


def sweep_staged_uploads(*, max_age_seconds: int | None = None, now: float | None = None) -> int:
    """Delete staged files last written more than `max_age_seconds` (default: the setting) ago; returns how many."""
    age = settings.JOBPLEDGE_UPLOAD_EXPIRY_SECONDS if max_age_seconds is None else max_age_seconds
    cutoff = (time.time() if now is None else now) - age
    removed = 0
    for path in staging_dir().glob(f"{STAGED_PREFIX}*"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # removed meanwhile by a commit, a cancel or another sweep
            continue
    if removed:
        log.info("swept %d expired staged upload(s)", removed)
    return removed
