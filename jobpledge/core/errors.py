"""Errors a user sees carry a Korean message; the code catching them prints it, never a traceback."""

from __future__ import annotations


class JobpledgeError(Exception):
    """Base for expected, user-facing failures."""

    def __init__(self, message: str, *, lines: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.lines = lines or []

    def __str__(self) -> str:
        return "\n".join([self.message, *self.lines])
