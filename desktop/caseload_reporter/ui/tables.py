"""Tables that fit the room they are given: text elided with "…" (the whole text on hover), never a figure cut.

A page's table is often wider than its pane, more so at 125% or 150% scaling. Left to Qt, columns keep
their full width and the view cuts whatever reaches its right edge mid-number ("20." for 20.8), with
no sign that anything is missing. Here the widest text columns (team names) give way first, elided in
the middle so "Ashby Vale Children's Team 1" and "… Team 2" stay told apart; a column of figures never
goes narrower than its figures (its heading may be elided). If the columns still do not fit, the view
scrolls, and a cell or heading at the right edge is drawn within the part that shows, elided, rather
than cut.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionHeader,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

_Index = QModelIndex | QPersistentModelIndex
MOST_HEADING_LINES = 3
WRAP = int(Qt.TextFlag.TextWordWrap)
TEXT_FLOOR_CHARACTERS = 24  # a text column is never squeezed below this many average characters
HEADING_FLOOR_CHARACTERS = 8  # nor a column of figures below its figures or this much of its heading


def _is_right_aligned(alignment: object) -> bool:
    try:
        return bool(Qt.AlignmentFlag(int(alignment)) & Qt.AlignmentFlag.AlignRight)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return False


class FittedCells(QStyledItemDelegate):
    """Elides a figure at its end and a name in its middle, and draws a cell the view's edge cuts within the
    part that shows."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: _Index) -> None:
        super().initStyleOption(option, index)
        figures = _is_right_aligned(index.data(Qt.ItemDataRole.TextAlignmentRole))
        option.textElideMode = Qt.TextElideMode.ElideRight if figures else Qt.TextElideMode.ElideMiddle

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        view = self.parent()
        if isinstance(view, QAbstractItemView):
            edge = view.viewport().rect().right()
            if option.rect.left() < edge < option.rect.right():
                option = QStyleOptionViewItem(option)
                option.rect = QRect(option.rect.topLeft(), option.rect.bottomRight()).adjusted(
                    0, 0, edge - option.rect.right(), 0
                )
        super().paint(painter, option, index)


class FittedHeader(QHeaderView):
    """A horizontal header whose headings wrap onto as many as three lines in a narrow column (so "Average per
    FTE w/c 04/11/2024" and "... w/c 26/10/2026" stay told apart), and whose last partly shown heading is
    drawn within the view rather than cut. A heading too long even then is elided; it is its own tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)
        self.setHighlightSections(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)

    def _heading(self, logical_index: int) -> str:
        model = self.model()
        text = model.headerData(logical_index, Qt.Orientation.Horizontal) if model is not None else None
        return "" if text is None else str(text)

    def _padding(self) -> int:
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, self)
        arrow = self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, self)
        return 2 * margin + (arrow + margin if self.isSortIndicatorShown() else 0)

    def _text_width(self, logical_index: int) -> int:
        return max(self.sectionSize(logical_index) - self._padding(), 1)

    def _bold_metrics(self) -> QFontMetrics:
        bold = self.font()
        bold.setBold(True)  # a highlighted heading is drawn bold: fit the wider of the two
        return QFontMetrics(bold)

    def narrowest(self, logical_index: int) -> int:
        """The narrowest width that shows the whole heading in at most MOST_HEADING_LINES lines."""
        text = self._heading(logical_index)
        metrics = self._bold_metrics()
        if not text:
            return self._padding()
        width = max(
            max(metrics.horizontalAdvance(word) for word in text.split()),
            -(-metrics.horizontalAdvance(text) // MOST_HEADING_LINES),
        )
        tallest = MOST_HEADING_LINES * metrics.lineSpacing()
        while metrics.boundingRect(QRect(0, 0, width, 10_000), WRAP, text).height() > tallest:
            width += 4
        return width + self._padding() + 2

    def _lines(self, logical_index: int) -> int:
        text, width = self._heading(logical_index), self._text_width(logical_index)
        if not text or self.fontMetrics().horizontalAdvance(text) <= width:
            return 1
        metrics = self._bold_metrics()
        height = metrics.boundingRect(QRect(0, 0, width, 10_000), WRAP, text).height()
        return min(MOST_HEADING_LINES, max(1, round(height / metrics.lineSpacing())))

    def sectionSizeFromContents(self, logical_index: int) -> QSize:
        size = super().sectionSizeFromContents(logical_index)
        extra = (self._lines(logical_index) - 1) * self.fontMetrics().lineSpacing()
        return QSize(size.width(), size.height() + extra)

    def paintSection(self, painter: QPainter, rect: QRect, logical_index: int) -> None:
        edge = self.viewport().rect().right()
        if rect.left() < edge < rect.right():
            rect = rect.adjusted(0, 0, edge - rect.right(), 0)
        if self._lines(logical_index) == 1:
            super().paintSection(painter, rect, logical_index)
            return
        option = QStyleOptionHeader()
        self.initStyleOptionForIndex(option, logical_index)
        option.rect = rect
        text, option.text = option.text, ""
        painter.save()
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)  # frame and sort mark
        label = self.style().subElementRect(QStyle.SubElement.SE_HeaderLabel, option, self)
        if option.state & QStyle.StateFlag.State_On:
            font = painter.font()
            font.setBold(True)
            painter.setFont(font)
        painter.setPen(self.palette().color(QPalette.ColorRole.ButtonText))
        painter.drawText(label, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), text)
        painter.restore()

    def refit(self) -> None:
        """The columns' widths changed: work out the headings' lines and the header's height again."""
        if self.count():
            self.headerDataChanged(Qt.Orientation.Horizontal, 0, self.count() - 1)


def column_widths(needed: list[int], floors: list[int], room: int) -> list[int]:
    """Widths that fit ``room``: the widest columns are brought down to one level first, none below its
    floor (so [300, 120, 60] with floors [120, 120, 60] in 400 gives [220, 120, 60])."""
    floors = [min(f, n) for f, n in zip(floors, needed, strict=True)]
    if sum(needed) <= room:
        return list(needed)
    if sum(floors) >= room:
        return floors

    def total(level: int) -> int:
        return sum(max(f, min(n, level)) for f, n in zip(floors, needed, strict=True))

    low, high = 0, max(needed)
    while low < high:  # the highest level at which everything still fits
        middle = (low + high + 1) // 2
        if total(middle) <= room:
            low = middle
        else:
            high = middle - 1
    return [max(f, min(n, low)) for f, n in zip(floors, needed, strict=True)]


def fit_columns(view: QTableView) -> None:
    """Size the columns to their contents; where they do not fit the view, the headings of figures wrap
    first, then the widest text is elided, and only then does the view scroll."""
    model = view.model()
    header = view.horizontalHeader()
    if model is None or model.columnCount() == 0:
        return
    metrics = view.fontMetrics()
    text_floor = metrics.averageCharWidth() * TEXT_FLOOR_CHARACTERS
    heading_floor = metrics.averageCharWidth() * HEADING_FLOOR_CHARACTERS
    columns = [c for c in range(model.columnCount()) if not view.isColumnHidden(c)]
    needed, floors, figures = [], [], []
    for column in columns:
        content = view.sizeHintForColumn(column)
        needed.append(max(content, header.sectionSizeHint(column)))
        sample = model.index(0, column) if model.rowCount() else QModelIndex()
        figures.append(sample.isValid() and _is_right_aligned(sample.data(Qt.ItemDataRole.TextAlignmentRole)))
        # A column of figures keeps its figures and its heading whole (wrapped); text keeps at least some words.
        heading = header.narrowest(column) if isinstance(header, FittedHeader) else heading_floor
        floors.append(max(content, heading) if figures[-1] else text_floor)
    room = view.viewport().width()
    # Text at its full width, figures at their narrowest (their headings wrapped): if that fits, only the
    # figures' columns give way; if not, the text gives way too.
    text_whole = [n if not f else min(floor, n) for n, floor, f in zip(needed, floors, figures, strict=True)]
    if sum(text_whole) <= room:
        widths = column_widths(needed, text_whole, room)
    else:
        widths = column_widths(text_whole, floors, room)
    for column, width in zip(columns, widths, strict=True):
        view.setColumnWidth(column, width)
    if isinstance(header, FittedHeader):
        header.refit()


class _Refit(QObject):
    """Fits the columns again when the view's width or its model's rows change."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QResizeEvent) and event.size().width() != event.oldSize().width():
            fit_columns(self.view)
        return False

    def model_changed(self, *_args: object) -> None:
        fit_columns(self.view)


def fitted_table(view: QTableView, name: str, description: str = "") -> QTableView:
    """Make ``view`` (with its model set) elide rather than cut, fit its columns to its width, and carry
    ``name`` (and ``description``) for screen readers. Returns the view."""
    old, header = view.horizontalHeader(), FittedHeader(view)
    header.setSortIndicator(old.sortIndicatorSection(), old.sortIndicatorOrder())
    header.setStretchLastSection(old.stretchLastSection())
    sorting = view.isSortingEnabled()
    view.setHorizontalHeader(header)
    view.setSortingEnabled(sorting)
    view.setItemDelegate(FittedCells(view))
    view.setWordWrap(False)
    view.setAccessibleName(name)
    if description:
        view.setAccessibleDescription(description)
    refit = _Refit(view)
    model = view.model()
    if model is not None:
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted):
            signal.connect(refit.model_changed)
    return view
