"""Writes to plans that carry a permission check (see records.actions for the pattern)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jobpledge.accounts import permissions as perms
from jobpledge.accounts.permissions import Action
from jobpledge.plans.services import LoadResult, plan_load_file


class LoadPlanAction:
    """Load a plan file (owner and admin); an inconsistent plan is refused unless forced (and recorded)."""

    def __init__(self, user: Any) -> None:
        perms.require(user, Action.LOAD_PLAN)
        self.user = user

    def execute(self, *, path: Path, force: bool) -> LoadResult:
        return plan_load_file(path=path, user=self.user, force=force)
