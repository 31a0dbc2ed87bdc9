"""Turn any uncaught exception into a log entry and a calm dialog, never a crash.

A frozen windowed build has no console (``sys.stderr`` is None), so the log file is the only
record a support request can rely on; the dialog tells the user where it is and lets them copy
the report. Exceptions raised in Qt slots reach ``sys.excepthook``, and exceptions in plain
Python threads reach ``threading.excepthook``; both are routed here.
"""

from __future__ import annotations

import faulthandler
import logging
import sys
import threading
import time
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType

import PySide6
from PySide6.QtCore import (
    QMessageLogContext,
    QObject,
    Qt,
    QThread,
    QtMsgType,
    Signal,
    Slot,
    qInstallMessageHandler,
    qVersion,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

import caseload_reporter

LOG_FILE_NAME = "caseload-reporter.log"
_LOG_MAX_BYTES = 1_000_000
_LOG_BACKUPS = 3
_HANDLER_NAME = "caseload_reporter.logfile"
# Errors often come in bursts (one per row, one per repaint); one dialog per burst is enough.
_FLOOD_WINDOW_S = 1.0
_SUMMARY_MAX_CHARS = 200

INTRO_TEXT = (
    "Caseload Reporter hit an unexpected problem. Your data and draft are still open; you can carry on working."
)

_log = logging.getLogger("caseload_reporter.errors")

ExcInfo = tuple[type[BaseException], BaseException | None, TracebackType | None]


class SessionLog(logging.FileHandler):
    """The log file, rolled over to ``.1``, ``.2``… once it reaches ``max_bytes``, as the standard
    library's RotatingFileHandler does: that one's module (logging.handlers) brings socket, pickle and
    queue with it, a twentieth of the time the window takes to appear."""

    def __init__(self, path: Path, max_bytes: int, backups: int) -> None:
        super().__init__(path, encoding="utf-8", delay=True)
        self.max_bytes = max_bytes
        self.backups = backups

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is not None:
                full = self.stream.tell() >= self.max_bytes
            else:
                path = Path(self.baseFilename)
                full = path.exists() and path.stat().st_size >= self.max_bytes
            if full:
                self._roll_over()
        except OSError:  # a log that cannot be rolled over is still written to
            pass
        super().emit(record)

    def _roll_over(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None  # FileHandler reopens it on the next record (delay)
        base = Path(self.baseFilename)
        for number in range(self.backups - 1, 0, -1):
            older = base.with_name(f"{base.name}.{number}")
            if older.exists():
                older.replace(base.with_name(f"{base.name}.{number + 1}"))
        if base.exists():
            base.replace(base.with_name(f"{base.name}.1"))


def configure_logging(log_dir: Path) -> Path:
    """Send the ``caseload_reporter`` logger to a rotating file in ``log_dir``; return its path.

    Calling it again with the same folder changes nothing; with another folder it moves the log.
    """
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = (log_dir / LOG_FILE_NAME).resolve()
    logger = logging.getLogger("caseload_reporter")
    for handler in list(logger.handlers):
        if handler.get_name() != _HANDLER_NAME:
            continue
        if isinstance(handler, SessionLog) and Path(handler.baseFilename) == log_path:
            return log_path
        logger.removeHandler(handler)
        handler.close()
    handler = SessionLog(log_path, _LOG_MAX_BYTES, _LOG_BACKUPS)
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    if logger.level == logging.NOTSET or logger.level > logging.INFO:
        logger.setLevel(logging.INFO)
    return log_path


CRASH_LOG_NAME = "crash.log"
_qt_log = logging.getLogger("caseload_reporter.qt")
_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    _qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


def capture_console_output(log_dir: Path) -> None:
    """Send what would go to a console into the log folder, for the app (not the tests) to call.

    A windowed build has no console: ``sys.stderr`` is None, so Python warnings, Qt's own messages
    and a hard crash (a fault in a native library) would leave no trace. Warnings and Qt messages go
    to the log file; a native crash's Python stack goes to crash.log, since logging cannot run then.
    """
    logging.captureWarnings(True)
    warnings_logger = logging.getLogger("py.warnings")
    for handler in logging.getLogger("caseload_reporter").handlers:
        if handler.get_name() == _HANDLER_NAME and handler not in warnings_logger.handlers:
            warnings_logger.addHandler(handler)
    qInstallMessageHandler(_qt_message)
    if sys.stderr is None:
        crash_file = (log_dir / CRASH_LOG_NAME).open("a", encoding="utf-8")  # open while the app runs
        faulthandler.enable(file=crash_file)
    else:
        faulthandler.enable()


def format_error_report(
    exc_type: type[BaseException],
    exc: BaseException | None,
    tb: TracebackType | None,
    *,
    thread_name: str | None = None,
) -> str:
    """The full text a support request needs: when, which versions, where, and the traceback."""
    import platform  # here, not at start-up: it compiles a dozen patterns the window does not need

    if thread_name is None:
        thread_name = threading.current_thread().name
    header = [
        f"{caseload_reporter.APP_NAME} {caseload_reporter.__version__}: unexpected error",
        f"Time: {datetime.now().astimezone().isoformat(timespec='seconds')}",
        f"Python: {platform.python_version()} ({platform.python_implementation()})",
        f"Qt: {qVersion()} (PySide6 {PySide6.__version__})",
        f"Platform: {platform.platform()}",
        f"Thread: {thread_name}",
    ]
    trace = "".join(traceback.format_exception(exc_type, exc, tb))
    return "\n".join(header) + "\n\n" + trace.rstrip() + "\n"


def summarize_exception(exc_type: type[BaseException], exc: BaseException | None) -> str:
    """One line for the dialog: the exception's type and the first line of its message."""
    lines = str(exc).strip().splitlines() if exc is not None else []
    summary = f"{exc_type.__name__}: {lines[0]}" if lines else exc_type.__name__
    if len(summary) > _SUMMARY_MAX_CHARS:
        summary = summary[: _SUMMARY_MAX_CHARS - 1] + "…"
    return summary


class ErrorDialog(QDialog):
    """Says something went wrong in plain words, with the technical report one click away."""

    def __init__(
        self,
        summary: str,
        report: str,
        log_path: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._report = report
        self.setWindowTitle("Something went wrong")
        self.setMinimumWidth(520)

        intro = QLabel(INTRO_TEXT, self)
        intro.setWordWrap(True)
        # Exception messages can contain "<"; never let Qt guess they are rich text.
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label = QLabel(summary, self)
        self.summary_label.setObjectName("errorSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.details_button = QPushButton("Show details", self)
        self.details_button.setObjectName("errorDetailsToggle")
        self.details_button.setCheckable(True)
        self.details_button.toggled.connect(self._show_details)
        self.details = QPlainTextEdit(report, self)
        self.details.setObjectName("errorDetails")
        self.details.setAccessibleName("Error details")
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setVisible(False)

        if log_path is not None:
            where = f"A copy of this report has been saved to {log_path}"
        else:
            where = "The report could not be saved to a log file; use Copy details to keep it."
        self.log_label = QLabel(where, self)
        self.log_label.setObjectName("errorLogLocation")
        self.log_label.setWordWrap(True)
        self.log_label.setTextFormat(Qt.TextFormat.PlainText)
        self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QDialogButtonBox(self)
        self.copy_button = buttons.addButton("Copy details", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setObjectName("errorCopyDetails")
        self.copy_button.clicked.connect(self.copy_details)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.log_label)
        layout.addWidget(buttons)
        self.close_button.setFocus()

    def report(self) -> str:
        return self._report

    @Slot()
    def copy_details(self) -> None:
        QApplication.clipboard().setText(self._report)

    @Slot(bool)
    def _show_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.details_button.setText("Hide details" if shown else "Show details")
        self.adjustSize()


class _Relay(QObject):
    """Lives on the GUI thread, so a report emitted from another thread is queued to it."""

    report_ready = Signal(str, str)

    def __init__(self, deliver: Callable[[str, str], None]) -> None:
        super().__init__()
        self._deliver = deliver
        self.report_ready.connect(self._on_report)

    @Slot(str, str)
    def _on_report(self, summary: str, report: str) -> None:
        self._deliver(summary, report)


class _ErrorReporter:
    """Logs every uncaught exception and shows at most one dialog per burst."""

    def __init__(self, log_path: Path | None, parent_provider: Callable[[], QWidget | None]) -> None:
        self._log_path = log_path
        self._parent_provider = parent_provider
        self._relay: _Relay | None = None
        self._relay_lock = threading.Lock()
        self._showing = False
        self._last_shown = float("-inf")
        self._dialog: ErrorDialog | None = None

    def excepthook(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        self.handle(exc_type, exc, tb, threading.current_thread().name)

    def threading_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:  # the default hook ignores it too
            return
        name = args.thread.name if args.thread is not None else None
        self.handle(args.exc_type, args.exc_value, args.exc_traceback, name)

    def handle(
        self,
        exc_type: type[BaseException],
        exc: BaseException | None,
        tb: TracebackType | None,
        thread_name: str | None,
    ) -> None:
        try:
            report = format_error_report(exc_type, exc, tb, thread_name=thread_name)
            _log.critical("Uncaught exception.\n%s", report)
            self._ask_for_dialog(summarize_exception(exc_type, exc), report)
        except Exception:
            # The hook itself must never raise; record what we can and carry on.
            _log.exception("The error reporter failed while handling an exception.")

    def _ask_for_dialog(self, summary: str, report: str) -> None:
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return  # no GUI (command line, early start-up): the log entry is the report
        if QThread.currentThread() == app.thread():
            self.show_dialog(summary, report)
        else:
            self._relay_for(app).report_ready.emit(summary, report)

    def _relay_for(self, app: QApplication) -> _Relay:
        with self._relay_lock:
            if self._relay is None:
                relay = _Relay(self.show_dialog)
                if relay.thread() != app.thread():
                    relay.moveToThread(app.thread())
                self._relay = relay
            return self._relay

    def show_dialog(self, summary: str, report: str) -> None:
        """Show the dialog unless one is being built, is open, or was shown a moment ago."""
        now = time.monotonic()
        if self._showing or self._dialog is not None or now - self._last_shown < _FLOOD_WINDOW_S:
            return
        self._showing = True
        try:
            self._last_shown = now
            dialog = ErrorDialog(summary, report, self._log_path, self._parent_provider())
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.finished.connect(self._forget_dialog)
            dialog.destroyed.connect(self._forget_dialog)  # e.g. its parent window went away
            self._dialog = dialog
            dialog.open()
        except Exception:
            self._dialog = None
            _log.exception("Could not show the error dialog.")
        finally:
            self._showing = False

    def _forget_dialog(self) -> None:
        self._dialog = None


_installed: _ErrorReporter | None = None


def install_excepthook(log_dir: Path, parent_provider: Callable[[], QWidget | None]) -> None:
    """Route uncaught exceptions (GUI thread and others) to the log file and ErrorDialog.

    ``parent_provider`` is asked for the dialog's parent each time, so it can return the main
    window once it exists. Without a QApplication the exception is only logged.
    """
    global _installed
    try:
        log_path: Path | None = configure_logging(log_dir)
    except OSError:
        log_path = None
        _log.exception("Could not open the log file in %s.", log_dir)
    reporter = _ErrorReporter(log_path, parent_provider)
    app = QApplication.instance()
    if isinstance(app, QApplication) and QThread.currentThread() == app.thread():
        reporter._relay_for(app)  # create it now, on the right thread
    _installed = reporter
    sys.excepthook = reporter.excepthook
    threading.excepthook = reporter.threading_excepthook
