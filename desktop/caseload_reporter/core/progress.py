"""The contract between long-running work and whoever runs it.

Long work (import, export) is a plain function ``run(..., state: TaskState)``, as in Orange:
it knows nothing of threads or widgets. It calls ``state.set_progress`` now and then and
``state.check_cancelled()`` between steps; the UI's runner supplies a state that forwards
progress to a progress bar, and tests and the command line use :class:`PlainTaskState`.
"""

from __future__ import annotations

import threading
from typing import Protocol


class Cancelled(Exception):
    """Raised inside a task when the user asked to stop it."""


class TaskState(Protocol):
    """What a long task may tell its runner and ask of it."""

    def set_progress(self, fraction: float, message: str = "") -> None:
        """Report progress in [0, 1] with a short description of the current step."""

    def is_cancelled(self) -> bool:
        """True once the user has asked the task to stop."""

    def check_cancelled(self) -> None:
        """Raise :class:`Cancelled` if the user has asked the task to stop."""


class PlainTaskState:
    """A thread-safe TaskState without Qt, for the command line and tests."""

    def __init__(self) -> None:
        self._cancel = threading.Event()
        self.fraction = 0.0
        self.message = ""
        self.history: list[tuple[float, str]] = []

    def set_progress(self, fraction: float, message: str = "") -> None:
        self.fraction = min(max(float(fraction), 0.0), 1.0)
        self.message = message
        self.history.append((self.fraction, message))

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def check_cancelled(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()
