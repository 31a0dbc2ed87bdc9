"""The small words on screen: counts that agree with their nouns, one way of writing figures and money,
a change of nothing read as no change, and sentences that say what happened (a cancelled password, rows
read but not used, a table with nothing in it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog

from caseload_reporter.core.words import change, money, number
from caseload_reporter.reading.dataset import Dataset
from caseload_reporter.reading.importer import import_file
from caseload_reporter.ui.dataframe_model import DataFrameModel, places
from caseload_reporter.ui.dataset_banner import banner_text
from caseload_reporter.ui.main_window import MainWindow
from generators.import_fixtures import encrypt_workbook, workbook_spec, write_openpyxl


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:
    win = MainWindow(data_dir=tmp_path / "data")
    qtbot.addWidget(win)
    win.show()
    yield win
    win.runner.shutdown()


def wait_idle(qtbot, win: MainWindow) -> None:
    qtbot.waitUntil(lambda: not win.runner.is_busy(), timeout=30_000)


def month_file(folder: Path, name: str, month: str, cases: tuple[int, int]) -> Path:
    path = folder / name
    path.write_text(
        f"Caseloads {month}\nDistrict,Team,Social worker,FTE,Caseload\n"
        f"North,Assessment Team 1,Worker A,1,{cases[0]}\nNorth,Assessment Team 1,Worker B,1,{cases[1]}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("value", "decimals", "figure_text", "change_text"),
    [
        (4473, 0, "4,473", "+4,473"),
        (20.84, 1, "20.8", "+20.8"),
        (0.04, 1, "0.0", "no change"),
        (-0.04, 1, "0.0", "no change"),  # never '-0.0' or '+0.0', which read as a fall or a rise
        (-0.8, 1, "-0.8", "-0.8"),
        (0, 0, "0", "no change"),
        (-1, 0, "-1", "-1"),
        (1234567.891, 2, "1,234,567.89", "+1,234,567.89"),
    ],
)
def test_one_way_of_writing_a_figure_and_a_change(
    value: float, decimals: int, figure_text: str, change_text: str
) -> None:
    assert number(value, decimals) == figure_text
    assert change(value, decimals) == change_text


def test_tables_write_figures_and_money_as_the_paper_does() -> None:
    import pandas as pd

    model = DataFrameModel(
        pd.DataFrame({"cases": [4473, 12], "cost": [585746.0, 41839.0], "row": [23279, 5]}),
        formatters={"cases": places(0), "cost": money},
    )
    texts = [[model.data(model.index(r, c)) for c in range(3)] for r in range(2)]
    assert texts == [["4,473", "£585,746", "23279"], ["12", "£41,839", "5"]]  # a row number is not a count


def test_the_banner_counts_one_district_and_one_team_in_the_singular(tmp_path: Path) -> None:
    dataset = Dataset.from_results([import_file(month_file(tmp_path, "march.csv", "Mar 2022", (20, 18)))])
    text = banner_text(dataset, is_sample=False)
    assert "1 district · 1 team · 2 social workers in the latest period · 1 period, Mar 2022" in text
    assert "1 districts" not in text and "1 teams" not in text


def test_no_change_between_two_periods_reads_no_change(qtbot, window: MainWindow, tmp_path: Path) -> None:
    window.open_paths([month_file(tmp_path, "march.csv", "Mar 2022", (26, 12))])
    wait_idle(qtbot, window)
    window.open_paths([month_file(tmp_path, "april.csv", "Apr 2022", (26, 12))], add=True)
    qtbot.waitUntil(lambda: len(window.dataset.periods()) == 2, timeout=20_000)
    window.show_page("Compare periods")
    page = window.compare_page
    model = page.model
    column = list(model.frame().columns).index("Change in average")
    assert model.data(model.index(0, column)) == "no change"  # 19.0 then 19.0: it read '+0.0'
    workers = list(model.frame().columns).index("Change in workers over 25")
    assert model.data(model.index(0, workers)) == "no change"


def test_a_cancelled_password_is_said_to_be_cancelled_not_wrong(qtbot, window: MainWindow, tmp_path: Path) -> None:
    plain = write_openpyxl(workbook_spec("worker_caseloads"), tmp_path / "plain.xlsx")
    locked = encrypt_workbook(plain, tmp_path / "locked.xlsx", "Wenmoor-2022")
    answers = iter(["wrong", None])  # a wrong password, then Cancel

    def answer() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QInputDialog) and widget.isVisible():
                typed = next(answers)
                if typed is None:
                    widget.reject()
                else:
                    widget.setTextValue(typed)
                    widget.accept()

    timer = QTimer()
    timer.setInterval(30)
    timer.timeout.connect(answer)
    timer.start()
    window.open_paths([locked])
    qtbot.waitUntil(lambda: bool(window.message_strip.text()) and not window.runner.is_busy(), timeout=20_000)
    timer.stop()
    said = window.message_strip.text()
    assert "locked.xlsx was not opened: no password was entered" in said
    assert "not accepted" not in said
    assert window.dataset.is_empty()


def test_rows_read_but_not_in_use_are_counted_apart(qtbot, window: MainWindow, tmp_path: Path, monkeypatch) -> None:
    """Two files for the same month, the second's figures kept out: 2 rows in use of 4 read, and why."""
    window.open_paths([month_file(tmp_path, "march.csv", "Mar 2022", (20, 18))])
    wait_idle(qtbot, window)
    monkeypatch.setattr(window, "ask_replace", lambda periods, result: False)  # keep the open figures
    window.open_paths([month_file(tmp_path, "march again.csv", "Mar 2022", (25, 23))], add=True)
    qtbot.waitUntil(lambda: len(window.dataset.files) == 2 and not window.runner.is_busy(), timeout=20_000)
    intro = window.data_page.intro.text()
    assert intro.startswith("2 files open; 2 rows in use of 4 read: 2 rows left out because another file has")
    assert window.data_page.tabs.tabText(0) == "Caseload rows (2)"


def test_an_empty_caseload_table_says_what_the_files_hold_instead(qtbot, window: MainWindow, tmp_path: Path) -> None:
    measures = write_openpyxl(workbook_spec("service_measures"), tmp_path / "measures.xlsx")
    window.open_paths([measures])
    qtbot.waitUntil(lambda: not window.dataset.is_empty() and not window.runner.is_busy(), timeout=20_000)
    page = window.data_page
    assert page.records_stack.currentWidget() is page.records_empty
    assert page.records_empty.text() == "No caseload rows: the files open hold service measures (see Service measures)."
    assert page.tabs.tabText(0) == "Caseload rows (0)"
    assert "rows in use" in page.intro.text() and "rows imported" not in page.intro.text()
