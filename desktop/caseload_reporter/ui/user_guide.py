"""Help > User guide: the guide shipped in resources/guide, read in the app or in the default browser.

The guide is a plain HTML file with its screenshots beside it (packaging/guide_screenshots.py makes
them), so it works offline, in a wheel and in the frozen build alike: QTextBrowser shows it, follows
its links between sections and goes back with Alt+Left; "Open in your web browser" hands the same local
file to the system, which is not network code.

Tab leaves the guide's text as it leaves a table (moving from link to link would keep a keyboard user
in it for some forty presses); the "Go to" list reaches every section from the keyboard instead.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from caseload_reporter import APP_NAME
from caseload_reporter.core.paths import resources_dir

TITLE = f"{APP_NAME} user guide"


SECTION = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>', re.DOTALL)


def guide_sections(text: str) -> list[tuple[str, str]]:
    """The guide's sections as (anchor, heading), in order, from its level-2 headings."""
    return [(anchor, html.unescape(re.sub(r"<[^>]+>", "", title)).strip()) for anchor, title in SECTION.findall(text)]


def guide_path() -> Path:
    """The guide's HTML file among the shipped resources."""
    return resources_dir() / "guide" / "index.html"


class GuideText(QTextBrowser):
    """The guide's text, which Tab leaves: QTextBrowser's own Tab moves from link to link first."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


class UserGuideDialog(QDialog):
    """The guide in a browser pane, with Back, Contents, Open in your web browser and Close.

    Not modal: an officer reads it beside the window while they work (F1 brings it back to the front)."""

    def __init__(self, parent: QWidget | None = None, path: Path | None = None) -> None:
        """``path``: the guide's file (the shipped one unless a test gives another)."""
        super().__init__(parent)
        self.path = path or guide_path()
        self.setWindowTitle(TITLE)
        size = QSize(960, 700)
        screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
        if screen is not None:  # a laptop at 150% has about 1280 x 690 to spare: never larger than the screen
            size = size.boundedTo(screen.availableGeometry().size() * 0.9)
        self.resize(size)
        layout = QVBoxLayout(self)
        jump = QHBoxLayout()
        self.sections = QComboBox(self)
        self.sections.setAccessibleName("Go to a section of the guide")
        label = QLabel("&Go to:", self)
        label.setBuddy(self.sections)
        jump.addWidget(label)
        jump.addWidget(self.sections, 1)
        layout.addLayout(jump)
        self.browser = GuideText(self)
        self.browser.setAccessibleName(TITLE)
        self.browser.setOpenLinks(True)
        self.browser.setOpenExternalLinks(False)  # the guide links only within itself
        layout.addWidget(self.browser, 1)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # the path can be copied
        self.problem.setAccessibleName("Problem with the user guide")
        self.problem.hide()
        layout.addWidget(self.problem)

        buttons = QDialogButtonBox(self)
        self.back_button = QPushButton("&Back", self)
        self.back_button.setToolTip("Back to where you were in the guide (Alt+Left)")
        self.back_button.clicked.connect(self.browser.backward)
        self.back_button.setEnabled(False)
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.contents_button = QPushButton("&Contents", self)
        self.contents_button.setToolTip("The guide's list of contents")
        self.contents_button.clicked.connect(self.show_contents)
        self.browser_button = QPushButton("Open in your &web browser", self)
        self.browser_button.setToolTip("The same guide, from the file installed with the app")
        self.browser_button.clicked.connect(self.open_in_browser)
        close = QPushButton("Close", self)
        close.setToolTip("Close the guide (Esc); F1 opens it again where you left it")
        buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        for button in (self.back_button, self.contents_button, self.browser_button, close):
            if button is not close:
                buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
            button.setAutoDefault(False)  # Enter follows the link in focus and never closes the guide by surprise
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.browser.setFocus()
        self.show_contents()
        if self.path.is_file():
            for anchor, title in guide_sections(self.path.read_text(encoding="utf-8")):
                self.sections.addItem(title, anchor)
        self.sections.activated.connect(self.go_to)
        self.sections.setEnabled(self.sections.count() > 0)

    def go_to(self, index: int) -> None:
        """Show the section chosen in the Go to list (in the guide's history, so Back returns)."""
        url = QUrl.fromLocalFile(str(self.path))
        url.setFragment(str(self.sections.itemData(index)))
        self.browser.setSource(url)

    def show_contents(self) -> None:
        """The guide from its start, which holds the contents list."""
        if not self.path.is_file():
            self._say(f"The user guide is missing from this installation ({self.path}); reinstall {APP_NAME}.")
            self.browser_button.setEnabled(False)
            return
        self.browser.setSource(QUrl.fromLocalFile(str(self.path)))
        self.browser.verticalScrollBar().setValue(0)  # from a section too: the same file is not reloaded

    def open_in_browser(self) -> bool:
        """Hand the guide's file to the system's web browser; say so if none opens it."""
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path))):
            self.problem.hide()
            return True
        self._say(f"No web browser on this computer opened the guide. Its file is {self.path}.")
        return False

    def _say(self, text: str) -> None:
        self.problem.setText(f"Problem: {text}")
        self.problem.show()


def show_user_guide(window: QWidget) -> UserGuideDialog:
    """Open the guide beside ``window``, or bring the one already open to the front."""
    dialog = window.findChild(UserGuideDialog)
    if dialog is None:
        dialog = UserGuideDialog(window)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
