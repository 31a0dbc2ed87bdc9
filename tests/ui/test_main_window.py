"""The main window, driven as an officer would: first run on the sample, File > Open, bad files."""

from __future__ import annotations

import csv
import datetime as dt
import zipfile
from collections import defaultdict
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QFileDialog

from caseload_reporter.core.sample import sample_council
from caseload_reporter.ui.about_dialog import AboutDialog
from caseload_reporter.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:
    win = MainWindow(data_dir=tmp_path)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.runner.shutdown()


def wait_idle(qtbot, win: MainWindow) -> None:
    qtbot.waitUntil(lambda: not win.runner.is_busy(), timeout=30_000)


@pytest.fixture(scope="module")
def sample_counts() -> dict[str, int]:
    """Counted straight from the workbook with openpyxl, independently of the app's importer."""
    book = openpyxl.load_workbook(sample_council().workbook, read_only=True)
    sheet = book["Caseloads"]
    rows = sheet.iter_rows(values_only=True)
    header = None
    for row in rows:
        if row and row[0] == "Week commencing":
            header = list(row)
            break
    assert header is not None
    workers_by_week: dict[object, set[str]] = defaultdict(set)
    districts, teams = set(), set()
    for row in rows:
        if not isinstance(row[0], dt.datetime | dt.date):
            continue
        record = dict(zip(header, row, strict=False))
        districts.add(record["District"])
        teams.add(record["Team"])
        workers_by_week[record["Week commencing"]].add(record["Social worker"])
    book.close()
    latest = max(workers_by_week)
    return {
        "districts": len(districts),
        "teams": len(teams),
        "workers": len(workers_by_week[latest]),
        "weeks": len(workers_by_week),
    }


def test_first_run_shows_the_sample_council_with_its_counts(qtbot, window: MainWindow, sample_counts) -> None:
    window.open_sample()
    wait_idle(qtbot, window)
    text = window.banner.text()
    assert sample_council().name in text
    assert "sample council" in text and "fictional" in text
    assert f"{sample_counts['districts']} districts" in text
    assert f"{sample_counts['teams']} teams" in text
    assert f"{sample_counts['workers']} social workers" in text
    assert f"{sample_counts['weeks']} periods" in text
    assert sample_council().name in window.windowTitle()
    assert window.data_page.records_model.rowCount() > 0
    assert window.is_sample


def test_navigation_reaches_every_page(qtbot, window: MainWindow) -> None:
    expected = {
        "Data": window.data_page,
        "Teams": window.teams_page,
        "Districts": window.districts_page,
        "Compare periods": window.compare_page,
        "Service measures": window.measures_page,
        "Staffing": window.staffing_page,
        "Benchmarks": window.benchmarks_page,
        "Report": window.report_page,
    }
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == list(expected)
    assert window.pages.count() == len(expected)
    for row, (name, page) in enumerate(expected.items()):
        window.nav.item(row).setSelected(True)
        window.nav.setCurrentRow(row)
        assert window.pages.currentWidget() is page, name
        # The view filters apply to the pages that show the open data, not to benchmarks or the report: there
        # a sentence in the bar's place says why (the bar keeps its height: the page never jumps).
        applies = name not in ("Benchmarks", "Report")
        assert window.filter_bar.isVisible(), name
        assert window.filter_bar.period.isVisible() == applies, name
        assert window.filter_bar.not_applying.isVisible() != applies, name
    for name, page in reversed(expected.items()):
        window.show_page(name)
        assert window.pages.currentWidget() is page and window.nav.currentItem().text() == name


def write_csv(path: Path, encoding: str = "cp1252") -> None:
    """A CSV as Excel saves it on a council laptop: a title row, a total row, a note, cp1252."""
    rows = [
        ["Caseloads – Riverside Children’s Services, March 2022"],
        [],
        ["Month", "Area", "Team", "Practitioner", "FTE", "No. of cases"],
        ["Mar-22", "North", "Assessment Team 1", "Worker A", "1", "21"],
        ["Mar-22", "North", "Assessment Team 1", "Worker B", "0.5", "9"],
        ["Mar-22", "South", "Children in Care Team", "Worker C", "1", "N/A"],
        ["Mar-22", "South", "Children in Care Team", "Worker D", "1", "-3"],
        ["Total", "", "", "", "", "30"],
        [],
        ["Note: figures taken on the last working day of the month."],
    ]
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)


def test_file_open_loads_a_file_and_remembers_it(qtbot, window: MainWindow, tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "march caseloads.csv"
    write_csv(path)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(path)], "")))
    window.open_action.trigger()
    wait_idle(qtbot, window)
    assert not window.is_sample
    assert "march caseloads" in window.banner.text()
    assert "2 districts" in window.banner.text() and "2 teams" in window.banner.text()
    # Three good rows imported (one with caseload N/A kept as missing), the negative one listed.
    assert window.data_page.records_model.rowCount() == 3
    rejected = window.data_page.rejected_model.frame()
    assert list(rejected["reason"]) == ["caseload is negative"]
    assert list(rejected["row"]) == [7]
    recent = [a.data() for a in window.recent_menu.actions()]
    assert str(path.resolve()) in recent


def test_recent_files_and_geometry_survive_a_restart(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "caseloads.csv"
    write_csv(path)
    first = MainWindow(data_dir=tmp_path)
    qtbot.addWidget(first)
    first.show()
    first.resize(QSize(701, 555))
    first.open_paths([path])
    wait_idle(qtbot, first)
    first.close()
    second = MainWindow(data_dir=tmp_path)
    qtbot.addWidget(second)
    assert second.size() == QSize(701, 555)
    assert [a.data() for a in second.recent_menu.actions()] == [str(path.resolve())]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "is empty"),
        (b"PK\x03\x04" + b"\x00" * 40, "damaged or incomplete"),
        (b"%PDF-1.7\n" + b"x" * 100, "PDF document, not a spreadsheet"),
        (b"Dear colleague,\nplease find the figures attached.\n", "no caseload or service figures"),
    ],
    ids=["empty", "truncated-zip", "pdf-named-xlsx", "letter-named-xlsx"],
)
def test_a_bad_file_gets_one_sentence_and_keeps_the_open_data(
    qtbot, window: MainWindow, tmp_path: Path, content: bytes, expected: str
) -> None:
    window.open_sample()
    wait_idle(qtbot, window)
    before = window.dataset
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(content)
    window.open_paths([bad])
    wait_idle(qtbot, window)
    message = window.message_strip.label.text()
    assert window.message_strip.isVisible()
    assert expected in message
    assert "Traceback" not in message and "Error:" not in message
    assert "unchanged" in message
    assert window.dataset is before  # the sample is still open, untouched
    assert window.is_sample


def test_a_truncated_real_workbook_is_refused_plainly(qtbot, window: MainWindow, tmp_path: Path) -> None:
    whole = sample_council().workbook.read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(whole[: len(whole) // 2])
    window.open_paths([cut])
    wait_idle(qtbot, window)
    assert "cannot be read" in window.message_strip.label.text() or "damaged" in window.message_strip.label.text()
    assert window.dataset.is_empty()


def test_cancelling_an_import_keeps_what_was_open(qtbot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "caseloads.csv"
    write_csv(path)
    window.open_paths([path])
    wait_idle(qtbot, window)
    before = window.dataset
    with qtbot.waitSignal(window.runner.cancelled, timeout=30_000):
        window.open_sample()
        assert window.progress_panel.isVisible()
        window.runner.cancel()
    assert window.dataset is before
    assert not window.progress_panel.isVisible()


def test_dropped_files_are_opened(qtbot, window: MainWindow, tmp_path: Path) -> None:
    """Offscreen Qt does not deliver synthetic drops, so this calls what dropEvent calls."""
    path = tmp_path / "dropped.csv"
    write_csv(path)
    window.open_paths([path])
    wait_idle(qtbot, window)
    assert "dropped" in window.banner.text()
    assert window.acceptDrops()


def test_about_names_the_version_and_every_bundled_licence(qtbot) -> None:
    from caseload_reporter import __version__
    from caseload_reporter.core.licences import shipped

    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    text = dialog.text.toPlainText()
    assert __version__ in text
    assert "LGPL" in text
    for item in shipped():
        assert item.name in text
    assert "never connects to the internet" in text
    # Run from Python, not packaged: the interpreter's and the bootloader's rows are for the packaged build.
    assert "PyInstaller" not in text


def test_about_shows_each_library_licence_in_full(qtbot) -> None:
    from caseload_reporter.core.licences import shipped

    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    names = [item.name for item in shipped()]
    assert [dialog.library.itemText(i) for i in range(dialog.library.count())] == names
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in dialog.licence.toPlainText()  # Qt comes first
    assert "Version 3, 29 June 2007" in dialog.licence.toPlainText()
    for index, name in enumerate(names):
        dialog.library.setCurrentIndex(index)
        shown = dialog.licence.toPlainText()
        assert "=====" in shown, f"{name} has no licence text"
        assert len(shown) > 500, f"{name}'s licence text is suspiciously short"
    dialog.library.setCurrentIndex(names.index("pandas"))
    assert "BSD 3-Clause License" in dialog.licence.toPlainText()


def test_sample_workbook_is_a_real_xlsx() -> None:
    with zipfile.ZipFile(sample_council().workbook) as archive:
        assert "xl/workbook.xml" in archive.namelist()
