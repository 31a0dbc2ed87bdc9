"""Draws a :class:`ChartSpec` with pyqtgraph, on screen or as a print-style PNG for the report.

One drawing function serves both, so the report's charts are the app's charts; the Word export
(Qt-free, in reporting) is handed :func:`render_png` by its caller. Print style:
white background, dark text, large fonts, a colour-blind-safe palette, and a distinct line style
and marker per series so the chart still reads in greyscale.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QApplication, QSizePolicy

from caseload_reporter.analysis.chart_specs import ChartSpec

# Okabe-Ito: told apart by people with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
LINE_STYLES = (
    Qt.PenStyle.SolidLine,
    Qt.PenStyle.DashLine,
    Qt.PenStyle.DotLine,
    Qt.PenStyle.DashDotLine,
    Qt.PenStyle.DashDotDotLine,
)
SYMBOLS = ("o", "s", "t", "d", "x", "+", "star", "p")
BAND_FILL = QColor(0, 158, 115, 40)
REFERENCE_PEN = "#333333"


@dataclass(frozen=True)
class Style:
    background: str
    foreground: str
    font_pt: int
    line_width: float
    symbol_size: int
    legend_below: bool = False  # under the axis, clear of the lines, rather than inside the plot over them


SCREEN = Style(background="#ffffff", foreground="#1a1a1a", font_pt=10, line_width=2.0, symbol_size=7, legend_below=True)
# Laid out at PRINT_LOGICAL_WIDTH and scaled up on export, so these sizes grow by the same factor.
PRINT = Style(background="#ffffff", foreground="#000000", font_pt=11, line_width=2.5, symbol_size=8)
PRINT_LOGICAL_WIDTH = 1000
MAX_POINTS_WITH_MARKERS = 30  # beyond this, markers crowd out the line; line styles still tell series apart


def timestamp(day: dt.date) -> float:
    """Seconds since 1970 at UTC midnight, which is what DateAxisItem places."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp()


def series_style(index: int) -> tuple[str, Qt.PenStyle, str]:
    return PALETTE[index % len(PALETTE)], LINE_STYLES[index % len(LINE_STYLES)], SYMBOLS[index % len(SYMBOLS)]


def draw(plot: pg.PlotItem, spec: ChartSpec, style: Style = SCREEN) -> list[pg.PlotDataItem]:
    """Draw ``spec`` into ``plot``: series, target bands, labelled reference lines and a legend."""
    plot.clear()
    font = QFont()
    font.setPointSize(style.font_pt)
    plot.setTitle(spec.title, color=style.foreground, size=f"{round(style.font_pt * 1.3)}pt")
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(style.foreground))
        axis.setTextPen(pg.mkPen(style.foreground))
        axis.setStyle(tickFont=font)
    plot.setLabel("left", spec.y_label, color=style.foreground, size=f"{style.font_pt}pt")
    plot.showGrid(x=False, y=True, alpha=0.25)
    if plot.legend is None and style.legend_below:
        # Below the date axis, in the plot's own layout: it takes room from the chart, never from the data.
        # Across the plot's whole width; never wider than it (a long name is clipped at the edge rather than
        # pushing the plot out of its window).
        plot.legend = pg.LegendItem(labelTextColor=style.foreground, labelTextSize=f"{style.font_pt + 1}pt")
        plot.legend.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        plot.legend.setMinimumWidth(0)
        plot.layout.addItem(plot.legend, 4, 0, 1, 3)
    elif plot.legend is None:
        plot.addLegend(offset=(10, 10), labelTextColor=style.foreground, labelTextSize=f"{style.font_pt + 2}pt")
    for band in spec.bands:
        low, high = band.low, band.high if band.high > band.low else band.low + 0.05
        region = pg.LinearRegionItem(values=(low, high), orientation="horizontal", movable=False, brush=BAND_FILL)
        region.setZValue(-10)
        plot.addItem(region)
        label = pg.TextItem(band.label, color=style.foreground, anchor=(0, 1))
        label.setFont(font)
        plot.addItem(label)
        first = spec.periods()[0].start if spec.periods() else dt.date.today()
        label.setPos(timestamp(first), high)
    for line in spec.lines:
        ref = pg.InfiniteLine(
            pos=line.value,
            angle=0,
            movable=False,
            pen=pg.mkPen(REFERENCE_PEN, width=style.line_width / 2, style=Qt.PenStyle.DashLine),
            label=line.label,
            labelOpts={"position": 0.98, "anchors": [(1, 1), (1, 1)], "color": style.foreground},
        )
        ref.label.setFont(font)
        plot.addItem(ref)
    items = []
    for index, series in enumerate(spec.series):
        colour, pen_style, symbol = series_style(index)
        xs = [timestamp(p.start) for p in series.periods]
        ys = [float("nan") if v is None else v for v in series.values]
        if all(v is None for v in series.values):
            continue  # nothing to draw (pyqtgraph cannot bound an all-empty line)
        marked = len(xs) <= MAX_POINTS_WITH_MARKERS
        item = plot.plot(
            xs,
            ys,
            name=series.name,
            connect="finite",
            pen=pg.mkPen(colour, width=style.line_width, style=pen_style),
            symbol=symbol if marked else None,
            symbolSize=style.symbol_size,
            symbolBrush=colour,
            symbolPen=pg.mkPen(colour),
        )
        items.append(item)
    fit_ranges(plot, spec, style)
    return items


def period_ticks(periods: list, most: int = 8) -> list[tuple[float, str]]:
    """Up to ``most`` evenly spaced periods labelled as officers write them ('Mar 2022', 'Q3 2021/22').

    Weeks over half a year or more are labelled by month, once per month ('Aug 2026'); over a
    shorter span by day ('3 Aug', '17 Aug 2026', '31 Aug'), the year on the second label because the
    first, at the very edge, may be hidden when it does not fit. No two labels read the same.
    """
    if periods and periods[0].kind in ("week", "day"):
        if (periods[-1].start - periods[0].start).days > 200:
            firsts = [p for i, p in enumerate(periods) if i == 0 or p.start.month != periods[i - 1].start.month]
            step = max(1, -(-len(firsts) // most))
            return [(timestamp(p.start), p.start.strftime("%b %Y")) for p in firsts[::step]]
        step = max(1, -(-len(periods) // most))
        shown = periods[::step]
        return [
            (timestamp(p.start), f"{p.start.day} {p.start.strftime('%b')}" + (f" {p.start.year}" if i == 1 else ""))
            for i, p in enumerate(shown)
        ]
    if periods and periods[0].kind == "year":
        most = max(most, 12)  # '2017' is short: a dozen years all fit, and an officer looks for each one
    step = max(1, -(-len(periods) // most))
    return [(timestamp(p.start), p.label()) for p in periods[::step]]


def fit_ranges(plot: pg.PlotItem, spec: ChartSpec, style: Style) -> None:
    """Show every value, target band and reference line, with a little room above and below.

    Called again when an on-screen plot is resized, since the legend's room depends on its height.
    """
    values = [v for s in spec.series for v in s.values if v is not None]
    values += [b.low for b in spec.bands] + [b.high for b in spec.bands] + [line.value for line in spec.lines]
    periods = spec.periods()
    if periods:
        # Years are few and far apart: more room at the ends, so the first and last year keep their labels.
        padding = 0.07 if periods[0].kind == "year" else 0.04
        plot.setXRange(timestamp(periods[0].start), timestamp(periods[-1].start), padding=padding)
        plot.getAxis("bottom").setTicks([period_ticks(periods, most=6 if style is SCREEN else 8)])
    if not values:
        return
    low, high = min(values), max(values)
    pad = max((high - low) * 0.08, 1.0)
    bottom = max(low - pad, 0) if low >= 0 else low - pad
    plot.setYRange(bottom, high + pad + _legend_room(plot, spec, style, high + pad - bottom), padding=0)


def _legend_room(plot: pg.PlotItem, spec: ChartSpec, style: Style, span: float) -> float:
    """Room above the highest line for the legend, one row per series, so it never covers the data.

    Worked out from the plot's height in pixels once it is laid out (a legend row is about 2.25 times
    its point size), so a short chart on a crowded page keeps its legend clear of the lines too.
    """
    if style.legend_below:
        return 0.0
    rows = len(spec.series)
    height = plot.vb.height()
    if height < 120:  # not laid out yet: a share of the range per row, as for a chart of usual size
        return span * 0.075 * rows
    share = min((rows * (style.font_pt + 2) * 2.25 + 16) / height, 0.6)
    return span * share / (1 - share)


def new_plot_widget(style: Style = SCREEN) -> pg.PlotWidget:
    widget = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
    widget.setBackground(style.background)
    return widget


def _ensure_qt() -> None:
    """Charts for a report may be drawn from the command line: start Qt offscreen if nothing is running."""
    if QApplication.instance() is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and os.name != "nt":
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        QApplication([])


def render_png(spec: ChartSpec, path: Path, width: int = 1800, height: int = 1000) -> Path:
    """The chart in print style as a PNG at least ``width`` pixels wide, for the Word report."""
    _ensure_qt()
    widget = new_plot_widget(PRINT)
    # Lay the chart out at a fixed logical size (never shown on screen), then scale it on export.
    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    widget.resize(PRINT_LOGICAL_WIDTH, round(PRINT_LOGICAL_WIDTH * height / width))
    widget.show()
    draw(widget.getPlotItem(), spec, PRINT)
    QApplication.processEvents()
    # QGraphicsView.render scales the laid-out view onto the whole image: every part grows alike and
    # text stays sharp (pyqtgraph's ImageExporter enlarges axis text on export but not the legend's).
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(PRINT.background))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    widget.render(painter)
    painter.end()
    if not image.save(str(path), "PNG"):
        raise OSError(f"The chart image could not be written to {path}.")
    widget.hide()
    widget.deleteLater()
    return path
