"""Bar panels of a print chart: one period drawn as horizontal bars, each labelled with its value.

A chart of a single period has no time axis to draw, so each series is a bar with its name wrapped
to the left and its value (or 'no figure') at its end, over a value grid from zero.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor

from caseload_reporter.analysis.chart_specs import Axis, Series
from caseload_reporter.ui.print_chart_axes import nice_ticks, tick_text, value_range, value_text
from caseload_reporter.ui.print_chart_panels import PanelPainter
from caseload_reporter.ui.print_chart_styles import PALETTE


class BarPanels(PanelPainter):
    """Draws one period as bars in a panel."""

    # -- one period: bars -------------------------------------------------------------------------
    def wrap_name(self, name: str) -> list[str]:
        """A category name in lines no wider than a third of the chart."""
        room = (self.width - 2 * self.margin) / 3
        lines: list[str] = []
        for word in name.split():
            if lines and self.page.width(f"{lines[-1]} {word}") <= room:
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.append(word)
        return lines or [""]

    def bar_panel(self, top: float, axis: Axis, series: list[Series]) -> None:
        page = self.page
        painter = page.painter
        assert painter is not None
        if self.titled():
            page.text(
                QRectF(self.margin, top, self.width, page.line * 1.2), axis.title, Qt.AlignmentFlag.AlignLeft, bold=True
            )
            top += page.line * 1.3
        marks = axis == self.panels[0][0]
        top += self.legend(top, self.legend_entries(series, marks))
        low, high = value_range(self.spec, series, marks)
        widest_value = max(page.width(value_text(v, self.spec.decimals_for(s.name))) for s in series for v in s.values)
        ticks = nice_ticks(low, high)
        labels = [tick_text(t, ticks) for t in ticks]
        names = [self.wrap_name(s.name) for s in series]
        left = self.margin + max(page.width(line) for lines in names for line in lines) + page.cm(0.3)
        right = self.width - self.margin - widest_value - page.cm(0.3)
        bar = page.line * 0.8
        plot_top = top + page.cm(0.15)
        bottom = plot_top + sum(len(n) for n in names) * page.line + len(series) * bar + page.cm(0.15)
        x_of = self.scale(ticks[0], ticks[-1], left, right)
        self.value_grid(ticks, labels, plot_top, bottom, x_of, vertical=True)
        if marks:
            self.marks(plot_top, bottom, x_of, vertical=True)
        y = plot_top
        for s, lines in zip(series, names, strict=True):
            block = len(lines) * page.line + bar
            value = s.values[0] if s.values else None
            page.text(
                QRectF(self.margin, y, left - self.margin - page.cm(0.3), block),
                "\n".join(lines),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            )
            bar_top = y + (block - bar) / 2
            if value is not None:
                painter.fillRect(QRectF(x_of(0), bar_top, x_of(value) - x_of(0), bar), QColor(PALETTE[0]))
            end = x_of(value) if value is not None else x_of(0)
            page.text(
                QRectF(end + page.cm(0.15), y, widest_value + page.cm(0.2), block),
                value_text(value, self.spec.decimals_for(s.name)),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            )
            y += block
        self.axis_lines(left, right, plot_top, bottom)
        period = self.spec.periods()[0]
        page.text(
            QRectF(left, bottom + page.cm(0.15) + page.line, right - left, page.line * 1.1),
            f"{axis.label}, {period.phrase()}",
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
        )
