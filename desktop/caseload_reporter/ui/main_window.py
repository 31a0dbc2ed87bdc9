"""The main window: navigation between pages, the File and Help menus, opening and dropping files.

It owns the open :class:`Dataset` and hands it to the pages; the pages do the showing. Importing
runs on the shared :class:`TaskRunner`, so the window stays responsive and can cancel.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QFontMetrics
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from caseload_reporter import APP_NAME
from caseload_reporter.analysis.thresholds import Thresholds
from caseload_reporter.reading.choices import ChoiceMemory
from caseload_reporter.reading.dataset import Dataset
from caseload_reporter.reading.importer import FileResult
from caseload_reporter.reading.values import Period
from caseload_reporter.reporting.council_profile import CouncilProfile
from caseload_reporter.reporting.roll_forward import RolledPaper
from caseload_reporter.session.session import Change, Session
from caseload_reporter.ui.about_dialog import AboutDialog
from caseload_reporter.ui.autosave import Autosave
from caseload_reporter.ui.dataset_banner import ask_passwords, ask_replace, banner_text
from caseload_reporter.ui.filters import FilterBar, ViewFilters
from caseload_reporter.ui.gui_thread_call import collect_garbage_on_gui_thread
from caseload_reporter.ui.import_flow import ImportFlow
from caseload_reporter.ui.message_strip import MessageStrip
from caseload_reporter.ui.pages.benchmarks_page import BenchmarksPage, remembered_council
from caseload_reporter.ui.pages.compare_page import ComparePage
from caseload_reporter.ui.pages.data_page import DataPage
from caseload_reporter.ui.pages.districts_page import DistrictsPage
from caseload_reporter.ui.pages.measures_page import MeasuresPage
from caseload_reporter.ui.pages.report_page import ReportPage
from caseload_reporter.ui.pages.staffing_page import StaffingPage
from caseload_reporter.ui.pages.teams_page import TeamsPage
from caseload_reporter.ui.profile_dialog import ProfileDialog, load_user_profile
from caseload_reporter.ui.progress_panel import ProgressPanel
from caseload_reporter.ui.recent_files import recent_files
from caseload_reporter.ui.report_projects import ReportProjects
from caseload_reporter.ui.roll_forward_dialog import RollForwardDialog
from caseload_reporter.ui.style import first_focusable
from caseload_reporter.ui.task_runner import TaskRunner
from caseload_reporter.ui.thresholds_dialog import ThresholdsDialog, load_user_thresholds
from caseload_reporter.ui.window_menus import build_menus, refresh_recent_menu

log = logging.getLogger(__name__)

OPEN_FILTER = "Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv);;All files (*)"
# Pages that do not follow the view filters: the report works from all the data, benchmarks from published years.
UNFILTERED_PAGES = {
    "Benchmarks": "Not used here: benchmarks compare whole published years.",
    "Report": "Not used here: the report is worked out from all the data open.",
}
DEFAULT_SIZE = QSize(1360, 860)
MINIMUM_SIZE = QSize(640, 480)


class MainWindow(QMainWindow):
    dataset_changed = Signal(object)
    # Made by ui.window_menus.build_menus.
    open_action: QAction
    add_action: QAction
    review_action: QAction
    sample_action: QAction
    recent_menu: QMenu
    new_report_action: QAction
    open_project_action: QAction
    save_project_action: QAction
    save_as_action: QAction
    export_action: QAction
    undo_action: QAction
    redo_action: QAction
    targets_action: QAction
    about_action: QAction

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        """``data_dir``: the per-user folder for mappings, targets, autosaves (``app.user_data_dir()`` when run)."""
        super().__init__(parent)
        collect_garbage_on_gui_thread()  # never on an import's or export's worker thread: see gui_thread_call
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.data_dir = data_dir
        self.memory = ChoiceMemory(self.data_dir / "mappings.json")
        self.thresholds_path = self.data_dir / "thresholds.json"
        self.settings = QSettings()
        # Everything open (data, targets, council, draft, undo, project): the pages read it from here.
        self.profile_path = self.data_dir / "profile.json"
        self.session = Session(load_user_thresholds(self.thresholds_path), profile=load_user_profile(self.profile_path))
        self.session.set_council(remembered_council())
        self.session.subscribe(self._session_changed)
        self.runner = TaskRunner(self)
        self._build()
        self._restore_geometry()
        # The report draft: saved as a project on request, autosaved each minute it changes, and offered
        # back at the next start if the app did not close cleanly.
        self.autosave = Autosave(self.data_dir, self.session.snapshot, parent=self)
        self.report_page.changed.connect(self.autosave.mark_changed)
        QTimer.singleShot(0, self, self.projects.offer_autosave)

    # -- what is open is the session's ------------------------------------------------------
    @property
    def dataset(self) -> Dataset:
        return self.session.dataset

    @property
    def thresholds(self) -> Thresholds:
        return self.session.thresholds

    @property
    def is_sample(self) -> bool:
        return self.session.is_sample

    def _session_changed(self, changes: frozenset[Change]) -> None:
        if Change.DATA in changes:
            self._show_dataset()
        if changes & {Change.DATA, Change.STATE}:
            self._update_title()
        if Change.TARGETS in changes:
            self._keep_thresholds()

    # -- construction ---------------------------------------------------------------------
    def _build(self) -> None:
        central = QWidget(self)
        outer = QVBoxLayout(central)
        self.banner = QLabel(self)
        self.banner.setObjectName("datasetBanner")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        self.banner.setAccessibleDescription("What data is open")  # its name is its text, which changes
        self.banner.setText("<b>No data open.</b> Use File &gt; Open, or drop a spreadsheet on this window.")
        outer.addWidget(self.banner)
        self.message_strip = MessageStrip("What happened", self)
        self.filter_bar = FilterBar(self)
        self.filter_bar.changed.connect(self._filters_changed)
        outer.addWidget(self.filter_bar)

        body = QHBoxLayout()
        # Made before the pages, so the page list comes first in the focus chain (Tab order).
        self.nav = QListWidget(self)
        self.nav.setAccessibleName("Pages")
        self.pages = QStackedWidget(self)
        self.data_page = DataPage(self)
        self.data_page.review_requested.connect(self.review_open_files)
        self.teams_page = TeamsPage(self.session, self)
        self.districts_page = DistrictsPage(self.session, self)
        self.districts_page.drill_down.connect(self.show_district_teams)
        self.compare_page = ComparePage(self.session, self)
        self.measures_page = MeasuresPage(self.session, self)
        self.staffing_page = StaffingPage(self.session, self)
        self.benchmarks_page = BenchmarksPage(self.session, self)
        self.benchmarks_page.council_changed.connect(self._council_changed)
        self.report_page = ReportPage(self.session, self.runner, self)
        self.projects = ReportProjects(self, self.report_page)
        # The one list of pages: the navigation shows their names in this order, the stack holds them.
        self.page_list: tuple[tuple[str, QWidget], ...] = (
            ("Data", self.data_page),
            ("Teams", self.teams_page),
            ("Districts", self.districts_page),
            ("Compare periods", self.compare_page),
            ("Service measures", self.measures_page),
            ("Staffing", self.staffing_page),
            ("Benchmarks", self.benchmarks_page),
            ("Report", self.report_page),
        )
        for name, page in self.page_list:
            self.nav.addItem(name)
            self.pages.addWidget(page)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        font = self.nav.font()
        font.setPointSize(11)  # as the style sheet below sets it
        widest = max(QFontMetrics(font).horizontalAdvance(name) for name in self.page_names())
        self.nav.setFixedWidth(widest + 2 * self.nav.frameWidth() + 36)
        self.nav.setStyleSheet("QListWidget { font-size: 11pt; } QListWidget::item { padding: 8px; }")
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        # The report works from all the data and benchmarks from published years: the view filters would mislead,
        # so there the bar says why it is not in use (it stays in its place: the page never jumps).
        self.nav.currentRowChanged.connect(
            lambda row: self.filter_bar.set_not_applying(UNFILTERED_PAGES.get(self.page_names()[row], ""))
        )
        self.nav.setCurrentRow(0)
        body.addWidget(self.nav)
        body.addWidget(self.pages, 1)
        outer.addLayout(body, 1)
        # Under the pages: a message that appears shortens them from below, and never moves what is read.
        outer.addWidget(self.message_strip)
        self.setCentralWidget(central)

        self.progress_panel = ProgressPanel(self)
        self.progress_panel.attach(self.runner)
        self.statusBar().addPermanentWidget(self.progress_panel)
        self.runner.busy_changed.connect(self._on_busy)
        self.imports = ImportFlow(self, self)
        build_menus(self)

    def export_report(self) -> None:
        self.show_report_page()
        self.report_page.export.export()

    def page_names(self) -> list[str]:
        return [name for name, _page in self.page_list]

    def show_page(self, name: str) -> None:
        self.nav.setCurrentRow(self.page_names().index(name))

    def go_to_page(self, name: str) -> None:
        """View > a page (Ctrl+1 to Ctrl+8): show it and put the keyboard in it, on its first field."""
        self.show_page(name)
        page = dict(self.page_list)[name]
        first = first_focusable(page)
        (first or self.nav).setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_report_page(self) -> None:
        self.show_page("Report")

    def _update_title(self) -> None:
        """'Quarterly update* — Wenmoor — Caseload Reporter': the project, unsaved changes, the data."""
        session = self.session
        named = session.project_path is not None or session.modified
        parts = [session.project_name + ("*" if session.modified else "")] if named else []
        if self.dataset.name:
            parts.append(self.dataset.name)
        self.setWindowTitle(" — ".join([*parts, APP_NAME]))

    def refresh_recent_menu(self) -> None:
        refresh_recent_menu(self.recent_menu, recent_files(self.settings), self.open_paths)

    # -- opening data (ui.import_flow does the work) ------------------------------------
    def choose_files(self, add: bool = False) -> None:
        self.imports.choose_files(add)

    def open_sample(self) -> None:
        self.imports.open_sample()

    def open_paths(self, paths: list[Path], add: bool = False) -> None:
        """Open files chosen, dropped, recent or double-clicked; a project file opens as a project."""
        self.imports.open_paths(paths, add)

    def review_open_files(self) -> None:
        self.imports.review_open_files()

    def roll_forward(self) -> None:
        self.imports.roll_forward()

    def show_changes(self, paper: RolledPaper) -> None:
        """The change list of a paper rolled forward (tests replace this on the instance)."""
        self.report_page.show_message(
            f"A new paper for {paper.latest.phrase()}, from the one for {paper.previous.phrase()}: not saved yet.",
            warning=False,
        )
        RollForwardDialog(paper, self).exec()

    # -- decisions (tests replace these on the instance) -------------------------------------
    def ask_passwords(self, locked: list[FileResult]) -> dict[Path, str]:
        return ask_passwords(self, locked)

    def ask_replace(self, periods: list[Period], result: FileResult) -> bool:
        return ask_replace(self, periods, result)

    def _show_dataset(self) -> None:
        self.banner.setText(banner_text(self.dataset, self.is_sample))
        self.filter_bar.set_dataset(self.dataset)
        self.data_page.show_dataset(self.dataset)
        self.dataset_changed.emit(self.dataset)

    def edit_thresholds(self) -> None:
        dialog = ThresholdsDialog(self.thresholds, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.apply_thresholds(dialog.thresholds())

    def edit_profile(self) -> None:
        dialog = ProfileDialog(self.session.profile, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.apply_profile(dialog.profile())

    def apply_profile(self, profile: CouncilProfile) -> None:
        """Use the profile for new papers and keep it for next time (per user)."""
        self.session.set_profile(profile)
        try:
            self.profile_path.parent.mkdir(parents=True, exist_ok=True)
            profile.save(self.profile_path)
        except OSError as problem:
            self.message_strip.show_message(f"The profile is in use but could not be saved: {problem.strerror}.")

    def apply_thresholds(self, thresholds: Thresholds) -> None:
        """Use new targets everywhere; the session's listener keeps them for next time."""
        self.session.set_thresholds(thresholds)

    def _keep_thresholds(self) -> None:
        """The targets in use (set here, or brought by a project) are the officer's targets next time too."""
        try:
            self.thresholds_path.parent.mkdir(parents=True, exist_ok=True)
            self.thresholds.save(self.thresholds_path)
        except OSError as problem:
            self.message_strip.show_message(f"The targets are in use but could not be saved: {problem.strerror}.")

    def _council_changed(self, code: str | None) -> None:
        """The officer chose their council on the Benchmarks page: reports built from this data compare it."""
        self.session.set_council(code)

    def show_district_teams(self, district: str) -> None:
        """Drill down: the Teams page, filtered to one district."""
        self.filter_bar.district.setCurrentIndex(max(self.filter_bar.district.findData(district), 0))
        self.show_page("Teams")

    def _filters_changed(self, filters: ViewFilters) -> None:
        for page in (self.teams_page, self.districts_page, self.compare_page, self.staffing_page):
            page.set_filters(filters)

    def _on_busy(self, busy: bool) -> None:
        for action in (
            self.open_action,
            self.add_action,
            self.review_action,
            self.sample_action,
            self.open_project_action,
            self.export_action,
        ):
            action.setEnabled(not busy)
        self.recent_menu.setEnabled(not busy and bool(recent_files(self.settings)))

    # -- drag and drop --------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        event.acceptProposedAction()
        self.open_paths(paths)

    # -- other ----------------------------------------------------------------------------
    def show_about(self) -> None:
        AboutDialog(self).exec()

    def _restore_geometry(self) -> None:
        """Restore the last size and place, but never smaller than usable or larger than the screen."""
        self.setMinimumSize(MINIMUM_SIZE)
        geometry = self.settings.value("window/geometry")
        restored = geometry is not None and self.restoreGeometry(geometry)
        screen = self.screen().availableGeometry() if self.screen() else None
        if not restored or self.width() < DEFAULT_SIZE.width() // 2:
            size = DEFAULT_SIZE
            if screen is not None:
                size = size.boundedTo(screen.size() * 0.92)
            self.resize(size)
            if screen is not None:
                self.move(screen.center() - self.rect().center())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.sync()
        self.runner.shutdown()
        self.autosave.stop()
        if self.session.modified:
            # Closing never loses a draft and never stops to ask: an unsaved draft stays in the autosave,
            # and the next start offers it back.
            self.autosave.mark_changed()
            self.autosave.save_now()
        else:
            self.autosave.discard()  # saved, or never touched: nothing to offer back next time
        super().closeEvent(event)
