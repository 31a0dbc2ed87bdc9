"""Help > About: the version, the promise of working offline, and the bundled libraries' licences."""

from __future__ import annotations

import html
import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from caseload_reporter import APP_NAME, __version__
from caseload_reporter.core.licences import bundled_versions


def about_html() -> str:
    rows = "".join(
        f"<tr><td>{html.escape(b.name)}</td><td>{html.escape(v)}</td><td>{html.escape(b.licence)}</td></tr>"
        for b, v in bundled_versions()
    )
    return (
        f"<h2>{APP_NAME} {__version__}</h2>"
        "<p>Turns children's social care caseload spreadsheets into accessible committee reports. "
        "It works entirely offline: it never connects to the internet, sends no telemetry and "
        "does not check for updates.</p>"
        f"<p>Python {platform.python_version()}, Qt for Python {pyside_version}, {platform.system()}.</p>"
        "<h3>Libraries included and their licences</h3>"
        "<table border='1' cellpadding='4' cellspacing='0'>"
        "<tr><th>Library</th><th>Version</th><th>Licence</th></tr>"
        f"{rows}</table>"
        "<p>Qt is licensed under the GNU Lesser General Public License v3; it is used as shared "
        "libraries that you may replace.</p>"
    )


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        self.resize(620, 520)
        layout = QVBoxLayout(self)
        self.text = QTextBrowser(self)
        self.text.setOpenExternalLinks(False)
        self.text.setHtml(about_html())
        self.text.setAccessibleName("About Caseload Reporter and the licences of its libraries")
        layout.addWidget(self.text)
        layout.addWidget(QLabel("Sample council data is fictional: every name in it is invented.", self))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
