"""The printed chart's page: centimetres and points to pixels at its resolution, and every text recorded.

Text is set in points at the printed size and recorded as it is drawn (:class:`DrawnText`), so tests
read the sizes the paper will carry; while a chart is only being measured no painter is set and
nothing is drawn. Every part of a print chart draws its text through :class:`PrintPage`.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

DPI = 300
TEXT_PT = 10.0  # every text on the chart; the floor is 9 pt at the printed size
INK = QColor("#000000")
FONT_FAMILY = "Arial"  # the paper's font; Liberation Sans or another sans where Arial is missing


@dataclass(frozen=True)
class DrawnText:
    """One piece of text as printed: its size in points at the printed width, and where it sits (pixels)."""

    text: str
    points: float
    rect: QRectF


class PrintPage:
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
