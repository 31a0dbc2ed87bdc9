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
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPen, QPolygonF

from caseload_reporter.analysis.chart_specs import CHART_WIDTH_CM, Axis, ChartSpec, Series, period_axis
from caseload_reporter.reading.values import Period

DPI = 300
TEXT_PT = 10.0  # every text on the chart; the floor is 9 pt at the printed size
LINE_PT = 1.75
MARKER_PT = 5.5
INK = QColor("#000000")
GRID = QColor("#c8c8c8")
BAND = QColor(0, 158, 115, 55)
BAND_EDGE = QColor("#007a5a")
REFERENCE = QColor("#333333")
# Okabe-Ito: told apart by people with the common colour-vision deficiencies (the screen uses it too).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
DASHES = (None, (5.0, 2.5), (1.2, 1.8), (6.0, 2.0, 1.2, 2.0), (3.0, 1.5, 1.2, 1.5, 1.2, 1.5))
MARKERS = ("circle", "square", "triangle", "diamond", "cross", "plus", "triangle-down", "hexagon")
MAX_POINTS_WITH_MARKERS = 30
LINE_PANEL_CM = (7.0, 4.6)  # plot height: one panel, each of several
FONT_FAMILY = "Arial"  # the paper's font; Liberation Sans or another sans where Arial is missing


@dataclass(frozen=True)
class DrawnText:
    """One piece of text as printed: its size in points at the printed width, and where it sits (pixels)."""

    text: str
    points: float
    rect: QRectF


@dataclass
class PrintChart:
    image: QImage
    texts: list[DrawnText] = field(default_factory=list)
    dpi: int = DPI


class _Page:
    """Units and text for one chart image: centimetres and points to pixels, and every text recorded."""

    def __init__(self, dpi: int) -> None:
        self.dpi = dpi
        self.texts: list[DrawnText] = []
        self.painter: QPainter | None = None  # None while measuring
        self.font = self.make_font(TEXT_PT)
        self.bold = self.make_font(TEXT_PT, bold=True)
        self.metrics = QFontMetricsF(self.font)
        self.bold_metrics = QFontMetricsF(self.bold)

    def px(self, points: float) -> float:
        return points * self.dpi / 72

    def cm(self, centimetres: float) -> float:
        return centimetres / 2.54 * self.dpi

    def make_font(self, points: float, bold: bool = False) -> QFont:
        font = QFont(FONT_FAMILY)
        font.setStyleHint(QFont.StyleHint.SansSerif)
        font.setPixelSize(round(self.px(points)))
        font.setBold(bold)
        return font

    @property
    def line(self) -> float:
        return self.metrics.height()

    def width(self, text: str, bold: bool = False) -> float:
        return (self.bold_metrics if bold else self.metrics).horizontalAdvance(text)

    def text(self, rect: QRectF, text: str, flags: Qt.AlignmentFlag, bold: bool = False) -> None:
        """Draw ``text`` in ``rect`` and record it with its size and the rectangle it fills."""
        if self.painter is None:
            return
        font = self.bold if bold else self.font
        self.painter.setFont(font)
        bounds = self.painter.boundingRect(rect, int(flags), text)
        self.painter.setPen(INK)
        self.painter.drawText(rect, int(flags), text)
        self.texts.append(DrawnText(text, font.pixelSize() * 72 / self.dpi, bounds))

    def vertical_text(self, centre: QPointF, text: str) -> None:
        """A y-axis title, read bottom to top."""
        if self.painter is None:
            return
        width = self.width(text)
        self.painter.save()
        self.painter.translate(centre)
        self.painter.rotate(-90)
        rect = QRectF(-width / 2 - 4, -self.line / 2, width + 8, self.line)
        self.painter.setFont(self.font)
        self.painter.setPen(INK)
        self.painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)
        self.painter.restore()
        bounds = QRectF(centre.x() - self.line / 2, centre.y() - width / 2, self.line, width)
        self.texts.append(DrawnText(text, self.font.pixelSize() * 72 / self.dpi, bounds))


def nice_ticks(low: float, high: float, most: int = 6) -> list[float]:
    """Round tick values from ``low`` (zero for the charts here) past ``high``, at most ``most`` of them."""
    if high <= low:
        high = low + 1
    raw = (high - low) / (most - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    count = math.ceil((high - first) / step - 1e-9)
    return [round(first + i * step, 10) for i in range(count + 1)]


def tick_text(value: float, ticks: list[float]) -> str:
    """A tick value with as few decimals as the ticks need ('2.5' beside '5.0', '1,200' beside '1,400')."""
    decimals = next((d for d in range(4) if all(abs(round(t, d) - t) < 1e-9 for t in ticks)), 4)
    return f"{value:,.{decimals}f}"


def value_text(value: float | None, decimals: int) -> str:
    return "no figure" if value is None else f"{value:,.{decimals}f}"


def value_range(spec: ChartSpec, series: list[Series], with_marks: bool) -> tuple[float, float]:
    """From zero (or the lowest value, if below zero) to a little above the highest value, band or line."""
    values = [v for s in series for v in s.values if v is not None]
    if with_marks:
        values += [b.high for b in spec.bands] + [line.value for line in spec.lines]
    high = max(values, default=1.0)
    return min(0.0, min(values, default=0.0)), high * 1.06 if high > 0 else 1.0


def labelled_indices(positions: list[float], widths: list[float], gap: float) -> list[int]:
    """Which periods carry a label: evenly spaced, always the first and the last, none overlapping."""
    count = len(positions)
    if count <= 2:
        return list(range(count))

    def fits(chosen: list[int]) -> bool:
        return all(
            positions[b] - widths[b] / 2 - (positions[a] + widths[a] / 2) >= gap for a, b in itertools.pairwise(chosen)
        )

    for step in range(1, count):
        chosen = list(range(count - 1, -1, -step))[::-1]  # counted back from the last period
        if chosen[0] != 0:
            chosen = [0, *chosen] if fits([0, chosen[0]]) else [0, *chosen[1:]]
        if fits(chosen):
            return chosen
    return [0, count - 1] if fits([0, count - 1]) else [count - 1]


class _Renderer:
    def __init__(self, spec: ChartSpec, width_cm: float, dpi: int) -> None:
        self.spec = spec
        self.page = _Page(dpi)
        self.width = round(self.page.cm(width_cm))
        self.margin = self.page.cm(0.15)
        self.panels = spec.panels()
        self.bars = spec.is_bars()
        self.colours = {s.name: PALETTE[i % len(PALETTE)] for i, s in enumerate(spec.series)}
        self.styles = {s.name: i for i, s in enumerate(spec.series)}

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

    def titled(self) -> bool:
        return len(self.panels) > 1

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


def marker_path(shape: str, centre: QPointF, size: float) -> QPainterPath:
    """A filled marker of ``shape`` about ``size`` pixels across, so each series reads in greyscale too."""
    r = size / 2
    x, y = centre.x(), centre.y()
    path = QPainterPath()
    if shape == "circle":
        path.addEllipse(centre, r, r)
    elif shape == "square":
        path.addRect(QRectF(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7))
    elif shape in ("cross", "plus"):
        arm, half = r, r * 0.3
        bar = QPainterPath()
        bar.addRect(QRectF(-arm, -half, 2 * arm, 2 * half))
        bar.addRect(QRectF(-half, -arm, 2 * half, 2 * arm))
        angle = math.radians(45 if shape == "cross" else 0)
        for polygon in bar.simplified().toFillPolygons():
            path.addPolygon(
                QPolygonF(
                    [
                        QPointF(
                            x + p.x() * math.cos(angle) - p.y() * math.sin(angle),
                            y + p.x() * math.sin(angle) + p.y() * math.cos(angle),
                        )
                        for p in (polygon.at(i) for i in range(polygon.count()))
                    ]
                )
            )
    else:
        corners = {"triangle": (3, -90), "triangle-down": (3, 90), "diamond": (4, 0), "hexagon": (6, 0)}[shape]
        sides, start = corners
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(
                        x + r * 1.1 * math.cos(math.radians(start + 360 * i / sides)),
                        y + r * 1.1 * math.sin(math.radians(start + 360 * i / sides)),
                    )
                    for i in range(sides + 1)
                ]
            )
        )
    path.setFillRule(Qt.FillRule.WindingFill)
    return path


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
