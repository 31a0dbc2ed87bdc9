"""The Benchmarks page, driven as an officer would: the DfE files shipped with the app or opened through
File > Open's path, a council typed in, its figures against the raw CSV, and the council still chosen
after a restart; a newer release opened replaces the shipped one, an older one does not.

Expected figures are read from the raw files with the csv module, not from the code under test.
"""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import QSettings, Qt

from caseload_reporter.analysis.england import england_caseload_per_fte
from caseload_reporter.reporting.blocks import TableContent, build_block
from caseload_reporter.reporting.draft import Item
from caseload_reporter.ui.main_window import MainWindow
from caseload_reporter.ui.pages.benchmarks_page import COUNCIL_KEY
from generators.published_releases import newer_release, older_release
from published_files import INDICATORS, NEIGHBOURS


def new_window(qtbot, data_dir: Path) -> MainWindow:
    window = MainWindow(data_dir=data_dir)
    qtbot.addWidget(window)
    window.show()
    return window


def wait_idle(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=30_000)


def show_benchmarks(window: MainWindow) -> None:
    window.show_page("Benchmarks")


def type_council(window: MainWindow, text: str) -> None:
    combo = window.benchmarks_page.council_combo
    combo.lineEdit().setText(text)
    combo.lineEdit().editingFinished.emit()  # as when the officer presses Enter or leaves the box


def raw_council(code: str) -> dict[int, dict[str, str]]:
    with INDICATORS.open(encoding="utf-8-sig") as handle:
        return {int(r["time_period"]): r for r in csv.DictReader(handle) if r["old_la_code"] == code}


def test_before_a_council_is_chosen_the_page_shows_the_built_in_england_series(qtbot, tmp_path: Path) -> None:
    window = new_window(qtbot, tmp_path)
    window.open_sample()
    wait_idle(qtbot, window)
    show_benchmarks(window)
    page = window.benchmarks_page
    assert "against England's" in page.status.text()
    assert "Choose your council above" in page.prompt.text() and "built into the app" in page.prompt.text()
    assert page.source.text() == f"England: {england_caseload_per_fte().source}"
    england = next(s for s in page.chart.spec.series if s.name == "England")
    built_in = england_caseload_per_fte().values
    assert {p.start.year: v for p, v in zip(england.periods, england.values, strict=True) if v is not None} == built_in
    assert any(s.name.endswith("(your data)") for s in page.chart.spec.series)  # the sample's own averages
    shown = page.years_model.frame().set_index("Year")
    assert shown.loc["2025", "England"] == "15.2" and shown.loc["2026", "England"] == "no figure"
    # The statistics ship with the app: every council can be chosen before anything is opened.
    assert page.council_combo.isEnabled() and page.council_combo.count() > 150 and page.summary.isHidden()
    window.runner.shutdown()


def test_the_shipped_statistics_compare_a_council_before_anything_is_opened(qtbot, tmp_path: Path) -> None:
    window = new_window(qtbot, tmp_path)
    page = window.benchmarks_page
    show_benchmarks(window)
    type_council(window, "Barnsley")
    raw = raw_council("370")
    shown = page.years_model.frame()
    assert list(shown["Barnsley"]) == [f"{float(raw[y]['caseload_fte']):.1f}" for y in range(2017, 2026)]
    assert "Its statistical neighbours: Rotherham, Wakefield, Tameside" in page.status.text()  # by name
    assert "the release built into Caseload Reporter (2017 to 2025)" in page.source.text()
    assert "sn_model_2025_wide.csv" in page.source.text()
    window.runner.shutdown()


def test_a_newer_release_opened_replaces_the_shipped_one_and_an_older_one_does_not(qtbot, tmp_path: Path) -> None:
    QSettings().setValue(COUNCIL_KEY, "370")
    newer = newer_release(tmp_path / "csww_indicators_2017_to_2026.csv", 2026, change=1.0)
    window = new_window(qtbot, tmp_path)
    window.open_paths([newer])
    wait_idle(qtbot, window)
    page = window.benchmarks_page
    shown = page.years_model.frame()
    assert list(shown["Year"])[-1] == "2026"
    assert shown["Barnsley"].iloc[-1] == f"{float(raw_council('370')[2025]['caseload_fte']) + 1.0:.1f}"
    assert "csww_indicators_2017_to_2026.csv" in page.source.text()
    window.runner.shutdown()

    older = older_release(tmp_path / "csww_indicators_2017_to_2023.csv", 2023)
    again = new_window(qtbot, tmp_path)
    again.open_paths([older])
    wait_idle(qtbot, again)
    page = again.benchmarks_page
    assert list(page.years_model.frame()["Year"])[-1] == "2025"  # the newer built-in release is kept
    assert "goes up to 2023" in page.message.text() and "the built-in release is used" in page.message.text()
    again.runner.shutdown()


def test_a_council_picked_against_the_real_file_is_shown_and_remembered_after_a_restart(qtbot, tmp_path: Path) -> None:
    window = new_window(qtbot, tmp_path)
    window.open_sample()
    wait_idle(qtbot, window)
    window.open_paths([INDICATORS, NEIGHBOURS])  # File > Open, as the officer opens the downloaded files
    wait_idle(qtbot, window)
    page = window.benchmarks_page
    # The statistics join the sample rather than replace it, and the window shows where they went.
    assert window.is_sample and not window.dataset.caseloads.empty and window.dataset.benchmarks is not None
    assert window.page_names()[window.nav.currentRow()] == "Benchmarks"
    assert "fictional" in page.prompt.text() and page.prompt.isVisible()  # the sample is not in the DfE file

    type_council(window, "barnsley")
    assert page.council_code() == "370" and page.council_combo.currentText() == "Barnsley (370)"
    raw = raw_council("370")
    shown = page.years_model.frame()
    assert list(shown["Year"]) == [str(y) for y in range(2017, 2026)]  # one series across its change of code
    assert list(shown["Barnsley"]) == [f"{float(raw[y]['caseload_fte']):.1f}" for y in range(2017, 2026)]
    assert shown.loc[shown["Year"] == "2018", "Rank in its region"].item() == (
        "4th highest of 15 in Yorkshire and The Humber"
    )
    series = {s.name: s for s in page.chart.spec.series}
    assert set(series) == {"Barnsley", "England", "Yorkshire and The Humber", "Statistical neighbours' average"}
    assert series["Barnsley"].values[-1] == float(raw[2025]["caseload_fte"])
    summary = page.summary_model.frame()
    assert list(summary["Measure"]) == [
        "Average caseload per FTE",
        "Agency worker rate (%)",
        "Vacancy rate (%)",
        "Turnover rate (%)",
    ]
    assert summary.loc[1, "Barnsley"] == f"{float(raw[2025]['agency_rate_fte']):.1f}"
    # The report compares the same council.
    assert window.dataset.council == "370" and window.report_page.block_context().council == "370"
    table = build_block(Item("table.benchmark"), window.report_page.block_context())
    assert isinstance(table, TableContent) and "Barnsley" in table.frame.columns
    window.close()
    window.runner.shutdown()

    assert QSettings().value(COUNCIL_KEY) == "370"
    again = new_window(qtbot, tmp_path)  # the next run: only the statistics file, no neighbours this time
    again.open_paths([INDICATORS])
    wait_idle(qtbot, again)
    page = again.benchmarks_page
    assert page.council_code() == "370" and page.council_combo.currentText() == "Barnsley (370)"
    assert "Barnsley" in page.years_model.frame().columns and not page.prompt.isVisible()
    # No neighbours file this time: the model shipped with the app names them.
    assert "Its statistical neighbours: Rotherham" in page.status.text()
    model = page.years_model
    headings = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    assert "Neighbours' average" in headings
    again.runner.shutdown()


def test_withheld_years_are_words_and_gaps_with_the_reason_stated(qtbot, tmp_path: Path) -> None:
    window = new_window(qtbot, tmp_path)
    window.open_paths([INDICATORS])
    wait_idle(qtbot, window)
    page = window.benchmarks_page
    type_council(window, "E09000033")  # Westminster by its new code
    page.measure_combo.setCurrentIndex(page.measure_combo.findData("agency_rate_fte"))
    shown = page.years_model.frame().set_index("Year")
    assert [shown.loc[str(y), "Westminster"] for y in range(2022, 2026)] == ["not available"] * 4
    assert "No figure for Westminster in 2022 to 2025: the file marks it 'x', not available." in page.gaps.text()
    westminster = next(s for s in page.chart.spec.series if s.name == "Westminster")
    assert westminster.values[-4:] == (None, None, None, None)  # gaps in the line, not zeros
    window.runner.shutdown()


def test_a_council_not_in_the_file_is_one_sentence(qtbot, tmp_path: Path) -> None:
    QSettings().setValue(COUNCIL_KEY, "999")  # remembered from a file that had it
    window = new_window(qtbot, tmp_path)
    window.open_paths([INDICATORS])
    wait_idle(qtbot, window)
    page = window.benchmarks_page
    assert page.message.text() == (
        "Problem: The council chosen before (code 999) is not in this statistics file: choose yours again."
    )
    type_council(window, "Wenmoor")
    assert page.message.text() == "Problem: No council called or coded 'Wenmoor' is in the statistics file."
    type_council(window, "North")
    assert "matches several councils" in page.message.text() and "\n" not in page.message.text()
    assert page.prompt.isVisible()  # still asking for a council, with the England comparison shown
    window.runner.shutdown()


def test_the_four_measures_default_to_the_year_of_the_open_data(qtbot, tmp_path: Path) -> None:
    """As the report does: data up to December 2017 compares 2017, until the officer picks another year."""
    import datetime as dt

    from generators.import_fixtures import SheetSpec, WorkbookSpec, write_openpyxl

    rows: list[list[object]] = [["Date", "Team", "Team type", "Cases", "FTE"]]
    for date in (dt.date(2017, 9, 30), dt.date(2017, 12, 31)):
        rows.append([date, "North Assessment Team", "Assessment", 120, 6.0])
    book = write_openpyxl(WorkbookSpec("returns", [SheetSpec("Caseloads", rows)]), tmp_path / "returns.xlsx")
    QSettings().setValue(COUNCIL_KEY, "370")
    window = new_window(qtbot, tmp_path)
    window.open_paths([book])
    wait_idle(qtbot, window)
    show_benchmarks(window)
    page = window.benchmarks_page
    assert page.year_combo.currentData() == 2017
    summary = page.summary_model.frame()
    assert summary.loc[0, "Barnsley"] == f"{float(raw_council('370')[2017]['caseload_fte']):.1f}"
    page.year_combo.setCurrentIndex(page.year_combo.findData(2020))  # the officer's choice stands
    page.refresh()
    assert page.year_combo.currentData() == 2020
    assert page.summary_model.frame().loc[0, "Barnsley"] == f"{float(raw_council('370')[2020]['caseload_fte']):.1f}"
    window.runner.shutdown()
