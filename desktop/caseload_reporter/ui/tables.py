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

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

_Index = QModelIndex | QPersistentModelIndex
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
    """A horizontal header whose last partly shown heading is elided within the view, not cut."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)
        self.setHighlightSections(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)

    def paintSection(self, painter: QPainter, rect: QRect, logical_index: int) -> None:
        edge = self.viewport().rect().right()
        if rect.left() < edge < rect.right():
            rect = rect.adjusted(0, 0, edge - rect.right(), 0)
        super().paintSection(painter, rect, logical_index)


def column_widths(needed: list[int], floors: list[int], room: int) -> list[int]:
    """Widths that fit ``room``: the widest columns are brought down to one level first, none below its floor.

    >>> column_widths([300, 120, 60], [120, 120, 60], 400)
    [220, 120, 60]
    """
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
    """Size the columns to their contents, then bring the widest text down until they fit the view."""
    model = view.model()
    header = view.horizontalHeader()
    if model is None or model.columnCount() == 0:
        return
    metrics = view.fontMetrics()
    text_floor = metrics.averageCharWidth() * TEXT_FLOOR_CHARACTERS
    heading_floor = metrics.averageCharWidth() * HEADING_FLOOR_CHARACTERS
    columns = [c for c in range(model.columnCount()) if not view.isColumnHidden(c)]
    needed, floors = [], []
    for column in columns:
        content = view.sizeHintForColumn(column)
        needed.append(max(content, header.sectionSizeHint(column)))
        sample = model.index(0, column) if model.rowCount() else QModelIndex()
        figures = sample.isValid() and _is_right_aligned(sample.data(Qt.ItemDataRole.TextAlignmentRole))
        floors.append(max(content, heading_floor) if figures else text_floor)
    room = view.viewport().width()
    for column, width in zip(columns, column_widths(needed, floors, room), strict=True):
        view.setColumnWidth(column, width)


class _Refit(QObject):
    """Fits the columns again when the view's width or its model's rows change."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and event.size().width() != event.oldSize().width():
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
