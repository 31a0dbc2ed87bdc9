"""The editors whose parts are items: a numbered section, and the key issues' sentences from the data.

Each item sits in an :class:`ItemRow`: a paragraph or sub-heading to write, or a data block with
its options form (generated from the block's declaration, see ``ui.block_options_form``) and a
preview of what it will be from the data open now: its sentence, its title and size, or, when the
data cannot give it, why it will be left out.
"""

from __future__ import annotations

import logging
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QMenu, QPushButton, QVBoxLayout, QWidget

from caseload_reporter.reporting.blocks import (
    BLOCK_KINDS,
    ChartContent,
    Content,
    SentenceContent,
    TableContent,
    Unavailable,
    build_block,
)
from caseload_reporter.reporting.draft import Item
from caseload_reporter.ui.block_options_form import OptionsForm
from caseload_reporter.ui.editor_widgets import (
    EditorHost,
    EditorPage,
    line_editor,
    plain_editor,
    small_button,
    split_paragraphs,
    wrapped_label,
)
from caseload_reporter.ui.style import first_focusable

log = logging.getLogger(__name__)

CATEGORY_TITLES = {"chart": "Charts", "table": "Tables", "sentence": "Sentences from the data"}
ITEM_NAMES = {
    "paragraph": "Paragraph",
    "subparagraph": "Sub-paragraph",
    "bullet": "Bullet point",
    "subheading": "Sub-heading",
}


def describe_content(content: Content, has_data: bool) -> str:
    """What a data block will be in the report, in words, for its preview."""
    if not has_data:
        return "No data is open. This block is worked out from the data when you open it; until then it is left out."
    if isinstance(content, SentenceContent):
        return f"Will read: “{content.text}”"
    if isinstance(content, ChartContent):
        lines, periods = len(content.spec.series), len(content.spec.periods())
        return (
            f"Will be a chart: {content.title}, {lines} line{'s' if lines != 1 else ''} over {periods} "
            f"period{'s' if periods != 1 else ''}, with its figures in a table at the end of the report."
        )
    if isinstance(content, TableContent):
        rows, columns = content.frame.shape
        return f"Will be a table: {content.title}, {rows} row{'s' if rows != 1 else ''} and {columns} columns."
    if isinstance(content, Unavailable):
        return f"Will be left out: {content.reason}"
    return "Will be left out."


class KeyIssuesEditor(EditorPage):
    """Sentences from the data (kept up to date at export) first, then the officer's own paragraphs."""

    def __init__(self, host: EditorHost, parent: QWidget | None = None) -> None:
        super().__init__(
            "Key issues",
            "What the committee most needs to know, in a few short paragraphs. Sentences from the data come "
            "first and are worked out again when you export; write your own paragraphs below them.",
            parent,
        )
        self.host = host
        self.items = host.draft.key_issue_sentences
        self.rows: list[ItemRow] = []
        for position, item in enumerate(self.items):
            row = ItemRow(self, position, item)
            self.rows.append(row)
            self.body.addWidget(row)
        self.suggest = small_button(
            "Suggest sentences from the data…", "Suggest key issue sentences from the data", self._suggest
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.suggest)
        buttons.addStretch(1)
        self.body.addLayout(buttons)
        label = QLabel("Your paragraphs (leave a blank line between them):")
        self.body.addWidget(label)
        self.text = plain_editor("\n\n".join(host.draft.key_issues), "Key issues", self._changed, lines=12)
        label.setBuddy(self.text)
        self.body.addWidget(self.text, 1)

    def _suggest(self) -> None:
        self.host.suggest_sentences("key_issues")

    def _changed(self, text: str) -> None:
        self.host.draft.key_issues = split_paragraphs(text)
        self.host.text_changed()

    def remove(self, position: int) -> None:
        items = self.items
        self.host.structural(lambda: items.pop(position), "key_issues")

    def move_item(self, position: int, offset: int) -> None:
        items = self.items

        def change() -> None:
            items.insert(position + offset, items.pop(position))

        self.host.structural(change, "key_issues", position + offset)

    def focus_item(self, index: int) -> None:
        if 0 <= index < len(self.rows):
            self.rows[index].focus()
            self.ensureWidgetVisible(self.rows[index])


# -- a numbered section ------------------------------------------------------------------------


class SectionEditor(EditorPage):
    """A section's hint, then its items: paragraphs, sub-headings and data blocks, in order."""

    def __init__(self, host: EditorHost, index: int, parent: QWidget | None = None) -> None:
        section = host.draft.sections[index]
        super().__init__(f"{index + 1}. {section.title}", "", parent)
        self.host = host
        self.index = index
        self.section = section
        if section.hint:
            self.hint = wrapped_label(f"What goes here: {section.hint}", name="What goes in this section")
            self.body.addWidget(self.hint)
        if section.required:
            self.body.addWidget(
                wrapped_label("The template expects this section: the export check reports it if it is left empty.")
            )
        self.rows: list[ItemRow] = []
        if not section.items:
            self.body.addWidget(wrapped_label("This section is empty. Add a paragraph, a sub-heading or a data block."))
        for position, item in enumerate(section.items):
            row = ItemRow(self, position, item)
            self.rows.append(row)
            self.body.addWidget(row)

        # Three to a row: six side by side would make the editor wider than a laptop's window at 150%.
        buttons = QGridLayout()
        self.add_paragraph = small_button("Add a paragraph", "Add a paragraph", lambda: self._add(Item("paragraph")))
        self.add_subparagraph = small_button(
            "Add a sub-paragraph",
            "Add a sub-paragraph, numbered under the paragraph above it",
            lambda: self._add(Item("subparagraph")),
        )
        self.add_bullet = small_button("Add a bullet point", "Add a bullet point", lambda: self._add(Item("bullet")))
        self.add_subheading = small_button(
            "Add a sub-heading", "Add a sub-heading", lambda: self._add(Item("subheading"))
        )
        self.add_block = QPushButton("Add a data block")
        self.add_block.setAccessibleName("Add a data block: a chart, a table or a sentence from the data")
        self.block_menu = self._block_menu()
        self.add_block.setMenu(self.block_menu)
        self.suggest = small_button(
            "Suggest sentences…", f"Suggest sentences from the data for {section.title}", self._suggest
        )
        for index, button in enumerate(
            (
                self.add_paragraph,
                self.add_subparagraph,
                self.add_bullet,
                self.add_subheading,
                self.add_block,
                self.suggest,
            )
        ):
            buttons.addWidget(button, index // 3, index % 3)
        buttons.setColumnStretch(3, 1)
        self.body.addLayout(buttons)
        self.finish()

    def _block_menu(self) -> QMenu:
        menu = QMenu(self)
        for category, title in CATEGORY_TITLES.items():
            menu.addSection(title)
            for kind, info in BLOCK_KINDS.items():
                if info.category == category:
                    action = menu.addAction(info.label)
                    action.setToolTip(info.description)
                    action.setData(kind)
                    action.triggered.connect(lambda _=False, k=kind: self._add(Item(k)))
        menu.setToolTipsVisible(True)
        return menu

    @property
    def items(self) -> list[Item]:
        return self.section.items

    def _suggest(self) -> None:
        self.host.suggest_sentences(self.index)

    # structure
    def _add(self, item: Item) -> None:
        items = self.section.items
        self.host.structural(lambda: items.append(item), self.index, len(items))

    def remove(self, position: int) -> None:
        items = self.section.items
        self.host.structural(lambda: items.pop(position), self.index, min(position, len(items) - 2))

    def move_item(self, position: int, offset: int) -> None:
        items = self.section.items

        def change() -> None:
            items.insert(position + offset, items.pop(position))

        self.host.structural(change, self.index, position + offset)

    def focus_item(self, index: int) -> None:
        if 0 <= index < len(self.rows):
            self.rows[index].focus()
            self.ensureWidgetVisible(self.rows[index])


class ItemRow(QFrame):
    """One item of a section, in a box: what it is, its text or options, and buttons to move or remove it."""

    def __init__(self, editor: SectionEditor | KeyIssuesEditor, position: int, item: Item) -> None:
        super().__init__()
        self.editor = editor
        self.host = editor.host
        self.item = item
        self.setObjectName("reportItem")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#reportItem { border: 1px solid #8c8c8c; border-radius: 4px; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        info = BLOCK_KINDS.get(item.kind)
        name = ITEM_NAMES.get(item.kind) or (info.label if info else f"Unknown block {item.kind}")
        self.name = name
        self.setAccessibleName(f"Item {position + 1}: {name}")
        top = QHBoxLayout()
        title = QLabel(f"<b>{escape(name)}</b>")
        title.setTextFormat(Qt.TextFormat.RichText)
        top.addWidget(title, 1)
        where = f"item {position + 1} ({name})"
        last = len(editor.items) - 1
        top.addWidget(small_button("Up", f"Move {where} up", lambda: editor.move_item(position, -1), position > 0))
        top.addWidget(
            small_button("Down", f"Move {where} down", lambda: editor.move_item(position, 1), position < last)
        )
        top.addWidget(small_button("Remove", f"Remove {where}", lambda: editor.remove(position)))
        layout.addLayout(top)
        self.text_editor: QWidget | None = None
        self.preview: QLabel | None = None
        self.options_form: OptionsForm | None = None  # a data block's options, generated from its declaration
        if item.kind in ("paragraph", "subparagraph", "bullet"):
            self.text_editor = plain_editor(
                item.text, f"{name}, item {position + 1}", self._text_changed, lines=3, most=20
            )
            layout.addWidget(self.text_editor)
        elif item.kind == "subheading":
            self.text_editor = line_editor(item.text, f"Sub-heading, item {position + 1}", self._text_changed)
            layout.addWidget(self.text_editor)
        else:
            if info:
                layout.addWidget(wrapped_label(info.description))
                self.options_form = OptionsForm(item, info, self.host, self._set_option, self._show_problem)
                if self.options_form.fields:
                    layout.addLayout(self.options_form.layout)
            self.preview = wrapped_label("", name=f"What {name} will be")
            self.preview.setObjectName("blockPreview")
            self.preview.setStyleSheet("#blockPreview { background: #f2f2f2; color: #1a1a1a; padding: 6px; }")
            self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(self.preview)
            self.refresh_preview()

    def focus(self) -> None:
        """The cursor in the item's text, or in its first option (a block's box itself cannot take focus)."""
        target = self.text_editor or first_focusable(self)
        if target is not None:
            target.setFocus()

    def _text_changed(self, text: str) -> None:
        self.item.text = text
        self.host.text_changed()

    # options
    def _show_problem(self, problem: str) -> None:
        """A value typed into the form cannot be used (it is not saved): the preview says why."""
        if self.preview is not None:
            self.preview.setText(f"Problem: {problem}")

    def _set_option(self, key: str, value: object) -> None:
        if value is None:
            self.item.options.pop(key, None)
        else:
            self.item.options[key] = value
        self.host.text_changed()
        self.refresh_preview()

    def refresh_preview(self) -> None:
        if self.preview is None:
            return
        try:
            content = build_block(self.item, self.host.block_context())
        except Exception:  # a preview must never take the page down; the export reports properly
            log.exception("Preview of %s failed", self.item.kind)
            content = Unavailable("its figures could not be worked out from this data.")
        self.preview.setText(describe_content(content, self.host.has_data()))
