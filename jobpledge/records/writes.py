"""The one narrow interface through which record writes keep what is derived from them up to date.

records sits below counting (docs/architecture.md), so it cannot import the summary tallies; yet every write to
JobRecord must change them in its own transaction. Counting therefore registers its implementation here when the
apps are ready (jobpledge.counting.apps), and records hands it plain values only: for each changed row, its id and
the TRACKED_FIELDS before and after the write, never a model of a higher layer.

- `tracker(using)`: an accumulator for one write (or one whole import). `begin()` takes the writers' lock and says
  whether the tallies are maintained at all; `change(changes)` for each batch, *before* rows without an id are
  inserted; `rows` is the net number of rows inserted (+) or deleted (-); `write()` once at the end.
- `lock_writers(using)`: the writers' lock alone; the record services take it before they lock a record, so that
  every writer queues in one order.
- `bulk_written(using)`: a set-based write (`.update()`, `bulk_create` …) bypassed the tracker; the tallies are
  marked stale and rebuilt by the next read, unless the writer declared `maintained_writes()` and tracked its rows
  itself.

Without a registration every call raises ImproperlyConfigured: a write never silently skips its tallies.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django.core.exceptions import ImproperlyConfigured

# The JobRecord fields a tracker reads (attribute names, as `values()` gives them).
TRACKED_FIELDS = [
    "program_id",
    "period_id",
    "department_id",
    "is_senior_activity",
    "is_demo",
    "start_date",
    "end_date",
    "retention_deadline",
    "generation",
    "gender",
    "is_resident",
    "person_pseudonym",
    "withdrawn_at",
]

# A change to one record: (its id, or None for a row not yet inserted; old values or None; new values or None).
Change = tuple[int | None, Mapping[str, Any] | None, Mapping[str, Any] | None]


class Tracker(Protocol):
    rows: int

    def begin(self) -> bool: ...

    def change(self, changes: Sequence[Change]) -> None: ...

    def write(self) -> None: ...


@dataclass(frozen=True)
class _Hooks:
    tracker: Callable[[str], Tracker]
    lock: Callable[[str], bool]
    bypassed: Callable[[str], None]


_hooks: _Hooks | None = None
_maintained: contextvars.ContextVar[bool] = contextvars.ContextVar("record_writes_maintained", default=False)

MSG_NOT_REGISTERED = "no record-write tracker is registered: is jobpledge.counting in INSTALLED_APPS?"


def register(
    *, tracker: Callable[[str], Tracker], lock: Callable[[str], bool], bypassed: Callable[[str], None]
) -> None:
    """Called once by the layer that keeps derived data (counting's AppConfig.ready)."""
    global _hooks
    _hooks = _Hooks(tracker=tracker, lock=lock, bypassed=bypassed)


def _registered() -> _Hooks:
    if _hooks is None:
        raise ImproperlyConfigured(MSG_NOT_REGISTERED)
    return _hooks


def tracker(using: str = "default") -> Tracker:
    return _registered().tracker(using)


def lock_writers(using: str = "default") -> bool:
    """Lock the writers' row until the transaction ends; True when the tallies are maintained."""
    return _registered().lock(using)


@contextlib.contextmanager
def maintained_writes() -> Iterator[None]:
    """Set-based JobRecord writes inside this block are tracked by the writer itself (through a `tracker`)."""
    token = _maintained.set(True)
    try:
        yield
    finally:
        _maintained.reset(token)


def bulk_written(*, using: str = "default") -> None:
    """A write changed records without the tracker: the next summary read rebuilds the tallies."""
    if _maintained.get():
        return
    _registered().bypassed(using)
