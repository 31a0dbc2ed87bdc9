"""Report projects: File > New report, Open project, Save project, Save as, and the autosave offered back.

A project (``reporting.project_file``, JSON) holds the draft, the fingerprints of the spreadsheets
it was written from and the caseload targets, so opening it brings the same figures back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QInputDialog

from caseload_reporter.core.atomic_write import TargetLocked
from caseload_reporter.reporting.project_file import PROJECT_SUFFIX, ProjectError, load_project
from caseload_reporter.reporting.report_templates import TemplateError
from caseload_reporter.session.session import ProjectOpened, Session
from caseload_reporter.ui.autosave import Autosave
from caseload_reporter.ui.pages.report_page import ReportPage
from caseload_reporter.ui.questions import choose
from caseload_reporter.ui.report_export import default_file_name, documents_folder
from caseload_reporter.ui.task_runner import TaskRunner

PROJECT_FILTER = f"Caseload Reporter projects (*{PROJECT_SUFFIX});;All files (*)"


class ProjectWindow(Protocol):
    """What the project actions need from the main window: its session, its runner and how to open data."""

    session: Session
    runner: TaskRunner
    autosave: Autosave

    def show_report_page(self) -> None: ...

    def open_sample(self) -> None: ...

    def open_paths(self, paths: list[Path], add: bool = False) -> None: ...


class ReportProjects(QObject):
    """File > New report, Open project, Save project, Save as, and the autosave offered back after a crash.

    The session opens and saves the project file; this adds the questions, the file dialogs and the
    messages, and reads the project's spreadsheets again through ``window`` (off the GUI thread).
    Dialogs are parented to the page's window.
    """

    def __init__(self, window: ProjectWindow, page: ReportPage) -> None:
        super().__init__(page)
        self.window = window
        self.page = page
        self.session = window.session

    # -- menu actions ------------------------------------------------------------------------
    def new_report(self) -> bool:
        if self.session.modified and not self.confirm_discard():
            return False
        key = self.choose_new_template()
        if key is None:
            return False
        try:
            self.session.new_draft(key)
        except TemplateError as problem:
            self.page.show_message(str(problem))
            return False
        self.window.show_report_page()
        return True

    def open_project(self) -> bool:
        if self.window.runner.is_busy():
            self.page.show_message("Please wait for the current task to finish, or cancel it.")
            return False
        if self.session.modified and not self.confirm_discard():
            return False
        path = self.choose_open_path()
        return self.open_path(path) if path is not None else False

    def open_path(self, path: Path) -> bool:
        self.window.show_report_page()
        try:
            opened = self.session.open_project(Path(path))
        except ProjectError as problem:
            self.page.show_message(str(problem))
            return False
        self._reopen(opened, f"Opened {Path(path).name}.")
        return True

    def save(self) -> bool:
        if self.session.project_path is None:
            return self.save_as()
        return self.save_to(self.session.project_path)

    def save_as(self) -> bool:
        path = self.choose_save_path()
        return self.save_to(path) if path is not None else False

    def save_to(self, path: Path) -> bool:
        path = Path(path)
        try:
            self.session.save(path)
        except TargetLocked:
            self.page.show_message(f"{path.name} is open in another program; close it there and save again.")
            return False
        except OSError as problem:
            reason = (problem.strerror or str(problem)).rstrip(".")
            self.page.show_message(f"The project could not be saved as {path}: {reason}.")
            return False
        self.page.show_message(f"Project saved to {path}.", warning=False)
        return True

    def offer_autosave(self) -> bool:
        """At start: offer back the draft a previous run left in its autosave; True if it was restored."""
        autosave = self.window.autosave
        pending = autosave.pending()
        if pending is None:
            return False
        if not autosave.ask_restore():
            autosave.discard()
            return False
        try:
            project = load_project(pending)
        except ProjectError as problem:
            self.page.show_message(f"The draft from last time could not be restored: {problem}")
            autosave.discard()
            return False
        self.window.show_report_page()
        self._reopen(self.session.open_project(None, project, restored=True), "The draft from last time is back.")
        return True

    def _reopen(self, opened: ProjectOpened, what: str) -> None:
        """Read the project's spreadsheets again (once any running task is done) and say what happened."""
        window = self.window
        if opened.sample or opened.files:
            self._when_idle(window.open_sample if opened.sample else lambda: window.open_paths(opened.files))
        self.page.show_message(" ".join([what, *opened.notes]), warning=bool(opened.notes))

    def _when_idle(self, action: Callable[[], None]) -> None:
        """Run ``action`` now, or once the running task (the first import at start-up) has finished."""
        runner = self.window.runner
        if not runner.is_busy():
            action()
            return

        def later(busy: bool) -> None:
            if not busy:
                runner.busy_changed.disconnect(later)
                action()

        runner.busy_changed.connect(later)

    # -- decisions (tests replace these on the instance) -------------------------------------
    def confirm_discard(self) -> bool:
        return choose(
            self.page.window(),
            "Replace the draft?",
            "The report draft has changes that are not saved in a project. Replace it anyway?",
            "&Replace the draft",
            "&Keep the draft",
        )

    def choose_new_template(self) -> str | None:
        templates = self.page.templates
        if not templates:
            self.page.show_message("No report templates were found; reinstall Caseload Reporter.")
            return None
        names = [t.name for t in templates]
        current = next((i for i, t in enumerate(templates) if t.key == self.page.draft.template), 0)
        name, ok = QInputDialog.getItem(
            self.page.window(), "New report", "Template for the new report:", names, current, False
        )
        return templates[names.index(name)].key if ok and name in names else None

    def choose_open_path(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self.page.window(), "Open a report project", "", PROJECT_FILTER)
        return Path(name) if name else None

    def choose_save_path(self) -> Path | None:
        folder = self.session.project_path.parent if self.session.project_path else documents_folder()
        title = self.page.draft.header.title or "Committee report"
        start = folder / (Path(default_file_name(title)).stem + PROJECT_SUFFIX)
        name, _ = QFileDialog.getSaveFileName(self.page.window(), "Save the report project", str(start), PROJECT_FILTER)
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == PROJECT_SUFFIX else path.with_name(path.name + PROJECT_SUFFIX)
