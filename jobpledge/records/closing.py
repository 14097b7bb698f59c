"""Writes into a closed period (공표 후 마감): refused without a reason, kept with the reason and the rows.

A period is closed by `jobpledge period close` (reports.snapshots); the fact lives in plans.PeriodClose so that
this layer can read it. Every record write service asks a `ClosedGuard` which of the periods it touches are
closed: an import collects the touched rows and either turns them into row errors (no reason: the whole import
rolls back) or keeps them in plans.ClosedPeriodChange with the reason, in the import's transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from jobpledge.core.errors import JobpledgeError
from jobpledge.plans.models import ClosedPeriodChange, PeriodClose

# A row of a file (import) or a single record (form, API) that would change a closed period's figures.
ROW_REFUSED = (
    "마감(공표)된 기간 {period}의 실적을 바꾸는 행입니다 ({label}). "
    "마감 후 변경 사유를 입력해야 적재됩니다 (CLI --reason, 화면·API의 마감 후 변경 사유)."
)
SINGLE_REFUSED = (
    "마감(공표)된 기간 {period}의 실적을 바꾸는 변경입니다 ({label}). "
    "마감 후 변경 사유를 입력해야 저장됩니다 (CLI --closed-reason, 화면·API의 마감 후 변경 사유)."
)
COLUMN = "취업일"  # the column that places a record in a period


@dataclass
class Touch:
    period_id: int
    row: int | None
    label: str


@dataclass
class ClosedGuard:
    """The closed periods, read once per write, and the rows of this write that fall in them."""

    reason: str = ""
    closed: dict[int, str] = field(default_factory=dict)
    touched: list[Touch] = field(default_factory=list)

    @classmethod
    def load(cls, *, reason: str | None = None) -> ClosedGuard:
        closed = dict(PeriodClose.objects.values_list("period_id", "period__code"))
        return cls(reason=(reason or "").strip(), closed=closed)

    @property
    def refuses(self) -> bool:
        return bool(self.touched) and not self.reason

    def touch(self, period_ids: Iterable[int | None], *, row: int | None, label: str) -> list[Touch]:
        """Note the row if it changes a closed period; return what was noted (nothing when all are open)."""
        new = [Touch(pk, row, label) for pk in dict.fromkeys(period_ids) if pk is not None and pk in self.closed]
        self.touched.extend(new)
        return new

    def message(self, touch: Touch, *, single: bool = False) -> str:
        text = SINGLE_REFUSED if single else ROW_REFUSED
        return text.format(period=self.closed[touch.period_id], label=touch.label)

    def check_single(self) -> None:
        """For one-record writes: raise the Korean refusal when a closed period is touched without a reason."""
        if self.refuses:
            raise JobpledgeError(self.message(self.touched[0], single=True))

    def keep(self, *, kind: str, user: Any, batch_id: int | None = None) -> list[ClosedPeriodChange]:
        """Store the reason and the rows, one entry per closed period touched (call inside the write's transaction)."""
        if not self.touched or not self.reason:
            return []
        by_period: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for touch in self.touched:
            by_period[touch.period_id].append({"row": touch.row, "record": touch.label})
        user_id = user.pk if user is not None and getattr(user, "is_authenticated", False) else None
        return [
            ClosedPeriodChange.objects.create(
                period_id=period_id, kind=kind, batch_id=batch_id, reason=self.reason, rows=rows, created_by_id=user_id
            )
            for period_id, rows in by_period.items()
        ]
