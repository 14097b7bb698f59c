"""Per-row derived values at import speed: the pseudonym's HMAC from precomputed states, and records.derive
remembered per start date. Property tests (records/tests/test_importer_fast_paths.py) compare each with the
general function it stands for."""

from __future__ import annotations

import datetime as dt
import hashlib

from jobpledge.core.periods import full_age, generation_band
from jobpledge.records.derive import PeriodBounds, derive

STARTS_REMEMBERED = 20_000  # start dates remembered per import (a file has a few thousand)


_SHA256_BLOCK = 64
_IPAD = bytes(x ^ 0x36 for x in range(256))
_OPAD = bytes(x ^ 0x5C for x in range(256))


class Pseudonymiser:
    """core.pseudonym.pseudonymise over an already normalised identifier.

    The same HMAC-SHA256 (RFC 2104) as `hmac.new`, with the key's inner and outer hash states computed once:
    a row then costs two hash-state copies, about half of what copying an `hmac.HMAC` object costs.
    """

    def __init__(self, key: str) -> None:
        secret = key.encode()
        if len(secret) > _SHA256_BLOCK:
            secret = hashlib.sha256(secret).digest()
        secret = secret.ljust(_SHA256_BLOCK, b"\0")
        self._inner = hashlib.sha256(secret.translate(_IPAD))
        self._outer = hashlib.sha256(secret.translate(_OPAD))

    def __call__(self, normalised: str) -> str:
        inner = self._inner.copy()
        inner.update(normalised.encode())
        outer = self._outer.copy()
        outer.update(inner.digest())
        return outer.hexdigest()


class Derivations:
    """records.derive for row after row, remembering what the start date alone decides.

    The period and the retention deadline depend on the start date only, and the generation on the age
    only; a file has a few thousand start dates and a hundred ages, so a row costs one `full_age`. The first
    row with a start date goes through `derive` itself, and the parts come from core.periods, as derive's do.
    """

    def __init__(self, periods: list[PeriodBounds]) -> None:
        self.periods = periods
        self._by_start: dict[dt.date, tuple[int | None, dt.date]] = {}
        self._bands: dict[int, str] = {}

    def __call__(self, birth: dt.date, start: dt.date) -> tuple[int | None, int, str, dt.date]:
        """(period id, 만 나이, generation, retention deadline), equal to `derive`'s."""
        known = self._by_start.get(start)
        if known is None:
            derived = derive(birth_date=birth, start_date=start, periods=self.periods)
            if len(self._by_start) < STARTS_REMEMBERED:
                self._by_start[start] = (derived.period_id, derived.retention_deadline)
            return derived.period_id, derived.age_at_start, derived.generation, derived.retention_deadline
        age = full_age(birth, start)
        generation = self._bands.get(age)
        if generation is None:
            generation = self._bands[age] = generation_band(age)
        return known[0], age, generation, known[1]
