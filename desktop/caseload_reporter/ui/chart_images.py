"""Draws a :class:`ChartSpec` with pyqtgraph on screen, and hands print to ``print_chart``.

The screen and the paper draw the same spec with the same palette, line styles and period labels;
the paper's image is drawn at its printed size so its text sizes are the ones set (see
``print_chart``). The Word export (Qt-free, in reporting) is handed :func:`render_png` by its caller.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication, QSizePolicy

from caseload_reporter.analysis.chart_specs import CHART_WIDTH_CM, ChartSpec, period_axis
from caseload_reporter.ui.print_chart import draw_print_chart
from caseload_reporter.ui.print_chart_styles import PALETTE

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


SCREEN = Style(background="#ffffff", foreground="#1a1a1a", font_pt=10, line_width=2.0, symbol_size=7)
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
    if plot.legend is None:
        # Below the date axis, across the plot's whole width, in the plot's own layout: it takes room from the
        # chart, never from the data, and never makes the plot wider than its window (a long name is clipped).
        plot.legend = pg.LegendItem(labelTextColor=style.foreground, labelTextSize=f"{style.font_pt + 1}pt")
        plot.legend.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        plot.legend.setMinimumWidth(0)
        plot.layout.addItem(plot.legend, 4, 0, 1, 3)
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
    """Up to ``most`` periods labelled in one form along the axis (``period_axis``), always the last
    and the first, evenly spaced back from the last."""
    names, _title = period_axis(periods)
    if not periods:
        return []
    if periods[0].kind == "year":
        most = max(most, 12)  # '2017' is short: a dozen years all fit, and an officer looks for each one
    step = max(1, -(-len(periods) // most))
    chosen = list(range(len(periods) - 1, -1, -step))[::-1]
    chosen[0] = 0  # counted back by whole steps, the first lands less than a step from the start
    return [(timestamp(periods[i].start), names[i]) for i in chosen]


def fit_ranges(plot: pg.PlotItem, spec: ChartSpec, style: Style) -> None:
    """Show every value, target band and reference line, with a little room above and below (the legend
    is below the axis, so it needs no room among the lines)."""
    values = [v for s in spec.series for v in s.values if v is not None]
    values += [b.low for b in spec.bands] + [b.high for b in spec.bands] + [line.value for line in spec.lines]
    periods = spec.periods()
    if periods:
        # Years are few and far apart: more room at the ends, so the first and last year keep their labels.
        padding = 0.07 if periods[0].kind == "year" else 0.04
        plot.setXRange(timestamp(periods[0].start), timestamp(periods[-1].start), padding=padding)
        plot.getAxis("bottom").setTicks([period_ticks(periods, most=6)])
        plot.setLabel("bottom", period_axis(periods)[1], color=style.foreground, size=f"{style.font_pt}pt")
    if not values:
        return
    low, high = min(values), max(values)
    pad = max((high - low) * 0.08, 1.0)
    bottom = max(low - pad, 0) if low >= 0 else low - pad
    plot.setYRange(bottom, high + pad, padding=0)


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


def render_png(spec: ChartSpec, path: Path, width_cm: float = CHART_WIDTH_CM) -> Path:
    """The chart as the paper prints it (``print_chart``), a PNG ``width_cm`` wide at 300 dots per inch."""
    _ensure_qt()
    chart = draw_print_chart(spec, width_cm)
    if not chart.image.save(str(path), "PNG"):  # type: ignore[call-overload]  # stubs say bytes; PySide6 takes only str
        raise OSError(f"The chart image could not be written to {path}.")
    return path
