"""An interactive chart with the same numbers in a table beside it, for keyboard and screen-reader users."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QTableView, QTabWidget, QToolTip, QVBoxLayout, QWidget

from caseload_reporter.analysis.chart_specs import ChartSpec
from caseload_reporter.ui.chart_images import SCREEN, draw, fit_ranges, new_plot_widget, timestamp
from caseload_reporter.ui.dataframe_model import DataFrameModel, Formatter


class ChartView(QWidget):
    """Tabs: the chart, and a table of the same numbers. Hovering a point shows its exact value."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget(self)
        self.plot_widget = new_plot_widget(SCREEN)
        self.plot_widget.setAccessibleName(f"{name} (chart; the same figures are on the Table tab)")
        self.table_model = DataFrameModel(parent=self)
        self.table = QTableView(self)
        self.table.setModel(self.table_model)
        self.table.setAccessibleName(f"{name} (table)")
        # A chart without figures is never drawn with invented axes: the reason stands in its place.
        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setMargin(24)
        self.chart_stack = QStackedWidget(self)
        self.chart_stack.addWidget(self.plot_widget)
        self.chart_stack.addWidget(self.empty_label)
        self.tabs.addTab(self.chart_stack, "Chart")
        self.tabs.addTab(self.table, "Table")
        layout.addWidget(self.tabs)
        self.spec: ChartSpec | None = None
        self.plot_widget.scene().sigMouseMoved.connect(self._hover)
        self.plot_widget.getPlotItem().vb.sigResized.connect(self._refit)

    def _refit(self, *_args: object) -> None:
        """Keep the legend's room right for the chart's new height (it is worked out in pixels)."""
        if self.spec is not None:
            fit_ranges(self.plot_widget.getPlotItem(), self.spec, SCREEN)

    def show_spec(self, spec: ChartSpec) -> None:
        self.spec = spec
        if spec.is_empty():
            self.empty_label.setText(f"No chart: {spec.empty_reason or 'the data has no figures for it.'}")
            self.chart_stack.setCurrentWidget(self.empty_label)
        else:
            self.chart_stack.setCurrentWidget(self.plot_widget)
        draw(self.plot_widget.getPlotItem(), spec, SCREEN)
        decimals = spec.decimals
        formatters: dict[str, Formatter] = {s.name: (lambda v: f"{v:.{decimals}f}") for s in spec.series}
        self.table_model.set_frame(spec.as_table(), formatters=formatters)  # missing values show as blank
        self.table.resizeColumnsToContents()

    def nearest_point(self, x: float, y: float) -> tuple[str, str, float] | None:
        """(series, period label, value) of the point nearest to plot coordinates (x, y)."""
        if self.spec is None:
            return None
        view = self.plot_widget.getPlotItem().vb.viewRange()
        x_span = (view[0][1] - view[0][0]) or 1.0
        y_span = (view[1][1] - view[1][0]) or 1.0
        best = None
        for series in self.spec.series:
            for period, value in zip(series.periods, series.values, strict=True):
                if value is None:
                    continue
                distance = ((timestamp(period.start) - x) / x_span) ** 2 + ((value - y) / y_span) ** 2
                if best is None or distance < best[0]:
                    best = (distance, series.name, period.label(), value)
        if best is None or best[0] > 0.002:
            return None
        return best[1], best[2], best[3]

    def _hover(self, position: QPointF) -> None:
        plot = self.plot_widget.getPlotItem()
        if not plot.sceneBoundingRect().contains(position):
            return
        point = plot.vb.mapSceneToView(position)
        found = self.nearest_point(point.x(), point.y())
        if found is None or self.spec is None:
            QToolTip.hideText()
            return
        name, label, value = found
        global_pos = self.plot_widget.mapToGlobal(self.plot_widget.mapFromScene(position))
        QToolTip.showText(global_pos, f"{name}\n{label}: {value:.{self.spec.decimals}f}", self.plot_widget)


pg.setConfigOptions(antialias=True)
