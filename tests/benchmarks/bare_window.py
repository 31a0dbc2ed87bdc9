"""The yardstick for start-up: a bare PySide6 window that paints once and quits, printing "Window shown."

What any Qt application must pay (Python, PySide6's widgets, a QApplication, one painted window);
``bench_start.py`` times Caseload Reporter against it in the same run.
"""

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class QuitOnFirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print("Window shown.", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


if __name__ == "__main__":
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1360, 860)
    spy = QuitOnFirstPaint()
    window.installEventFilter(spy)
    window.show()
    sys.exit(app.exec())
