"""A chart for the printed paper, drawn with QPainter onto an image at its printed size.

pyqtgraph lays a chart out in screen pixels and its exporter scales the result, so text sizes
on paper depend on the screen's DPI and on which item drew them (legend text came out near 5 pt,
axis text near 6.5 pt). Here the image is the printed chart: CHART_WIDTH_CM wide at DPI, every
text set in points at that resolution and recorded as it is drawn (:attr:`PrintChart.texts`), so
tests read the sizes the paper will carry. The screen keeps pyqtgraph (``chart_images``).

What print needs that a screen chart may skip: every value axis labelled with its unit and
starting at zero; time ticks in one form with the first and last period labelled; series with
different units, or flows beside stocks, in separate panels (small multiples); one period drawn as
bars; the legend outside the data.

The page and its text are :mod:`caseload_reporter.ui.print_chart_page`, ticks and labelled periods
``print_chart_axes``, colours, dashes and markers ``print_chart_styles``; panels are drawn by
``print_chart_lines`` and ``print_chart_bars`` on what ``print_chart_panels`` shares.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from PySide6.QtGui import QColor, QImage, QPainter

from caseload_reporter.analysis.chart_specs import CHART_WIDTH_CM, Axis, ChartSpec, Series
from caseload_reporter.ui.print_chart_bars import BarPanels
from caseload_reporter.ui.print_chart_lines import LINE_PANEL_CM, LinePanels
from caseload_reporter.ui.print_chart_page import DPI, DrawnText


@dataclass
class PrintChart:
    image: QImage
    texts: list[DrawnText] = field(default_factory=list)
    dpi: int = DPI


class _Renderer(LinePanels, BarPanels):
    """Lays a chart out as its panels, one above the other, and draws them."""

    # -- the whole chart ----------------------------------------------------------------------
    def height(self) -> int:
        return math.ceil(sum(self.panel_height(axis, series) for axis, series in self.panels) + 2 * self.margin)

    def draw(self, painter: QPainter) -> None:
        self.page.painter = painter
        top = self.margin
        for axis, series in self.panels:
            height = self.panel_height(axis, series)
            if self.bars:
                self.bar_panel(top, axis, series)
            else:
                self.line_panel(top, axis, series)
            top += height

    def panel_height(self, axis: Axis, series: list[Series]) -> float:
        page = self.page
        title = page.line * 1.3 if self.titled() else 0.0
        legend = self.legend_height(self.legend_entries(series, axis == self.panels[0][0]))
        axis_below = page.cm(0.15) + page.line * 2.1
        gap = page.cm(0.4) if len(self.panels) > 1 else 0.0
        if self.bars:
            rows = sum(len(self.wrap_name(s.name)) for s in series)
            plot = rows * page.line + len(series) * page.line * 0.8 + page.cm(0.3)
        else:
            plot = page.cm(LINE_PANEL_CM[0] if len(self.panels) == 1 else LINE_PANEL_CM[1])
        return title + legend + plot + axis_below + gap


def draw_print_chart(spec: ChartSpec, width_cm: float = CHART_WIDTH_CM, dpi: int = DPI) -> PrintChart:
    """The chart as the paper prints it: an image ``width_cm`` wide at ``dpi``, and every text drawn on it."""
    renderer = _Renderer(spec, width_cm, dpi)
    image = QImage(renderer.width, renderer.height(), QImage.Format.Format_RGB32)
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    try:
        renderer.draw(painter)
    finally:
        painter.end()
    return PrintChart(image, renderer.page.texts, dpi)
