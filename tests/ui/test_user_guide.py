"""Help > User guide in the real window: it opens on F1 at the guide's start, its links move between
sections with the mouse and the keyboard, Back returns, and the browser button hands over the local file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QPoint, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QKeySequence, QTextCursor
from PySide6.QtWidgets import QApplication, QTextBrowser

from caseload_reporter.ui.main_window import MainWindow
from caseload_reporter.ui.user_guide import UserGuideDialog, guide_path
from guide_html import read_guide


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:
    win = MainWindow(data_dir=tmp_path / "data")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.runner.shutdown()


def open_guide(qtbot, window: MainWindow) -> UserGuideDialog:
    (help_menu,) = [a.menu() for a in window.menuBar().actions() if a.text() == "&Help"]
    (action,) = [a for a in help_menu.actions() if a.text() == "&User guide"]
    assert action is window.guide_action
    action.trigger()
    dialog = window.findChild(UserGuideDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def links(browser: QTextBrowser) -> list[tuple[str, int]]:
    """Every link in the shown guide as (href, position of its middle in the document)."""
    out = []
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().isAnchor() and fragment.charFormat().anchorHref():
                out.append((fragment.charFormat().anchorHref(), fragment.position() + fragment.length() // 2))
            it += 1
        block = block.next()
    return out


def anchors(browser: QTextBrowser) -> dict[str, int]:
    """Every anchor name in the shown guide and where it starts."""
    out: dict[str, int] = {}
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            for name in fragment.charFormat().anchorNames():
                out.setdefault(name, fragment.position())
            it += 1
        block = block.next()
    return out


def point_of(browser: QTextBrowser, position: int) -> QPoint:
    """Where ``position`` is drawn in the browser's viewport (scrolled there first)."""
    cursor = QTextCursor(browser.document())
    cursor.setPosition(position)
    browser.setTextCursor(cursor)
    browser.ensureCursorVisible()
    return browser.cursorRect(cursor).center()


def top_line_position(browser: QTextBrowser) -> int:
    return browser.cursorForPosition(QPoint(5, 5)).position()


def test_help_user_guide_opens_on_f1_at_the_guides_first_heading(qtbot, window: MainWindow) -> None:
    assert window.guide_action.shortcut() == QKeySequence("F1")
    dialog = open_guide(qtbot, window)
    browser = dialog.browser
    assert browser.source() == QUrl.fromLocalFile(str(guide_path()))
    first = browser.document().begin()
    while first.isValid() and not first.text().strip():
        first = first.next()
    assert first.text().strip() == "Caseload Reporter user guide"
    assert first.blockFormat().headingLevel() == 1
    assert browser.verticalScrollBar().value() == 0
    assert dialog.windowTitle() == "Caseload Reporter user guide"
    # Not modal: the officer can read it beside the window, and F1 again brings the same one forward.
    assert not dialog.isModal()
    window.guide_action.trigger()
    assert window.findChildren(UserGuideDialog) == [dialog]


def test_every_link_in_the_guide_leads_to_a_place_in_it(qtbot, window: MainWindow) -> None:
    browser = open_guide(qtbot, window).browser
    found = links(browser)
    targets = anchors(browser)
    assert len(found) >= 20
    for href, _ in found:
        assert href.startswith("#"), f"{href} leaves the guide (it must work offline)"
        assert href[1:] in targets, f"nothing in the guide is named {href}"


def test_clicking_the_contents_moves_to_each_section_and_back_returns(qtbot, window: MainWindow) -> None:
    dialog = open_guide(qtbot, window)
    browser = dialog.browser
    targets = anchors(browser)
    contents = [(href, pos) for href, pos in links(browser) if pos < targets["start"]]
    assert [href for href, _ in contents][:3] == ["#start", "#open", "#check"]
    for href, position in contents:
        dialog.show_contents()
        qtbot.waitUntil(lambda: browser.verticalScrollBar().value() == 0)
        qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point_of(browser, position))
        qtbot.waitUntil(lambda href=href: browser.source().fragment() == href[1:])
        scrollbar = browser.verticalScrollBar()
        if scrollbar.value() < scrollbar.maximum():  # the last sections cannot scroll to the very top
            assert abs(top_line_position(browser) - targets[href[1:]]) < 40, href
        else:
            assert top_line_position(browser) <= targets[href[1:]]
    assert dialog.back_button.isEnabled()
    qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)
    # Back to the contents, where the click left it (the click may have nudged it a few pixels to its cursor).
    qtbot.waitUntil(lambda: not browser.source().hasFragment() and browser.verticalScrollBar().value() < 20)


def test_the_keyboard_reaches_every_section_and_tab_leaves_the_text(qtbot, window: MainWindow) -> None:
    dialog = open_guide(qtbot, window)
    browser, sections = dialog.browser, dialog.sections
    headings = [(anchor, text) for level, anchor, text in read_guide().headings if level == 2]
    listed = [(sections.itemData(i), sections.itemText(i)) for i in range(sections.count())]
    assert listed == headings and len(listed) >= 10  # every section, in order, read as an HTML parser reads them
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    browser.setFocus()
    qtbot.keyClick(browser, Qt.Key.Key_Tab)  # out of the text, as out of a table: never forty presses of links
    assert QApplication.focusWidget() is not browser and QApplication.focusWidget().window() is dialog
    qtbot.keyClick(dialog, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)  # "Go to:"
    assert QApplication.focusWidget() is sections
    index = sections.findData("open")
    sections.setCurrentIndex(index)
    sections.activated.emit(index)  # what choosing it with the arrow keys and Enter sends
    qtbot.waitUntil(lambda: browser.source().fragment() == "open")
    assert browser.verticalScrollBar().value() > 0
    qtbot.keyClick(browser, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: browser.verticalScrollBar().value() == 0)


class _Catch(QObject):
    """Receives what QDesktopServices would hand to the system for one URL scheme."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def take(self, url: QUrl) -> None:
        self.urls.append(url)


def test_open_in_your_web_browser_hands_over_the_guides_own_file(qtbot, window: MainWindow) -> None:
    dialog = open_guide(qtbot, window)
    catch = _Catch()
    QDesktopServices.setUrlHandler("file", catch, "take")  # Qt's own hook: no browser starts in the test
    try:
        qtbot.mouseClick(dialog.browser_button, Qt.MouseButton.LeftButton)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert catch.urls == [QUrl.fromLocalFile(str(guide_path()))]
    assert Path(catch.urls[0].toLocalFile()).is_file()
    assert not dialog.problem.isVisible()


def menu_items(window: MainWindow) -> dict[str, list[str]]:
    """Each menu's items as the officer reads them: 'File' -> ['Open spreadsheet…', ...]."""
    out: dict[str, list[str]] = {}
    for top in window.menuBar().actions():
        menu = top.menu()
        out[top.text().replace("&", "")] = [a.text().replace("&", "") for a in menu.actions() if a.text()]
    return out


def test_every_menu_item_and_shortcut_the_guide_names_is_in_the_window(window: MainWindow) -> None:
    guide = read_guide()
    items = menu_items(window)
    assert len(guide.menus) >= 10
    for path in guide.menus:
        menu, item = path.split(" > ")
        assert item in items.get(menu, []), f"the window has no {path}"
    shortcuts = {
        key.toString(QKeySequence.SequenceFormat.PortableText)
        for top in window.menuBar().actions()
        for action in top.menu().actions()
        for key in action.shortcuts()
    }
    named = [key for keys, _ in guide.keys for key in keys.split(" or ") if re.fullmatch(r"(Ctrl\+\S+|F\d+)", key)]
    assert len(named) >= 9
    for key in named:
        assert key in shortcuts, f"no menu item has the shortcut {key}"


def test_every_page_of_the_window_has_a_section_in_the_guide(window: MainWindow) -> None:
    guide = read_guide()
    for name in window.page_names():
        slug = name.lower().replace(" ", "-")
        assert slug in guide.ids, f"the guide has no section for the {name} page (id {slug!r})"


@pytest.mark.parametrize("width", [960, 640])
def test_the_guide_fits_its_window_without_scrolling_sideways(qtbot, window: MainWindow, width: int) -> None:
    """Pictures shrink to the window and text wraps, so a narrow window (or a laptop at 150%) reads it whole."""
    dialog = open_guide(qtbot, window)
    dialog.resize(width, 600)
    qtbot.waitUntil(lambda: dialog.browser.viewport().width() < width)
    browser = dialog.browser
    browser.document().adjustSize()
    assert browser.document().size().width() <= browser.viewport().width() + 1
    assert browser.horizontalScrollBar().maximum() == 0


def test_a_guide_missing_from_the_installation_is_said_in_one_sentence(qtbot, tmp_path: Path) -> None:
    dialog = UserGuideDialog(path=tmp_path / "guide" / "index.html")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.problem.isVisible()
    assert dialog.problem.text() == (
        f"Problem: The user guide is missing from this installation ({tmp_path / 'guide' / 'index.html'}); "
        "reinstall Caseload Reporter."
    )
    assert not dialog.browser_button.isEnabled()
    assert dialog.browser.toPlainText() == ""
