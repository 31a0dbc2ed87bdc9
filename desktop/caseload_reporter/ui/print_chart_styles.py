"""How a print chart tells its series and marks apart: colours, dashes and marker shapes.

Each series differs by colour (Okabe-Ito, told apart with the common colour-vision deficiencies,
and shared with the screen charts), by dash pattern and by marker shape, so that it reads in
greyscale too; target bands and reference lines have colours of their own.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPolygonF

LINE_PT = 1.75
MARKER_PT = 5.5
GRID = QColor("#c8c8c8")
BAND = QColor(0, 158, 115, 55)
BAND_EDGE = QColor("#007a5a")
REFERENCE = QColor("#333333")
# Okabe-Ito: told apart by people with the common colour-vision deficiencies (the screen uses it too).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
DASHES = (None, (5.0, 2.5), (1.2, 1.8), (6.0, 2.0, 1.2, 2.0), (3.0, 1.5, 1.2, 1.5, 1.2, 1.5))
MARKERS = ("circle", "square", "triangle", "diamond", "cross", "plus", "triangle-down", "hexagon")
MAX_POINTS_WITH_MARKERS = 30


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
