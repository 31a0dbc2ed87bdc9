"""Line panels of a print chart: series over time, with the period axis labelled at both ends.

One panel per axis of the chart (flows and stocks, or different units, apart: small multiples),
each with its title when there are several, its legend, its value grid from zero, the target bands
and reference lines on the chart's own axis, and each series with its markers where few enough.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPen, QPolygonF

from caseload_reporter.analysis.chart_specs import Axis, Series, period_axis
from caseload_reporter.reading.values import Period
from caseload_reporter.ui.print_chart_axes import labelled_indices, nice_ticks, tick_text, value_range
from caseload_reporter.ui.print_chart_page import INK
from caseload_reporter.ui.print_chart_panels import PanelPainter
from caseload_reporter.ui.print_chart_styles import MAX_POINTS_WITH_MARKERS

LINE_PANEL_CM = (7.0, 4.6)  # plot height: one panel, each of several


class LinePanels(PanelPainter):
    """Draws series over time in a panel."""

    # -- lines over time ------------------------------------------------------------------------
    def line_panel(self, top: float, axis: Axis, series: list[Series]) -> None:
        page = self.page
        painter = page.painter
        assert painter is not None
        if self.titled():
            page.text(
                QRectF(self.margin, top, self.width, page.line * 1.2), axis.title, Qt.AlignmentFlag.AlignLeft, bold=True
            )
            top += page.line * 1.3
        marks = axis == self.panels[0][0]  # target bands and reference lines belong to the chart's own axis
        top += self.legend(top, self.legend_entries(series, marks))
        plot_height = page.cm(LINE_PANEL_CM[0] if len(self.panels) == 1 else LINE_PANEL_CM[1])
        low, high = value_range(self.spec, series, marks)
        ticks = nice_ticks(low, high)
        labels = [tick_text(t, ticks) for t in ticks]
        left = self.margin + page.line * 1.2 + max(page.width(t) for t in labels) + page.cm(0.25)
        right = self.width - self.margin
        bottom = top + plot_height
        y_of = self.scale(ticks[0], ticks[-1], bottom, top)
        self.value_grid(ticks, labels, left, right, y_of, vertical=False)
        page.vertical_text(QPointF(self.margin + page.line * 0.6, (top + bottom) / 2), axis.label)
        periods = self.spec.periods()
        names, title = period_axis(periods)
        widths = [page.width(n) for n in names]
        inset = max(widths[0], widths[-1]) / 2 + page.cm(0.15)
        first, last = periods[0].start.toordinal(), periods[-1].start.toordinal()
        x_of = self.scale(first, last if last > first else first + 1, left + inset, right - inset)
        positions = [x_of(p.start.toordinal()) for p in periods]
        if marks:
            self.marks(left, right, y_of, vertical=False)
        self.axis_lines(left, right, top, bottom)
        painter.setPen(QPen(INK, page.px(0.75)))
        for x in positions if len(positions) <= 60 else []:
            painter.drawLine(QPointF(x, bottom), QPointF(x, bottom + page.cm(0.12)))
        for index in labelled_indices(positions, widths, page.cm(0.3)):
            rect = QRectF(
                positions[index] - widths[index] / 2 - 4, bottom + page.cm(0.15), widths[index] + 8, page.line
            )
            page.text(rect, names[index], Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        page.text(
            QRectF(left, bottom + page.cm(0.15) + page.line, right - left, page.line * 1.1),
            title,
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
        )
        at = {p: x for p, x in zip(periods, positions, strict=True)}
        for s in series:
            self.draw_series(s, at, y_of)

    def draw_series(self, series: Series, at: dict[Period, float], y_of) -> None:
        painter = self.page.painter
        assert painter is not None
        points = [
            None if v is None else QPointF(at[p], y_of(v)) for p, v in zip(series.periods, series.values, strict=True)
        ]
        self.series_pen(series)
        run: list[QPointF] = []
        for point in [*points, None]:
            if point is None:
                if len(run) > 1:
                    painter.drawPolyline(QPolygonF(run))
                run = []
            else:
                run.append(point)
        known = [p for p in points if p is not None]
        for index, point in enumerate(points):
            alone = point is not None and all(points[j] is None for j in (index - 1, index + 1) if 0 <= j < len(points))
            if point is not None and (len(known) <= MAX_POINTS_WITH_MARKERS or alone):
                self.marker(point, series)
