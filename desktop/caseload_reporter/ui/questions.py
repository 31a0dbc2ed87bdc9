"""A question answered by its own words: "Replace the open figures" or "Keep the open figures", not Yes or No.

Buttons that say what they do can be chosen without rereading the question (and a screen reader reads
them as they are); the safe answer is the default and the Escape key.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def question(
    parent: QWidget | None, title: str, text: str, act: str, keep: str, act_by_default: bool = False
) -> QMessageBox:
    """The question, not yet shown: ``act`` is its accept button, ``keep`` (the default unless
    ``act_by_default``) answers Escape."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    act_button = box.addButton(act, QMessageBox.ButtonRole.AcceptRole)
    keep_button = box.addButton(keep, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(act_button if act_by_default else keep_button)
    box.setEscapeButton(keep_button)
    return box


def ask(box: QMessageBox) -> bool:
    """Show a :func:`question` and wait: True when its act button was chosen."""
    box.exec()
    clicked = box.clickedButton()
    chosen = clicked is not None and box.buttonRole(clicked) == QMessageBox.ButtonRole.AcceptRole
    box.deleteLater()  # deleted by Qt on the GUI thread, never by Python's garbage collector on another
    return chosen


def choose(parent: QWidget | None, title: str, text: str, act: str, keep: str, act_by_default: bool = False) -> bool:
    """Ask a :func:`question`: True when the officer chooses ``act``."""
    return ask(question(parent, title, text, act, keep, act_by_default))
