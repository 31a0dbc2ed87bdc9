"""A page that is not built yet, saying so plainly rather than pretending to work."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlaceholderPage(QWidget):
    def __init__(self, title: str, promise: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        heading = QLabel(f"<h2>{title}</h2>", self)
        heading.setAccessibleName(title)
        body = QLabel(
            f"<p><b>Not built yet.</b> This page will {promise}</p>"
            "<p>It arrives in a later version of Caseload Reporter. Nothing on this page works yet, "
            "so nothing here changes your data.</p>",
            self,
        )
        body.setWordWrap(True)
        body.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addStretch(1)
        self.message = body


PLANNED_PAGES: dict[str, str] = {}  # every page is built; kept for pages still to come
