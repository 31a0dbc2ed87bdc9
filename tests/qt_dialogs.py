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


def answer_question(box: object, act: bool) -> None:
    """Click a question's act button (``act``) or its keep button, found by role: the buttons say what
    they do ("Replace the open figures"), so tests do not depend on their words."""
    from PySide6.QtWidgets import QMessageBox

    assert isinstance(box, QMessageBox)
    role = QMessageBox.ButtonRole.AcceptRole if act else QMessageBox.ButtonRole.RejectRole
    buttons = [button for button in box.buttons() if box.buttonRole(button) == role]
    assert len(buttons) == 1, f"the question has {len(buttons)} buttons of role {role}: {box.text()}"
    buttons[0].click()
