"""The outline of the paper on the left of the Report page: its parts in order, numbered sections among them.

The list mirrors the draft (:meth:`ReportOutline.set_draft`); choosing an entry shows its editor.
The buttons under it ask the page to add, remove, rename or move the chosen section; every one
has an accessible name and a keyboard shortcut that works while the outline has focus.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QGridLayout, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from caseload_reporter.reporting.draft import ReportDraft

# Keys of the fixed entries; a section's key is its index (an int).
FRONT = (
    ("header", "Header"),
    ("key_issues", "Key issues"),
    ("recommendations", "Recommendations"),
    ("contact", "Officer contact"),
)
BACK = (
    ("author_consultees", "Author and consultees"),
    ("background_papers", "Background papers"),
    ("appendices", "Appendices"),
    ("source_documents", "Source documents"),
    ("privacy", "Privacy"),
)
ENTRY_TITLES = dict(FRONT + BACK)
KEY_ROLE = Qt.ItemDataRole.UserRole


def section_label(index: int, title: str) -> str:
    return f"{index + 1}. {title}"


class ReportOutline(QWidget):
    entry_selected = Signal(object)  # a fixed key (str) or a section index (int)
    add_requested = Signal()
    remove_requested = Signal(int)
    rename_requested = Signal(int)
    move_requested = Signal(int, int)  # section index, -1 up or +1 down

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sections = 0
        self.list = QListWidget(self)
        self.list.setAccessibleName("Outline of the report")
        self.list.setAccessibleDescription("The parts of the paper in order; choose one to edit it.")
        self.list.setStyleSheet("QListWidget::item { padding: 4px; }")
        self.list.currentItemChanged.connect(self._current_changed)

        self.add_button = self._button(
            "Add section", "Add a section after the chosen one", "Ctrl+Shift+N", self.add_requested.emit
        )
        self.remove_button = self._button(
            "Remove section",
            "Remove the chosen section",
            "Delete",
            lambda: self._emit_for_section(self.remove_requested),
        )
        self.rename_button = self._button(
            "Rename", "Rename the chosen section", "F2", lambda: self._emit_for_section(self.rename_requested)
        )
        self.up_button = self._button("Move up", "Move the chosen section up", "Ctrl+Up", lambda: self._move(-1))
        self.down_button = self._button("Move down", "Move the chosen section down", "Ctrl+Down", lambda: self._move(1))

        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.add_button, 0, 0)
        grid.addWidget(self.remove_button, 0, 1)
        grid.addWidget(self.rename_button, 1, 0, 1, 2)
        grid.addWidget(self.up_button, 2, 0)
        grid.addWidget(self.down_button, 2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(grid)
        self._update_buttons()

    def _button(self, text: str, name: str, keys: str, slot) -> QPushButton:
        sequence = QKeySequence(keys)
        shown = sequence.toString(QKeySequence.SequenceFormat.NativeText)
        button = QPushButton(text, self)
        button.setAccessibleName(name)
        button.setAccessibleDescription(f"Shortcut: {shown}, while the outline has focus")
        button.setToolTip(f"{name} ({shown})")
        button.clicked.connect(lambda _=False: slot())
        # The shortcut works while the outline list has focus, so Delete never removes a section while typing.
        action = QAction(name, self.list)
        action.setShortcut(sequence)
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(lambda _=False: button.isEnabled() and slot())
        self.list.addAction(action)
        return button

    # -- showing the draft -----------------------------------------------------------------
    def set_draft(self, draft: ReportDraft, select: object = None) -> None:
        """List ``draft``'s parts; keep the chosen entry (or choose ``select``) without emitting for the same one."""
        wanted = self.current_key() if select is None else select
        self.list.blockSignals(True)
        self.list.clear()
        for key, title in FRONT:
            self._add(title, key)
        for index, section in enumerate(draft.sections):
            item = self._add(section_label(index, section.title), index)
            item.setToolTip(section.hint)
        for key, title in BACK:
            self._add(title, key)
        self._sections = len(draft.sections)
        if isinstance(wanted, int) and self._sections:
            wanted = min(wanted, self._sections - 1)
        elif isinstance(wanted, int):
            wanted = "header"
        self.list.setCurrentRow(self.row_of(wanted if wanted is not None else "header"))
        self.list.blockSignals(False)
        self._update_buttons()

    def _add(self, text: str, key: object) -> QListWidgetItem:
        item = QListWidgetItem(text, self.list)
        item.setData(KEY_ROLE, key)
        return item

    def row_of(self, key: object) -> int:
        for row in range(self.list.count()):
            found = self.list.item(row).data(KEY_ROLE)
            if found == key and type(found) is type(key):
                return row
        return 0

    def select(self, key: object) -> None:
        self.list.setCurrentRow(self.row_of(key))

    def current_key(self) -> object:
        item = self.list.currentItem()
        return item.data(KEY_ROLE) if item is not None else None

    def current_section(self) -> int | None:
        key = self.current_key()
        return key if isinstance(key, int) else None

    def labels(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]

    # -- buttons ---------------------------------------------------------------------------
    def _current_changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        self._update_buttons()
        if current is not None:
            self.entry_selected.emit(current.data(KEY_ROLE))

    def _update_buttons(self) -> None:
        section = self.current_section()
        chosen = section is not None
        self.remove_button.setEnabled(chosen)
        self.rename_button.setEnabled(chosen)
        self.up_button.setEnabled(section is not None and section > 0)
        self.down_button.setEnabled(section is not None and section < self._sections - 1)

    def _emit_for_section(self, signal) -> None:
        section = self.current_section()
        if section is not None:
            signal.emit(section)

    def _move(self, offset: int) -> None:
        section = self.current_section()
        if section is not None and 0 <= section + offset < self._sections:
            self.move_requested.emit(section, offset)
