"""Draws the application icon (a report page with caseload bars and a target line) with Qt.

Run ``python tests/generators/app_icon.py`` to rewrite resources/icons/caseload-reporter.png.
Drawn rather than hand-made so that it can be regenerated at any size for the installers.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
DEFAULT_OUT = ROOT / "resources" / "icons" / "caseload-reporter.png"

# Okabe-Ito colours: distinguishable with colour-blindness; the page is dark blue on white.
NAVY, BLUE, ORANGE, WHITE = "#1f3b5c", "#0072b2", "#d55e00", "#ffffff"


def draw_icon(size: int = 256):  # -> QImage; Qt imported lazily so the module imports headless
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QImage, QPainter, QPen

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    unit = size / 16
    painter.setBrush(QColor(NAVY))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(QRectF(0.5 * unit, 0.5 * unit, 15 * unit, 15 * unit), 3 * unit, 3 * unit)
    painter.setBrush(QColor(WHITE))
    painter.drawRoundedRect(QRectF(3 * unit, 2.5 * unit, 10 * unit, 11 * unit), 0.8 * unit, 0.8 * unit)
    painter.setBrush(QColor(BLUE))
    for i, height in enumerate((4.0, 6.5, 5.0, 7.5)):
        painter.drawRect(QRectF((4.2 + i * 2.2) * unit, (12.2 - height) * unit, 1.5 * unit, height * unit))
    pen = QPen(QColor(ORANGE), 0.6 * unit)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.drawLine(int(3.8 * unit), int(6.6 * unit), int(12.2 * unit), int(6.6 * unit))
    painter.end()
    return image


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--size", type=int, default=256)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - QImage text needs it
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if not draw_icon(args.size).save(str(args.out), "PNG"):
        print(f"could not write {args.out}", file=sys.stderr)
        return 1
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
