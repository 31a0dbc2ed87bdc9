"""Going through the real window and every dialog as a keyboard user and a screen reader would.

Shared by the offscreen tests (test_keyboard_and_names.py) and by desktop_run.py, which runs the same
walks under Xvfb at 100%, 125% and 150% and takes the screenshots. Everything here drives the real
widgets with real key presses; nothing is mocked.
"""

from __future__ import annotations

import dataclasses
import html
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QWidget,
)

from caseload_reporter.reporting.accessibility import Finding
from caseload_reporter.reporting.commentary import propose
from caseload_reporter.reporting.roll_forward import RolledPaper, roll_forward
from caseload_reporter.ui.about_dialog import AboutDialog
from caseload_reporter.ui.commentary_dialog import CommentaryDialog
from caseload_reporter.ui.dataset_banner import replace_question
from caseload_reporter.ui.import_review import ImportReviewDialog
from caseload_reporter.ui.main_window import MainWindow
from caseload_reporter.ui.profile_dialog import ProfileDialog
from caseload_reporter.ui.report_export import FindingsDialog
from caseload_reporter.ui.roll_forward_dialog import RollForwardDialog
from caseload_reporter.ui.style import ringed_widget
from caseload_reporter.ui.thresholds_dialog import ThresholdsDialog
from caseload_reporter.ui.user_guide import UserGuideDialog


def settle(rounds: int = 6) -> None:
    """Let Qt lay out, paint and deliver what is queued."""
    app = QApplication.instance()
    for _ in range(rounds):
        app.processEvents()
        time.sleep(0.005)


def wait_for(condition: Callable[[], bool], timeout: float = 60.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("the window did not get there in time")
        settle(1)


def open_sample_window(data_dir: Path) -> MainWindow:
    """The real window, shown, with the built-in sample council open."""
    window = MainWindow(data_dir=data_dir)
    window.show()
    window.open_sample()
    wait_for(lambda: not window.runner.is_busy() and not window.dataset.is_empty())
    settle()
    return window


# -- the dialogs ------------------------------------------------------------------------------------------


def dialogs(window: MainWindow) -> dict[str, Callable[[], QDialog]]:
    """Every dialog of the app's own, each made as the window makes it, over the sample council."""
    files = [f for f in window.dataset.files if f.ok]
    periods = window.dataset.periods()[-2:]
    findings = [
        Finding("image-alt-text", "error", "Section 2, the chart", "The chart has no alt text; describe it."),
        Finding("heading-order", "warning", "Section 3", "A heading skips a level: use Heading 2 after Heading 1."),
    ]
    skipped = ["table.benchmark: The published statistics are not open: open the DfE file to compare."]
    return {
        "Check how your files were read": lambda: ImportReviewDialog(files, window),
        "Caseload targets": lambda: ThresholdsDialog(window.thresholds, window),
        "Suggested sentences": lambda: CommentaryDialog(
            propose(window.session.block_context()), "the key issues", lambda _i: None, lambda _t: None, set(), window
        ),
        "Before you export": lambda: FindingsDialog(findings, skipped, exporting=True, parent=window),
        "Accessibility check": lambda: FindingsDialog([], [], exporting=False, parent=window),
        "About": lambda: AboutDialog(window),
        "Figures already open": lambda: replace_question(window, periods, files[0]),
        "Council profile": lambda: ProfileDialog(window.session.profile, window),
        "The new paper: what changed": lambda: RollForwardDialog(rolled_forward(window), window),
        "User guide": lambda: UserGuideDialog(window),
    }


def rolled_forward(window: MainWindow) -> RolledPaper:
    """The sample's paper carried forward from its last period but one to its last, as File > New paper
    from this one does, so the change list has real changes in it."""
    data = window.dataset
    last = pd.Timestamp(data.periods()[-1].start)
    earlier = dataclasses.replace(data, caseloads=data.caseloads[data.caseloads["period"] < last])
    return roll_forward(window.session.draft, earlier, data, window.thresholds)


def show_dialog(make: Callable[[], QDialog]) -> QDialog:
    dialog = make()
    dialog.show()
    dialog.activateWindow()
    settle(10)
    return dialog


# -- the keyboard -------------------------------------------------------------------------------------------


def describe(widget: QWidget | None) -> str:
    """'QTableView "Teams with their caseloads…"': what a tester reading a failure needs to find it."""
    if widget is None:
        return "nothing"
    # The name given to the widget, else the one Qt works out (a button's text, a field's label); on Linux
    # a combo box reads its choice as its name, and its label through a relation.
    interface = QAccessible.queryAccessibleInterface(widget)
    name = widget.accessibleName() or (interface.text(QAccessible.Text.Name) if interface is not None else "")
    return f'{type(widget).__name__} "{name[:60]}"'


def tab_stops(root: QWidget) -> list[QWidget]:
    """The widgets in ``root``'s window that Tab should reach: shown, enabled and taking Tab focus."""
    found = []
    for widget in root.window().findChildren(QWidget):
        if (
            widget.isVisible()
            and widget.isEnabled()
            and widget.window() is root.window()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.focusProxy() is None
            and not isinstance(widget.parentWidget(), QComboBox | QAbstractSpinBox)  # their own text fields
            and widget.objectName() != "qt_scrollarea_viewport"
        ):
            found.append(widget)
    return found


@dataclass
class FocusWalk:
    """Where Tab went from ``start``: each widget in turn, and whether it came back to the start."""

    start: str
    stops: list[str] = field(default_factory=list)
    cycled: bool = False
    missed: list[str] = field(default_factory=list)  # tab stops Tab never reached
    longest_stay: int = 0  # most presses in a row that left focus where it was (a trap if large)
    ring_missing: list[str] = field(default_factory=list)  # focused widgets the focus ring was not around

    def problems(self) -> list[str]:
        found = []
        if not self.cycled:
            found.append(f"Tab from {self.start} never came back to it ({len(self.stops)} presses)")
        if self.missed:
            found.append(f"Tab never reached: {', '.join(self.missed)}")
        if self.longest_stay > 3:
            found.append(f"Tab stayed on one widget for {self.longest_stay} presses")
        if self.ring_missing:
            found.append(f"no focus ring around: {', '.join(self.ring_missing)}")
        return found


def focus_ring_target() -> QWidget | None:
    """The widget the focus ring is drawn round now (None when it is hidden)."""
    from caseload_reporter.ui.style import FocusRings

    rings = QApplication.instance().findChild(FocusRings)
    if rings is None:
        return None
    ring = rings.ring()
    return ring.widget() if ring.isVisible() else None


def walk_focus(root: QWidget, start: QWidget | None = None) -> FocusWalk:
    """Press Tab from ``start`` (or ``root``'s first tab stop) until focus comes back to it."""
    expected = tab_stops(root)
    first = start or (expected[0] if expected else root)
    root.window().activateWindow()
    first.setFocus(Qt.FocusReason.TabFocusReason)
    settle()
    app = QApplication.instance()
    begin = app.focusWidget()
    walk = FocusWalk(describe(begin))
    seen: set[int] = {id(begin)}
    stay = 0
    for _press in range(len(expected) * 4 + 20):
        before = app.focusWidget()
        QTest.keyClick(before or root, Qt.Key.Key_Tab)
        settle(2)
        now = app.focusWidget()
        stay = stay + 1 if now is before else 0
        walk.longest_stay = max(walk.longest_stay, stay)
        walk.stops.append(describe(now))
        if now is not None and ringed_widget(now) is not None and focus_ring_target() is not ringed_widget(now):
            walk.ring_missing.append(describe(now))
        if now is begin:
            walk.cycled = True
            break
        if now is not None:
            seen.add(id(now))
    walk.missed = [describe(w) for w in expected if id(w) not in seen and w is not begin]
    return walk


# -- the screen reader ---------------------------------------------------------------------------------------

# Cells and items name themselves by their text, and an empty cell is empty, not unnamed.
ITEM_ROLES = {
    QAccessible.Role.Cell,
    QAccessible.Role.ListItem,
    QAccessible.Role.TreeItem,
    QAccessible.Role.Row,
    QAccessible.Role.ColumnHeader,
    QAccessible.Role.RowHeader,
    QAccessible.Role.PageTab,
}
MOST_ITEMS = 40  # the first items of a long table or list are enough to know how its items are named


def plain(text: str) -> str:
    """A label's text as it reads: tags and the '&' of a shortcut removed, entities decoded."""
    text = re.sub(r"<br\s*/?>", " ", text)
    text = html.unescape(re.sub(r"<[^>]+>", "", text)).replace("&&", "\0").replace("&", "").replace("\0", "&")
    return " ".join(text.split())


@dataclass
class TreeWalk:
    objects: int = 0
    focusable: int = 0
    unnamed: list[str] = field(default_factory=list)  # focusable objects without a name
    hidden_text: list[str] = field(default_factory=list)  # labels whose name is not what they show

    def problems(self) -> list[str]:
        return [f"focusable with no name: {u}" for u in self.unnamed] + [
            f"label whose name hides its text: {h}" for h in self.hidden_text
        ]


def walk_accessibility(root: QWidget) -> TreeWalk:
    """Every object a screen reader can reach from ``root``'s window, through Qt's QAccessibleInterface."""
    walk = TreeWalk()
    top = QAccessible.queryAccessibleInterface(root.window())
    _visit(top, walk, [])
    return walk


def _visit(interface: QAccessibleInterface | None, walk: TreeWalk, path: list[str]) -> None:
    if interface is None or not interface.isValid():
        return
    state = interface.state()
    if state.invisible:
        return
    walk.objects += 1
    role = interface.role()
    name = interface.text(QAccessible.Text.Name).strip()
    owner: QObject | None = interface.object()
    where = " > ".join([*path[-2:], f"{role.name} {type(owner).__name__}"])
    if state.focusable:
        walk.focusable += 1
        if not name and role not in ITEM_ROLES:
            walk.unnamed.append(where)
    if isinstance(owner, QLabel) and interface is not None and role == QAccessible.Role.StaticText:
        shown = plain(owner.text())
        if shown and plain(name) != shown:
            walk.hidden_text.append(f'{where}: reads "{name[:50]}", shows "{shown[:50]}"')
    items = isinstance(owner, QAbstractItemView) and role not in ITEM_ROLES
    count = min(interface.childCount(), MOST_ITEMS) if items else interface.childCount()
    label = f"{role.name} {name[:30]!r}" if name else role.name
    for index in range(count):
        _visit(interface.child(index), walk, [*path, label])


def report_entries(window: MainWindow) -> list[object]:
    """The Report page's outline entries, each of which shows its own editor."""
    outline = window.report_page.outline
    return [outline.list.item(row).data(Qt.ItemDataRole.UserRole) for row in range(outline.list.count())]
