"""A table model over a pandas DataFrame that stays quick on very large frames, as Spyder's does.

Rows are handed to the view in chunks through ``canFetchMore``/``fetchMore``, and cells are
formatted only when the view asks for them, so setting a 200,000-row frame costs nothing per
row. The model keeps the frame it is given (no copy); sorting builds a new, reordered frame.
"""

from __future__ import annotations

import datetime as dt
import numbers
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.types import is_bool_dtype, is_numeric_dtype, is_scalar
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from caseload_reporter.core.figures import figure
from caseload_reporter.core.words import change, money, number

CHUNK_ROWS = 500
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

Formatter = Callable[[object], str]
_Index = QModelIndex | QPersistentModelIndex


def _is_missing(value: Any) -> bool:  # any cell of a frame
    return value is None or (is_scalar(value) and bool(pd.isna(value)))


def _is_number(value: object) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool | np.bool_)


def places(decimals: int) -> Formatter:
    """A column's formatter for figures with ``decimals`` places, as everywhere else: '4,473', '20.8'."""

    def written(value: object) -> str:
        amount = figure(value)
        return "" if amount is None else number(amount, decimals)

    return written


def changes(decimals: int) -> Formatter:
    """A column's formatter for changes: '+1.4', '-0.8', 'no change' (never '+0.0')."""

    def written(value: object) -> str:
        amount = figure(value)
        return "" if amount is None else change(amount, decimals)

    return written


def pounds(value: object) -> str:
    """A column's formatter for money: '£41,839'."""
    amount = figure(value)
    return "" if amount is None else money(amount)


def format_value(value: object) -> str:
    """The default cell text: blanks for missing, one decimal for floats (thousands separated), UK dates.

    Whole numbers are shown as they are: in a column without a formatter they are row numbers and years,
    which are never written '2,016'. Counts get a formatter (:func:`figures`)."""
    if _is_missing(value):
        return ""
    if isinstance(value, bool | np.bool_):
        return "Yes" if value else "No"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        return number(float(value), 1)
    if isinstance(value, dt.date):  # includes datetime and pandas.Timestamp
        return value.strftime("%d/%m/%Y")
    return str(value)


def _native(value: object) -> object:
    """A plain Python value, so C++ (e.g. a proxy model) can compare it; None if missing."""
    if _is_missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, np.generic):
        return value.item()
    return value


def _as_text(column: pd.Series) -> pd.Series:
    """Text sort keys for a column of mixed types, leaving missing values missing."""
    return column.where(column.isna(), column.astype(str))


class DataFrameModel(QAbstractTableModel):
    """Read-only view of a DataFrame; ``rowCount`` counts only the rows loaded so far."""

    def __init__(
        self,
        frame: pd.DataFrame | None = None,
        column_labels: dict[str, str] | None = None,
        formatters: dict[str, Formatter] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._frame = pd.DataFrame()
        self._labels: dict[str, str] = {}
        self._formatters: dict[str, Formatter] = {}
        self._missing_text: dict[str, str] = {}
        self._numeric_columns: list[bool] = []
        self._loaded = 0
        if frame is not None:
            self.set_frame(frame, column_labels, formatters)

    def set_frame(
        self,
        frame: pd.DataFrame,
        column_labels: dict[str, str] | None = None,
        formatters: dict[str, Formatter] | None = None,
        missing_text: dict[str, str] | None = None,
    ) -> None:
        """Show ``frame`` from its first chunk; labels, formatters and the words for a missing value
        ('no FTE' rather than a blank) are keyed by column name."""
        self.beginResetModel()
        self._frame = frame
        self._labels = dict(column_labels or {})
        self._formatters = dict(formatters or {})
        self._missing_text = dict(missing_text or {})
        # Looked up from the dtypes alone: one check per column, never per row.
        self._numeric_columns = [is_numeric_dtype(dtype) and not is_bool_dtype(dtype) for dtype in frame.dtypes]
        self._loaded = min(CHUNK_ROWS, len(frame))
        self.endResetModel()

    def frame(self) -> pd.DataFrame:
        """The frame as shown, in its current sort order."""
        return self._frame

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._loaded

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._frame.columns)

    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and self._loaded < len(self._frame)

    def fetchMore(self, parent: _Index) -> None:
        if not self.canFetchMore(parent):
            return
        end = min(self._loaded + CHUNK_ROWS, len(self._frame))
        self.beginInsertRows(QModelIndex(), self._loaded, end - 1)
        self._loaded = end
        self.endInsertRows()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._loaded:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.ToolTipRole:
            text = self._text(index.row(), column)
            return text if text or role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            numeric = self._numeric_columns[column] or _is_number(self._value(index.row(), column))
            return int(_RIGHT if numeric else _LEFT)
        if role == SORT_ROLE:
            return _native(self._value(index.row(), column))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The heading is its own tooltip: a narrow column elides it.
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        if 0 <= section < len(self._frame.columns):
            name = self._frame.columns[section]
            return self._labels.get(name, str(name))
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the frame by one column (stable, missing values last) and start over."""
        if not 0 <= column < len(self._frame.columns):
            return
        ascending = order == Qt.SortOrder.AscendingOrder
        # By position, so duplicate column names and any index work.
        key = self._frame.iloc[:, column].reset_index(drop=True)
        try:
            ordered = key.sort_values(ascending=ascending, kind="stable", na_position="last")
        except TypeError:  # mixed types in an object column: compare their text instead
            ordered = key.sort_values(ascending=ascending, kind="stable", na_position="last", key=_as_text)
        self.beginResetModel()
        self._frame = self._frame.iloc[ordered.index.to_numpy()]
        self._loaded = min(CHUNK_ROWS, len(self._frame))
        self.endResetModel()

    def _value(self, row: int, column: int) -> object:
        return self._frame.iat[row, column]

    def _text(self, row: int, column: int) -> str:
        value = self._value(row, column)
        if _is_missing(value):
            return self._missing_text.get(self._frame.columns[column], "")
        formatter = self._formatters.get(self._frame.columns[column])
        return formatter(value) if formatter is not None else format_value(value)
