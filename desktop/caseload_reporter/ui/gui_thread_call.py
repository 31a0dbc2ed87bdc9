"""Let a worker thread run a function on the GUI thread and wait for its result.

Charts for the Word report are drawn by pyqtgraph widgets, which must live on the GUI thread,
while the report is built on the TaskRunner's worker thread. The worker hands the call to a
:class:`GuiThreadCall` (created on the GUI thread) through a queued signal and waits, checking
every 100 ms whether the task was cancelled, so a cancel or a closing window never leaves it
stuck. An exception raised by the function is raised again in the worker.

The GUI thread must never wait for a worker that is itself waiting here: it would deadlock until
the task is cancelled. Tests use ``qtbot.waitUntil``, which keeps the event loop running.

:func:`collect_garbage_on_gui_thread` keeps Python's cyclic garbage collector off the worker
threads: a collection that starts on a worker (any allocation can start one) may destroy Qt
objects owned by Python there, such as pyqtgraph's chart menus. Seen with gdb during the tests of
this module: the worker in ``QObject::~QObject`` waiting for the GIL while the GUI thread, holding
the GIL, waited for the same Qt lock to delete a menu. pyqtgraph's ``GarbageCollector`` does the
same for the same reason.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal, Slot

from caseload_reporter.core.progress import Cancelled, TaskState

POLL_SECONDS = 0.1
GC_INTERVAL_MS = 1000
_gc_timer: QTimer | None = None


class _Call:
    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.done = threading.Event()
        self.abandoned = False  # the worker stopped waiting (cancelled): do not run it
        self.result: Any = None
        self.error: BaseException | None = None


class GuiThreadCall(QObject):
    """``gui_call(fn, *args, state=state, **kwargs)`` from any thread runs ``fn`` on this object's thread."""

    _requested = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._requested.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def __call__(self, fn: Callable[..., Any], *args: Any, state: TaskState | None = None, **kwargs: Any) -> Any:
        if QThread.currentThread() == self.thread():
            return fn(*args, **kwargs)  # already on the GUI thread: queuing would deadlock
        call = _Call(fn, args, kwargs)
        try:
            self._requested.emit(call)
        except RuntimeError as exc:  # the C++ object is gone: the window has closed
            raise Cancelled() from exc
        while not call.done.wait(POLL_SECONDS):
            if state is not None and state.is_cancelled():
                call.abandoned = True
                raise Cancelled()
        if call.error is not None:
            raise call.error
        return call.result

    @Slot(object)
    def _run(self, call: _Call) -> None:
        if call.abandoned:
            return
        try:
            call.result = call.fn(*call.args, **call.kwargs)
        except BaseException as exc:  # handed back to the worker, which raises it there
            call.error = exc
        finally:
            call.done.set()


def collect_garbage_on_gui_thread(interval_ms: int = GC_INTERVAL_MS) -> None:
    """Turn off automatic garbage collection and collect from a GUI-thread timer instead (once per process).

    The timer collects the generations whose counts are over Python's usual thresholds, so memory
    behaves as before; only the thread changes. Call it from the GUI thread.
    """
    global _gc_timer
    app = QCoreApplication.instance()
    if app is None or _gc_timer is not None or QThread.currentThread() != app.thread():
        return
    thresholds = gc.get_threshold()
    gc.disable()

    def collect() -> None:
        if gc.isenabled():  # something turned it back on (a library restoring its own setting)
            gc.disable()
        counts = gc.get_count()
        for generation in range(3):
            if counts[generation] <= thresholds[generation]:
                break
            gc.collect(generation)

    timer = QTimer(app)
    timer.setInterval(interval_ms)
    timer.timeout.connect(collect)
    timer.start()
    _gc_timer = timer
