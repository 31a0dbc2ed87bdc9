"""Autosave: written when the draft changed, offered back after a crash or an unsaved close, deleted once saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from caseload_reporter.reporting.project_file import AUTOSAVE_NAME, load_project
from caseload_reporter.ui.main_window import MainWindow


def open_window(qtbot, data_dir: Path, restore: bool | None = None) -> MainWindow:
    win = MainWindow(data_dir=data_dir)
    qtbot.addWidget(win)
    if restore is not None:
        win.autosave.ask_restore = lambda: restore
    win.show()
    return win


def crash(win: MainWindow) -> None:
    """The app "crashes": it never closes cleanly, and its process is gone, so its lock on the autosave
    is gone too (a real kill -9 is in tests/ui/test_single_instance.py)."""
    win.autosave.release()


@pytest.fixture
def edited(qtbot, tmp_path: Path) -> MainWindow:
    """The sample council open and a paragraph typed, with the autosave ticking every 50 ms."""
    win = open_window(qtbot, tmp_path)
    win.open_sample()
    qtbot.waitUntil(lambda: not win.runner.is_busy() and not win.dataset.is_empty(), timeout=30_000)
    win.show_report_page()
    page = win.report_page
    page.outline.select("key_issues")
    QTest.keyClicks(page.current_editor().text, " Typed before the crash.")
    win.autosave.set_interval(50)
    yield win
    win.runner.shutdown()


def test_the_autosave_is_written_when_the_timer_fires_after_a_change(qtbot, edited: MainWindow, tmp_path) -> None:
    path = tmp_path / AUTOSAVE_NAME
    qtbot.waitUntil(path.is_file, timeout=5_000)
    project = load_project(path)
    assert project.draft.to_json() == edited.report_page.draft.to_json()
    assert project.sample and project.thresholds == edited.thresholds.to_json()
    assert not edited.autosave.changed
    assert not edited.autosave.save_now()  # nothing changed since: nothing written


def test_a_new_window_offers_the_autosave_back_and_restores_the_draft(qtbot, edited: MainWindow, tmp_path) -> None:
    qtbot.waitUntil((tmp_path / AUTOSAVE_NAME).is_file, timeout=5_000)
    crash(edited)
    expected = edited.report_page.draft.to_json()
    second = open_window(qtbot, tmp_path, restore=True)
    qtbot.waitUntil(lambda: not second.dataset.is_empty() and not second.runner.is_busy(), timeout=30_000)
    page = second.report_page
    assert page.draft.to_json() == expected
    assert second.is_sample and page.modified
    assert second.windowTitle().startswith("Untitled report*")
    assert page.message.text() == "The draft from last time is back."
    assert second.projects.save_to(tmp_path / "paper.crproject")
    second.close()
    assert not (tmp_path / AUTOSAVE_NAME).exists()  # saved, then closed: nothing to offer next time


def test_closing_with_an_unsaved_draft_keeps_it_for_next_time(qtbot, edited: MainWindow, tmp_path) -> None:
    path = tmp_path / AUTOSAVE_NAME
    QTest.keyClicks(edited.report_page.current_editor().text, " And a last line typed just before closing.")
    expected = edited.report_page.draft.to_json()
    edited.close()  # well inside the autosave interval: the close itself must write it
    assert load_project(path).draft.to_json() == expected
    second = open_window(qtbot, tmp_path, restore=True)
    qtbot.waitUntil(lambda: not second.dataset.is_empty() and not second.runner.is_busy(), timeout=30_000)
    assert second.report_page.draft.to_json() == expected


def test_declining_the_offer_deletes_the_autosave(qtbot, edited: MainWindow, tmp_path) -> None:
    path = tmp_path / AUTOSAVE_NAME
    qtbot.waitUntil(path.is_file, timeout=5_000)
    crash(edited)
    second = open_window(qtbot, tmp_path, restore=False)
    qtbot.waitUntil(lambda: not path.exists(), timeout=5_000)
    assert "Typed before the crash." not in " ".join(second.report_page.draft.key_issues)


def test_a_damaged_autosave_is_one_sentence_and_then_gone(qtbot, tmp_path) -> None:
    path = tmp_path / AUTOSAVE_NAME
    path.write_text("{ half a file")
    win = open_window(qtbot, tmp_path, restore=True)
    qtbot.waitUntil(lambda: not path.exists(), timeout=5_000)
    assert win.report_page.message.text() == (
        "Problem: The draft from last time could not be restored: "
        "autosave.crproject is not a Caseload Reporter project file."
    )


def test_no_question_without_an_autosave(qtbot, tmp_path) -> None:
    win = MainWindow(data_dir=tmp_path)
    qtbot.addWidget(win)
    win.autosave.ask_restore = lambda: pytest.fail("nothing to restore, so nothing to ask")
    QApplication.processEvents()
    assert not win.projects.offer_autosave()
