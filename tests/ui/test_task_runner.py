"""TaskRunner and ProgressPanel with real threads and real queued signals."""

from __future__ import annotations

import itertools
import threading
import time

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from caseload_reporter.core.progress import TaskState
from caseload_reporter.ui.progress_panel import ProgressPanel
from caseload_reporter.ui.task_runner import TaskRunner

TIMEOUT_MS = 5000
TIMEOUT_S = TIMEOUT_MS / 1000


@pytest.fixture
def runner(qtbot):
    runner = TaskRunner()
    yield runner
    # Whatever the test did, leave no worker thread behind.
    assert runner.shutdown(TIMEOUT_MS)
    assert not runner.is_busy()


def _spin_until_cancelled(state: TaskState, entered: threading.Event) -> str:
    """Busy work that checks for cancellation each step; gives up (and says so) after a while."""
    deadline = time.monotonic() + TIMEOUT_S
    for step in itertools.count():
        state.check_cancelled()
        if step == 0:
            entered.set()
        if time.monotonic() > deadline:
            return "never cancelled"
    raise AssertionError("unreachable")


def test_result_reaches_on_done_on_the_gui_thread(qtbot, runner):
    seen: dict[str, object] = {}

    def add(a: int, b: int, *, offset: int, state: TaskState) -> int:
        seen["worker_thread"] = QThread.currentThread()
        return a + b + offset

    def on_done(result: object) -> None:
        seen["result"] = result
        seen["callback_thread"] = QThread.currentThread()

    busy: list[bool] = []
    titles: list[str] = []
    runner.busy_changed.connect(busy.append)
    runner.started.connect(titles.append)
    with qtbot.waitSignal(runner.finished, timeout=TIMEOUT_MS) as blocker:
        runner.start("Adding", add, 2, 3, offset=10, on_done=on_done)

    gui_thread = QApplication.instance().thread()
    assert titles == ["Adding"]
    assert blocker.args == [15]
    assert seen["result"] == 15
    assert seen["callback_thread"] == gui_thread
    assert seen["worker_thread"] != gui_thread
    assert busy == [True, False]
    assert not runner.is_busy()


def test_progress_reports_arrive_in_order(qtbot, runner):
    def task(*, state: TaskState) -> None:
        state.set_progress(0.5, "Half way")
        state.set_progress(1.0, "Done")

    received: list[tuple[float, str]] = []
    runner.progress.connect(lambda fraction, message: received.append((fraction, message)))
    with qtbot.waitSignal(runner.finished, timeout=TIMEOUT_MS):
        runner.start("Two steps", task)

    assert received == [(0.5, "Half way"), (1.0, "Done")]


def test_progress_is_throttled_but_the_last_report_always_arrives(qtbot, runner):
    calls = 20_000
    elapsed: list[float] = []

    def chatty(*, state: TaskState) -> None:
        began = time.monotonic()
        for i in range(calls):
            state.set_progress(i / calls, f"Row {i}")
        elapsed.append(time.monotonic() - began)

    received: list[tuple[float, str]] = []
    runner.progress.connect(lambda fraction, message: received.append((fraction, message)))
    with qtbot.waitSignal(runner.finished, timeout=TIMEOUT_MS):
        runner.start("Chatty", chatty)

    # At most one report per 50 ms, plus the first and the held-back last one.
    assert 1 <= len(received) <= elapsed[0] / 0.05 + 2
    assert len(received) < calls / 100
    assert received[-1] == ((calls - 1) / calls, f"Row {calls - 1}")


def test_an_exception_reaches_failed_and_on_error_as_the_same_object(qtbot, runner):
    error = ValueError("row 7 has no child identifier")

    def broken(*, state: TaskState) -> None:
        raise error

    done: list[object] = []
    errors: list[BaseException] = []
    finished: list[object] = []
    runner.finished.connect(finished.append)
    with qtbot.waitSignal(runner.failed, timeout=TIMEOUT_MS) as blocker:
        runner.start("Failing", broken, on_done=done.append, on_error=errors.append)

    assert blocker.args[0] is error
    assert errors == [error]
    assert errors[0].__traceback__ is not None  # the worker's traceback survives the trip
    assert done == [] and finished == []
    assert not runner.is_busy()


def test_cancel_mid_task_emits_cancelled_and_nothing_else(qtbot, runner):
    entered = threading.Event()
    done: list[object] = []
    errors: list[BaseException] = []
    finished: list[object] = []
    failed: list[BaseException] = []
    runner.finished.connect(finished.append)
    runner.failed.connect(failed.append)

    runner.start(
        "Long import",
        _spin_until_cancelled,
        entered=entered,
        on_done=done.append,
        on_error=errors.append,
    )
    assert entered.wait(TIMEOUT_S)
    assert runner.is_busy()
    with qtbot.waitSignal(runner.cancelled, timeout=TIMEOUT_MS):
        runner.cancel()

    assert (done, errors, finished, failed) == ([], [], [], [])
    assert not runner.is_busy()


def test_starting_while_busy_raises_and_a_callback_may_start_the_next_task(qtbot, runner):
    release = threading.Event()

    def blocked(*, state: TaskState) -> str:
        assert release.wait(TIMEOUT_S)
        return "first"

    def second(*, state: TaskState) -> str:
        return "second"

    results: list[object] = []

    def chain(result: object) -> None:
        results.append(result)
        runner.start("Second", second, on_done=results.append)

    runner.start("First", blocked, on_done=chain)
    with pytest.raises(RuntimeError, match="still running"):
        runner.start("Second", second)

    with qtbot.waitSignals([runner.finished, runner.finished], timeout=TIMEOUT_MS):
        release.set()
    assert results == ["first", "second"]


def test_wait_delivers_the_outcome_before_returning(qtbot, runner):
    results: list[object] = []
    runner.start("Quick", lambda *, state: 42, on_done=results.append)

    assert runner.wait(TIMEOUT_MS)
    assert results == [42]
    assert not runner.is_busy()


@pytest.fixture
def panel(qtbot, runner):
    window = QWidget()
    QVBoxLayout(window)
    qtbot.addWidget(window)
    panel = ProgressPanel(window)
    window.layout().addWidget(panel)
    panel.attach(runner)
    window.show()
    qtbot.waitExposed(window)
    yield panel  # the fixture's frame keeps the window (and so the panel) alive
    window.close()


def test_panel_is_visible_only_while_a_task_runs(qtbot, runner, panel):
    release = threading.Event()

    def task(*, state: TaskState) -> None:
        state.set_progress(0.25, "Reading rows")
        assert release.wait(TIMEOUT_S)

    assert not panel.isVisible()
    runner.start("Importing workbook", task)
    assert panel.isVisible()
    qtbot.waitUntil(lambda: panel.bar.value() == 250, timeout=TIMEOUT_MS)
    assert panel.label.text() == "Importing workbook: Reading rows"

    with qtbot.waitSignal(runner.finished, timeout=TIMEOUT_MS):
        release.set()
    assert not panel.isVisible()


def test_panel_cancel_button_cancels_the_task(qtbot, runner, panel):
    proceed = threading.Event()

    def task(*, state: TaskState) -> str:
        # Hold the task open so the test can see the "Cancelling…" state before it ends.
        assert proceed.wait(TIMEOUT_S)
        state.check_cancelled()
        return "not cancelled"

    button = panel.cancel_button
    assert button.accessibleName() == "Cancel the running task"
    runner.start("Exporting report", task)
    assert button.isEnabled()

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert button.text() == "Cancelling…"
    assert not button.isEnabled()

    with qtbot.waitSignal(runner.cancelled, timeout=TIMEOUT_MS):
        proceed.set()
    assert not panel.isVisible()
    assert button.isEnabled()
    assert button.text() == "Cancel"
