"""The filters every page follows (period, district, team type, average basis) and the bar that sets them."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from caseload_reporter.analysis.thresholds import BASES
from caseload_reporter.reading.dataset import Dataset
from caseload_reporter.reading.fields import TEAM_TYPES


@dataclass(frozen=True)
class ViewFilters:
    period: pd.Timestamp | None = None  # None: the latest period
    district: str | None = None  # None: all districts
    team_type: str | None = None  # None: all team types
    basis: str = "fte"

    def select(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Rows of a summary (or canonical) frame that pass the district and team-type filters."""
        mask = pd.Series(True, index=frame.index)
        if self.district is not None and "district" in frame:
            mask &= frame["district"] == self.district
        if self.team_type is not None and "team_type" in frame:
            mask &= frame["team_type"] == self.team_type
        return frame[mask]


class FilterBar(QWidget):
    changed = Signal(object)  # ViewFilters

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = True  # no signals while the combos are being filled
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.period = self._combo("Period shown")
        self.district = self._combo("District shown")
        self.team_type = self._combo("Team type shown")
        self.basis = self._combo("Average caseload basis")
        for key, text in BASES.items():
            self.basis.addItem(f"Average {text}", key)
        self._controls: list[QWidget] = []
        for label, combo in (
            ("Period", self.period),
            ("District", self.district),
            ("Team type", self.team_type),
            ("Show", self.basis),
        ):
            caption = QLabel(label, self)
            caption.setBuddy(combo)
            layout.addWidget(caption)
            layout.addWidget(combo)
            self._controls += [caption, combo]
        # On a page the filters do not apply to, a sentence takes their place and says why; the bar keeps
        # its height, so the page below never moves.
        self.not_applying = QLabel(self)
        self.not_applying.hide()
        layout.addWidget(self.not_applying)
        layout.addStretch(1)
        self.setMinimumHeight(self.sizeHint().height())
        self._loading = False

    def set_not_applying(self, reason: str) -> None:
        """Put ``reason`` (why the filters do not apply to the page shown) in their place; "" brings them back."""
        for control in self._controls:
            control.setVisible(not reason)
        self.not_applying.setText(reason)
        self.not_applying.setVisible(bool(reason))

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.currentIndexChanged.connect(self._emit)
        return combo

    def set_dataset(self, dataset: Dataset) -> None:
        """Offer the periods, districts and team types this data has; keep choices that still apply."""
        self._loading = True
        try:
            current = self.filters()
            self.period.clear()
            for period in reversed(dataset.periods()):
                # Plain text as item data: Qt compares it reliably in findData, unlike a pandas object.
                self.period.addItem(period.label(), period.start.isoformat())
            self.district.clear()
            self.district.addItem("All districts", None)
            for name in sorted(dataset.caseloads["district"].dropna().unique()):
                self.district.addItem(str(name), str(name))
            self.team_type.clear()
            self.team_type.addItem("All team types", None)
            for key in TEAM_TYPES:
                if key in set(dataset.caseloads["team_type"].dropna()):
                    self.team_type.addItem(TEAM_TYPES[key], key)
            period_key = current.period.date().isoformat() if current.period is not None else None
            for combo, value in (
                (self.period, period_key),
                (self.district, current.district),
                (self.team_type, current.team_type),
            ):
                index = combo.findData(value)
                combo.setCurrentIndex(index if index >= 0 else 0)
        finally:
            self._loading = False
        self._emit()

    def filters(self) -> ViewFilters:
        period = self.period.currentData()
        return ViewFilters(
            period=pd.Timestamp(period) if period else None,
            district=self.district.currentData(),
            team_type=self.team_type.currentData(),
            basis=self.basis.currentData() or "fte",
        )

    def _emit(self, *_args: object) -> None:
        if not self._loading:
            self.changed.emit(self.filters())
