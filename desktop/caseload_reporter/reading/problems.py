"""Problems an officer may meet when reading a file, each carrying one plain sentence.

The class says what kind of problem it is (so the app can react, for example by offering a
password box); ``str(problem)`` is the sentence shown to the officer, never a traceback, and
``reason`` is a stable code for automation (``inspect --json`` gives it), one of REASONS.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

#: Why a file could not be used, as a machine reads it. The sentences may be reworded; these never are.
UNREADABLE: Final = "unreadable"  # missing, locked, damaged or cut short: the bytes could not be read
UNSAFE: Final = "unsafe"  # refused before parsing: a bomb, entity declarations, or a sheet far too large
PASSWORD: Final = "password"  # encrypted: needs its password, or a kind of protection the app cannot open
UNSUPPORTED_FORMAT: Final = "unsupported_format"  # not a spreadsheet, or a format the app does not read
NOTHING_RECOGNISED: Final = "nothing_recognised"  # read, but nothing in it could be used
REASONS: Final = (UNREADABLE, UNSAFE, PASSWORD, UNSUPPORTED_FORMAT, NOTHING_RECOGNISED)


class ImportProblem(Exception):
    """A file could not be read. ``str(problem)`` is one sentence fit to show an officer."""

    #: True when giving the file's password could get it read (the app then offers a password box).
    password_required: bool = False
    #: Why, as one of REASONS.
    reason: str = UNREADABLE


class NotASpreadsheet(ImportProblem):
    """The bytes are not a spreadsheet or CSV file, whatever the file name says."""

    reason = UNSUPPORTED_FORMAT


class DamagedFile(NotASpreadsheet):
    """A spreadsheet container that is cut short or corrupt (a half-copied or half-downloaded file)."""

    reason = UNREADABLE


class EmptyFile(ImportProblem):
    """No bytes, only blanks, or no worksheet at all: read, with nothing in it to use."""

    reason = NOTHING_RECOGNISED


class PasswordProtected(ImportProblem):
    """An encrypted workbook: it can be read once the officer gives its password."""

    password_required = True
    reason = PASSWORD


class WrongPassword(PasswordProtected):
    """A password was given but it does not open the workbook."""


class UnsupportedProtection(PasswordProtected):
    """Encrypted in a way the app cannot decrypt (Excel 95's, an unknown method): asking for the
    password would not help, so the sentence says how to remove it instead."""

    password_required = False


class UnsafeFile(ImportProblem):
    """Refused before parsing because it would unpack to far more than any caseload file (a zip bomb),
    or holds XML features no spreadsheet program writes (entity declarations)."""

    reason = UNSAFE


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
