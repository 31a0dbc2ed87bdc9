"""Acting on modal dialogs in GUI tests: a dialog opened inside a callback blocks, so poll for it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


def when_shown(kind: type, act: Callable[[object], None]) -> QTimer:
    """Acts on the first visible top-level widget of ``kind`` once it opens; stop the timer afterwards."""
    timer = QTimer()
    timer.setInterval(30)

    def poll() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, kind) and widget.isVisible():
                timer.stop()
                act(widget)
                return

    timer.timeout.connect(poll)
    timer.start()
    return timer
