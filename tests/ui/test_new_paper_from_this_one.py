"""File > New paper from this one, in the real window: the next quarter's file carries the open paper forward."""

from __future__ import annotations

from pathlib import Path

from caseload_reporter.reporting.roll_forward import RolledPaper
from caseload_reporter.ui.main_window import MainWindow
from caseload_reporter.ui.roll_forward_dialog import RollForwardDialog
from generators.council_shapes import write_openpyxl


def quarter(folder: Path, month: str, cases: int) -> Path:
    grid = [["Team", "Social worker", "FTE", "Caseload", "Month"]]
    grid += [["Assessment Team 1", "Ann", 1.0, cases, month], ["Children in Care Team", "Cat", 1.0, 15, month]]
    return write_openpyxl(grid, folder / f"{month}.xlsx")


def test_the_next_quarters_file_carries_the_paper_forward(qtbot, tmp_path: Path) -> None:
    window = MainWindow(data_dir=tmp_path / "data")
    qtbot.addWidget(window)
    window.show()
    shown: list[RolledPaper] = []
    window.show_changes = shown.append  # the dialog is looked at below, without blocking the test
    window.open_paths([quarter(tmp_path, "Mar-22", 20)])
    qtbot.waitUntil(lambda: not window.runner.is_busy() and not window.dataset.is_empty(), timeout=15_000)
    window.session.edit(lambda draft: draft.key_issues.append("In March 2022 caseloads fell."))
    window.imports.roll_forward_with([quarter(tmp_path, "Jun-22", 25)])
    qtbot.waitUntil(lambda: bool(shown), timeout=15_000)
    (paper,) = shown
    assert window.session.draft.key_issues == ["In June 2022 caseloads fell."]
    assert window.pages.currentWidget() is window.report_page
    assert "Untitled report*" in window.windowTitle()  # a new, unsaved paper
    dialog = RollForwardDialog(paper, window)
    qtbot.addWidget(dialog)
    groups = [dialog.tree.topLevelItem(i).text(0) for i in range(dialog.tree.topLevelItemCount())]
    assert groups[0].startswith("Words moved on to the new period") and any(g.startswith("Figures") for g in groups)
    window.runner.shutdown()


def test_files_that_cannot_carry_the_paper_leave_it_as_it_was(qtbot, tmp_path: Path) -> None:
    window = MainWindow(data_dir=tmp_path / "data")
    qtbot.addWidget(window)
    window.show()
    window.open_paths([quarter(tmp_path, "Mar-22", 20)])
    qtbot.waitUntil(lambda: not window.runner.is_busy() and not window.dataset.is_empty(), timeout=15_000)
    draft = window.session.draft
    window.imports.roll_forward_with([quarter(tmp_path, "Jan-22", 20)])
    qtbot.waitUntil(lambda: window.message_strip.isVisible(), timeout=15_000)
    assert "not after March 2022" in window.message_strip.label.text()
    assert "The paper open is unchanged." in window.message_strip.label.text()
    assert window.session.draft is draft
    window.runner.shutdown()
