"""What an import run returns: counts, every error (up to a cap) and the departments it created."""

from __future__ import annotations

from dataclasses import dataclass, field

from jobpledge.records.importers import messages as msg

MAX_LISTED_ERRORS = 1000


@dataclass
class ImportResult:
    """Outcome of one records or aggregates import. Nothing was stored unless `ok` and not `dry_run`.

    created / updated / unchanged count the rows of the file; for a dry run they say what a real run
    would do. `more_errors` counts the errors beyond the listed ones.
    """

    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[msg.RowError] = field(default_factory=list)
    more_errors: int = 0
    new_departments: list[str] = field(default_factory=list)
    still_withdrawn: int = 0  # rows matching a withdrawn record: stored, but it stays withdrawn
    batch_id: int | None = None
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def error_count(self) -> int:
        return len(self.errors) + self.more_errors

    def add_error(self, row: int, column: str, message: str) -> None:
        if len(self.errors) < MAX_LISTED_ERRORS:
            self.errors.append(msg.RowError(row, column, message))
        else:
            self.more_errors += 1

    def error_lines(self) -> list[str]:
        lines = [str(e) for e in self.errors]
        if self.more_errors:
            lines.append(msg.MORE_ERRORS.format(count=self.more_errors))
        return lines
