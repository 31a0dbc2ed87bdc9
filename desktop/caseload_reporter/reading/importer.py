"""Importing files: the long task the app runs off the GUI thread and the CLI runs directly."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from caseload_reporter.core.progress import PlainTaskState, TaskState
from caseload_reporter.reading.choices import ChoiceMemory, SheetChoice
from caseload_reporter.reading.grid import FORMAT_NAMES, gc_paused, read_workbook
from caseload_reporter.reading.problems import NOTHING_RECOGNISED, UNREADABLE, ImportProblem
from caseload_reporter.reading.sheet_import import import_sheet
from caseload_reporter.reading.sheet_result import SheetResult


@dataclass
class FileResult:
    """One file's outcome: its sheets when it was read, or one sentence saying why not.

    ``reason`` says why not as a stable code (see :mod:`caseload_reporter.reading.problems`), for
    automation; it is None when the file was used.
    """

    path: Path
    ok: bool
    error: str | None = None
    reason: str | None = None
    format: str | None = None
    encoding: str | None = None
    sheets: list[SheetResult] = field(default_factory=list)
    password_required: bool = False  # the file is encrypted: ask for its password and try again
    password: str | None = field(default=None, repr=False)  # kept in memory only, never saved

    @property
    def format_name(self) -> str:
        return FORMAT_NAMES.get(self.format or "", "unknown")

    def imported_count(self) -> int:
        return sum(s.imported_count() for s in self.sheets)

    def rejected_count(self) -> int:
        return sum(len(s.rejected) for s in self.sheets)

    @property
    def unsure(self) -> bool:
        """True when a person should check the mapping before the rows are used."""
        return self.ok and any(s.unsure for s in self.sheets)


def import_file(
    path: Path | str,
    state: TaskState | None = None,
    today: dt.date | None = None,
    choices: dict[str, SheetChoice] | None = None,
    memory: ChoiceMemory | None = None,
    password: str | None = None,
) -> FileResult:
    """Read one file into canonical tables. Bad files give ``ok=False`` and a sentence, never a raise.

    ``choices`` holds the officer's corrections by sheet name; sheets without one use a choice
    remembered in ``memory`` for that kind of sheet, or what the importer detects.
    """
    with gc_paused():  # until the grids are freed with _import's frame, so no collection walks their rows
        return _import(path, state, today, choices, memory, password)


def _import(
    path: Path | str,
    state: TaskState | None,
    today: dt.date | None,
    choices: dict[str, SheetChoice] | None,
    memory: ChoiceMemory | None,
    password: str | None,
) -> FileResult:
    state = state or PlainTaskState()
    path = Path(path)
    state.set_progress(0.0, f"Reading {path.name}")
    try:
        book = read_workbook(path, password=password)
    except ImportProblem as problem:
        return FileResult(
            path,
            False,
            str(problem),
            reason=problem.reason,
            password_required=problem.password_required,
            password=password,
        )
    except MemoryError:
        return FileResult(path, False, f"{path.name} is too large to read on this computer.", reason=UNREADABLE)
    result = FileResult(path, True, format=book.format, encoding=book.encoding, password=password)
    for number, grid in enumerate(book.grids):
        state.check_cancelled()
        state.set_progress((number + 0.5) / len(book.grids), f"Understanding sheet '{grid.name}'")
        choice = (choices or {}).get(grid.name)
        result.sheets.append(
            import_sheet(
                grid, path.name, today=today, choice=choice, memory=memory, name_is_meaningful=book.format != "csv"
            )
        )
    if result.imported_count() == 0:
        result.ok = False
        result.error = f"{path.name} was read, but no caseload or service figures could be recognised in it."
        result.reason = NOTHING_RECOGNISED
    state.set_progress(1.0, f"Read {path.name}")
    return result


def import_files(
    paths: list[Path],
    state: TaskState | None = None,
    today: dt.date | None = None,
    memory: ChoiceMemory | None = None,
    passwords: dict[Path, str] | None = None,
) -> list[FileResult]:
    """Import several files in order, reporting progress across all of them."""
    state = state or PlainTaskState()
    results = []
    for number, path in enumerate(paths):
        state.check_cancelled()
        inner = _Scaled(state, number / len(paths), 1 / len(paths))
        password = (passwords or {}).get(Path(path))
        results.append(import_file(path, inner, today=today, memory=memory, password=password))
    state.set_progress(1.0, "Import finished")
    return results


class _Scaled:
    """Maps a sub-task's 0..1 progress into its slice of the whole."""

    def __init__(self, outer: TaskState, offset: float, width: float) -> None:
        self.outer, self.offset, self.width = outer, offset, width

    def set_progress(self, fraction: float, message: str = "") -> None:
        self.outer.set_progress(self.offset + self.width * fraction, message)

    def is_cancelled(self) -> bool:
        return self.outer.is_cancelled()

    def check_cancelled(self) -> None:
        self.outer.check_cancelled()
