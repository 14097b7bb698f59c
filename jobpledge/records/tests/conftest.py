"""Shared set-up of the import tests: the Guro plan, a user, and a helper that imports a fixture file."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from jobpledge.records import services
from jobpledge.records.importers.results import ImportResult

FIXTURES = Path(__file__).parent / "fixtures"


def import_file(name_or_bytes: str | bytes, *, kind: str = "records", **kwargs: Any) -> ImportResult:
    """Run the import service on a fixture file (by name) or on bytes."""
    if isinstance(name_or_bytes, str):
        data, filename = (FIXTURES / name_or_bytes).read_bytes(), name_or_bytes
    else:
        data, filename = name_or_bytes, "upload.csv"
    service = services.record_import if kind == "records" else services.aggregate_import
    kwargs.setdefault("user", None)
    return service(file=io.BytesIO(data), filename=filename, **kwargs)
