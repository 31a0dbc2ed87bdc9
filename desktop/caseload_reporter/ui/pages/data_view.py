"""The base of the pages that show the open data: they follow the session and the shared filters,
refreshing only when seen.

Each page reads the data and the targets from the session (never a copy of its own) and is told
when they change. A hidden page only notes that it is out of date; it redraws when it is next
shown. So a change of period costs one page's refresh, not every page's.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from caseload_reporter.analysis.thresholds import Thresholds
from caseload_reporter.reading.dataset import Dataset
from caseload_reporter.session.session import Change, Session
from caseload_reporter.ui.filters import ViewFilters

# What a page that shows the open data redraws for.
DATA_CHANGES = frozenset({Change.DATA, Change.TARGETS, Change.COUNCIL})


class DataView(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.filters = ViewFilters()
        self._stale = True
        session.subscribe(self._session_changed)

    @property
    def dataset(self) -> Dataset:
        return self.session.dataset

    @property
    def thresholds(self) -> Thresholds:
        return self.session.thresholds

    def _session_changed(self, changes: frozenset[Change]) -> None:
        if changes & DATA_CHANGES:
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
