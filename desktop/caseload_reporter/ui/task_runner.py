"""Run one long task off the GUI thread and report back on it, as Orange's widgets do.

A task is a plain function ``fn(*args, state: TaskState) -> result`` with no Qt in it (see
:mod:`caseload_reporter.core.progress`), so the same code runs from the command line and in
tests. :class:`TaskRunner` runs it on a private thread pool and turns what happens into
signals that are always delivered on the GUI thread, so slots may touch widgets freely.
"""

from __future__ import annotations

import atexit
import itertools
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from functools import partial
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThread, QThreadPool, Signal, Slot

from caseload_reporter.core.progress import Cancelled

_log = logging.getLogger(__name__)
_T = TypeVar("_T")  # what a task returns, as its on_done takes it

# A progress bar cannot show more than this usefully, and every emission is a queued event.
_MIN_PROGRESS_INTERVAL_S = 0.05


class _ThrottledState:
    """The TaskState handed to a task: thread-safe, and at most ~20 progress reports a second.

    Reports that arrive too soon are held back, not dropped: the latest one is sent by
    :meth:`flush` when the task ends, so the bar always shows where the task got to.
    """

    def __init__(self, report: Callable[[float, str], None]) -> None:
        self._report = report
        self._cancel = threading.Event()
        self._lock = threading.Lock()
        self._last_sent = float("-inf")
        self._pending: tuple[float, str] | None = None

    def set_progress(self, fraction: float, message: str = "") -> None:
        fraction = min(max(float(fraction), 0.0), 1.0)
        now = time.monotonic()
        # Report under the lock so that reports from several threads keep their order.
        with self._lock:
            if fraction < 1.0 and now - self._last_sent < _MIN_PROGRESS_INTERVAL_S:
                self._pending = (fraction, message)
                return
            self._pending = None
            self._last_sent = now
            self._report(fraction, message)

    def flush(self) -> None:
        """Send the report that was held back, if any."""
        with self._lock:
            if self._pending is not None:
                self._report(*self._pending)
                self._pending = None

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def check_cancelled(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()


class _Ending(Enum):
    FINISHED = "finished"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass(eq=False)
class _Job:
    """One run of a task; the runner holds it until its outcome has reached the GUI thread."""

    job_id: int
    title: str
    fn: Callable[..., object]
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    state: _ThrottledState
    on_done: Callable[[Any], None] | None  # takes what fn returns (start matches the two)
    on_error: Callable[[BaseException], None] | None
    ending: _Ending | None = None
    # The result or exception is kept here as well as sent through the queued signal, so the
    # object cannot be collected between the worker thread and the GUI thread.
    value: object = field(default=None)


class _Bridge(QObject):
    """Carries reports from the worker thread; it lives on the GUI thread, so they queue."""

    progress = Signal(int, float, str)
    done = Signal(int, object)


def _safe_emit(signal: Any, *args: object) -> None:
    """Emit from the worker thread, tolerating a runner whose C++ side is already gone."""
    try:
        signal.emit(*args)
    except RuntimeError:  # "Internal C++ object already deleted": nobody is listening.
        _log.debug("Task report dropped: its runner no longer exists.")


def _run_job(job: _Job, bridge: _Bridge) -> None:
    """The body of the pool thread: run the task and post how it ended."""
    try:
        job.value = job.fn(*job.args, state=job.state, **job.kwargs)
        job.ending = _Ending.FINISHED
    except Cancelled:
        job.ending = _Ending.CANCELLED
    except BaseException as exc:  # reported on the GUI thread, never swallowed
        job.value = exc
        job.ending = _Ending.FAILED
    job.state.flush()
    _safe_emit(bridge.done, job.job_id, job.value)


# Runners with a task under way, so that they outlive every Python reference until it ends
# and so that interpreter exit can stop their tasks before Python is torn down.
_busy_runners: set[TaskRunner] = set()


def _stop_all_at_exit() -> None:
    for runner in list(_busy_runners):
        runner.shutdown(timeout_ms=5000)


atexit.register(_stop_all_at_exit)


class TaskRunner(QObject):
    """Runs one task at a time on a worker thread; every signal arrives on the GUI thread.

    ``failed`` carries the task's own exception object; a task that raises
    :class:`~caseload_reporter.core.progress.Cancelled` ends with ``cancelled`` instead.
    ``busy_changed(False)`` comes before the ending signal and callbacks, so they may start
    the next task.
    """

    started = Signal(str)
    progress = Signal(float, str)
    finished = Signal(object)
    failed = Signal(BaseException)
    cancelled = Signal()
    busy_changed = Signal(bool)

    _ids = itertools.count(1)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # The pool is created before the bridge so that, if a parent deletes this runner,
        # the pool (which waits for its thread) goes first and the bridge is still there.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._bridge = _Bridge(self)
        self._bridge.progress.connect(self._on_progress)
        self._bridge.done.connect(self._on_done)
        self._job: _Job | None = None
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    def is_busy(self) -> bool:
        return self._job is not None

    def start(
        self,
        title: str,
        fn: Callable[..., _T],
        *args: Any,
        on_done: Callable[[_T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        **kwargs: Any,
    ) -> None:
        """Run ``fn(*args, state=..., **kwargs)`` on the worker thread.

        Raises RuntimeError if a task is already running: the caller should disable whatever
        starts tasks while ``busy_changed`` says so, rather than queue work silently.
        """
        if QThread.currentThread() != self.thread():
            raise RuntimeError("TaskRunner.start must be called from the thread that owns it.")
        if self._job is not None:
            raise RuntimeError(f"Cannot start {title!r}: {self._job.title!r} is still running.")
        job_id = next(self._ids)
        state = _ThrottledState(partial(_safe_emit, self._bridge.progress, job_id))
        job = _Job(job_id, title, fn, args, kwargs, state, on_done, on_error)
        self._job = job
        _busy_runners.add(self)
        self.busy_changed.emit(True)
        self.started.emit(title)
        self._pool.start(partial(_run_job, job, self._bridge))

    def cancel(self) -> None:
        """Ask the running task to stop; it ends with ``cancelled`` at its next check."""
        if self._job is not None:
            self._job.state.cancel()

    def wait(self, timeout_ms: int = -1) -> bool:
        """Block until the worker is idle (-1: no limit); False if it is still running.

        Called on the GUI thread, it then delivers the task's queued signals and callbacks,
        so ``is_busy()`` is False afterwards. Meant for tests and shutdown only.
        """
        idle = self._pool.waitForDone(timeout_ms)
        if idle and QThread.currentThread() == self.thread():
            QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)
        return idle

    @Slot()
    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Cancel and wait, so no task thread outlives the application."""
        self.cancel()
        return self.wait(timeout_ms)

    @Slot(int, float, str)
    def _on_progress(self, job_id: int, fraction: float, message: str) -> None:
        if self._job is not None and self._job.job_id == job_id:
            self.progress.emit(fraction, message)

    @Slot(int, object)
    def _on_done(self, job_id: int, _value: object) -> None:
        job = self._job
        if job is None or job.job_id != job_id:
            return
        self._job = None
        _busy_runners.discard(self)
        self.busy_changed.emit(False)
        if job.ending is _Ending.FINISHED:
            self.finished.emit(job.value)
            if job.on_done is not None:
                job.on_done(job.value)
        elif job.ending is _Ending.CANCELLED:
            self.cancelled.emit()
        else:
            error = job.value
            assert isinstance(error, BaseException)
            _log.error("Task %r failed.", job.title, exc_info=error)
            self.failed.emit(error)
            if job.on_error is not None:
                job.on_error(error)
