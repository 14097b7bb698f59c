"""One reading of a name (department, program, employer) so that lookalikes match what they look like.

A name pasted from a web page, a word processor or a macOS file can carry characters nobody sees: zero-width
spaces (U+200B), soft hyphens (U+00AD), byte-order marks (U+FEFF) and other format characters, Hangul
decomposed into jamo (NFD), or runs of spaces. Without this, `일자리지원과\u200b` would create a second
department that looks exactly like `일자리지원과`.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def _is_invisible(char: str) -> bool:
    # Category Cf (format: ZWSP, ZWJ, ZWNJ, BOM, bidi marks, soft hyphen …); U+00AD is Cf too, named for clarity.
    return char == "\u00ad" or unicodedata.category(char) == "Cf"


def normalise_name(name: str) -> str:
    """NFC, without invisible/format characters, every run of whitespace one space, no space at either end."""
    if name.isascii():
        return _SPACES.sub(" ", name).strip()
    text = unicodedata.normalize("NFC", name)
    text = "".join(char for char in text if not _is_invisible(char))
    return _SPACES.sub(" ", text).strip()
