"""Suggested sentences in the running app: accept, edit and discard, then the Word file and the project.

Driven through the real window with the sample council open, the real dialog and its buttons, and
the real export; the document is read back with python-docx.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from caseload_reporter.reporting.project_file import load_project
from caseload_reporter.ui.commentary_dialog import CommentaryDialog, ProposalRow
from caseload_reporter.ui.main_window import MainWindow


@pytest.fixture
def sample(sample_on_report_page: MainWindow) -> MainWindow:
    return sample_on_report_page


def open_suggestions(qtbot, win: MainWindow, key: object) -> CommentaryDialog:
    page = win.report_page
    page.outline.select(key)
    QTest.mouseClick(page.current_editor().suggest, Qt.MouseButton.LeftButton)
    dialog = page.commentary_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def row(dialog: CommentaryDialog, topic: str) -> ProposalRow:
    return next(r for r in dialog.rows if r.proposal.topic == topic)


def click(button) -> None:
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def test_accept_edit_and_discard_reach_the_draft_and_the_word_file(qtbot, sample: MainWindow, tmp_path) -> None:
    page = sample.report_page
    own_before = list(page.draft.key_issues)
    dialog = open_suggestions(qtbot, sample, "key_issues")
    england, change, ceiling = (
        row(dialog, t) for t in ("Against England", "Change over the quarter", "Workers over the ceiling")
    )
    click(england.accept_button)
    click(change.edit_button)
    assert change.editor.isVisible() and not change.accept_button.isVisible()
    change.editor.setPlainText("Caseloads edged up over the quarter, mostly in Brackenford.")
    click(change.add_button)
    click(ceiling.discard_button)
    assert "will not change with the data" in change.status.text() and ceiling.status.text() == "Discarded."

    assert [(i.kind, i.options) for i in page.draft.key_issue_sentences] == [("sentence.against_england", {})]
    assert page.draft.key_issues == [*own_before, "Caseloads edged up over the quarter, mostly in Brackenford."]
    dialog.close()

    section = open_suggestions(qtbot, sample, 1)  # 2. Main issues
    districts = row(section, "Districts apart from the rest")
    click(districts.accept_button)
    assert page.draft.sections[1].items[-1].kind == "sentence.district_gap"
    section.close()
    again = open_suggestions(qtbot, sample, 1)
    assert "already in this part" in row(again, "Districts apart from the rest").status.text()
    again.close()

    target = tmp_path / "paper.docx"
    page.export.choose_path = lambda: target
    page.export.ask_findings = lambda findings, skipped=(): pytest.fail(f"unexpected findings: {findings}")
    page.export.open_in_word = lambda path: None
    sample.export_action.trigger()
    qtbot.waitUntil(lambda: not sample.runner.is_busy() and target.exists(), timeout=60_000)
    texts = [p.text for p in docx.Document(str(target)).paragraphs]
    start = texts.index("Key issues")
    assert texts[start + 1] == england.proposal.text  # the data sentence first, as worked out at export
    assert texts[start + 2 : start + 2 + len(own_before) + 1] == page.draft.key_issues
    assert districts.proposal.text in texts
    key_issues = texts[start : texts.index("Recommendations")]
    assert ceiling.proposal.text not in texts  # discarded
    assert change.proposal.text not in key_issues  # edited: the officer's words went in instead

    project = tmp_path / "paper.crproject"
    assert sample.projects.save_to(project)
    reopened = load_project(project).draft
    assert [i.kind for i in reopened.key_issue_sentences] == ["sentence.against_england"]


def test_an_accepted_sentence_is_undone_with_edit_undo(qtbot, sample: MainWindow) -> None:
    page = sample.report_page
    dialog = open_suggestions(qtbot, sample, "key_issues")
    click(row(dialog, "Teams over target").accept_button)
    dialog.close()
    assert [i.kind for i in page.draft.key_issue_sentences] == ["sentence.teams_over_target"]
    sample.undo_action.trigger()
    assert page.draft.key_issue_sentences == []


def test_the_flat_sample_lists_the_trend_as_not_proposed_with_its_reason(qtbot, sample: MainWindow) -> None:
    dialog = open_suggestions(qtbot, sample, "key_issues")
    assert "Trend of the average" not in [r.proposal.topic for r in dialog.rows]
    assert any(
        line.startswith("Trend of the average: The average shows no clear trend") for line in dialog.not_proposed
    )
    dialog.close()


def test_without_data_the_page_says_to_open_data_first(qtbot, tmp_path: Path) -> None:
    win = MainWindow(data_dir=tmp_path / "data")
    qtbot.addWidget(win)
    page = win.report_page
    page.suggest_sentences("key_issues")
    assert page.commentary_dialog is None
    assert "Open your caseload data first" in page.message.text()
    win.runner.shutdown()
