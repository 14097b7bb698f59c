"""Which keys a file has already had, and on which row: compact, so a million-row file stays small.

Open addressing over two arrays (64-bit key hashes, 32-bit row numbers), about 12-24 bytes per key
instead of the ~110 a dict of Python ints takes. Keys are compared by their 64-bit hash: at a million
keys the chance of one false "duplicate" is about 3 in 100 million.
"""

from __future__ import annotations

from array import array
from collections.abc import Hashable

_EMPTY = 0


class SeenKeys:
    def __init__(self, capacity: int = 1 << 12) -> None:
        self._hashes = array("q", bytes(8 * capacity))
        self._rows = array("L", bytes(4 * capacity)) if array("L").itemsize == 4 else array("I", bytes(4 * capacity))
        self._mask = capacity - 1
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def first_row(self, key: Hashable, row: int) -> int:
        """The row that first had `key`: `row` itself when the key is new (and it is remembered)."""
        code = hash(key) or 1  # 0 marks an empty slot
        hashes, mask = self._hashes, self._mask
        slot = code & mask
        while True:
            found = hashes[slot]
            if found == code:
                return self._rows[slot]
            if found == _EMPTY:
                break
            slot = (slot + 1) & mask
        hashes[slot] = code
        self._rows[slot] = row
        self._size += 1
        if self._size * 10 > (mask + 1) * 6:  # keep the load under 60 %
            self._grow()
        return row

    def _grow(self) -> None:
        old_hashes, old_rows = self._hashes, self._rows
        capacity = (self._mask + 1) * 2
        self._hashes = array("q", bytes(8 * capacity))
        self._rows = array(old_rows.typecode, bytes(old_rows.itemsize * capacity))
        self._mask = capacity - 1
        hashes, rows, mask = self._hashes, self._rows, self._mask
        for code, row in zip(old_hashes, old_rows, strict=True):
            if code != _EMPTY:
                slot = code & mask
                while hashes[slot] != _EMPTY:
                    slot = (slot + 1) & mask
                hashes[slot] = code
                rows[slot] = row
