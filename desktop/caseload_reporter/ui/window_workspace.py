"""The main window's workspace: the session, the view filters, the pages, projects, imports and the autosave.

Made by ``MainWindow.build_workspace`` once the window's frame is on screen, because these import
pandas, pyqtgraph and python-docx (``ui.start_up``). Each part is kept as an attribute of the window,
as ``ui.window_menus`` keeps the actions, because other parts and the tests reach them there.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from caseload_reporter.reading.choices import ChoiceMemory
from caseload_reporter.session.session import Session
from caseload_reporter.ui.autosave import Autosave
from caseload_reporter.ui.filters import FilterBar
from caseload_reporter.ui.import_flow import ImportFlow
from caseload_reporter.ui.pages.benchmarks_page import BenchmarksPage, remembered_council
from caseload_reporter.ui.pages.compare_page import ComparePage
from caseload_reporter.ui.pages.data_page import DataPage
from caseload_reporter.ui.pages.districts_page import DistrictsPage
from caseload_reporter.ui.pages.measures_page import MeasuresPage
from caseload_reporter.ui.pages.report_page import ReportPage
from caseload_reporter.ui.pages.staffing_page import StaffingPage
from caseload_reporter.ui.pages.teams_page import TeamsPage
from caseload_reporter.ui.profile_dialog import load_user_profile
from caseload_reporter.ui.report_projects import ReportProjects
from caseload_reporter.ui.thresholds_dialog import load_user_thresholds
from caseload_reporter.ui.user_settings import UserSettings


def build_workspace(w: Any) -> tuple[QWidget, ...]:
    """Make the workspace inside ``w``'s frame (a MainWindow); the pages, in the order its page list names them.

    Typed Any, as ``window_menus.build_menus``: naming MainWindow here would be an import cycle."""
    w.memory = ChoiceMemory(w.data_dir / "mappings.json")
    w.thresholds_path = w.data_dir / "thresholds.json"
    w.profile_path = w.data_dir / "profile.json"
    # Everything open (data, targets, council, draft, undo, project): the pages read it from here.
    w.session = Session(load_user_thresholds(w.thresholds_path), profile=load_user_profile(w.profile_path))
    w.user_settings = UserSettings(w, w.session, w.data_dir, w.message_strip)
    w.session.set_council(remembered_council())
    w.session.subscribe(w._session_changed)
    w.filter_bar = FilterBar(w)
    w.filter_bar.changed.connect(w._filters_changed)
    w.outer.insertWidget(1, w.filter_bar)  # under the banner (the message strip is under the pages)
    w.data_page = DataPage(w)
    w.data_page.review_requested.connect(w.review_open_files)
    w.teams_page = TeamsPage(w.session, w)
    w.districts_page = DistrictsPage(w.session, w)
    w.districts_page.drill_down.connect(w.show_district_teams)
    w.compare_page = ComparePage(w.session, w)
    w.measures_page = MeasuresPage(w.session, w)
    w.staffing_page = StaffingPage(w.session, w)
    w.benchmarks_page = BenchmarksPage(w.session, w)
    w.benchmarks_page.council_changed.connect(w._council_changed)
    w.report_page = ReportPage(w.session, w.runner, w)
    w.projects = ReportProjects(w, w.report_page)
    w.imports = ImportFlow(w, w)
    # The report draft: saved as a project on request, autosaved each minute it changes, and offered
    # back at the next start if the app did not close cleanly.
    w.autosave = Autosave(w.data_dir, w.session.snapshot, parent=w)
    w.report_page.changed.connect(w.autosave.mark_changed)
    return (
        w.data_page,
        w.teams_page,
        w.districts_page,
        w.compare_page,
        w.measures_page,
        w.staffing_page,
        w.benchmarks_page,
        w.report_page,
    )
