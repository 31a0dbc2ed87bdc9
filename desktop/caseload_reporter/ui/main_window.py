"""The main window: navigation between pages, the File and Help menus, opening and dropping files.

It shows the open :class:`Dataset` the session holds; the pages do the showing. Importing runs on
the shared :class:`TaskRunner`, so the window stays responsive and can cancel.

It is built in two steps so it can be on screen fast: the frame (menus, page list, banner, status
bar) needs only Qt; the workspace (the session, the pages, the autosave) needs pandas, pyqtgraph and
python-docx, whose modules are imported only in :meth:`MainWindow.build_workspace`. Made with
``deferred=True`` (``ui.start_up`` does, after the first paint) the window waits for that call;
otherwise it builds both at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QFontMetrics
from PySide6.QtWidgets import (
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
from caseload_reporter.ui.gui_thread_call import collect_garbage_on_gui_thread
from caseload_reporter.ui.message_strip import MessageStrip
from caseload_reporter.ui.progress_panel import ProgressPanel
from caseload_reporter.ui.recent_files import recent_files
from caseload_reporter.ui.style import first_focusable
from caseload_reporter.ui.task_runner import TaskRunner
from caseload_reporter.ui.window_menus import build_menus, refresh_recent_menu

if TYPE_CHECKING:  # the workspace's types: imported when it is built (build_workspace), not before the first paint
    from caseload_reporter.analysis.thresholds import Thresholds
    from caseload_reporter.reading.choices import ChoiceMemory
    from caseload_reporter.reading.dataset import Dataset
    from caseload_reporter.reading.importer import FileResult
    from caseload_reporter.reading.values import Period
    from caseload_reporter.reporting.council_profile import CouncilProfile
    from caseload_reporter.reporting.roll_forward import RolledPaper
    from caseload_reporter.session.session import Change, Session
    from caseload_reporter.ui.autosave import Autosave
    from caseload_reporter.ui.filters import FilterBar, ViewFilters
    from caseload_reporter.ui.import_flow import ImportFlow
    from caseload_reporter.ui.pages.benchmarks_page import BenchmarksPage
    from caseload_reporter.ui.pages.compare_page import ComparePage
    from caseload_reporter.ui.pages.data_page import DataPage
    from caseload_reporter.ui.pages.districts_page import DistrictsPage
    from caseload_reporter.ui.pages.measures_page import MeasuresPage
    from caseload_reporter.ui.pages.report_page import ReportPage
    from caseload_reporter.ui.pages.staffing_page import StaffingPage
    from caseload_reporter.ui.pages.teams_page import TeamsPage
    from caseload_reporter.ui.report_projects import ReportProjects
    from caseload_reporter.ui.user_settings import UserSettings

log = logging.getLogger(__name__)

OPEN_FILTER = "Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv);;All files (*)"
# Pages that do not follow the view filters: the report works from all the data, benchmarks from published years.
UNFILTERED_PAGES = {
    "Benchmarks": "Not used here: benchmarks compare whole published years.",
    "Report": "Not used here: the report is worked out from all the data open.",
}
# The pages, in the order the navigation lists them (the frame shows the names before the pages exist).
PAGE_NAMES = ("Data", "Teams", "Districts", "Compare periods", "Service measures", "Staffing", "Benchmarks", "Report")
STARTING_TEXT = "<b>Starting…</b> Your data opens in a moment."
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
    page_actions: list[QAction]  # View > each page, Ctrl+1 to Ctrl+8
    quit_action: QAction
    # Made by ui.window_workspace.build_workspace (with deferred=True, after the first paint).
    memory: ChoiceMemory
    user_settings: UserSettings
    thresholds_path: Path
    profile_path: Path
    session: Session
    filter_bar: FilterBar
    data_page: DataPage
    teams_page: TeamsPage
    districts_page: DistrictsPage
    compare_page: ComparePage
    measures_page: MeasuresPage
    staffing_page: StaffingPage
    benchmarks_page: BenchmarksPage
    report_page: ReportPage
    projects: ReportProjects
    imports: ImportFlow
    autosave: Autosave
    page_list: tuple[tuple[str, QWidget], ...]

    def __init__(self, data_dir: Path, parent: QWidget | None = None, *, deferred: bool = False) -> None:
        """``data_dir``: the per-user folder for mappings, targets, autosaves (``app.user_data_dir()`` when run).
        ``deferred``: show the frame only, until :meth:`build_workspace` is called."""
        super().__init__(parent)
        collect_garbage_on_gui_thread()  # never on an import's or export's worker thread: see gui_thread_call
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.data_dir = data_dir
        self.settings = QSettings()
        self.ready = False  # the workspace is built: the session and the pages exist
        self.closing = False
        self._when_ready: list[Callable[[], None]] = []
        self.runner = TaskRunner(self)
        self._build_frame()
        self._restore_geometry()
        if not deferred:
            self.build_workspace()
            # Offered back at the next start if the app did not close cleanly (ui.start_up asks in its own order).
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
        from caseload_reporter.session.session import Change

        if Change.DATA in changes:
            self._show_dataset()
        if changes & {Change.DATA, Change.STATE}:
            self._update_title()
        if Change.TARGETS in changes:
            self.user_settings.keep_thresholds()

    # -- construction ---------------------------------------------------------------------
    def _build_frame(self) -> None:
        """What needs only Qt: banner, message strip, page list, status bar and menus."""
        central = QWidget(self)
        self.outer = QVBoxLayout(central)
        self.banner = QLabel(self)
        self.banner.setObjectName("datasetBanner")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        self.banner.setAccessibleDescription("What data is open")  # its name is its text, which changes
        self.banner.setText(STARTING_TEXT)
        self.outer.addWidget(self.banner)
        self.message_strip = MessageStrip("What happened", self)

        body = QHBoxLayout()
        # Made before the pages, so the page list comes first in the focus chain (Tab order).
        self.nav = QListWidget(self)
        self.nav.setAccessibleName("Pages")
        self.pages = QStackedWidget(self)
        self.nav.addItems(list(PAGE_NAMES))
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        font = self.nav.font()
        font.setPointSize(11)  # as the style sheet below sets it
        widest = max(QFontMetrics(font).horizontalAdvance(name) for name in PAGE_NAMES)
        self.nav.setFixedWidth(widest + 2 * self.nav.frameWidth() + 36)
        self.nav.setStyleSheet("QListWidget { font-size: 11pt; } QListWidget::item { padding: 8px; }")
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setCurrentRow(0)
        body.addWidget(self.nav)
        body.addWidget(self.pages, 1)
        self.outer.addLayout(body, 1)
        # Under the pages: a message that appears shortens them from below, and never moves what is read.
        self.outer.addWidget(self.message_strip)
        self.setCentralWidget(central)

        self.progress_panel = ProgressPanel(self)
        self.progress_panel.attach(self.runner)
        self.statusBar().addPermanentWidget(self.progress_panel)
        self.runner.busy_changed.connect(self._on_busy)
        build_menus(self)
        # Until the workspace exists only Quit and About work; files asked for meanwhile wait (open_paths).
        self._waiting_actions = [
            a for a in self.findChildren(QAction) if a.menu() is None and a not in (self.quit_action, self.about_action)
        ]
        for action in self._waiting_actions:
            action.setEnabled(False)

    def build_workspace(self) -> None:
        """The session and the pages (``ui.window_workspace``; imports pandas, pyqtgraph, python-docx)."""
        from caseload_reporter.ui.window_workspace import build_workspace

        pages = build_workspace(self)
        # The one list of pages: the navigation shows their names in this order, the stack holds them.
        self.page_list = tuple(zip(PAGE_NAMES, pages, strict=True))
        for page in pages:
            self.pages.addWidget(page)
        # The report works from all the data and benchmarks from published years: the view filters would mislead.
        self.nav.currentRowChanged.connect(self.show_filters_for)
        self.pages.setCurrentIndex(self.nav.currentRow())
        self.show_filters_for(self.nav.currentRow())
        self.banner.setText("<b>No data open.</b> Use File &gt; Open, or drop a spreadsheet on this window.")
        self.ready = True
        for action in self._waiting_actions:
            action.setEnabled(True)
        self._on_busy(self.runner.is_busy())

    def when_ready(self, action: Callable[[], None]) -> None:
        """Run ``action`` now if the workspace is built, else keep it for :meth:`take_waiting`."""
        if self.ready:
            action()
        else:
            self._when_ready.append(action)

    def take_waiting(self) -> list[Callable[[], None]]:
        """What was asked for while the window was starting (files dropped, chosen from Recent files)."""
        waiting, self._when_ready = self._when_ready, []
        return waiting

    def show_filters_for(self, row: int) -> None:
        """On a page the filters do not apply to, the bar says why in their place (it keeps its height, so the
        page never jumps)."""
        name = PAGE_NAMES[row] if 0 <= row < len(PAGE_NAMES) else ""
        self.filter_bar.set_not_applying(UNFILTERED_PAGES.get(name, ""))

    def export_report(self) -> None:
        self.show_report_page()
        self.report_page.export.export()

    def page_names(self) -> list[str]:
        return list(PAGE_NAMES)

    def show_page(self, name: str) -> None:
        self.nav.setCurrentRow(self.page_names().index(name))

    def go_to_page(self, name: str) -> None:
        """View > a page (Ctrl+1 to Ctrl+8): show it and put the keyboard in it, on its first field."""
        self.show_page(name)
        first = first_focusable(dict(self.page_list)[name]) if self.ready else None
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
        self.when_ready(lambda: self.imports.open_sample())

    def open_paths(self, paths: list[Path], add: bool = False) -> None:
        """Open files chosen, dropped, recent or double-clicked; a project file opens as a project."""
        self.when_ready(lambda: self.imports.open_paths(paths, add))

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
        from caseload_reporter.ui.roll_forward_dialog import RollForwardDialog

        RollForwardDialog(paper, self).exec()

    # -- decisions (tests replace these on the instance) -------------------------------------
    def ask_passwords(self, locked: list[FileResult]) -> dict[Path, str]:
        from caseload_reporter.ui.dataset_banner import ask_passwords

        return ask_passwords(self, locked)

    def ask_replace(self, periods: list[Period], result: FileResult) -> bool:
        from caseload_reporter.ui.dataset_banner import ask_replace

        return ask_replace(self, periods, result)

    def _show_dataset(self) -> None:
        from caseload_reporter.ui.dataset_banner import banner_text

        self.banner.setText(banner_text(self.dataset, self.is_sample))
        self.filter_bar.set_dataset(self.dataset)
        self.data_page.show_dataset(self.dataset)
        self.dataset_changed.emit(self.dataset)

    # -- settings (ui.user_settings keeps them) -----------------------------------------------
    def edit_thresholds(self) -> None:
        self.user_settings.edit_thresholds()

    def edit_profile(self) -> None:
        self.user_settings.edit_profile()

    def apply_profile(self, profile: CouncilProfile) -> None:
        self.user_settings.apply_profile(profile)

    def apply_thresholds(self, thresholds: Thresholds) -> None:
        self.session.set_thresholds(thresholds)

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
        if not self.ready:
            return
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
        from caseload_reporter.ui.about_dialog import AboutDialog

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
        self.closing = True  # a start-up still under way stops here (ui.start_up)
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.sync()
        self.runner.shutdown()
        if self.ready:
            self.autosave.stop()
            if self.session.modified:
                # Closing never loses a draft and never stops to ask: an unsaved draft stays in the autosave,
                # and the next start offers it back.
                self.autosave.mark_changed()
                self.autosave.save_now()
            else:
                self.autosave.discard()  # saved, or never touched: nothing to offer back next time
            self.autosave.release()  # the next window may offer it back now
        super().closeEvent(event)
