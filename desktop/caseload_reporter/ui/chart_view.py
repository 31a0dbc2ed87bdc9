"""An interactive chart with the same numbers in a table beside it, for keyboard and screen-reader users.

The chart carries the same description as the report's alt text (a screen reader reads it when the chart
has focus); its date labels are as many as its width holds, and its legend sits below it, off the lines.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QStackedWidget, QTableView, QTabWidget, QToolTip, QVBoxLayout, QWidget

from caseload_reporter.analysis.chart_specs import ChartSpec
from caseload_reporter.core.words import number
from caseload_reporter.reporting.chart_blocks import describe_chart
from caseload_reporter.ui.chart_images import SCREEN, draw, fit_ranges, new_plot_widget, period_ticks, timestamp
from caseload_reporter.ui.dataframe_model import DataFrameModel, places
from caseload_reporter.ui.tables import fitted_table

TICK_GAP = 24  # logical pixels between two date labels, so 'Nov 2025' and 'Mar 2026' never run together


def label_count(periods: int, span: float, room: float) -> int:
    """How many of ``periods`` evenly spread over ``span`` pixels can be labelled ``room`` pixels apart
    (each label's width and the gap): labels go every ``step`` periods, and ``step`` periods must be
    at least ``room`` wide. At least two, the first and the last."""
    if periods < 2:
        return max(periods, 1)
    step = max(1, math.ceil(room * (periods - 1) / max(span, 1.0)))
    return max(2, periods // step)


class ChartView(QWidget):
    """Tabs: the chart, and a table of the same numbers. Hovering a point shows its exact value."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(f"{name}: chart or table")
        self.plot_widget = new_plot_widget(SCREEN)
        chart_name = f"{name} (chart; the same figures are on the Table tab)"
        self.plot_widget.setAccessibleName(chart_name)
        self.plot_widget.viewport().setAccessibleName(chart_name)
        self.table_model = DataFrameModel(parent=self)
        self.table = QTableView(self)
        self.table.setModel(self.table_model)
        fitted_table(self.table, f"{name} (table)")
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
        self.plot_widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.plot_widget and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self, self._refit)  # once the plot inside has its new size
        return False

    def _refit(self, *_args: object) -> None:
        """Fit the ranges, the date labels and the legend to the chart's new size (all worked out in pixels)."""
        if self.spec is None:
            return
        plot = self.plot_widget.getPlotItem()
        fit_ranges(plot, self.spec, SCREEN)
        periods = self.spec.periods()
        width = plot.vb.width()
        if periods and width > 0:
            font = QFont()
            font.setPointSize(SCREEN.font_pt)
            metrics = QFontMetrics(font)
            widest = max(metrics.horizontalAdvance(label) for _x, label in period_ticks(periods, most=len(periods)))
            # Room at each end for half a label, so the first and last dates show rather than being dropped
            # (pyqtgraph leaves out a label that would reach past the axis). A padding p adds p of the span
            # at each end, so the end ticks sit p / (1 + 2p) of the width in from the edges and the periods
            # themselves span width / (1 + 2p): the labels are spaced over that, not the whole width.
            half = widest / 2 + 4
            padding = min(0.25, max(0.04, half / max(width - 2 * half, 1.0)))
            span = width / (1 + 2 * padding)
            most = min(12, label_count(len(periods), span, widest + TICK_GAP))
            ticks = period_ticks(periods, most=most)
            if len(ticks) > most:  # years are all labelled when they fit; here they do not (the latest kept)
                step = math.ceil(len(ticks) / most)
                ticks = ticks[::-1][::step][::-1]
            plot.getAxis("bottom").setTicks([ticks])
            first, last = timestamp(periods[0].start), timestamp(periods[-1].start)
            if last > first:
                plot.setXRange(first, last, padding=padding)
        legend = plot.legend
        if legend is not None and legend.items:
            # As many legend entries side by side as the width holds, the rest on further rows.
            entry = max(
                sample.boundingRect().width() + label.item.boundingRect().width() for sample, label in legend.items
            )
            legend.setColumnCount(max(1, min(len(legend.items), int(plot.width() // (entry + 20)))))

    def show_spec(self, spec: ChartSpec) -> None:
        self.spec = spec
        description = describe_chart(spec)
        if spec.is_empty():
            reason = f"No chart: {spec.empty_reason or 'the data has no figures for it.'}"
            self.empty_label.setText(reason)
            self.chart_stack.setCurrentWidget(self.empty_label)
            description = reason
        else:
            self.chart_stack.setCurrentWidget(self.plot_widget)
        # What the report's alt text says of this chart, read out when the chart has focus.
        self.plot_widget.setAccessibleDescription(description)
        self.plot_widget.viewport().setAccessibleDescription(description)
        draw(self.plot_widget.getPlotItem(), spec, SCREEN)
        self._refit()
        formatters = {s.name: places(spec.decimals_for(s.name)) for s in spec.series}
        self.table_model.set_frame(spec.as_table(), formatters=formatters)  # missing values show as blank

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
        QToolTip.showText(
            global_pos, f"{name}\n{label}: {number(value, self.spec.decimals_for(name))}", self.plot_widget
        )


pg.setConfigOptions(antialias=True)
