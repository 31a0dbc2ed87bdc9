"""The Teams page in the real window: ratings by colour and words, filters, and a target changed by the officer."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from PySide6.QtCore import Qt

from caseload_reporter.ui.main_window import MainWindow
from caseload_reporter.ui.rating_model import STATUS_FILLS
from caseload_reporter.ui.thresholds_dialog import ThresholdsDialog

ROWS = [
    ("Dec-21", "North", "Assessment Team 1", "Ann", 1.0, 20),
    ("Dec-21", "North", "Assessment Team 1", "Bob", 1.0, 30),
    ("Dec-21", "North", "Assessment Team 1", "Cat", 0.5, 10),
    ("Dec-21", "South", "Children in Care Team", "Dan", 1.0, 18),
    ("Dec-21", "South", "Children in Care Team", "Eve", 0.8, 18),
    ("Mar-22", "North", "Assessment Team 1", "Ann", 1.0, 22),
    ("Mar-22", "North", "Assessment Team 1", "Bob", 1.0, 21),
    ("Mar-22", "North", "Assessment Team 1", "Cat", 0.5, 9),
    ("Mar-22", "South", "Children in Care Team", "Dan", 1.0, 17),
    ("Mar-22", "South", "Children in Care Team", "Eve", 0.8, 13),
]


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:
    path = tmp_path / "teams.csv"
    path.write_text(
        "Month,District,Team,Social worker,FTE,Caseload\n" + "\n".join(",".join(map(str, r)) for r in ROWS) + "\n"
    )
    win = MainWindow(data_dir=tmp_path / "data")
    qtbot.addWidget(win)
    win.show()
    win.open_paths([path])
    qtbot.waitUntil(lambda: not win.dataset.is_empty(), timeout=10_000)
    win.nav.setCurrentRow(1)
    yield win
    win.runner.shutdown()


def cells(win: MainWindow) -> dict[str, dict[str, object]]:
    """Each team's shown rating text, its fill colour and its average, as the view gets them."""
    model = win.teams_page.model
    frame = model.frame()
    status_col = list(frame.columns).index("status")
    average_col = list(frame.columns).index("average")
    found = {}
    for row in range(model.rowCount()):
        status = model.index(row, status_col)
        found[frame.iloc[row]["name"]] = {
            "text": model.data(status, Qt.ItemDataRole.DisplayRole),
            "fill": model.data(status, Qt.ItemDataRole.BackgroundRole),
            "average": model.data(model.index(row, average_col), Qt.ItemDataRole.DisplayRole),
        }
    return found


def test_latest_period_is_rated_by_colour_and_words(window: MainWindow) -> None:
    shown = cells(window)
    assert "Mar 2022" in window.teams_page.heading.text()
    assert shown["Assessment Team 1"]["average"] == "20.8"
    assert shown["Assessment Team 1"]["text"] == "✓ Within target"
    assert shown["Assessment Team 1"]["fill"] == STATUS_FILLS["green"]
    assert shown["Children in Care Team"]["text"] == "✓ Within target"


def test_choosing_december_rates_the_ceiling_breach_red(qtbot, window: MainWindow) -> None:
    bar = window.filter_bar
    bar.period.setCurrentIndex(bar.period.findText("Dec 2021"))
    assert bar.filters().period == pd.Timestamp(2021, 12, 1)
    shown = cells(window)
    assert shown["Assessment Team 1"]["text"] == "■ Well above target"  # Bob holds 30, over the ceiling of 25
    assert shown["Assessment Team 1"]["fill"] == STATUS_FILLS["red"]
    assert shown["Children in Care Team"]["text"] == "▲ Above target"  # 20.0 against 18, within the margin
    assert window.teams_page.workers_model.rowCount() == 3  # the selected team's workers, in the app only


def test_district_filter_and_per_worker_basis(window: MainWindow) -> None:
    bar = window.filter_bar
    bar.district.setCurrentIndex(bar.district.findData("South"))
    assert list(cells(window)) == ["Children in Care Team"]
    bar.basis.setCurrentIndex(bar.basis.findData("worker"))
    assert cells(window)["Children in Care Team"]["average"] == "15.0"  # 30 cases / 2 workers
    assert "per worker" in window.teams_page.caption.text()


def test_changing_a_target_changes_the_ratings(qtbot, window: MainWindow, tmp_path: Path) -> None:
    dialog = ThresholdsDialog(window.thresholds, window)
    qtbot.addWidget(dialog)
    dialog.low["assessment"].setValue(18)
    dialog.high["assessment"].setValue(18)
    window.apply_thresholds(dialog.thresholds())
    shown = cells(window)
    assert shown["Assessment Team 1"]["text"] == "■ Well above target"  # 20.8 is beyond 18 + 2
    assert (window.data_dir / "thresholds.json").exists()
    # Shared with a colleague, read back in another dialog: the same targets.
    dialog.export_to(tmp_path / "service.json")
    other = ThresholdsDialog(window.thresholds, window)
    qtbot.addWidget(other)
    assert other.import_from(tmp_path / "service.json")
    assert other.thresholds().targets["assessment"] == (18.0, 18.0)


def test_a_bad_targets_file_gets_one_sentence_and_changes_nothing(qtbot, window: MainWindow, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"targets": {"assessment": "lots"}}')
    dialog = ThresholdsDialog(window.thresholds, window)
    qtbot.addWidget(dialog)
    before = dialog.thresholds()
    assert not dialog.import_from(bad)
    assert "not a number" in dialog.message.text() and "Nothing was changed" in dialog.message.text()
    assert dialog.thresholds() == before


def test_the_chart_has_a_table_of_the_same_numbers(window: MainWindow) -> None:
    chart = window.teams_page.chart
    table = chart.table_model.frame()
    assert list(table.columns) == ["Period", "Assessment Team 1"]
    assert table["Assessment Team 1"].round(1).tolist() == [24.0, 20.8]
    assert chart.spec is not None and chart.spec.bands[0].high == 22


def test_districts_page_totals_and_drill_down(qtbot, window: MainWindow) -> None:
    window.nav.setCurrentRow(2)
    page = window.districts_page
    frame = page.model.frame().set_index("name")
    assert frame.loc["North", "cases"] == 52 and frame.loc["South", "cases"] == 30  # March 2022
    assert frame.loc["North", "average"] == pytest.approx(52 / 2.5)
    totals = page.chart.table_model.frame()
    assert totals["North"].tolist() == [60.0, 52.0] and totals["South"].tolist() == [36.0, 30.0]
    page.drill_down.emit("South")
    assert window.pages.currentWidget() is window.teams_page
    assert list(cells(window)) == ["Children in Care Team"]


def test_compare_periods_puts_december_and_march_side_by_side(window: MainWindow) -> None:
    window.nav.setCurrentRow(3)
    page = window.compare_page
    assert window.pages.currentWidget() is page
    assert (page.first.currentText(), page.second.currentText()) == ("Dec 2021", "Mar 2022")
    table = page.model.frame().set_index("Team")
    row = table.loc["Assessment Team 1"]
    assert row["Average per FTE Dec 2021"] == pytest.approx(24.0)
    assert row["Average per FTE Mar 2022"] == pytest.approx(20.8)
    assert row["Range Dec 2021"] == "10 to 30" and row["Range Mar 2022"] == "9 to 22"  # as a target range reads
    assert row["Workers over 25 Dec 2021"] == 1 and row["Change in workers over 25"] == -1
    average_change = list(page.model.frame().columns).index("Change in average")
    shown = page.model.data(page.model.index(0, average_change))
    assert shown == "-3.2"  # signed, so a fall reads as a fall


def test_service_measures_page_charts_the_ticked_measures(qtbot, tmp_path: Path) -> None:
    from caseload_reporter.core.sample import sample_council

    win = MainWindow(data_dir=tmp_path / "data")
    qtbot.addWidget(win)
    win.show()
    win.open_sample()
    qtbot.waitUntil(lambda: not win.dataset.is_empty(), timeout=30_000)
    win.nav.setCurrentRow(4)
    page = win.measures_page
    assert page.chosen() == ["Referrals", "Children on child protection plans", "Looked-after children"]
    table = page.chart.table_model.frame()
    assert len(table) == 24 and table.columns[1:].tolist() == page.chosen()
    page.measures.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert page.chart.table_model.frame().columns[1:].tolist() == page.chosen()[:]
    assert "Referrals" not in page.chart.table_model.frame().columns
    assert sample_council().name in win.banner.text()
    win.runner.shutdown()


def test_hidden_pages_wait_until_they_are_shown(qtbot, window: MainWindow) -> None:
    """A filter change redraws only the page in view; the others catch up when opened."""
    bar = window.filter_bar
    window.nav.setCurrentRow(3)  # Compare periods draws once
    window.nav.setCurrentRow(1)
    before = window.compare_page.model.frame().copy()
    bar.district.setCurrentIndex(bar.district.findData("South"))
    assert window.compare_page.model.frame().equals(before)  # still as last seen, not recomputed
    window.nav.setCurrentRow(3)
    assert window.compare_page.model.frame()["Team"].tolist() == ["Children in Care Team"]


def test_districts_show_capacity_against_the_unit_model_when_the_data_gives_units(qtbot, tmp_path: Path) -> None:
    """As a quarterly update does: weekly district totals, and units that each support 60 children."""
    import openpyxl

    book = openpyxl.Workbook()
    totals = book.active
    totals.title = "District totals"
    totals.append(["Total caseloads by district"])
    totals.append(["District", "w/c 05/06/2017", "w/c 12/06/2017"])
    totals.append(["Cambridge City", 290, 300])
    totals.append(["Fenland", 250, 262])
    units = book.create_sheet("Units")
    units.append(["District", "Units"])
    units.append(["Cambridge City", 5])
    units.append(["Fenland", 4])
    path = tmp_path / "districts.xlsx"
    book.save(path)
    win = MainWindow(data_dir=tmp_path / "data")
    qtbot.addWidget(win)
    win.show()
    win.open_paths([path])
    qtbot.waitUntil(lambda: not win.dataset.is_empty(), timeout=10_000)
    win.nav.setCurrentRow(2)
    frame = win.districts_page.model.frame().set_index("name")
    assert frame.loc["Cambridge City", "cases"] == 300 and frame.loc["Cambridge City", "supported"] == 300
    assert frame.loc["Fenland", "use"] == pytest.approx(262 / 240)  # over capacity: 109%
    use_col = list(win.districts_page.model.frame().columns).index("use")
    row = list(win.districts_page.model.frame()["name"]).index("Fenland")
    assert win.districts_page.model.data(win.districts_page.model.index(row, use_col)) == "109%"
    assert "each social work unit supports 60 children" in win.districts_page.caption.text()
    win.runner.shutdown()


def test_hovering_a_point_finds_its_exact_value(qtbot) -> None:
    import datetime as dt

    from caseload_reporter.analysis.chart_specs import ChartSpec, Series
    from caseload_reporter.reading.values import Period
    from caseload_reporter.ui.chart_images import timestamp
    from caseload_reporter.ui.chart_view import ChartView

    months = tuple(Period(dt.date(2022, m, 1), "month") for m in (1, 2, 3))
    view = ChartView("test")
    qtbot.addWidget(view)
    view.resize(800, 500)
    view.show()
    view.show_spec(ChartSpec("t", "Cases", [Series("North", months, (10.0, 20.0, 15.0))]))
    assert view.nearest_point(timestamp(dt.date(2022, 2, 1)), 20.0) == ("North", "Feb 2022", 20.0)
    assert view.nearest_point(timestamp(dt.date(2022, 2, 1)), 12.0) is None  # nowhere near a point


def test_staffing_page_keeps_options_side_by_side(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "teams.csv"
    path.write_text(
        "Caseloads at Sep 2017\nTeam,Cases,FTE\nAssessment Team,420,20.5\nSafeguarding Team,396,16.0\n"
        "Children in Care Team,300,15.3\nLeaving Care Team,180,11.5\nDisabled Children's Team,232,7.12\n"
        "Adoption Team,130,8.68\nFostering Team,142,9.0\n"
    )
    win = MainWindow(data_dir=tmp_path / "data")
    qtbot.addWidget(win)
    win.show()
    win.open_paths([path])
    qtbot.waitUntil(lambda: not win.dataset.is_empty(), timeout=10_000)
    win.nav.setCurrentRow(5)
    page = win.staffing_page
    assert page.left_out() == {"adoption", "fostering"}  # as the cabinet report's recommended option
    assert page.model.frame()["Option"].tolist() == ["Not kept yet", "Not kept yet"]
    page.keep_option()  # the first Keep shows its change: the choice is now option 1
    assert page.model.frame()["Option"].tolist() == ["Option 1", "Option 1"]
    assert "This choice is kept as option 1" in page.message.text()
    for i in range(page.types.count()):  # a second option: every team type counted
        page.types.item(i).setCheckState(Qt.CheckState.Checked)
    table = page.model.frame()
    assert table["Option"].tolist() == ["Option 1", "Option 1", "Not kept yet", "Not kept yet"]
    assert "not kept yet" in page.message.text()

    def shown(row: int, column: str) -> str:
        return page.model.data(page.model.index(row, list(table.columns).index(column)))

    assert [shown(0, c) for c in ("Average per FTE", "Additional FTE", "Posts", "Cost", "Cases")] == [
        "21.7",
        "14.47",
        "14",
        "£585,746",
        "1,528",  # the cases of the teams counted, thousands separated
    ]
    assert shown(2, "Average per FTE") == "20.4" and shown(2, "Posts") == "12"
    # Figures line up on the right, as in every other table.
    assert page.model.data(page.model.index(0, 2), Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    page.keep_option()
    assert page.model.frame()["Option"].tolist() == ["Option 1", "Option 1", "Option 2", "Option 2"]
    assert "kept as option 2" in page.message.text()
    assert page.cost.text() == "£41,839"  # as the table and the sentences write it
    assert "Option 1: To reduce the average caseload" in page.sentences.toPlainText()
    page.targets.setText("18, soon")
    assert "must be numbers above 0" in page.message.text()
    win.runner.shutdown()


def test_date_labels_on_a_screen_chart_never_run_together_at_any_width(qtbot) -> None:
    """Two years of weeks (labels like '23 Feb 2026') at the widths a chart gets from a small window to a
    wide one: every label is drawn at its tick and the gap between two neighbours is wider than a word space."""
    import datetime as dt
    from itertools import pairwise

    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QFont, QFontMetrics

    from caseload_reporter.analysis.chart_specs import ChartSpec, Series
    from caseload_reporter.reading.values import Period
    from caseload_reporter.ui.chart_images import SCREEN
    from caseload_reporter.ui.chart_view import ChartView

    weeks = tuple(Period(dt.date(2024, 11, 4) + dt.timedelta(weeks=i), "week") for i in range(104))
    view = ChartView("test")
    qtbot.addWidget(view)
    view.show()
    view.show_spec(ChartSpec("t", "Cases", [Series("North", weeks, tuple(20.0 + i % 7 for i in range(104)))]))
    font = QFont()
    font.setPointSize(SCREEN.font_pt)
    metrics = QFontMetrics(font)
    for width in (*range(200, 1200, 30), 1600):
        view.resize(width, 400)
        qtbot.wait(50)
        plot = view.plot_widget.getPlotItem()
        ticks = plot.getAxis("bottom")._tickLevels[0]
        assert len(ticks) >= 2 and ticks[-1][1] == "26 Oct 2026"
        placed = []
        for x, label in ticks:
            centre = plot.vb.mapViewToScene(QPointF(x, 0)).x()
            half = metrics.horizontalAdvance(label) / 2
            placed.append((centre - half, centre + half, label))
        for (_, right, left_label), (left, _, right_label) in pairwise(placed):
            assert left - right >= metrics.horizontalAdvance("  "), f"{width}px: {left_label!r} meets {right_label!r}"
