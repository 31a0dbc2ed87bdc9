"""Opening spreadsheets in the window: choosing, reading off the GUI thread, passwords, the check, the session.

The reading itself is ``reading.importer.import_files`` run on the shared task runner; this module
asks what only the officer can answer (a password, whether the files were read right, whether new
figures replace the ones open) and hands the results to the session, which the pages follow.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from caseload_reporter.core.sample import sample_council
from caseload_reporter.reading.choices import ChoiceMemory
from caseload_reporter.reading.importer import FileResult, import_files
from caseload_reporter.reading.values import Period
from caseload_reporter.reporting.project_file import PROJECT_SUFFIX
from caseload_reporter.reporting.roll_forward import RolledPaper, RollForwardError
from caseload_reporter.session.session import Session
from caseload_reporter.ui.import_review import ImportReviewDialog
from caseload_reporter.ui.message_strip import MessageStrip
from caseload_reporter.ui.recent_files import recent_files, remember_file
from caseload_reporter.ui.report_projects import ReportProjects
from caseload_reporter.ui.task_runner import TaskRunner

log = logging.getLogger(__name__)

OPEN_FILTER = "Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv);;All files (*)"


class ImportHost(Protocol):
    """What opening files needs from the window."""

    session: Session
    runner: TaskRunner
    memory: ChoiceMemory
    settings: QSettings
    message_strip: MessageStrip
    projects: ReportProjects

    def ask_passwords(self, locked: list[FileResult]) -> dict[Path, str]: ...

    def ask_replace(self, periods: list[Period], result: FileResult) -> bool: ...

    def show_page(self, name: str) -> None: ...

    def show_changes(self, paper: RolledPaper) -> None: ...

    def refresh_recent_menu(self) -> None: ...


class ImportFlow(QObject):
    """File > Open, Add files, Open the sample, recent files, dropped files and File > Check how files were read."""

    def __init__(self, window: QWidget, host: ImportHost) -> None:
        """``window`` parents the dialogs; ``host`` (the same window) holds the session and the runner."""
        super().__init__(window)
        self.window = window
        self.host = host

    def choose_files(self, add: bool = False) -> None:
        recent = recent_files(self.host.settings)
        start = str(recent[0].parent) if recent else ""
        title = "Add caseload spreadsheets to the open data" if add else "Open caseload spreadsheets"
        names, _ = QFileDialog.getOpenFileNames(self.window, title, start, OPEN_FILTER)
        if names:
            self.open_paths([Path(n) for n in names], add=add)

    def open_sample(self) -> None:
        sample = sample_council()
        self._start([sample.workbook], sample_name=sample.name, add=False)

    def open_paths(self, paths: list[Path], add: bool = False) -> None:
        """Open files chosen, dropped, recent or double-clicked. A project file (.crproject) opens as a
        project, which brings back its own spreadsheets; what is open stays open if none can be read."""
        paths = [Path(p) for p in paths]
        projects = [p for p in paths if p.suffix.lower() == PROJECT_SUFFIX]
        sheets = [p for p in paths if p.suffix.lower() != PROJECT_SUFFIX]
        if projects:
            self.host.projects.open_path(projects[0])
            if len(projects) > 1:
                self.host.message_strip.show_message(f"Only one project opens at a time: {projects[0].name} is open.")
            return
        if sheets:
            self._start(sheets, sample_name=None, add=add and not self.host.session.dataset.is_empty())

    def _start(self, paths: list[Path], sample_name: str | None, add: bool) -> None:
        host = self.host
        if host.runner.is_busy():
            host.message_strip.show_message("Please wait for the current import to finish, or cancel it.")
            return
        title = "Opening the sample council" if sample_name else f"Opening {', '.join(p.name for p in paths)}"
        host.runner.start(
            title,
            import_files,
            paths,
            memory=host.memory,
            on_done=lambda results: self._imported(results, sample_name, add),
            on_error=self._failed,
        )

    def _imported(self, results: list[FileResult], sample_name: str | None, add: bool) -> None:
        host = self.host
        locked = [r for r in results if r.password_required]
        if locked and sample_name is None:
            passwords = host.ask_passwords(locked)
            if passwords:
                host.runner.start(
                    "Opening protected files",
                    import_files,
                    list(passwords),
                    memory=host.memory,
                    passwords=passwords,
                    on_done=lambda again: self._imported(_merged(results, again), sample_name, add),
                    on_error=self._failed,
                )
                return
        if sample_name is None and any(r.unsure for r in results):
            reviewed = self.review(results)
            if reviewed is None:
                host.message_strip.show_message(
                    "The import was cancelled; the data already open is unchanged.", warning=False
                )
                return
            results = reviewed
        outcome = host.session.use_import(results, sample_name=sample_name, add=add, decide=host.ask_replace)
        if not outcome.used:
            kept = "The data already open is unchanged." if not host.session.dataset.is_empty() else ""
            host.message_strip.show_message(" ".join([*(r.error or "" for r in outcome.failures), kept]).strip())
            return
        if sample_name is None:
            for result in results:
                if result.ok:
                    remember_file(host.settings, result.path)
            host.refresh_recent_menu()
        if outcome.failures:
            host.message_strip.show_message(" ".join(r.error or "" for r in outcome.failures))
        else:
            host.message_strip.hide()
        if outcome.statistics_only and not outcome.failures:
            host.message_strip.show_message(
                "The published statistics are open beside your data: the Benchmarks page compares them.", warning=False
            )
            host.show_page("Benchmarks")

    # -- next quarter's paper ------------------------------------------------------------------
    def roll_forward(self) -> None:
        """File > New paper from this one: choose the new period's spreadsheets, then carry the paper forward."""
        host = self.host
        if host.runner.is_busy():
            host.message_strip.show_message("Please wait for the current task to finish, or cancel it.")
            return
        names, _ = QFileDialog.getOpenFileNames(self.window, "The new period's caseload spreadsheets", "", OPEN_FILTER)
        if names:
            self.roll_forward_with([Path(n) for n in names])

    def roll_forward_with(self, paths: list[Path]) -> None:
        host = self.host
        host.runner.start(
            f"Reading {', '.join(p.name for p in paths)}",
            import_files,
            paths,
            memory=host.memory,
            on_done=self._rolled,
            on_error=self._failed,
        )

    def _rolled(self, results: list[FileResult]) -> None:
        host = self.host
        if any(r.unsure for r in results):
            reviewed = self.review(results)
            if reviewed is None:
                host.message_strip.show_message("The new paper was not started; the paper open is unchanged.")
                return
            results = reviewed
        try:
            paper = host.session.roll_forward(results, decide=host.ask_replace)
        except RollForwardError as problem:
            host.message_strip.show_message(f"{problem} The paper open is unchanged.")
            return
        host.show_page("Report")
        host.show_changes(paper)

    def review(self, results: list[FileResult]) -> list[FileResult] | None:
        """Show how the files were read and take the officer's corrections; None if cancelled."""
        dialog = ImportReviewDialog(results, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        for signature, choice, path in dialog.confirmed_choices():
            self.host.memory.remember(signature, choice, example=str(path))
        return dialog.final_results()

    def review_open_files(self) -> None:
        """Re-check the open files' mapping; the corrected figures replace the ones open."""
        files = [f for f in self.host.session.dataset.files if f.ok]
        if not files:
            self.host.message_strip.show_message("No files are open to check.", warning=False)
            return
        reviewed = self.review(files)
        if reviewed is not None:
            self.host.session.replace_files(reviewed)

    def _failed(self, error: BaseException) -> None:
        # Importers turn bad files into sentences; reaching here is a bug, so log it in full.
        log.error("Import failed unexpectedly", exc_info=(type(error), error, error.__traceback__))
        self.host.message_strip.show_message(
            "The file could not be opened because of an unexpected problem; it has been written to the log. "
            "The data already open is unchanged."
        )


def _merged(first: list[FileResult], again: list[FileResult]) -> list[FileResult]:
    """The first attempt's results with files that were tried again replaced by their new result."""
    newer = {r.path: r for r in again}
    return [newer.get(r.path, r) for r in first]
