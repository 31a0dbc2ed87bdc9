"""Problems an officer may meet when reading a file, each carrying one plain sentence.

The class says what kind of problem it is (so the app can react, for example by offering a
password box); ``str(problem)`` is the sentence shown to the officer, never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


class ImportProblem(Exception):
    """A file could not be read. ``str(problem)`` is one sentence fit to show an officer."""

    #: True when giving the file's password could get it read (the app then offers a password box).
    password_required: bool = False


class NotASpreadsheet(ImportProblem):
    """The bytes are not a spreadsheet or CSV file, whatever the file name says."""


class DamagedFile(NotASpreadsheet):
    """A spreadsheet container that is cut short or corrupt (a half-copied or half-downloaded file)."""


class EmptyFile(ImportProblem):
    """No bytes, only blanks, or no worksheet at all."""


class PasswordProtected(ImportProblem):
    """An encrypted workbook: it can be read once the officer gives its password."""

    password_required = True


class WrongPassword(PasswordProtected):
    """A password was given but it does not open the workbook."""


class UnsafeFile(ImportProblem):
    """Refused before parsing because it would unpack to far more than any caseload file (a zip bomb),
    or holds XML features no spreadsheet program writes (entity declarations)."""


class TooLarge(UnsafeFile):
    """A sheet far larger than any caseload file: refused before its cells are materialised."""


class UnsavedFormulas(ImportProblem):
    """Every formula in the workbook lacks a saved result, so every formula cell would read as blank."""


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
