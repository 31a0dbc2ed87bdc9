"""A summary table model that shows each rating by colour AND by words and a symbol, never colour alone."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from caseload_reporter.analysis.thresholds import STATUS_FILLS as STATUS_HEX
from caseload_reporter.analysis.thresholds import status_text
from caseload_reporter.ui.dataframe_model import DataFrameModel

STATUS_FILLS = {status: QColor(f"#{fill}") for status, fill in STATUS_HEX.items()}
STATUS_TEXT = QColor("#000000")


class RatedSummaryModel(DataFrameModel):
    """DataFrameModel whose 'status' column is shaded and worded; other cells as usual."""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and self.frame().columns[index.column()] == "status":
            status = self.frame().iat[index.row(), index.column()]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return status_text(status)
            if role == Qt.ItemDataRole.BackgroundRole:
                return STATUS_FILLS.get(status) if isinstance(status, str) else None
            if role == Qt.ItemDataRole.ForegroundRole:
                return STATUS_TEXT if status in STATUS_FILLS else None
        return super().data(index, role)
