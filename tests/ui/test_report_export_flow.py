"""Check and export, end to end through the real TaskRunner: a Word file, the findings dialog, a locked target.

Charts are drawn on the GUI thread while the report is built on the worker thread, so these tests
wait with qtbot.waitUntil (which keeps the event loop turning), never with runner.wait().
"""

from __future__ import annotations

import gc
import pathlib
import threading
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from caseload_reporter.core.progress import Cancelled, PlainTaskState
from caseload_reporter.reporting.accessibility_findings import Finding
from caseload_reporter.ui.gui_thread_call import GuiThreadCall
from caseload_reporter.ui.main_window import MainWindow
from caseload_reporter.ui.report_export import FindingsDialog, default_file_name


@pytest.fixture
def sample(sample_on_report_page: MainWindow) -> MainWindow:
    return sample_on_report_page


def idle(qtbot, win: MainWindow) -> None:
    qtbot.waitUntil(lambda: not win.runner.is_busy(), timeout=60_000)


def test_export_writes_a_word_file_with_the_title_and_every_section(qtbot, sample: MainWindow, tmp_path) -> None:
    page = sample.report_page
    export = page.export
    target = tmp_path / "out" / "report.docx"
    export.choose_path = lambda: target
    export.ask_findings = lambda findings, skipped=(): pytest.fail(f"the sample report has no findings: {findings}")
    opened = []
    export.open_in_word = opened.append
    sample.export_action.trigger()  # File > Export Word report…
    assert sample.runner.is_busy()
    idle(qtbot, sample)
    assert target.is_file()
    document = docx.Document(str(target))
    texts = [p.text for p in document.paragraphs]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert page.draft.header.title in texts
    assert all(section.title in headings for section in page.draft.sections)
    assert len(document.inline_shapes) == export.last_report.figures > 0  # the charts, drawn on the GUI thread
    message = page.message.text()
    report = export.last_report
    assert message == f"Report saved to {target} ({report.figures} figures, {report.tables} tables)."
    assert page.message.action_button.text() == "Open in Word"
    page.message.action_button.click()
    assert opened == [target]
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.docx"]  # no temporary file left


def test_findings_are_shown_and_go_back_saves_nothing(qtbot, sample: MainWindow, tmp_path) -> None:
    page = sample.report_page
    page.outline.select("header")
    page.current_editor().title.clear()  # an untitled report is an error the check reports
    before = page.draft.to_json()
    target = tmp_path / "report.docx"
    page.export.choose_path = lambda: target
    asked = []
    page.export.ask_findings = lambda findings, skipped=(): asked.append(findings) or False
    assert page.export.export()
    idle(qtbot, sample)
    assert asked and any(f.severity == "error" and f.where == "Header" for f in asked[0])
    assert not target.exists() and list(tmp_path.glob("*.docx")) == []
    assert page.message.text() == "The report was not exported; nothing was saved."
    assert page.draft.to_json() == before


def test_check_accessibility_lists_every_finding(qtbot, sample: MainWindow) -> None:
    page = sample.report_page
    page.draft.recommendations.clear()
    shown = []
    page.export.show_findings = lambda findings, skipped=(): shown.append((findings, skipped))
    page.check_button.click()
    idle(qtbot, sample)
    findings, _skipped = shown[0]
    assert [f.where for f in findings] == ["Recommendations"]
    assert page.message.text() == "Check finished: 1 error."


def test_the_findings_dialog_says_severity_in_words(qtbot) -> None:
    findings = [
        Finding("missing-alt-text", "error", "Figure 1", "The picture has no alt text: describe what it shows."),
        Finding("worker-name", "warning", 'Text "Ann Smith..."', "A worker's name is in the text."),
    ]
    dialog = FindingsDialog(findings, ["table.measures: The data has no service measures."], exporting=True)
    qtbot.addWidget(dialog)
    table = dialog.table
    rows = [[table.item(r, c).text() for c in range(3)] for r in range(table.rowCount())]
    assert rows[0] == ["Error", "Figure 1", "The picture has no alt text: describe what it shows."]
    assert rows[1][0] == "Warning"
    assert dialog.summary_label.text().startswith("1 error and 1 warning; 1 data block will be left out.")
    assert dialog.skipped_list.item(0).text() == "Table: service measures — The data has no service measures."
    assert dialog.export_button.text() == "Export anyway" and dialog.back_button.text() == "Go back"
    clean = FindingsDialog([], [], exporting=False)
    qtbot.addWidget(clean)
    assert clean.summary_label.text().startswith("No problems found")


def test_a_target_held_open_by_word_offers_retry_and_keeps_the_draft(
    qtbot, sample: MainWindow, tmp_path, monkeypatch
) -> None:
    # Word keeps a lock on an open document on Windows, so replacing it fails with PermissionError.
    # On Linux (and as root, which ignores file permissions) no real condition gives that error, so the
    # standard library's rename is made to refuse the target while "Word" has it open.
    target = tmp_path / "report.docx"
    target.write_bytes(b"the copy open in Word")
    locked = {"open": True}
    real_replace = pathlib.Path.replace

    def replace(self: Path, other: Path) -> Path:
        if Path(other) == target and locked["open"]:
            raise PermissionError(13, "The process cannot access the file", str(other))
        return real_replace(self, other)

    monkeypatch.setattr(pathlib.Path, "replace", replace)
    page = sample.report_page
    before = page.draft.to_json()
    page.export.choose_path = lambda: target
    page.export.ask_findings = lambda findings, skipped=(): True
    asked = []
    page.export.ask_retry = lambda path: asked.append(path) or len(asked) < 2  # Retry (still open), then Cancel
    page.export.export()
    idle(qtbot, sample)
    assert asked == [target, target]
    assert target.read_bytes() == b"the copy open in Word"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".docx") == ["report.docx"]  # no temporary left
    assert page.message.text() == "Problem: The report was not saved: report.docx is still open in another program."
    assert page.draft.to_json() == before

    # The officer closes Word and chooses Retry: the report is saved.
    def close_word_and_retry(path: Path) -> bool:
        locked["open"] = False
        return True

    page.export.ask_retry = close_word_and_retry
    page.export.export()
    idle(qtbot, sample)
    assert docx.Document(str(target)).core_properties.title == page.draft.header.title


def test_the_retry_question_names_the_file(qtbot, sample: MainWindow) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    texts = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            texts.append(box.text())
            box.button(QMessageBox.StandardButton.Cancel).click()

    QTimer.singleShot(0, answer)
    assert not sample.report_page.export.ask_retry(Path("/tmp/report.docx"))
    assert texts == ["report.docx is open in another program, perhaps Word. Close it there, then choose Retry."]


def test_any_other_save_failure_is_one_sentence(qtbot, sample: MainWindow, tmp_path) -> None:
    target = tmp_path / "report.docx"
    target.mkdir()  # a folder where the file should go: the replace fails with a real OSError
    page = sample.report_page
    page.export.choose_path = lambda: target
    page.export.ask_findings = lambda findings, skipped=(): True
    page.export.export()
    idle(qtbot, sample)
    message = page.message.text()
    assert message.startswith(f"Problem: The report could not be saved as {target}: ") and message.endswith(".")
    assert target.is_dir() and [p.name for p in tmp_path.iterdir()] == ["report.docx"]


def test_the_default_file_name_comes_from_the_title() -> None:
    assert default_file_name("Caseloads: March 2026 / update?") == "Caseloads March 2026 update.docx"
    assert default_file_name("  ") == "Committee report.docx"


def test_gui_thread_call_runs_on_the_gui_thread_and_returns_or_raises(qtbot) -> None:
    gui_call = GuiThreadCall()
    gui_thread = QThread.currentThread()
    outcome: dict[str, object] = {}

    def worker() -> None:
        outcome["result"] = gui_call(lambda x: (x * 2, QThread.currentThread() == gui_thread), 21)
        try:
            gui_call(lambda: 1 / 0)
        except ZeroDivisionError as problem:
            outcome["error"] = problem

    thread = threading.Thread(target=worker)
    thread.start()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=5_000)
    assert outcome["result"] == (42, True)
    assert isinstance(outcome["error"], ZeroDivisionError)
    assert gui_call(lambda: "same thread") == "same thread"


def test_garbage_is_collected_on_the_gui_thread_only(sample: MainWindow) -> None:
    # A collection started on a worker thread can delete Qt objects there and deadlock (see gui_thread_call).
    assert not gc.isenabled()


def test_gui_thread_call_gives_up_when_the_task_is_cancelled() -> None:
    gui_call = GuiThreadCall()
    state = PlainTaskState()
    ran, outcome = [], {}

    def worker() -> None:
        try:
            gui_call(ran.append, 1, state=state)
        except Cancelled:
            outcome["cancelled"] = True

    thread = threading.Thread(target=worker)
    thread.start()
    state.cancel()  # the GUI thread is busy here (not turning its event loop), as while waiting to shut down
    thread.join(timeout=5)
    assert outcome == {"cancelled": True}
    QApplication.processEvents()
    assert ran == []  # the abandoned call is never run
