"""Help > About: the version, the promise of working offline, the bundled libraries' licences and the
attribution for the published statistics shipped with the app.

The LGPL asks that Qt's licence reach whoever receives the app; showing each library's own licence
texts here (read from what is really installed) means the packaged build and a wheel say the same.
"""

from __future__ import annotations

import html
import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from caseload_reporter import APP_NAME, __version__
from caseload_reporter.analysis.benchmark_sources import STATISTICS_ATTRIBUTION
from caseload_reporter.core.licences import bundled_versions, is_frozen, licence_texts
from caseload_reporter.ui.style import fit_to_screen


def about_html() -> str:
    rows = "".join(
        f"<tr><td>{html.escape(b.name)}</td><td>{html.escape(v)}</td><td>{html.escape(b.licence)}</td></tr>"
        for b, v in bundled_versions()
    )
    build = "packaged build" if is_frozen() else "run from Python"
    return (
        f"<h2>{APP_NAME} {__version__}</h2>"
        "<p>Turns children's social care caseload spreadsheets into accessible committee reports. "
        "It works entirely offline: it never connects to the internet, sends no telemetry and "
        "does not check for updates.</p>"
        f"<p>Python {platform.python_version()}, Qt for Python {pyside_version}, {platform.system()}, {build}.</p>"
        "<h3>Libraries included and their licences</h3>"
        "<table border='1' cellpadding='4' cellspacing='0'>"
        "<tr><th>Library</th><th>Version</th><th>Licence</th></tr>"
        f"{rows}</table>"
        "<p>Qt is licensed under the GNU Lesser General Public License v3; it is used as shared "
        "libraries that you may replace. Choose a library below to read its licence in full.</p>"
        "<h3>Published statistics included</h3>"
        f"<p>{html.escape(STATISTICS_ATTRIBUTION)}</p>"
    )


def licence_document(index: int) -> str:
    """The full licence texts of the library at ``index`` in the About table, one after another."""
    item, _version = bundled_versions()[index]
    texts = licence_texts(item)
    if not texts:
        return f"No licence file was found for {item.name}; its licence is {item.licence}."
    return "\n\n".join(f"===== {name} =====\n\n{text.strip()}" for name, text in texts)


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        layout = QVBoxLayout(self)
        self.text = QTextBrowser(self)
        self.text.setOpenExternalLinks(False)
        self.text.setHtml(about_html())
        self.text.setAccessibleName("About Caseload Reporter and the licences of its libraries")
        layout.addWidget(self.text, 3)

        self.library = QComboBox(self)
        self.library.addItems([item.name for item, _version in bundled_versions()])
        self.library.setAccessibleName("Library whose licence to show")
        form = QFormLayout()
        form.addRow("Licence text of:", self.library)
        layout.addLayout(form)
        self.licence = QPlainTextEdit(self)
        self.licence.setReadOnly(True)
        self.licence.setAccessibleName("Full licence text")
        layout.addWidget(self.licence, 2)
        self.library.currentIndexChanged.connect(self._show_licence)
        self._show_licence(0)

        layout.addWidget(QLabel("Sample council data is fictional: every name in it is invented.", self))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_to_screen(self, QSize(720, 680))

    def _show_licence(self, index: int) -> None:
        if index >= 0:
            self.licence.setPlainText(licence_document(index))
