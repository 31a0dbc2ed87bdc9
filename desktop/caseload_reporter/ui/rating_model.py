"""A summary table model that shows each rating by colour AND by words and a symbol, never colour alone."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from caseload_reporter.analysis.thresholds import STATUS_LABELS, STATUS_SYMBOLS
from caseload_reporter.ui.dataframe_model import DataFrameModel

# Pale tints of the Okabe-Ito bluish green, orange and vermillion: told apart with colour-blindness,
# and black text on each keeps a contrast well above 4.5:1.
STATUS_FILLS = {"green": QColor("#cdebdf"), "amber": QColor("#fbe3b0"), "red": QColor("#f5c6ab")}
STATUS_TEXT = QColor("#000000")


def status_text(status: object) -> str:
    if status not in STATUS_LABELS:
        return "No target"
    return f"{STATUS_SYMBOLS[status]} {STATUS_LABELS[status]}"  # type: ignore[index]


class RatedSummaryModel(DataFrameModel):
    """DataFrameModel whose 'status' column is shaded and worded; other cells as usual."""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and self.frame().columns[index.column()] == "status":
            status = self.frame().iat[index.row(), index.column()]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return status_text(status)
            if role == Qt.ItemDataRole.BackgroundRole:
                return STATUS_FILLS.get(status)  # type: ignore[arg-type]
            if role == Qt.ItemDataRole.ForegroundRole:
                return STATUS_TEXT if status in STATUS_FILLS else None
        return super().data(index, role)
