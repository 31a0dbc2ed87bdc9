"""Autosave: the report project written to the user's data folder every minute it has changed.

If Caseload Reporter stops unexpectedly (a crash, a forced restart, a flat battery), the file is
still there next time and the officer is offered the draft back. A clean close deletes it.
The file is an ordinary project file (``reporting.project_file``), written atomically, so an
interrupted autosave leaves the previous one whole.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from caseload_reporter.reporting.project_file import AUTOSAVE_NAME, Project, save_project

log = logging.getLogger(__name__)

DEFAULT_INTERVAL_MS = 60_000
RESTORE_QUESTION = (
    "The report draft you were writing last time was not saved in a project. Restore it? (No deletes it.)"
)


class Autosave(QObject):
    """Writes ``snapshot()`` to ``folder/AUTOSAVE_NAME`` on a timer, only after :meth:`mark_changed`."""

    def __init__(
        self,
        folder: Path,
        snapshot: Callable[[], Project],
        interval_ms: int = DEFAULT_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = Path(folder) / AUTOSAVE_NAME
        self._snapshot = snapshot
        self._changed = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.save_now)
        self.timer.start()

    def set_interval(self, interval_ms: int) -> None:
        self.timer.start(interval_ms)

    def mark_changed(self) -> None:
        self._changed = True

    @property
    def changed(self) -> bool:
        return self._changed

    def save_now(self) -> bool:
        """Write the project if it changed since the last autosave; False if nothing was written."""
        if not self._changed:
            return False
        try:
            save_project(self.path, self._snapshot())
        except OSError:
            # Kept as changed, so the next tick tries again; a full disk is not worth a dialog each minute.
            log.warning("Autosave to %s failed.", self.path, exc_info=True)
            return False
        self._changed = False
        return True

    def stop(self) -> None:
        self.timer.stop()

    def pending(self) -> Path | None:
        """The autosave left by a previous run, if there is one."""
        return self.path if self.path.is_file() else None

    def discard(self) -> None:
        """Delete the autosave (the officer declined it, or the window closed cleanly after :meth:`stop`)."""
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            log.warning("Could not delete the autosave %s.", self.path, exc_info=True)

    def ask_restore(self) -> bool:
        """Ask whether to restore the draft from the previous run (tests replace this on the instance)."""
        parent = self.parent()
        answer = QMessageBox.question(
            parent if isinstance(parent, QWidget) else None,
            "Restore the report draft?",
            RESTORE_QUESTION,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes
