"""What every editor on the Report page is made of: the host it writes to, its page, its text boxes.

Every editor writes straight through to the page's draft as the officer types (the draft is the
single source of truth) and tells the page through :class:`EditorHost`. Text widgets keep Qt's
own undo; changes of structure (adding, removing or moving items) go through
``host.structural``, which snapshots the draft first so Edit > Undo can bring it back.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from caseload_reporter.reporting.block_context import BlockContext
from caseload_reporter.reporting.draft import ReportDraft


class EditorHost(Protocol):
    """What an editor needs from the page that holds it."""

    @property
    def draft(self) -> ReportDraft: ...

    def text_changed(self) -> None: ...

    def structural(self, change: Callable[[], object], key: object = None, focus: int | None = None) -> None: ...

    def block_context(self) -> BlockContext: ...

    def has_data(self) -> bool: ...

    def ask_privacy_off(self, which: str) -> bool: ...

    def privacy_changed(self) -> None: ...

    def suggest_sentences(self, target: str | int) -> None: ...


# -- small helpers ---------------------------------------------------------------------------


def letter(index: int) -> str:
    """0 -> 'a', 25 -> 'z', 26 -> 'aa': how recommendations are lettered."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def split_paragraphs(text: str) -> list[str]:
    """Blocks separated by a blank line, each trimmed; empty blocks dropped."""
    return [part.strip() for part in re.split(r"\n[ \t]*\n", text) if part.strip()]


def split_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class GrowingTextEdit(QPlainTextEdit):
    """A text box as tall as its text (between ``lines`` and ``most`` lines), so a section reads like a page."""

    def __init__(self, lines: int, most: int) -> None:
        super().__init__()
        self._lines, self._most = lines, max(most, lines)
        self.document().documentLayout().documentSizeChanged.connect(lambda _size: self._fit())
        self._fit()

    def _fit(self) -> None:
        # QPlainTextEdit's layout measures the document in lines (wrapped lines included).
        shown = min(max(int(self.document().documentLayout().documentSize().height()), self._lines), self._most)
        margins = self.contentsMargins()
        extra = 2 * self.document().documentMargin() + margins.top() + margins.bottom() + 2
        self.setFixedHeight(round(shown * QFontMetrics(self.font()).lineSpacing() + extra))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()


def plain_editor(
    text: str, name: str, on_change: Callable[[str], None], lines: int = 4, most: int | None = None
) -> QPlainTextEdit:
    """A text box for prose; it grows with its text up to ``most`` lines (None: it takes the room given)."""
    editor = GrowingTextEdit(lines, most) if most is not None else QPlainTextEdit()
    editor.setPlainText(text)
    editor.setAccessibleName(name)
    editor.setTabChangesFocus(True)  # Tab moves on, as in a form; the text is prose, not code
    if most is None:
        editor.setMinimumHeight(lines * QFontMetrics(editor.font()).lineSpacing() + 16)
    editor.textChanged.connect(lambda: on_change(editor.toPlainText()))
    return editor


def line_editor(text: str, name: str, on_change: Callable[[str], None]) -> QLineEdit:
    editor = QLineEdit(text)
    editor.setAccessibleName(name)
    editor.textChanged.connect(on_change)
    return editor


def small_button(text: str, name: str, on_click: Callable[[], object], enabled: bool = True) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.setToolTip(name)
    button.setEnabled(enabled)
    button.clicked.connect(lambda _=False: on_click())
    return button


def wrapped_label(text: str, rich: bool = False, name: str = "") -> QLabel:
    """A label that wraps; ``name`` says what it is, as its description: a screen reader reads a label's
    accessible name instead of its text, so a name would hide what it says."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    if name:
        label.setAccessibleDescription(name)
    return label


class EditorPage(QScrollArea):
    """A heading, a line saying what the part is for, and the fields; scrolls when the window is small."""

    def __init__(self, title: str, intro: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName(f"{title}: editor")  # a Tab stop of its own, from which the keys scroll the part
        inner = QWidget(self)
        self.setWidget(inner)
        self.body = QVBoxLayout(inner)
        self.body.setContentsMargins(12, 4, 12, 12)
        self.body.setSpacing(10)
        self.heading = wrapped_label(f"<h2>{escape(title)}</h2>", rich=True)
        self.heading.setAccessibleName(title)
        self.body.addWidget(self.heading)
        if intro:
            self.intro = wrapped_label(intro)
            self.body.addWidget(self.intro)

    def finish(self) -> None:
        self.body.addStretch(1)

    def focus_item(self, index: int) -> None:
        """Put the cursor in item ``index`` (after it was added); editors with items override this."""


def text_undo(widget: QWidget | None, redo: bool) -> bool:
    """Undo (or redo) in a focused text box when it has something to undo; False otherwise."""
    if isinstance(widget, QLineEdit) and (widget.isRedoAvailable() if redo else widget.isUndoAvailable()):
        widget.redo() if redo else widget.undo()
        return True
    if isinstance(widget, QPlainTextEdit | QTextEdit) and not widget.isReadOnly():
        document = widget.document()
        if document.isRedoAvailable() if redo else document.isUndoAvailable():
            widget.redo() if redo else widget.undo()
            return True
    return False
