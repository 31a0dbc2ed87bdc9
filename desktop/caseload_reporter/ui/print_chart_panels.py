"""What every panel of a print chart draws: its legend above, the value grid, the axis lines and the marks.

:class:`PanelPainter` holds the chart being drawn (its spec, page and panels) and the parts that
line panels (``print_chart_lines``) and bar panels (``print_chart_bars``) share: the legend with
its samples, grid lines and tick labels, target bands and reference lines, and the pens and markers
of each series.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPen

from caseload_reporter.analysis.chart_specs import ChartSpec, Series
from caseload_reporter.ui.print_chart_page import INK, PrintPage
from caseload_reporter.ui.print_chart_styles import (
    BAND,
    BAND_EDGE,
    DASHES,
    GRID,
    LINE_PT,
    MARKER_PT,
    MARKERS,
    PALETTE,
    REFERENCE,
    marker_path,
)


class PanelPainter:
    """One chart's drawing state, and the parts every panel shares."""

    def __init__(self, spec: ChartSpec, width_cm: float, dpi: int) -> None:
        self.spec = spec
        self.page = PrintPage(dpi)
        self.width = round(self.page.cm(width_cm))
        self.margin = self.page.cm(0.15)
        self.panels = spec.panels()
        self.bars = spec.is_bars()
        self.colours = {s.name: PALETTE[i % len(PALETTE)] for i, s in enumerate(spec.series)}
        self.styles = {s.name: i for i, s in enumerate(spec.series)}

    def titled(self) -> bool:
        return len(self.panels) > 1

    # -- legend (the key above each panel: its series, the target band, the reference lines) ----------
    def legend_entries(self, series: list[Series], marks: bool) -> list[tuple[str, object, str]]:
        entries: list[tuple[str, object, str]] = [] if self.bars else [("series", s, s.name) for s in series]
        if marks:
            entries += [("band", b, b.label) for b in self.spec.bands]
            entries += [("line", line, line.label) for line in self.spec.lines]
        return entries

    def sample_width(self) -> float:
        return self.page.cm(1.1)

    def legend_rows(self, entries: list[tuple[str, object, str]]) -> list[list[tuple[str, object, str]]]:
        rows: list[list[tuple[str, object, str]]] = [[]]
        used = 0.0
        room = self.width - 2 * self.margin
        for entry in entries:
            need = self.sample_width() + self.page.cm(0.15) + self.page.width(entry[2]) + self.page.cm(0.5)
            if rows[-1] and used + need > room:
                rows.append([])
                used = 0.0
            rows[-1].append(entry)
            used += need
        return [row for row in rows if row]

    def legend_height(self, entries: list[tuple[str, object, str]]) -> float:
        rows = len(self.legend_rows(entries))
        return rows * self.page.line * 1.25 + (self.page.cm(0.2) if rows else 0.0)

    def legend(self, top: float, entries: list[tuple[str, object, str]]) -> float:
        page = self.page
        painter = page.painter
        assert painter is not None
        y = top
        for row in self.legend_rows(entries):
            x = self.margin
            middle = y + page.line * 0.6
            for kind, item, label in row:
                sample = QRectF(x, middle - page.line * 0.3, self.sample_width(), page.line * 0.6)
                if kind == "series":
                    self.series_pen(item)  # type: ignore[arg-type]
                    painter.drawLine(QPointF(x, middle), QPointF(x + self.sample_width(), middle))
                    self.marker(QPointF(x + self.sample_width() / 2, middle), item)  # type: ignore[arg-type]
                elif kind == "band":
                    painter.fillRect(sample, BAND)
                    painter.setPen(QPen(BAND_EDGE, page.px(0.75)))
                    painter.drawRect(sample)
                else:
                    painter.setPen(self.reference_pen())
                    painter.drawLine(QPointF(x, middle), QPointF(x + self.sample_width(), middle))
                x += self.sample_width() + page.cm(0.15)
                width = page.width(label)
                page.text(QRectF(x, y, width + 4, page.line * 1.2), label, Qt.AlignmentFlag.AlignVCenter)
                x += width + page.cm(0.5)
            y += page.line * 1.25
        return self.legend_height(entries)

    def reference_pen(self) -> QPen:
        pen = QPen(REFERENCE, self.page.px(1.25))
        pen.setDashPattern([4.0, 3.0])
        return pen

    def series_pen(self, series: Series) -> None:
        pen = QPen(QColor(self.colours[series.name]), self.page.px(LINE_PT))
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        dashes = DASHES[self.styles[series.name] % len(DASHES)]
        if dashes:
            pen.setDashPattern(list(dashes))
        assert self.page.painter is not None
        self.page.painter.setPen(pen)
        self.page.painter.setBrush(Qt.BrushStyle.NoBrush)

    def marker(self, centre: QPointF, series: Series) -> None:
        painter = self.page.painter
        assert painter is not None
        colour = QColor(self.colours[series.name])
        size = self.page.px(MARKER_PT)
        shape = MARKERS[self.styles[series.name] % len(MARKERS)]
        painter.save()
        painter.setPen(QPen(colour, self.page.px(1.0)))
        painter.setBrush(colour)
        painter.drawPath(marker_path(shape, centre, size))
        painter.restore()

    # -- shared parts -------------------------------------------------------------------------------
    @staticmethod
    def scale(low: float, high: float, start: float, end: float):
        span = (high - low) or 1.0
        return lambda value: start + (value - low) / span * (end - start)

    def value_grid(self, ticks, labels, start: float, end: float, at, vertical: bool) -> None:
        """Grid lines and labels for the value axis: across the plot (lines) or up it (bars)."""
        page = self.page
        painter = page.painter
        assert painter is not None
        painter.setPen(QPen(GRID, page.px(0.5)))
        for tick, label in zip(ticks, labels, strict=True):
            position = at(tick)
            if vertical:
                painter.setPen(QPen(GRID, page.px(0.5)))
                painter.drawLine(QPointF(position, start), QPointF(position, end))
                width = page.width(label)
                rect = QRectF(position - width / 2 - 4, end + page.cm(0.15), width + 8, page.line)
                page.text(rect, label, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            else:
                painter.setPen(QPen(GRID, page.px(0.5)))
                painter.drawLine(QPointF(start, position), QPointF(end, position))
                rect = QRectF(self.margin, position - page.line / 2, start - self.margin - page.cm(0.2), page.line)
                page.text(rect, label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def axis_lines(self, left: float, right: float, top: float, bottom: float) -> None:
        painter = self.page.painter
        assert painter is not None
        painter.setPen(QPen(INK, self.page.px(0.75)))
        painter.drawLine(QPointF(left, top), QPointF(left, bottom))
        painter.drawLine(QPointF(left, bottom), QPointF(right, bottom))

    def marks(self, start: float, end: float, at, vertical: bool) -> None:
        """Target bands and reference lines across the plot (named in the legend, never over the data)."""
        page = self.page
        painter = page.painter
        assert painter is not None
        for band in self.spec.bands:
            a, b = at(band.low), at(band.high)
            if vertical:
                area = QRectF(min(a, b), start, max(abs(b - a), page.px(1.5)), end - start)
            else:
                area = QRectF(start, min(a, b), end - start, max(abs(b - a), page.px(1.5)))
            painter.fillRect(area, BAND)
            painter.setPen(QPen(BAND_EDGE, page.px(0.75)))
            painter.drawRect(area)
        painter.setPen(self.reference_pen())
        for line in self.spec.lines:
            position = at(line.value)
            if vertical:
                painter.drawLine(QPointF(position, start), QPointF(position, end))
            else:
                painter.drawLine(QPointF(start, position), QPointF(end, position))
