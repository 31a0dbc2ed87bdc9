"""Autosave: the report project written to the user's data folder every minute it has changed.

If Caseload Reporter stops unexpectedly (a crash, a forced restart, a flat battery), the file is
still there next time and the officer is offered the draft back. A clean close deletes it.
The file is an ordinary project file (``reporting.project_file``), written atomically, so an
interrupted autosave leaves the previous one whole.

Each window owns its autosave: it holds a lock file beside it (``autosave.lock``) for as long as it
is open, and a window only offers back, or deletes, an autosave whose lock it could take, that is,
one whose window has closed or whose process is gone. One window per user is the rule
(``ui.single_instance``); should two ever share a data folder, the second takes the next free slot
(``autosave-2.crproject``) and never touches the first's.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QTimer
from PySide6.QtWidgets import QWidget

from caseload_reporter.reporting.project_file import AUTOSAVE_NAME, PROJECT_SUFFIX, Project, save_project
from caseload_reporter.ui.questions import choose

log = logging.getLogger(__name__)

DEFAULT_INTERVAL_MS = 60_000
RESTORE_QUESTION = (
    "The report draft you were writing last time was not saved in a project. Restore it, or discard it for good?"
)


def slot_path(folder: Path, slot: int) -> Path:
    """``autosave.crproject`` for the first window, ``autosave-2.crproject`` and so on for any other."""
    return Path(folder) / (AUTOSAVE_NAME if slot == 1 else f"autosave-{slot}{PROJECT_SUFFIX}")


def _slot_lock(path: Path) -> QLockFile:
    lock = QLockFile(str(path.with_suffix(".lock")))
    lock.setStaleLockTime(0)  # stale only when the window's process is gone, however long it stays open
    return lock


def claim_slot(folder: Path, take_leftover: bool = True) -> tuple[Path, QLockFile] | None:
    """The autosave a window will own, locked: with ``take_leftover``, one a window that is gone left
    behind (its draft is then offered back), else the first free slot with no file in it. Slots whose
    windows are open are left alone. None if the folder is missing or cannot be written."""
    if not Path(folder).is_dir():
        return None
    free: list[tuple[Path, QLockFile]] = []
    slot = 1
    while True:
        path = slot_path(folder, slot)
        used = path.exists() or path.with_suffix(".lock").exists()
        lock = _slot_lock(path)
        if lock.tryLock(0):
            free.append((path, lock))
        elif lock.error() != QLockFile.LockError.LockFailedError:
            log.warning("The autosave in %s cannot be locked (%s).", folder, lock.error().name)
            for _path, held in free:
                held.unlock()
            return None
        if free and not used:
            break  # no slot beyond this one was ever used
        slot += 1
    left = [item for item in free if item[0].exists()] if take_leftover else []
    chosen = max(left, key=lambda item: item[0].stat().st_mtime) if left else next(i for i in free if not i[0].exists())
    for _path, lock in free:
        if lock is not chosen[1]:
            lock.unlock()
    return chosen


class Autosave(QObject):
    """Writes ``snapshot()`` to this window's own autosave file on a timer, only after :meth:`mark_changed`."""

    def __init__(
        self,
        folder: Path,
        snapshot: Callable[[], Project],
        interval_ms: int = DEFAULT_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.folder = Path(folder)
        # Claimed now if the folder exists (a draft left there is then offered), else at the first save.
        claimed = claim_slot(self.folder)
        self._lock: QLockFile | None = claimed[1] if claimed else None
        self.path = claimed[0] if claimed else slot_path(self.folder, 1)
        self._released = False
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
        if not self._changed or not self._own():
            return False
        try:
            save_project(self.path, self._snapshot())
        except OSError:
            # Kept as changed, so the next tick tries again; a full disk is not worth a dialog each minute.
            log.warning("Autosave to %s failed.", self.path, exc_info=True)
            return False
        self._changed = False
        return True

    def _own(self) -> bool:
        """Hold a slot, claiming a fresh one if the folder was missing when the window opened."""
        if self._lock is None and not self._released:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
            except OSError:
                log.warning("The data folder %s cannot be made.", self.folder, exc_info=True)
            claimed = claim_slot(self.folder, take_leftover=False)
            if claimed is not None:
                self.path, self._lock = claimed
        return self._lock is not None

    def stop(self) -> None:
        self.timer.stop()

    def pending(self) -> Path | None:
        """The autosave a window that is gone left in this window's slot, if there is one."""
        return self.path if self._lock is not None and self.path.is_file() else None

    def release(self) -> None:
        """Give the autosave up (the window has closed): from now on another window may offer it back."""
        self.stop()
        self._released = True
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def discard(self) -> None:
        """Delete this window's autosave (the officer declined it, or the window closed cleanly after
        :meth:`stop`); never another window's."""
        if self._lock is None:
            return
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            log.warning("Could not delete the autosave %s.", self.path, exc_info=True)

    def ask_restore(self) -> bool:
        """Ask whether to restore the draft from the previous run (tests replace this on the instance)."""
        parent = self.parent()
        return choose(
            parent if isinstance(parent, QWidget) else None,
            "Restore the report draft?",
            RESTORE_QUESTION,
            act="Restore the draft",
            keep="Discard the draft",
            act_by_default=True,
        )
