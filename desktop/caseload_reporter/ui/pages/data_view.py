"""The base of the pages that show the open data: they follow the shared filters, refreshing only when seen.

A hidden page only notes that it is out of date; it redraws when it is next shown. So a change of
period costs one page's refresh, not every page's.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from caseload_reporter.analysis.thresholds import Thresholds
from caseload_reporter.reading.dataset import Dataset
from caseload_reporter.ui.filters import ViewFilters


class DataView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dataset = Dataset()
        self.thresholds: Thresholds | None = None
        self.filters = ViewFilters()
        self._stale = True

    def set_data(self, dataset: Dataset, thresholds: Thresholds) -> None:
        self.dataset, self.thresholds = dataset, thresholds
        self.data_changed()
        self._refresh_if_seen()

    def set_filters(self, filters: ViewFilters) -> None:
        self.filters = filters
        self._refresh_if_seen()

    def data_changed(self) -> None:
        """Forget anything computed from the previous data (subclasses with caches override this)."""

    def refresh(self) -> None:
        raise NotImplementedError

    def _refresh_if_seen(self) -> None:
        self._stale = True
        if self.isVisible():
            self._stale = False
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._stale = False
            self.refresh()
        super().showEvent(event)
