"""What the whole app does for keyboard users and small screens: a focus ring on whatever has the keyboard,
the current cell of a table marked, Tab that leaves tables, and windows that fit the screen.

Qt's own styles show focus faintly (a 1 px dotted line, and Fusion and Windows only after the first key
press) and not at all around a scroll area. WCAG 2.2 asks for focus that can be seen (2.4.7) and is not
hidden (2.4.11): so one ring is drawn here, the same on every platform and for every widget, 2 px of a
colour with at least 3:1 contrast against the window, white and the selection. It is a QFocusFrame,
which Qt keeps above the widget, out of the mouse's way and out of the screen reader's tree.

Item views keep Tab for moving between cells by default, so Tab into a table never came out: here Tab
leaves every item view (the arrow keys move between cells, as in Windows' own lists). And two helpers
for the keyboard and small screens: the first field of a page (where Ctrl+1..8 put the keyboard), and
windows opened at a size the screen's free area holds, buttons always showing.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFocusFrame,
    QProxyStyle,
    QStyle,
    QStyleHintReturn,
    QStyleOption,
    QWidget,
)

# 6.4:1 on white, 5.6:1 on the window's grey (#efefef): well over the 3:1 WCAG asks of a focus indicator.
FOCUS_COLOUR = QColor("#0b57d0")
# The current cell sits on white, on a pale rating fill or on the selection's blue: black has over 4:1 on all.
CELL_FOCUS_COLOUR = QColor("#000000")
RING_WIDTH = 2  # logical pixels: 3 device pixels at 150%
RING_MARGIN = 3  # how far the ring's frame reaches beyond the widget


class AccessibleStyle(QProxyStyle):
    """The platform's own style, with the current cell always marked and Tab leaving item views."""

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element == QStyle.PrimitiveElement.PE_FrameFocusRect and _in_item_view(widget):
            # The current cell, shown whether the keyboard or the mouse put it there (Fusion and Windows draw
            # nothing until a key is pressed), so a keyboard user sees which cell, not only which row.
            painter.save()
            pen = QPen(CELL_FOCUS_COLOUR, RING_WIDTH)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            half = RING_WIDTH / 2
            painter.drawRect(option.rect.toRectF().adjusted(half, half, -half, -half))
            painter.restore()
            return
        super().drawPrimitive(element, option, painter, widget)

    def pixelMetric(
        self, metric: QStyle.PixelMetric, option: QStyleOption | None = None, widget: QWidget | None = None
    ) -> int:
        if metric in (QStyle.PixelMetric.PM_FocusFrameHMargin, QStyle.PixelMetric.PM_FocusFrameVMargin):
            return RING_MARGIN
        return super().pixelMetric(metric, option, widget)

    def styleHint(
        self,
        hint: QStyle.StyleHint,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
        returnData: QStyleHintReturn | None = None,  # noqa: N803 - Qt's name
    ) -> int:
        if hint == QStyle.StyleHint.SH_FocusFrame_AboveWidget:
            return 1  # the ring is drawn over the window, so a widget that fills its parent still shows it
        return super().styleHint(hint, option, widget, returnData)

    def polish(self, target):  # QWidget, QApplication or QPalette, as QStyle.polish is overloaded
        if isinstance(target, QAbstractItemView):
            target.setTabKeyNavigation(False)
        return super().polish(target)


def _in_item_view(widget: QWidget | None) -> bool:
    return isinstance(widget, QAbstractItemView) or isinstance(
        widget.parentWidget() if widget is not None else None, QAbstractItemView
    )


class FocusRing(QFocusFrame):
    """The ring around the widget that has the keyboard; drawn inside the widget's edge where it has no room."""

    def paintEvent(self, _event: QPaintEvent) -> None:
        widget = self.widget()
        if widget is None or not shiboken6.isValid(widget):
            return
        # Around the part of the widget that can be seen (a field half scrolled out of view is ringed where it
        # shows), and never past the part of this frame that can be seen, so a widget that fills its window or
        # scroll area still shows all four sides.
        shown = widget.visibleRegion().boundingRect()
        if shown.isEmpty():
            return
        corner = widget.mapTo(self.window(), shown.topLeft()) - self.mapTo(self.window(), QPoint(0, 0))
        ring = QRect(corner, shown.size()).adjusted(-RING_WIDTH, -RING_WIDTH, RING_WIDTH, RING_WIDTH)
        ring = ring.intersected(self.visibleRegion().boundingRect())
        if ring.width() <= 2 * RING_WIDTH or ring.height() <= 2 * RING_WIDTH:
            return
        painter = QPainter(self)
        pen = QPen(FOCUS_COLOUR, RING_WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        half = RING_WIDTH / 2
        painter.drawRect(ring.toRectF().adjusted(half, half, -half, -half))
        painter.end()


def ringed_widget(widget: QWidget | None) -> QWidget | None:
    """The widget the ring goes round when ``widget`` has focus: a combo box or spin box rather than the text
    field inside it; None for a window itself or a pop-up list (which shows its own highlight)."""
    if widget is None or widget.isWindow() or widget.window().windowType() == Qt.WindowType.Popup:
        return None
    parent = widget.parentWidget()
    if isinstance(parent, QComboBox | QAbstractSpinBox):
        return parent
    return widget


class FocusRings(QObject):
    """Moves the one ring to each widget that takes focus, in whichever window it is."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._ring: FocusRing | None = None
        app.focusChanged.connect(self._focus_changed)

    def ring(self) -> FocusRing:
        # The ring lives in the focused widget's window: closing a dialog deletes it with the dialog.
        if self._ring is None or not shiboken6.isValid(self._ring):
            self._ring = FocusRing()
        return self._ring

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        target = ringed_widget(new)
        if target is None:  # no widget, or a pop-up list: no ring (a new one comes with the next focus)
            if self._ring is not None and shiboken6.isValid(self._ring):
                self._ring.deleteLater()
            self._ring = None
            return
        ring = self.ring()
        ring.setWidget(target)
        ring.show()
        ring.raise_()
        ring.update()


def install(app: QApplication) -> None:
    """Use the accessible style and the focus ring in ``app``; doing it again changes nothing."""
    if not isinstance(app.style(), AccessibleStyle):
        app.setStyle(AccessibleStyle(app.style().name()))
    if app.findChild(FocusRings) is None:
        FocusRings(app)


def available_room(widget: QWidget) -> QRect:
    """The part of the screen a window can use (taskbar and panels left out), for ``widget``'s screen."""
    anchor = widget.parentWidget() or widget
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


# Room kept for the title bar and borders the window manager adds around a window.
WINDOW_FRAME = QSize(16, 48)


def fit_to_screen(window: QWidget, preferred: QSize) -> None:
    """Open ``window`` at ``preferred`` size or as much of the screen as is free, whichever is smaller,
    and never let it grow past the screen: its buttons then always show (its content scrolls inside)."""
    room = available_room(window).size() - WINDOW_FRAME
    window.setMaximumSize(room)
    window.resize(preferred.boundedTo(room).expandedTo(window.minimumSize().boundedTo(room)))


def first_focusable(container: QWidget) -> QWidget | None:
    """The first widget inside ``container`` that Tab would stop at (shown, enabled, taking Tab focus)."""
    widget = container.nextInFocusChain()
    while widget is not None and widget is not container:
        if (
            container.isAncestorOf(widget)
            and widget.isVisibleTo(container.window())
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.focusProxy() is None
        ):
            return widget
        widget = widget.nextInFocusChain()
    return None
