"""Checking and correcting an import in the real window, and the memory that makes next month one click."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from caseload_reporter.reading.choices import ChoiceMemory
from caseload_reporter.reading.importer import import_file
from caseload_reporter.ui.import_review import ImportReviewDialog
from caseload_reporter.ui.main_window import MainWindow
from qt_dialogs import when_shown


def unusual_file(folder: Path, month: str, name: str) -> Path:
    path = folder / name
    path.write_text(
        "\n".join(
            [
                f"Allocations {month}",
                "Our unit,Staff,Cases on books (allocated)",
                "Hub North,Worker A,21",
                "Hub North,Worker B,12",
                "Ely Young People,Worker C,17",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:
    win = MainWindow(data_dir=tmp_path / "data")
    qtbot.addWidget(win)
    win.show()
    yield win
    win.runner.shutdown()


def choose(combo, data: str) -> None:
    index = combo.findData(data)
    assert index >= 0, f"{data!r} is not offered"
    combo.setCurrentIndex(index)


def test_an_unsure_import_is_checked_corrected_and_remembered(qtbot, window: MainWindow, tmp_path: Path) -> None:
    seen: dict[str, object] = {}

    def correct(dialog: ImportReviewDialog) -> None:
        seen["doubts"] = dialog.doubts.text()
        choose(dialog.field_combos["worker"], "Staff")
        choose(dialog.layout_combo, "long")
        dialog.flush()
        seen["preview_rows"] = dialog.preview_model.rowCount()
        dialog.accept()

    timer = when_shown(ImportReviewDialog, correct)
    window.open_paths([unusual_file(tmp_path, "Mar 2022", "march.csv")])
    qtbot.waitUntil(lambda: "march" in window.banner.text(), timeout=10_000)
    timer.stop()
    assert "Cases on books (allocated)" in str(seen["doubts"])
    assert seen["preview_rows"] == 3
    assert sorted(window.dataset.caseloads["worker"]) == ["Worker A", "Worker B", "Worker C"]
    assert len(ChoiceMemory(window.data_dir / "mappings.json")) == 1

    # Next month's file with the same layout: no dialog, the remembered mapping is used.
    unexpected = when_shown(ImportReviewDialog, lambda d: d.reject())
    window.open_paths([unusual_file(tmp_path, "Apr 2022", "april.csv")])
    qtbot.waitUntil(lambda: "april" in window.banner.text(), timeout=10_000)
    unexpected.stop()
    assert sorted(window.dataset.caseloads["worker"]) == ["Worker A", "Worker B", "Worker C"]
    assert window.dataset.files[0].sheets[0].remembered


def test_cancelling_the_check_keeps_the_open_data(qtbot, window: MainWindow, tmp_path: Path) -> None:
    window.open_sample()
    qtbot.waitUntil(lambda: not window.runner.is_busy() and window.is_sample, timeout=30_000)
    before = window.dataset
    timer = when_shown(ImportReviewDialog, lambda d: d.reject())
    window.open_paths([unusual_file(tmp_path, "Mar 2022", "march.csv")])
    qtbot.waitUntil(lambda: window.message_strip.isVisible(), timeout=10_000)
    timer.stop()
    assert "cancelled" in window.message_strip.label.text()
    assert window.dataset is before


def test_changing_the_header_row_refreshes_the_preview(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "two tables.csv"
    path.write_text(
        "Team,Social worker,Caseload\nA Team,X,1\n\n\nMonth,Team,Social worker,Caseload\n"
        "Mar-22,Assessment Team,W1,3\nMar-22,Assessment Team,W2,4\nMar-22,Assessment Team,W3,5\n",
        encoding="utf-8",
    )
    dialog = ImportReviewDialog([import_file(path)])
    qtbot.addWidget(dialog)
    dialog.header_row.setValue(5)
    dialog.flush()
    assert dialog.current_choice().header_row == 5
    assert dialog.preview_model.rowCount() == 3
    (final,) = dialog.final_results()
    assert sorted(final.sheets[0].records["worker"]) == ["W1", "W2", "W3"]


def test_adding_a_period_already_open_asks_and_never_double_counts(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    def month(name: str, cases: int) -> Path:
        path = tmp_path / name
        path.write_text(f"Caseloads Jan 2022\nTeam,Social worker,Caseload\nAssessment Team 1,Worker A,{cases}\n")
        return path

    window.open_paths([month("january.csv", 20)])
    qtbot.waitUntil(lambda: not window.dataset.is_empty(), timeout=10_000)
    asked: list[str] = []
    monkeypatch.setattr(window, "ask_replace", lambda periods, result: asked.append(result.path.name) or True)
    window.open_paths([month("january corrected.csv", 25)], add=True)
    qtbot.waitUntil(lambda: bool(asked) and not window.runner.is_busy(), timeout=10_000)
    assert asked == ["january corrected.csv"]
    assert window.dataset.caseloads["caseload"].tolist() == [25.0]


def test_the_replace_question_is_answered_by_replace_or_keep(qtbot, window: MainWindow, tmp_path: Path) -> None:
    """The buttons say what they do (never Yes or No); Keep is the default and Escape; a count reads '1 period'."""
    import datetime as dt

    from caseload_reporter.reading.values import Period

    result = import_file(unusual_file(tmp_path, "Mar 2022", "march.csv"))
    seen: dict[str, object] = {}

    def answer_with(label: str):
        def act(box: QMessageBox) -> None:
            buttons = {b.text().replace("&", ""): b for b in box.buttons()}
            seen.update(text=box.text(), buttons=sorted(buttons), default=box.defaultButton().text())
            buttons[label].click()

        return act

    march = [Period(dt.date(2022, 3, 1), "month")]
    timer = when_shown(QMessageBox, answer_with("Keep the open figures"))
    assert window.ask_replace(march, result) is False
    timer.stop()
    assert seen["buttons"] == ["Keep the open figures", "Replace the open figures"]
    assert seen["default"].replace("&", "") == "Keep the open figures"
    assert "1 period that is already open: Mar 2022." in seen["text"] and "(s)" not in seen["text"]
    timer = when_shown(QMessageBox, answer_with("Replace the open figures"))
    assert window.ask_replace(march, result) is True
    timer.stop()


def test_a_protected_workbook_asks_for_its_password_and_opens(qtbot, window: MainWindow, tmp_path: Path) -> None:
    """The real password box, answered as an officer would; the password is never saved."""
    import openpyxl
    from PySide6.QtWidgets import QInputDialog

    from generators.import_fixtures import encrypt_workbook

    book = openpyxl.Workbook()
    book.active.append(["Month", "Team", "Social worker", "Caseload"])
    book.active.append(["Mar-22", "Assessment Team 1", "Worker A", 19])
    plain = tmp_path / "plain.xlsx"
    book.save(plain)
    locked = encrypt_workbook(plain, tmp_path / "locked.xlsx", "Wenmoor-2022")
    answers = iter(["wrong", "Wenmoor-2022"])
    prompts: list[str] = []

    def answer(dialog: QInputDialog) -> None:
        prompts.append(dialog.labelText())
        dialog.setTextValue(next(answers))
        dialog.accept()

    timer = QTimer()
    timer.setInterval(30)

    def poll() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QInputDialog) and widget.isVisible():
                answer(widget)

    timer.timeout.connect(poll)
    timer.start()
    window.open_paths([locked])
    qtbot.waitUntil(lambda: "locked" in window.banner.text(), timeout=20_000)
    timer.stop()
    assert len(prompts) == 2 and "not accepted" in prompts[1]
    assert window.dataset.caseloads["worker"].tolist() == ["Worker A"]
    settings_text = "".join(str(window.settings.value(k)) for k in window.settings.allKeys())
    assert "Wenmoor-2022" not in settings_text


def test_a_long_heading_is_elided_in_the_middle_never_cut_mid_word(qtbot, tmp_path: Path) -> None:
    """The column boxes were cut mid-word at every scale; a long heading now shows its start and end with '…'
    between, whole in its tooltip, in its list and to a screen reader, and the dialog fits the screen."""
    from PySide6.QtGui import QAccessible, QGuiApplication

    heading = "Contracted hours as a share of 37 (from the HR system at the end of the month before sign-off)"
    path = tmp_path / "long.csv"
    path.write_text(
        f"Month,Team,Social worker,Caseload,{heading}\n"
        "Mar-22,Hub North,Worker A,21,1\nMar-22,Hub North,Worker B,12,0.5\n",
        encoding="utf-8",
    )
    result = import_file(path)
    assert result.ok
    dialog = ImportReviewDialog([result])
    qtbot.addWidget(dialog)
    dialog.show()
    combo = dialog.field_combos["fte"]
    choose(combo, heading)
    shown = combo.shown_text()
    assert "…" in shown and shown.startswith("Contracted") and shown.endswith("sign-off)")
    assert combo.toolTip() == heading
    assert QAccessible.queryAccessibleInterface(combo).text(QAccessible.Text.Value) == heading
    assert combo.width() < combo.fontMetrics().horizontalAdvance(heading)  # the form keeps its width
    room = QGuiApplication.primaryScreen().availableGeometry()
    assert dialog.width() <= room.width() and dialog.height() <= room.height()
