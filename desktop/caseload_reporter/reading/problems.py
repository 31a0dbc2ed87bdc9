"""Problems an officer may meet when reading a file, each carrying one plain sentence."""

from __future__ import annotations

from dataclasses import dataclass


class ImportProblem(Exception):
    """A file could not be read. ``str(problem)`` is one sentence fit to show an officer."""


class NotASpreadsheet(ImportProblem):
    pass


class EmptyFile(ImportProblem):
    pass


class PasswordProtected(ImportProblem):
    pass


class UnsafeFile(ImportProblem):
    pass


@dataclass(frozen=True)
class Rejection:
    """A row that was read but not imported, with where it is and why."""

    sheet: str
    row: int  # as the spreadsheet shows it (1-based)
    column: str
    value: str
    reason: str

    def as_dict(self) -> dict[str, object]:
        return {"row": self.row, "column": self.column, "value": self.value, "reason": self.reason}
