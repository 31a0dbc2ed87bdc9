"""Compare periods: any two periods side by side per team, with the change, as a progress report tabulates them."""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTableView, QVBoxLayout, QWidget

from caseload_reporter.analysis.comparison import compare_periods
from caseload_reporter.analysis.inputs import first_missing, missing
from caseload_reporter.analysis.measures import summarise
from caseload_reporter.analysis.thresholds import BASES
from caseload_reporter.reading.fields import TEAM_TYPES
from caseload_reporter.session.session import Session
from caseload_reporter.ui.dataframe_model import DataFrameModel, changes, places
from caseload_reporter.ui.pages.data_view import DataView
from caseload_reporter.ui.tables import fitted_table


def _range(low: float, high: float) -> str:
    if pd.isna(low) or pd.isna(high):
        return ""
    return f"{low:g} to {high:g}"  # as a target range reads: '18 to 20'


class ComparePage(DataView):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        layout = QVBoxLayout(self)
        heading = QLabel("<h2>Compare periods</h2>", self)
        heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(heading)
        choose = QHBoxLayout()
        self.first = QComboBox(self)
        self.second = QComboBox(self)
        self.first.setAccessibleName("First period to compare")
        self.second.setAccessibleName("Second period to compare")
        for label, combo in (("Compare", self.first), ("with", self.second)):
            caption = QLabel(label, self)
            caption.setBuddy(combo)
            choose.addWidget(caption)
            choose.addWidget(combo)
            combo.currentIndexChanged.connect(self.refresh)
        choose.addStretch(1)
        layout.addLayout(choose)
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        layout.addWidget(self.caption)
        self.model = DataFrameModel(parent=self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        fitted_table(self.table, "Teams in two periods side by side, with the change")
        layout.addWidget(self.table, 1)

    def data_changed(self) -> None:
        periods = self.dataset.periods()
        for combo, default in ((self.first, 0), (self.second, len(periods) - 1)):
            combo.blockSignals(True)
            combo.clear()
            for period in periods:
                combo.addItem(period.label(), period.start.isoformat())
            combo.setCurrentIndex(max(default, 0))
            combo.blockSignals(False)

    def refresh(self) -> None:
        if self.thresholds is None or self.dataset.caseloads.empty or self.first.count() == 0:
            self.caption.setText(missing("caseloads"))
            self.model.set_frame(pd.DataFrame())
            return
        first, second = pd.Timestamp(self.first.currentData()), pd.Timestamp(self.second.currentData())
        a, b = self.first.currentText(), self.second.currentText()
        summary = summarise(self.dataset.caseloads, "team", self.thresholds, self.filters.basis, [first, second])
        table = self.filters.select(compare_periods(summary, first, second))
        basis = BASES[self.filters.basis]
        ceiling = f"{self.thresholds.ceiling:g}"
        shown = pd.DataFrame(
            {
                "Team": table["name"],
                "Team type": table["team_type"].map(TEAM_TYPES),
                f"Average {basis} {a}": table["average_first"],
                f"Average {basis} {b}": table["average_second"],
                "Change in average": table["average_change"],
                f"Range {a}": [_range(lo, hi) for lo, hi in zip(table["min_first"], table["max_first"], strict=True)],
                f"Range {b}": [_range(lo, hi) for lo, hi in zip(table["min_second"], table["max_second"], strict=True)],
                f"Workers over {ceiling} {a}": table["over_ceiling_first"],
                f"Workers over {ceiling} {b}": table["over_ceiling_second"],
                f"Change in workers over {ceiling}": table["over_ceiling_change"],
            }
        ).reset_index(drop=True)
        counted = [c for c in shown.columns if c.startswith(("Average", "Workers"))]
        formatters = {c: places(1 if c.startswith("Average") else 0) for c in counted}
        formatters.update(
            {
                "Change in average": changes(1),
                f"Change in workers over {ceiling}": changes(0),
            }
        )
        self.model.set_frame(shown, formatters=formatters)
        lacking = first_missing(summary)
        self.caption.setText(
            f"{a} against {b}, average caseload {basis}. Each figure has its own column, so the table copies "
            "cleanly into a report." + (f" Some averages are not shown. {missing(lacking)}" if lacking else "")
        )
