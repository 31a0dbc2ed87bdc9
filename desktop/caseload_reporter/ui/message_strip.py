"""One clear sentence above a page instead of a blocking dialog, with Dismiss and an optional action.

A screen reader reads the sentence itself (the strip's name says only what kind of message it is, as its
description) and hears it announced when it appears, as a live region would be, without moving focus.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

ASSERTIVE, POLITE = QAccessible.AnnouncementPoliteness.Assertive, QAccessible.AnnouncementPoliteness.Polite


class MessageStrip(QFrame):
    """A dismissible line for one clear sentence, instead of a blocking dialog, with an optional action
    button (such as Open in Word)."""

    def __init__(self, name: str = "Message", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageStrip")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAccessibleDescription(name)  # a name would hide the sentence: a label reads its name
        self.setAccessibleDescription(name)
        self.action_button = QPushButton(self)
        self.action_button.hide()
        self._action: Callable[[], None] | None = None
        self.action_button.clicked.connect(self._run_action)
        self.close_button = QPushButton("Dismiss", self)
        self.close_button.setAccessibleName("Dismiss this message")
        self.close_button.clicked.connect(self.hide)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(self.close_button)
        self.warning = False
        self.hide()

    def show_message(
        self, text: str, warning: bool = True, action: tuple[str, Callable[[], None]] | None = None
    ) -> None:
        # Dark text on a pale fill: well above 4.5:1 contrast, and the word "Problem" says it too.
        fill, edge = ("#fff4ce", "#8a6d00") if warning else ("#e8f1fb", "#1f5d99")
        self.setStyleSheet(
            f"#messageStrip {{ background: {fill}; border: 1px solid {edge}; border-radius: 4px; }}"
            "#messageStrip QLabel { color: #1a1a1a; }"
        )
        self.warning = warning
        self.label.setText(("Problem: " if warning else "") + text)
        self._action = action[1] if action else None
        self.action_button.setText(action[0] if action else "")
        self.action_button.setAccessibleName(action[0] if action else "")
        self.action_button.setVisible(action is not None)
        self.show()
        # Said as it appears, without moving focus: at once for a problem, when the reader is idle otherwise.
        event = QAccessibleAnnouncementEvent(self.label, self.label.text())
        event.setPoliteness(ASSERTIVE if warning else POLITE)
        QAccessible.updateAccessibility(event)

    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()

    def _run_action(self) -> None:
        if self._action is not None:
            self._action()
