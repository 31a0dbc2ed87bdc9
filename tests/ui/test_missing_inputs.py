"""In the real window, what the data lacks is named where the officer looks, and unused columns are listed.

Never "Teams above target: 0" without team figures, never "No target" beside a target, never an empty
chart with invented axes, never "understood without guessing" over a column of figures left out.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItemIterator

from caseload_reporter.analysis.inputs import missing
from caseload_reporter.reading.choices import ChoiceMemory
from caseload_reporter.ui.import_review import ImportReviewDialog
from caseload_reporter.ui.main_window import MainWindow
from generators.council_shapes import shape_district_totals, shape_team_head_count, write_openpyxl, write_xlsxwriter
from qt_dialogs import when_shown


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:
    win = MainWindow(data_dir=tmp_path / "data")
    qtbot.addWidget(win)
    win.show()
    yield win
    win.runner.shutdown()


def open_file(qtbot, win: MainWindow, path: Path) -> None:
    win.open_paths([path])
    qtbot.waitUntil(lambda: not win.runner.is_busy() and not win.dataset.is_empty(), timeout=15_000)


def column(win_model, name: str) -> list[str]:
    frame = win_model.frame()
    index = list(frame.columns).index(name)
    return [win_model.data(win_model.index(r, index), Qt.ItemDataRole.DisplayRole) for r in range(len(frame))]


def test_team_cases_without_fte_name_the_missing_fte_on_every_page(qtbot, window: MainWindow, tmp_path: Path) -> None:
    open_file(qtbot, window, write_openpyxl(shape_team_head_count(), tmp_path / "head count.xlsx"))
    window.nav.setCurrentRow(1)
    teams = window.teams_page
    ratings = column(teams.model, "status")
    assert set(ratings) - {"No target set"} == {"Not rated: no FTE"}
    assert missing("fte") in teams.caption.text()
    window.nav.setCurrentRow(5)
    assert missing("fte") in window.staffing_page.message.text()
    assert window.staffing_page.model.rowCount() == 0


def test_district_totals_alone_name_the_missing_teams(qtbot, window: MainWindow, tmp_path: Path) -> None:
    open_file(qtbot, window, write_xlsxwriter(shape_district_totals(), tmp_path / "districts.xlsx"))
    window.nav.setCurrentRow(1)
    assert window.teams_page.caption.text() == missing("teams")
    window.nav.setCurrentRow(2)
    districts = window.districts_page
    assert "teams_over" not in districts.model.frame().columns  # never a column of invented zeros
    assert "Teams above target are not shown" in districts.caption.text()
    assert missing("units") in districts.caption.text()
    assert districts.chart.chart_stack.currentWidget() is districts.chart.plot_widget  # the totals do chart
    window.nav.setCurrentRow(5)
    assert missing("teams") in window.staffing_page.message.text()


def test_a_chart_without_figures_shows_the_reason_not_empty_axes(qtbot, window: MainWindow, tmp_path: Path) -> None:
    open_file(qtbot, window, write_openpyxl(shape_team_head_count(), tmp_path / "head count.xlsx"))
    window.nav.setCurrentRow(1)
    chart = window.teams_page.chart
    qtbot.waitUntil(lambda: chart.spec is not None, timeout=5_000)
    assert chart.chart_stack.currentWidget() is chart.empty_label
    assert missing("fte") in chart.empty_label.text()


def unused_column_file(folder: Path, month: str) -> Path:
    grid = [["Team", "Social worker", "FTE", "Caseload", "Month", "Zeta"]]
    grid += [
        ["Assessment Team 1", name, 1.0, cases, month, score]
        for name, cases, score in [("Ann", 20, 3), ("Bob", 18, 4), ("Cat", 15, 2)]
    ]
    return write_openpyxl(grid, folder / f"{month}.xlsx")


def tree_texts(tree) -> list[tuple[str, str]]:
    found = []
    iterator = QTreeWidgetItemIterator(tree)
    while iterator.value():
        item = iterator.value()
        found.append((item.text(0), item.text(1)))
        iterator += 1
    return found


def test_an_unused_column_is_asked_about_listed_and_remembered(qtbot, window: MainWindow, tmp_path: Path) -> None:
    seen: dict[str, str] = {}

    def look(dialog: ImportReviewDialog) -> None:
        seen["doubts"] = dialog.doubts.text()
        seen["status"] = dialog.tree.topLevelItem(0).child(0).text(1)
        dialog.accept()

    timer = when_shown(ImportReviewDialog, look)
    open_file(qtbot, window, unused_column_file(tmp_path, "Mar-22"))
    timer.stop()
    assert seen["status"] == "Check"
    assert "Not used:" in seen["doubts"] and "'Zeta' (column F, figures)" in seen["doubts"]
    texts = tree_texts(window.data_page.files_tree)
    assert ("Column not used", "'Zeta' (column F, figures)") in texts
    assert any(what.startswith("Checked by you:") for _, what in texts)
    assert "1 column not used" in window.data_page.intro.text()
    assert len(ChoiceMemory(window.data_dir / "mappings.json")) == 1  # importing after the check confirms it

    # Next month's file laid out the same way: no question, but the column is still listed.
    unexpected = when_shown(ImportReviewDialog, lambda d: d.reject())
    window.open_paths([unused_column_file(tmp_path, "Apr-22")])
    qtbot.waitUntil(lambda: "Apr-22" in window.banner.text(), timeout=10_000)
    unexpected.stop()
    (sheet,) = window.dataset.files[-1].sheets
    assert sheet.remembered and [u.header for u in sheet.unused] == ["Zeta"]
