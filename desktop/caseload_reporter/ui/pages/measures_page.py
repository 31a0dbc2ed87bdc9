"""Service measures: the monthly series (referrals, child protection, looked-after children, ...) charted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QSplitter, QVBoxLayout, QWidget

from caseload_reporter.analysis.chart_specs import measures_chart
from caseload_reporter.analysis.inputs import missing
from caseload_reporter.session.session import Session
from caseload_reporter.ui.chart_view import ChartView
from caseload_reporter.ui.pages.data_view import DataView


class MeasuresPage(DataView):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        layout = QVBoxLayout(self)
        heading = QLabel("<h2>Service measures</h2>", self)
        heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(heading)
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        layout.addWidget(self.caption)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.measures = QListWidget(splitter)
        self.measures.setAccessibleName("Measures to chart: tick the ones to show")
        # A long measure's name wraps in its pane rather than running under its edge.
        self.measures.setWordWrap(True)
        self.measures.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.measures.itemChanged.connect(self.refresh)
        self.chart = ChartView("Service measures over time", splitter)
        splitter.setSizes([280, 900])
        layout.addWidget(splitter, 1)

    def data_changed(self) -> None:
        dataset = self.dataset
        self.measures.blockSignals(True)
        self.measures.clear()
        names = list(dict.fromkeys(dataset.measures["measure"].dropna()))
        for n, name in enumerate(names):
            item = QListWidgetItem(str(name), self.measures)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if n < 3 else Qt.CheckState.Unchecked)
        self.measures.blockSignals(False)

    def chosen(self) -> list[str]:
        return [
            self.measures.item(i).text()
            for i in range(self.measures.count())
            if self.measures.item(i).checkState() == Qt.CheckState.Checked
        ]

    def refresh(self, *_args: object) -> None:
        if self.dataset.measures.empty:
            self.caption.setText(missing("measures"))
            return
        names = self.chosen()
        self.caption.setText(
            "Tick measures to chart them together; measures on very different scales read best one at a time. "
            "The Table tab has the same figures."
        )
        self.chart.show_spec(measures_chart(self.dataset.measures, names, "Service measures"))
