"""Starting fast: the window's frame painted first, the heavy libraries loaded behind it, then the data.

A bare Qt window paints in about a tenth of a second; pandas, pyqtgraph, python-docx and calamine
take about a second more to import. So the window is made with only its frame (``MainWindow``
with ``deferred=True``), shown, and once it has painted :func:`start_workspace` imports the data
libraries on the task runner's worker thread (a progress line in the status bar), builds the pages
on the GUI thread, offers back a draft a crashed window left, and opens what the launch asked for.
Cancel on that line stops the sample or the files from opening; the window is ready either way.

Requests from later launches (``ui.single_instance``) and from the officer while the window is
starting wait in :class:`LaunchRequests` until the window is ready, idle and not asking a question,
then open as File > Open would.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from caseload_reporter import APP_NAME
from caseload_reporter.core.progress import TaskState
from caseload_reporter.ui.single_instance import InstanceRequest, PrimaryInstance, claim_or_hand_over

if TYPE_CHECKING:
    from pathlib import Path

    from caseload_reporter.ui.main_window import MainWindow

log = logging.getLogger(__name__)

_RETRY_MS = 200


def open_window(
    data_dir: Path, request: InstanceRequest, exit_when_shown: bool = False, exit_when_ready: bool = False
) -> tuple[MainWindow, PrimaryInstance] | None:
    """Show the window's frame and start it, or hand ``request`` to the window already open (None).

    The workspace and the local socket wait for the first paint. For timing start-up, ``exit_when_shown``
    prints "Window shown." then and quits, and ``exit_when_ready`` prints "Window ready." and quits once
    what the launch asked for (the sample, by default) is open. Raises what ``claim_or_hand_over`` raises.
    """
    instance = claim_or_hand_over(data_dir, request)
    if instance is None:
        return None
    from caseload_reporter.ui.main_window import MainWindow

    window = MainWindow(data_dir=data_dir, deferred=True)
    requests = LaunchRequests(window)
    instance.requested.connect(requests.handed_over)
    if exit_when_ready:
        requests.settled.connect(lambda: _quit_saying("Window ready."))

    def painted() -> None:
        if exit_when_shown:
            _quit_saying("Window shown.")
            return
        instance.listen()
        start_workspace(window, request, requests)

    on_first_paint(window, painted)
    window.show()
    return window, instance


def _quit_saying(text: str) -> None:
    print(text, flush=True)
    QApplication.quit()


def preload(state: TaskState) -> bool:
    """Import what the workspace needs (a plain function for the task runner's worker thread).

    Qt-free modules only: the pages and pyqtgraph, which make Qt objects, are imported on the GUI
    thread. Returns True if the officer pressed Cancel meanwhile (the data is then not opened);
    raises RuntimeError if the installation is unsafe (``check_xml_safety``).
    """
    state.set_progress(0.05, "loading the data tables")
    import numpy  # noqa: F401
    import pandas  # noqa: F401

    state.set_progress(0.45, "loading the spreadsheet readers")
    import python_calamine  # noqa: F401

    from caseload_reporter.reading.security import check_xml_safety

    check_xml_safety()
    state.set_progress(0.65, "loading the Word writer")
    import docx  # noqa: F401

    state.set_progress(0.8, "loading the report builder")
    from caseload_reporter.session import session  # noqa: F401

    state.set_progress(1.0, "loading the pages")
    return state.is_cancelled()


def on_first_paint(widget: QWidget, action: Callable[[], None]) -> None:
    """Call ``action`` once, as soon as ``widget`` has painted for the first time (events after it are queued)."""
    widget.installEventFilter(_FirstPaint(widget, action))


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, action: Callable[[], None]) -> None:
        super().__init__(widget)
        self._action = action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._action)  # after this paint has reached the screen
        return False


def start_workspace(window: MainWindow, request: InstanceRequest, requests: LaunchRequests) -> None:
    """Load the libraries, build the pages, offer back a crashed draft, then open ``request``."""

    def loaded(cancelled: object) -> None:
        if window.closing:
            return  # closed while the libraries were loading
        window.build_workspace()
        restored = window.projects.offer_autosave()
        if cancelled:
            window.message_strip.show_message(
                "Opening was cancelled: use File > Open when you are ready.", warning=False
            )
        own = [request] if (request.files or request.sample) and not cancelled else []
        # With nothing asked for, the sample; but not over a draft restored from the autosave, which brings
        # its own data back, nor over files dropped or handed over meanwhile.
        requests.start(own, default_sample=not cancelled and not restored)

    def failed(problem: BaseException) -> None:
        # An unsafe installation (check_xml_safety) says so in its own words; anything else is a damaged one.
        text = str(problem) if isinstance(problem, RuntimeError) else f"{APP_NAME} could not start: {problem}"
        log.error("%s", text, exc_info=problem)
        QMessageBox.critical(window, APP_NAME, text)
        QApplication.exit(1)

    window.runner.start(f"Starting {APP_NAME}", preload, on_done=loaded, on_error=failed)


class LaunchRequests(QObject):
    """What launches (and the officer, while the window was starting) asked the window to open,
    each opened in turn as File > Open would.

    Each waits while the window is starting, while a task runs (reading files, exporting) and while
    a dialog is open, so nothing the officer is doing is interrupted. A later launch's request also
    brings the window to the front.
    """

    settled = Signal()  # everything asked for is open and the window is idle

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._waiting: list[Callable[[], None]] = []
        self._started = False
        self._timer = QTimer(self)
        self._timer.setInterval(_RETRY_MS)
        self._timer.timeout.connect(self._next)
        window.runner.busy_changed.connect(lambda busy: None if busy else QTimer.singleShot(0, self._next))

    def handed_over(self, request: InstanceRequest) -> None:
        """A later launch's request: the window comes forward, and opens what it was given, if anything."""
        _bring_forward(self.window)
        if request.files or request.sample:
            log.info("Handed over: %s", ", ".join(map(str, request.files)) or "the sample council")
            self._waiting.append(lambda: open_request(self.window, request))
            self._next()

    def start(self, own: list[InstanceRequest], default_sample: bool) -> None:
        """The window is ready: open what its own launch asked for first, then whatever came meanwhile."""
        first = [lambda r=r: open_request(self.window, r) for r in own]
        waiting = first + self.window.take_waiting() + self._waiting
        if not waiting and default_sample:
            waiting = [lambda: open_request(self.window, InstanceRequest(sample=True))]
        self._waiting = waiting
        self._started = True
        self._next()

    def pending(self) -> int:
        return len(self._waiting)

    def _next(self) -> None:
        if not self._waiting:
            self._timer.stop()
            if self._started and not self.window.runner.is_busy():
                self.settled.emit()
            return
        if not self._started or self.window.runner.is_busy() or QApplication.activeModalWidget() is not None:
            self._timer.start()  # checked again shortly: a dialog closing sends no signal
            return
        self._waiting.pop(0)()
        QTimer.singleShot(0, self._next)


def open_request(window: MainWindow, request: InstanceRequest) -> None:
    """Open what a launch was given as File > Open would: spreadsheets replace the data open, a
    project replaces the draft (asking first if it has unsaved changes), or the sample council."""
    from caseload_reporter.reporting.project_file import PROJECT_SUFFIX

    projects = [p for p in request.files if p.suffix.lower() == PROJECT_SUFFIX]
    if projects and window.session.modified and not window.projects.confirm_discard():
        window.message_strip.show_message(f"{projects[0].name} was not opened: the report draft has unsaved changes.")
        return
    if request.files:
        window.open_paths(request.files)
    elif request.sample:
        window.open_sample()


def _bring_forward(window: QWidget) -> None:
    if window.isMinimized():
        window.showNormal()
    window.raise_()
    window.activateWindow()
    modal = QApplication.activeModalWidget()
    if modal is not None:
        modal.raise_()
        modal.activateWindow()
