"""A drop-down list that keeps to a sensible width: a long choice is elided in the middle, never cut mid-word.

Qt's combo box either grows to its longest choice (a column heading such as "Cases on books (allocated)
at month end" pushes a form off a small screen) or, held narrower, cuts the text at its edge. This one
asks for room for ``characters`` characters, shows a longer choice elided in the middle with the whole
of it as its tooltip, and opens its list wide enough to read every choice in full. A screen reader
reads the whole choice: only the painting is shortened.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QStylePainter, QWidget

POPUP_MARGIN = 32  # room in the open list for its scroll bar and frame


class ElidingComboBox(QComboBox):
    def __init__(self, parent: QWidget | None = None, characters: int = 22) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(characters)
        self.currentIndexChanged.connect(self._show_whole_on_hover)

    def shown_text(self) -> str:
        """The current choice as painted: whole, or elided in the middle to the box's width."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        return self.fontMetrics().elidedText(option.currentText, Qt.TextElideMode.ElideMiddle, field.width())

    def _show_whole_on_hover(self, *_args: object) -> None:
        """The whole choice as the tooltip while it is elided; no tooltip when it shows whole."""
        self.setToolTip(self.currentText() if self.shown_text() != self.currentText() else "")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show_whole_on_hover()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self.shown_text()
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def showPopup(self) -> None:
        view = self.view()
        view.setMinimumWidth(max(self.width(), view.sizeHintForColumn(0) + POPUP_MARGIN))
        super().showPopup()
