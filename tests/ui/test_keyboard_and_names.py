"""Every page and dialog with the keyboard alone and through a screen reader's eyes, in the real window.

Tab goes round each page, each part of the report and each dialog and comes back where it started,
reaching every field on the way (no table or date box keeps it); the focus ring goes with it; every
object that can take focus has a name, and no label's name hides what it shows. Offscreen, through
Qt's own accessibility interfaces; desktop_run.py does the same under Xvfb at three scales, and walks
AT-SPI where it is installed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from desktop_checks import (
    dialogs,
    open_sample_window,
    report_entries,
    settle,
    show_dialog,
    wait_for,
    walk_accessibility,
    walk_focus,
)
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QAccessible, QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTableView

from caseload_reporter.reporting.chart_blocks import describe_chart
from caseload_reporter.ui.main_window import MainWindow
from caseload_reporter.ui.report_editors import NO_DATE, HeaderEditor
from caseload_reporter.ui.style import CELL_FOCUS_COLOUR, FOCUS_COLOUR, RING_WIDTH
from published_files import INDICATORS, NEIGHBOURS

PAGES = ["Data", "Teams", "Districts", "Compare periods", "Service measures", "Staffing", "Benchmarks", "Report"]
DIALOGS = [
    "Check how your files were read",
    "Caseload targets",
    "Suggested sentences",
    "Before you export",
    "Accessibility check",
    "About",
    "Figures already open",
    "Council profile",
    "The new paper: what changed",
    "User guide",
]
REPORT_PARTS = [
    "header",
    "key_issues",
    "recommendations",
    "contact",
    0,
    "author_consultees",
    "background_papers",
    "appendices",
    "source_documents",
    "privacy",
]


@pytest.fixture(scope="module")
def window(qapp, tmp_path_factory: pytest.TempPathFactory) -> MainWindow:
    """One real window on the sample council for the whole module: opening it is the slow part."""
    win = open_sample_window(tmp_path_factory.mktemp("keyboard") / "data")
    win.resize(1280, 680)  # a 14-inch laptop at 150% leaves about 1280x720 for windows
    yield win
    win.runner.shutdown()
    win.close()
    win.deleteLater()


def contrast(one: QColor, other: QColor) -> float:
    """WCAG contrast ratio of two colours."""

    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())

    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("page", PAGES)
def test_tab_goes_round_every_page_and_comes_back(window: MainWindow, page: str) -> None:
    window.show_page(page)
    settle()
    walk = walk_focus(window, start=window.nav)
    assert walk.problems() == [], "\n".join(walk.stops)
    assert len(walk.stops) >= 4  # the pages and the page's own fields at least, not a short loop


def test_tab_leaves_the_teams_table_for_the_chart_and_the_workers(window: MainWindow) -> None:
    """The finding: 455 presses never left the Teams table. Now Tab goes table, chart tabs, chart, workers."""
    window.show_page("Teams")
    settle()
    page = window.teams_page
    walk = walk_focus(window, start=page.table)
    names = walk.stops
    assert names.index('QTabBar "Chart"') < names.index(f'QTableView "{page.workers_table.accessibleName()[:60]}"')
    assert walk.cycled


@pytest.mark.parametrize("part", REPORT_PARTS, ids=str)
def test_tab_goes_round_every_part_of_the_report(window: MainWindow, part: object) -> None:
    window.show_page("Report")
    assert part in report_entries(window)
    window.report_page.outline.select(part)
    settle()
    walk = walk_focus(window, start=window.nav)
    assert walk.problems() == [], "\n".join(walk.stops)


@pytest.mark.parametrize("name", DIALOGS)
def test_tab_goes_round_every_dialog_and_reaches_its_buttons(window: MainWindow, name: str) -> None:
    dialog = show_dialog(dialogs(window)[name])
    try:
        walk = walk_focus(dialog)
        assert walk.problems() == [], "\n".join(walk.stops)
        assert any(stop.startswith("QPushButton") for stop in walk.stops)
    finally:
        dialog.close()
        dialog.deleteLater()
        settle()


@pytest.mark.parametrize("page", PAGES)
def test_every_focusable_object_on_every_page_has_a_name(window: MainWindow, page: str) -> None:
    window.show_page(page)
    settle()
    tree = walk_accessibility(window)
    assert tree.focusable > 10
    assert tree.problems() == []


@pytest.mark.parametrize("part", REPORT_PARTS, ids=str)
def test_every_focusable_object_in_every_part_of_the_report_has_a_name(window: MainWindow, part: object) -> None:
    window.show_page("Report")
    window.report_page.outline.select(part)
    settle()
    assert walk_accessibility(window).problems() == []


@pytest.mark.parametrize("name", DIALOGS)
def test_every_focusable_object_in_every_dialog_has_a_name(window: MainWindow, name: str) -> None:
    dialog = show_dialog(dialogs(window)[name])
    try:
        tree = walk_accessibility(dialog)
        assert tree.focusable >= 1
        assert tree.problems() == []
    finally:
        dialog.close()
        dialog.deleteLater()
        settle()


def test_the_tree_walk_finds_a_label_whose_name_hides_its_text(window: MainWindow) -> None:
    """The check itself can fail: a label given a fixed name, as the banner had, is caught."""
    window.show_page("Data")
    window.banner.setAccessibleName("What data is open")
    try:
        problems = walk_accessibility(window).problems()
    finally:
        window.banner.setAccessibleName("")
    assert any('reads "What data is open"' in p for p in problems)
    interface = QAccessible.queryAccessibleInterface(window.banner)
    assert "Wenmoor County Council" in interface.text(QAccessible.Text.Name)  # its name is its text again


def test_messages_read_as_what_they_say(window: MainWindow) -> None:
    strip = window.message_strip
    strip.show_message("Report saved to C:/Reports/March.docx (3 figures, 2 tables).", warning=False)
    try:
        name = QAccessible.queryAccessibleInterface(strip.label).text(QAccessible.Text.Name)
        assert name == "Report saved to C:/Reports/March.docx (3 figures, 2 tables)."
        assert strip.label.accessibleDescription() == "What happened"
    finally:
        strip.hide()


def test_charts_are_described_by_their_alt_text(window: MainWindow) -> None:
    window.show_page("Teams")
    settle()
    chart = window.teams_page.chart
    interface = QAccessible.queryAccessibleInterface(chart.plot_widget)
    assert interface.text(QAccessible.Text.Name).startswith("Average caseload over time for the selected teams")
    description = interface.text(QAccessible.Text.Description)
    assert description == describe_chart(chart.spec)
    assert description.startswith("Line chart: Adolescent Team North")


@pytest.mark.parametrize(("number", "page"), list(enumerate(PAGES, start=1)))
def test_ctrl_and_a_number_go_to_each_page_with_the_keyboard_in_it(window: MainWindow, number: int, page: str) -> None:
    window.show_page("Data" if page != "Data" else "Teams")
    window.activateWindow()
    window.nav.setFocus()
    settle()
    QTest.keyClick(window, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier)
    settle()
    shown = window.pages.currentWidget()
    assert shown is dict(window.page_list)[page]
    assert shown.isAncestorOf(QApplication.focusWidget())


def test_the_meeting_date_lets_tab_go_when_it_is_not_set(window: MainWindow) -> None:
    window.show_page("Report")
    window.report_page.outline.select("header")
    settle()
    editor = window.report_page.current_editor()
    assert isinstance(editor, HeaderEditor)
    date = editor.date
    date.setDate(NO_DATE)
    assert date.text() == "Not set"
    date.setFocus()
    settle()
    QTest.keyClick(date, Qt.Key.Key_Tab)
    settle()
    assert QApplication.focusWidget() is not date  # the trap: Tab stayed here for ever
    date.setFocus()
    QTest.keyClick(date, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    settle()
    assert QApplication.focusWidget() is not date
    date.setFocus()
    QTest.keyClick(date, Qt.Key.Key_Up)  # the first arrow starts from today, not the year 2000
    assert date.date() == QDate.currentDate()
    assert window.session.draft.header.meeting_date == QDate.currentDate().toString(Qt.DateFormat.ISODate)
    date.setDate(NO_DATE)


def test_the_focus_ring_is_two_pixels_with_three_to_one_contrast(window: MainWindow) -> None:
    window.show_page("Teams")
    settle()
    table = window.teams_page.table
    table.setFocus()
    settle(10)
    background = window.palette().window().color()
    assert contrast(FOCUS_COLOUR, background) >= 3.0
    assert contrast(FOCUS_COLOUR, QColor("#ffffff")) >= 3.0
    image = window.grab().toImage()
    scale = image.devicePixelRatio()
    top_left = table.mapTo(window, QPoint(0, 0))
    # Two pixels of the ring colour just outside the table's left edge, at mid height.
    y = round((top_left.y() + table.height() / 2) * scale)
    ring = [QColor(image.pixel(round((top_left.x() - offset) * scale), y)) for offset in (1, RING_WIDTH)]
    assert all(colour == FOCUS_COLOUR for colour in ring), [c.name() for c in ring]
    # And the ring moves with the focus.
    window.nav.setFocus()
    settle(10)
    image = window.grab().toImage()
    assert QColor(image.pixel(round((top_left.x() - 1) * scale), y)) != FOCUS_COLOUR


def test_the_current_cell_is_marked_not_only_its_row(window: MainWindow) -> None:
    window.show_page("Teams")
    settle()
    table: QTableView = window.teams_page.table
    table.setFocus()
    table.setCurrentIndex(table.model().index(1, 1))
    settle(10)
    rect = table.visualRect(table.currentIndex())
    image = table.viewport().grab().toImage()
    scale = image.devicePixelRatio()
    middle = round(rect.center().y() * scale)
    left_edge = QColor(image.pixel(round((rect.left() + 1) * scale), middle))
    neighbour = QColor(image.pixel(round((rect.left() - 4) * scale), middle))
    assert left_edge == CELL_FOCUS_COLOUR
    assert neighbour != CELL_FOCUS_COLOUR  # the cell, not the whole row


def test_undo_brings_the_editor_back_where_it_was(window: MainWindow) -> None:
    """Undoing a removal deep in a long section leaves the rebuilt editor scrolled where it was (it went back
    to the top), with the keyboard still in it."""
    page = window.report_page
    window.show_page("Report")
    page.outline.select(0)
    settle()
    for _ in range(8):
        page.current_editor().add_paragraph.click()
        settle(2)
    editor = page.current_editor()
    editor.verticalScrollBar().setValue(editor.verticalScrollBar().maximum())
    editor.rows[-1].focus()
    editor.rows[-1].findChildren(type(page.outline.add_button))[-1].click()  # the last item's Remove
    settle()
    editor = page.current_editor()
    where = editor.verticalScrollBar().value()
    assert where > 200
    editor.rows[-1].focus()
    assert page.undo_structure()
    settle()
    rebuilt = page.current_editor()
    assert rebuilt is not editor
    assert rebuilt.verticalScrollBar().value() == where
    assert rebuilt.isAncestorOf(QApplication.focusWidget()) or QApplication.focusWidget() is rebuilt
    for _ in range(8):
        page.undo_structure()
    settle()


def test_a_data_block_added_takes_the_keyboard_to_its_first_option(window: MainWindow) -> None:
    page = window.report_page
    window.show_page("Report")
    page.outline.select(0)
    settle()
    editor = page.current_editor()
    action = next(a for a in editor.block_menu.actions() if a.data() == "chart.district_totals")
    action.trigger()
    settle()
    row = page.current_editor().rows[-1]
    focused = QApplication.focusWidget()
    assert row.isAncestorOf(focused)
    assert QAccessible.queryAccessibleInterface(focused).text(QAccessible.Text.Name)
    page.undo_structure()
    settle()


def test_figures_are_never_cut_at_the_edge_of_a_narrow_table(window: MainWindow, tmp_path: Path) -> None:
    """At 1024 pixels wide the Teams table cut '20.8' to '20.'. Columns of figures keep their figures'
    width; names are elided in the middle; what the view's edge cuts is drawn elided within it."""
    window.resize(1024, 680)
    window.show_page("Teams")
    settle(10)
    table = window.teams_page.table
    model = table.model()
    for column in range(model.columnCount()):
        figures = model.data(model.index(0, column), Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
        if figures:
            assert table.columnWidth(column) >= table.sizeHintForColumn(column), model.headerData(
                column, Qt.Orientation.Horizontal
            )
    name_column = 0
    assert table.columnWidth(name_column) < table.sizeHintForColumn(name_column)  # elided, whole on hover
    assert model.data(model.index(2, 0), Qt.ItemDataRole.ToolTipRole) == "Ashby Vale Assessment Team"
    assert model.headerData(2, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == "Average per FTE"
    window.resize(1280, 680)
    settle()


def test_benchmarks_with_the_published_statistics_open_names_the_council_field(window: MainWindow) -> None:
    """With the DfE file open the council box takes typing: the text field inside it is named too (it had
    no name), and Tab still goes round the page. Run last: it adds the statistics to the shared window."""
    window.open_paths([INDICATORS, NEIGHBOURS], add=True)
    wait_for(lambda: not window.runner.is_busy() and window.dataset.neighbours is not None)
    window.show_page("Benchmarks")
    page = window.benchmarks_page
    page.choose_council(page.council_combo.itemData(1))
    settle()
    field = page.council_combo.lineEdit()
    assert field.isEnabled() and field.isVisible()
    name = QAccessible.queryAccessibleInterface(field).text(QAccessible.Text.Name)
    assert name == "Your council in the published statistics: type its name or code"
    assert walk_accessibility(window).problems() == []
    walk = walk_focus(window, start=window.nav)
    assert walk.problems() == [], "\n".join(walk.stops)
    assert any("Year of the four-measure summary" in stop for stop in walk.stops), walk.stops


@pytest.mark.parametrize(
    ("needed", "floors", "room", "widths"),
    [
        ([300, 120, 60], [120, 120, 60], 400, [220, 120, 60]),  # the widest gives way first
        ([300, 200, 60], [120, 120, 60], 400, [170, 170, 60]),  # then the two widest alike
        ([300, 200, 60], [150, 150, 60], 300, [150, 150, 60]),  # never below a floor: the view scrolls
        ([100, 100], [50, 50], 500, [100, 100]),  # room to spare: every column whole
    ],
)
def test_column_widths_bring_the_widest_down_first(needed, floors, room, widths) -> None:
    from caseload_reporter.ui.tables import column_widths

    assert column_widths(needed, floors, room) == widths


def test_long_headings_wrap_rather_than_lose_the_period(window: MainWindow) -> None:
    """'Average per FTE w/c 04/11/2024' and '... 26/10/2026' elided to 'Avera…' read the same; wrapped, not."""
    window.resize(1280, 680)
    window.show_page("Compare periods")
    settle(10)
    table = window.compare_page.table
    header = table.horizontalHeader()
    labels = [table.model().headerData(c, Qt.Orientation.Horizontal) for c in range(header.count())]
    first = labels.index(next(label for label in labels if label.startswith("Average per FTE")))
    assert header.height() > 2 * table.fontMetrics().lineSpacing()  # two lines or more
    for column in (first, first + 1):
        assert header.sectionSize(column) >= header.narrowest(column)  # the whole heading shows, wrapped
