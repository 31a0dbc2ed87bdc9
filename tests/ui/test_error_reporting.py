"""Uncaught exceptions are logged to a file and shown in one calm dialog, never fatal."""

from __future__ import annotations

import logging
import os
import platform
import subprocess
import sys
import textwrap
import threading
from pathlib import Path
from types import TracebackType

import pytest
from PySide6.QtCore import Qt, QTimer, qVersion
from PySide6.QtWidgets import QApplication, QLabel

import caseload_reporter
from caseload_reporter.ui.error_reporting import (
    CRASH_LOG_NAME,
    INTRO_TEXT,
    LOG_FILE_NAME,
    ErrorDialog,
    configure_logging,
    format_error_report,
    install_excepthook,
    summarize_exception,
)

TIMEOUT_MS = 5000
ExcInfo = tuple[type[BaseException], BaseException, TracebackType]


def _raise_value_error() -> None:
    raise ValueError("ward 7 has no team")


def _exc_info(fn) -> ExcInfo:
    try:
        fn()
    except BaseException:
        exc_type, exc, tb = sys.exc_info()
        assert exc_type is not None and exc is not None and tb is not None
        return exc_type, exc, tb
    raise AssertionError(f"{fn} did not raise")


def _open_error_dialogs() -> list[ErrorDialog]:
    return [
        widget for widget in QApplication.topLevelWidgets() if isinstance(widget, ErrorDialog) and widget.isVisible()
    ]


@pytest.fixture
def log_dir(tmp_path, qapp):
    """A fresh log folder; afterwards the hooks, log handlers and dialogs are as they were."""
    saved_hooks = (sys.excepthook, threading.excepthook)
    logger = logging.getLogger("caseload_reporter")
    saved_handlers = list(logger.handlers)
    saved_level = logger.level
    yield tmp_path / "logs"
    sys.excepthook, threading.excepthook = saved_hooks
    for handler in list(logger.handlers):
        if handler not in saved_handlers:
            logger.removeHandler(handler)
            handler.close()
    logger.setLevel(saved_level)
    for dialog in _open_error_dialogs():
        dialog.close()


def test_format_error_report_has_versions_and_the_traceback():
    report = format_error_report(*_exc_info(_raise_value_error), thread_name="Importer")

    assert report.startswith(f"Caseload Reporter {caseload_reporter.__version__}")
    assert f"Python: {platform.python_version()}" in report
    assert f"Qt: {qVersion()}" in report
    assert f"Platform: {platform.platform()}" in report
    assert "Thread: Importer" in report
    assert "Traceback (most recent call last):" in report
    assert "in _raise_value_error" in report
    assert report.rstrip().endswith("ValueError: ward 7 has no team")


def test_summary_is_one_short_line():
    assert summarize_exception(KeyError, KeyError("x")) == "KeyError: 'x'"
    assert summarize_exception(RuntimeError, RuntimeError("first\nsecond")) == ("RuntimeError: first")
    assert summarize_exception(ValueError, ValueError()) == "ValueError"
    assert len(summarize_exception(ValueError, ValueError("x" * 1000))) == 200


def test_configure_logging_is_idempotent_and_writes_the_file(log_dir):
    path = configure_logging(log_dir)
    assert configure_logging(log_dir) == path
    assert path == (log_dir / LOG_FILE_NAME).resolve()

    logger = logging.getLogger("caseload_reporter")
    ours = [h for h in logger.handlers if getattr(h, "baseFilename", None) == str(path)]
    assert len(ours) == 1
    logging.getLogger("caseload_reporter.reading").info("Read 12 rows")
    assert "Read 12 rows" in path.read_text(encoding="utf-8")


def test_the_log_rolls_over_to_numbered_files_and_keeps_only_its_backups(tmp_path):
    """A full log starts afresh, the old one kept as .1 (then .2, .3); the oldest beyond that is dropped."""
    from caseload_reporter.ui.error_reporting import SessionLog

    path = tmp_path / "app.log"
    handler = SessionLog(path, max_bytes=200, backups=3)
    logger = logging.getLogger("caseload_reporter.test_roll_over")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        for number in range(60):
            logger.info("Line %02d of the session, long enough to fill the file in a few lines.", number)
    finally:
        logger.removeHandler(handler)
        handler.close()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["app.log", "app.log.1", "app.log.2", "app.log.3"]
    assert all(p.stat().st_size < 200 + 100 for p in tmp_path.iterdir())  # at most one line over the limit
    assert "Line 59" in path.read_text(encoding="utf-8")  # the newest in the file itself
    assert "Line 00" not in "".join(p.read_text(encoding="utf-8") for p in tmp_path.iterdir())  # the oldest gone
    reopened = SessionLog(path, max_bytes=200, backups=3)  # the next session rolls over a full log first
    reopened.emit(logging.LogRecord("x", logging.INFO, __file__, 1, "Next session.", None, None))
    reopened.close()
    assert path.read_text(encoding="utf-8").strip() == "Next session."


def test_exception_in_a_slot_is_logged_and_shown(qtbot, log_dir):
    install_excepthook(log_dir, lambda: None)
    QTimer.singleShot(0, _raise_value_error)
    qtbot.waitUntil(lambda: len(_open_error_dialogs()) == 1, timeout=TIMEOUT_MS)

    log_text = (log_dir / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "Traceback (most recent call last):" in log_text
    assert "ValueError: ward 7 has no team" in log_text
    assert f"Caseload Reporter {caseload_reporter.__version__}" in log_text

    (dialog,) = _open_error_dialogs()
    assert dialog.windowTitle() == "Something went wrong"
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert INTRO_TEXT in labels
    assert "ValueError: ward 7 has no team" in labels
    assert str((log_dir / LOG_FILE_NAME).resolve()) in dialog.log_label.text()
    assert "in _raise_value_error" in dialog.details.toPlainText()
    assert dialog.details.isReadOnly()

    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not _open_error_dialogs(), timeout=TIMEOUT_MS)


def test_details_can_be_shown_and_copied(qtbot):
    report = format_error_report(*_exc_info(_raise_value_error))
    dialog = ErrorDialog("ValueError: ward 7 has no team", report, Path("caseload-reporter.log"))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.details.isVisible()

    qtbot.mouseClick(dialog.details_button, Qt.MouseButton.LeftButton)
    assert dialog.details.isVisible()
    assert dialog.details.toPlainText() == report

    QApplication.clipboard().clear()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == report


def test_a_burst_of_errors_shows_one_dialog_and_logs_them_all(qtbot, log_dir):
    install_excepthook(log_dir, lambda: None)
    for _ in range(3):
        sys.excepthook(*_exc_info(_raise_value_error))

    assert len(_open_error_dialogs()) == 1
    log_text = (log_dir / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert log_text.count("Uncaught exception.") == 3


def test_a_failure_while_showing_the_dialog_is_only_logged(qtbot, log_dir):
    def broken_parent():
        raise RuntimeError("main window half built")

    install_excepthook(log_dir, broken_parent)
    sys.excepthook(*_exc_info(_raise_value_error))  # must not raise

    assert _open_error_dialogs() == []
    log_text = (log_dir / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "ValueError: ward 7 has no team" in log_text
    assert "Could not show the error dialog." in log_text
    assert "RuntimeError: main window half built" in log_text


def test_exception_in_a_plain_thread_is_logged_and_shown_on_the_gui_thread(qtbot, log_dir):
    install_excepthook(log_dir, lambda: None)
    worker = threading.Thread(target=_raise_value_error, name="Exporter")
    worker.start()
    worker.join(TIMEOUT_MS / 1000)

    qtbot.waitUntil(lambda: len(_open_error_dialogs()) == 1, timeout=TIMEOUT_MS)
    (dialog,) = _open_error_dialogs()
    assert "Thread: Exporter" in dialog.report()
    assert "Thread: Exporter" in (log_dir / LOG_FILE_NAME).read_text(encoding="utf-8")


def test_without_a_qapplication_the_hook_only_logs(tmp_path):
    # A separate interpreter: this test session already has a QApplication.
    script = textwrap.dedent(
        """
        import sys
        from pathlib import Path
        from caseload_reporter.ui.error_reporting import install_excepthook

        install_excepthook(Path(sys.argv[1]), lambda: None)
        sys.stderr = None  # as in a frozen windowed build
        raise LookupError("no window to show this in")
        """
    )
    desktop = Path(caseload_reporter.__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(desktop), "QT_QPA_PLATFORM": "offscreen"}
    completed = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert completed.returncode == 1  # the script still ends, as an uncaught error should
    log_text = (tmp_path / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "LookupError: no window to show this in" in log_text
    assert "Traceback (most recent call last):" in log_text


def test_without_a_console_warnings_qt_messages_and_a_native_crash_reach_the_log_folder(tmp_path):
    # A separate interpreter, as a frozen windowed build runs: no stderr, and a real fault at the end.
    script = textwrap.dedent(
        """
        import faulthandler, sys, warnings
        from pathlib import Path
        from PySide6.QtCore import QCoreApplication, qWarning
        from caseload_reporter.ui.error_reporting import capture_console_output, configure_logging

        app = QCoreApplication([])
        folder = Path(sys.argv[1])
        sys.stderr = None
        configure_logging(folder)
        capture_console_output(folder)
        warnings.warn("a library is unhappy with ward 7")
        qWarning("QFont: the requested font is not available")
        faulthandler._sigsegv()  # what a fault in a native library does
        """
    )
    desktop = Path(caseload_reporter.__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(desktop), "QT_QPA_PLATFORM": "offscreen"}
    completed = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert completed.returncode != 0  # it did crash
    log_text = (tmp_path / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "py.warnings: " in log_text and "a library is unhappy with ward 7" in log_text
    assert "WARNING caseload_reporter.qt: QFont: the requested font is not available" in log_text
    crash = (tmp_path / CRASH_LOG_NAME).read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in crash
    assert "faulthandler._sigsegv()" in crash or 'File "<string>"' in crash
