"""Checking and exporting the Word report: build it off the GUI thread, show what the officer should know, save.

The build runs on the shared TaskRunner (progress and Cancel in the status bar); its charts are
drawn on the GUI thread through :class:`GuiThreadCall`. Every decision the officer makes is a small
method (:meth:`ReportExport.choose_path`, :meth:`ReportExport.ask_findings`,
:meth:`ReportExport.ask_retry`, :meth:`ReportExport.show_findings`) that tests replace on the
instance. Nothing touches the draft; a report that cannot be saved leaves no file behind.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QSettings, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QListWidget,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from caseload_reporter.analysis.thresholds import Thresholds, default_thresholds
from caseload_reporter.core.atomic_write import TargetLocked
from caseload_reporter.core.progress import TaskState
from caseload_reporter.core.words import plural
from caseload_reporter.reading.dataset import Dataset
from caseload_reporter.reporting.accessibility_findings import Finding, summary
from caseload_reporter.reporting.blocks import BLOCK_KINDS
from caseload_reporter.reporting.docx_export import BuiltReport, build_report
from caseload_reporter.reporting.draft import ReportDraft
from caseload_reporter.reporting.report_templates import TemplateError
from caseload_reporter.ui.chart_images import render_png
from caseload_reporter.ui.gui_thread_call import GuiThreadCall
from caseload_reporter.ui.style import fit_to_screen
from caseload_reporter.ui.task_runner import TaskRunner

log = logging.getLogger(__name__)

NO_DATA = "There is no data to report on: open a spreadsheet, or the sample council, and then export."
SEVERITY_WORDS = {"error": "Error", "warning": "Warning"}
LAST_FOLDER_KEY = "report/export_folder"
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


class ExportHost(Protocol):
    """What the export needs from the Report page."""

    @property
    def draft(self) -> ReportDraft: ...
    @property
    def dataset(self) -> Dataset: ...
    @property
    def thresholds(self) -> Thresholds | None: ...

    def show_message(
        self, text: str, warning: bool = True, action: tuple[str, Callable[[], None]] | None = None
    ) -> None: ...


def build_in_worker(
    draft: ReportDraft, dataset: Dataset, thresholds: Thresholds, gui_call: GuiThreadCall, state: TaskState
) -> BuiltReport:
    """The task: build the report on the worker thread, drawing each chart on the GUI thread."""

    def render(spec, path: Path) -> Path:
        return gui_call(render_png, spec, path, state=state)

    return build_report(draft, dataset, thresholds, state=state, render_chart=render)


def default_file_name(title: str) -> str:
    """A file name from the report title that Windows accepts: 'Caseloads: March' -> 'Caseloads March.docx'."""
    name = " ".join(_UNSAFE.sub(" ", title).split()).strip(" .")[:80].rstrip(" .")
    return f"{name or 'Committee report'}.docx"


def documents_folder() -> Path:
    """Where a report or project is first offered to go: the officer's Documents folder wherever it is
    (IT often moves it into OneDrive: C:\\Users\\name\\OneDrive - Council\\Documents), else the home folder."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def skipped_text(entry: str) -> str:
    """'table.teams: The data has no ...' -> 'Table: teams against target: The data has no ...'."""
    kind, _, reason = entry.partition(": ")
    info = BLOCK_KINDS.get(kind)
    return f"{info.label} — {reason}" if info and reason else entry


class FindingsDialog(QDialog):
    """Every finding in words (severity, where, what to do) and the data blocks that will be left out."""

    def __init__(
        self, findings: Sequence[Finding], skipped: Sequence[str], exporting: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Before you export" if exporting else "Accessibility check")
        # Room for the table of findings; a clean result needs only its sentence.
        if findings or skipped:
            self.setMinimumSize(760, 420)
        else:
            self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        if findings or skipped:
            parts = [summary(list(findings))] if findings else ["No accessibility problems found"]
            if skipped:
                parts.append(f"{plural(len(skipped), 'data block')} will be left out")
            lead = "; ".join(parts) + "."
            if exporting:
                lead += " You can go back and fix them, or export anyway."
        else:
            lead = "No problems found. The report passes every check Caseload Reporter makes."
        self.summary_label = QLabel(lead, self)
        self.summary_label.setWordWrap(True)
        self.summary_label.setAccessibleDescription("Summary of the check")  # its name is what it says
        layout.addWidget(self.summary_label)

        self.table = QTableWidget(len(findings), 3, self)
        self.table.setAccessibleName("Problems found in the report")
        self.table.setHorizontalHeaderLabels(["Severity", "Where", "Problem and how to fix it"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for row, finding in enumerate(findings):
            severity = SEVERITY_WORDS.get(finding.severity, finding.severity.capitalize())
            for column, text in enumerate((severity, finding.where, finding.message)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                if column == 0 and finding.severity == "error":
                    font = cell.font()
                    font.setBold(True)
                    cell.setFont(font)
                self.table.setItem(row, column, cell)
        self.table.setColumnWidth(1, 220)
        self.table.resizeRowsToContents()
        self.table.setVisible(bool(findings))
        layout.addWidget(self.table, 3)

        self.skipped_list = QListWidget(self)
        self.skipped_list.setAccessibleName("Data blocks that will be left out, and why")
        self.skipped_list.setWordWrap(True)
        self.skipped_list.addItems([skipped_text(s) for s in skipped])
        skipped_label = QLabel("Left out, because the data cannot give them:", self)
        skipped_label.setBuddy(self.skipped_list)
        skipped_label.setVisible(bool(skipped))
        self.skipped_list.setVisible(bool(skipped))
        layout.addWidget(skipped_label)
        layout.addWidget(self.skipped_list, 1)

        self.buttons = QDialogButtonBox(self)
        if exporting:
            self.export_button = self.buttons.addButton("Export anyway", QDialogButtonBox.ButtonRole.AcceptRole)
            self.back_button = self.buttons.addButton("Go back", QDialogButtonBox.ButtonRole.RejectRole)
            self.back_button.setDefault(True)
            self.back_button.setFocus()
        else:
            close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
            close.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        fit_to_screen(self, self.sizeHint().expandedTo(self.minimumSize()))


class ReportExport(QObject):
    """Runs "Check accessibility" and "Export to Word…" for the Report page."""

    def __init__(self, host: ExportHost, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.runner = runner
        self.gui_call = GuiThreadCall(self)
        self.last_report: BuiltReport | None = None
        self.last_saved: Path | None = None

    def _widget(self) -> QWidget | None:
        parent = self.parent()
        return parent if isinstance(parent, QWidget) else None

    # -- starting ------------------------------------------------------------------------
    def check(self) -> bool:
        """Build the report in memory and show every finding; nothing is saved."""
        return self._start("Checking the report", self._checked)

    def export(self) -> bool:
        """Choose where, build, confirm any findings, save. False if it did not start."""
        if not self._ready():
            return False
        path = self.choose_path()
        if path is None:
            return False
        return self._start("Exporting the Word report", lambda report: self._built_for_export(report, path))

    def _ready(self) -> bool:
        if self.runner.is_busy():
            self.host.show_message("Please wait for the current task to finish, or cancel it.")
            return False
        if self.host.dataset.is_empty():
            self.host.show_message(NO_DATA)
            return False
        return True

    def _start(self, title: str, on_done: Callable[[BuiltReport], None]) -> bool:
        if not self._ready():
            return False
        draft = ReportDraft.from_json(self.host.draft.to_json())  # a copy: the officer may go on typing
        thresholds = self.host.thresholds or default_thresholds()
        self.runner.start(
            title,
            build_in_worker,
            draft,
            self.host.dataset,
            thresholds,
            self.gui_call,
            on_done=on_done,
            on_error=self._failed,
        )
        return True

    # -- results -------------------------------------------------------------------------
    def _checked(self, report: BuiltReport) -> None:
        self.last_report = report
        left_out = f"; {plural(len(report.skipped), 'data block')} left out" if report.skipped else ""
        self.host.show_message(f"Check finished: {summary(report.findings)}{left_out}.", warning=False)
        self.show_findings(report.findings, report.skipped)

    def _built_for_export(self, report: BuiltReport, path: Path) -> None:
        self.last_report = report
        if (report.findings or report.skipped) and not self.ask_findings(report.findings, report.skipped):
            self.host.show_message("The report was not exported; nothing was saved.", warning=False)
            return
        self.save(report, path)

    def save(self, report: BuiltReport, path: Path) -> bool:
        """Save, offering Retry while Word holds the file; one sentence for any other failure."""
        while True:
            try:
                report.save(path)
                break
            except TargetLocked:
                if self.ask_retry(path):
                    continue
                self.host.show_message(f"The report was not saved: {path.name} is still open in another program.")
                return False
            except OSError as problem:
                reason = (problem.strerror or str(problem)).rstrip(".")
                self.host.show_message(f"The report could not be saved as {path}: {reason}.")
                return False
        self.last_saved = path
        QSettings().setValue(LAST_FOLDER_KEY, str(path.parent))
        figures, tables = plural(report.figures, "figure"), plural(report.tables, "table")
        self.host.show_message(
            f"Report saved to {path} ({figures}, {tables}).",
            warning=False,
            action=("Open in Word", lambda: self.open_in_word(path)),
        )
        return True

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, TemplateError):
            self.host.show_message(f"The report could not be built: {error}")
        elif isinstance(error, OSError):
            reason = (error.strerror or str(error)).rstrip(".")
            self.host.show_message(f"The report could not be built: {reason}.")
        else:
            log.error("Building the report failed", exc_info=(type(error), error, error.__traceback__))
            self.host.show_message(
                "The report could not be built because of an unexpected problem; it has been written to the log. "
                "Your draft is unchanged."
            )

    # -- decisions (tests replace these on the instance) -----------------------------------
    def start_path(self) -> Path:
        """The file the save window first offers: the title's name in the last folder used, or Documents."""
        folder = QSettings().value(LAST_FOLDER_KEY, "") or documents_folder()
        return Path(str(folder)) / default_file_name(self.host.draft.header.title)

    def choose_path(self) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self._widget(), "Export the Word report", str(self.start_path()), "Word documents (*.docx)"
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".docx" else path.with_name(path.name + ".docx")

    def ask_findings(self, findings: Sequence[Finding], skipped: Sequence[str] = ()) -> bool:
        """True to export anyway."""
        dialog = FindingsDialog(findings, skipped, exporting=True, parent=self._widget())
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()  # deleted by Qt on the GUI thread, never left to Python's garbage collector
        return accepted

    def show_findings(self, findings: Sequence[Finding], skipped: Sequence[str] = ()) -> None:
        dialog = FindingsDialog(findings, skipped, exporting=False, parent=self._widget())
        dialog.exec()
        dialog.deleteLater()

    def ask_retry(self, path: Path) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "The report is open elsewhere",
            f"{path.name} is open in another program, perhaps Word. Close it there, then choose Retry.",
            QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Cancel,
            self._widget(),
        )
        box.setDefaultButton(QMessageBox.StandardButton.Retry)
        retry = box.exec() == QMessageBox.StandardButton.Retry
        box.deleteLater()
        return retry

    def open_in_word(self, path: Path) -> None:
        """Open the saved report in the system's program for Word documents."""
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.host.show_message(
                f"No program on this computer opened {path.name}; open it from its folder, {path.parent}."
            )
