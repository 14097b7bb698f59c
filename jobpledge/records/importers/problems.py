"""The one exception a reader raises: the file cannot be read as the template, with each problem located."""

from __future__ import annotations

from jobpledge.core.errors import JobpledgeError
from jobpledge.records.importers import messages as msg


class FileProblem(JobpledgeError):
    """The file cannot be read as the template at all (or lacks columns); `errors` locate each problem."""

    def __init__(self, errors: list[msg.RowError]) -> None:
        super().__init__(errors[0].message, lines=[str(e) for e in errors[1:]])
        self.errors = errors

    @classmethod
    def of(cls, message: str, row: int = 0, column: str = "") -> FileProblem:
        return cls([msg.RowError(row, column, message)])
