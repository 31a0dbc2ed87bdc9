"""The editors on the right of the Report page: one for each part of the committee paper.

Every editor writes straight through to the page's draft as the officer types (the draft is the
single source of truth) and tells the page through :class:`EditorHost`. Text widgets keep Qt's
own undo; changes of structure (adding, removing or moving items) go through
``host.structural``, which snapshots the draft first so Edit > Undo can bring it back.
A data block shows what it will be from the data open now: its sentence, its title and size,
or, when the data cannot give it, why it will be left out.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from html import escape
from typing import Any, ClassVar, Protocol

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from caseload_reporter.analysis.benchmarking import MEASURES
from caseload_reporter.analysis.staffing import DEFAULT_COST_PER_POST
from caseload_reporter.reporting.block_context import BlockContext
from caseload_reporter.reporting.blocks import (
    BLOCK_KINDS,
    ChartContent,
    Content,
    SentenceContent,
    TableContent,
    Unavailable,
    build_block,
)
from caseload_reporter.reporting.draft import BACK_MATTER, Item, ReportDraft, SourceDocument
from caseload_reporter.ui.pages.staffing_page import parse_targets

log = logging.getLogger(__name__)

NO_DATE = QDate(2000, 1, 1)  # shown as "Not set": a QDateEdit cannot be empty
CATEGORY_TITLES = {"chart": "Charts", "table": "Tables", "sentence": "Sentences from the data"}
DEFAULT_PERIOD_COUNTS = {"table.district_totals": 7, "table.measures": 12}
DISTRICT_GAP_MEASURES = {"cases": "Total cases", "average": "Average caseload"}
PERIOD_CHOICE = ("table.teams", "sentence.teams_over_target", "table.staffing", "sentence.staffing",
                 "sentence.district_gap", "sentence.workers_over_ceiling", "sentence.against_england")  # fmt: skip
TWO_PERIODS = ("table.comparison", "sentence.average_change")
PERIOD_COUNT = ("chart.district_totals", "chart.district_averages", "chart.team_type_averages", "chart.measures",
                "table.district_totals", "table.measures", "sentence.average_trend")  # fmt: skip
ITEM_NAMES = {"paragraph": "Paragraph", "subheading": "Sub-heading"}


class EditorHost(Protocol):
    """What an editor needs from the page that holds it."""

    draft: ReportDraft

    def text_changed(self) -> None: ...

    def structural(self, change: Callable[[], object], key: object = None, focus: int | None = None) -> None: ...

    def block_context(self) -> BlockContext: ...

    def has_data(self) -> bool: ...

    def ask_privacy_off(self, which: str) -> bool: ...

    def privacy_changed(self) -> None: ...

    def suggest_sentences(self, target: object) -> None: ...


# -- small helpers ---------------------------------------------------------------------------


def letter(index: int) -> str:
    """0 -> 'a', 25 -> 'z', 26 -> 'aa': how recommendations are lettered."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def split_paragraphs(text: str) -> list[str]:
    """Blocks separated by a blank line, each trimmed; empty blocks dropped."""
    return [part.strip() for part in re.split(r"\n[ \t]*\n", text) if part.strip()]


def split_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


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


class GrowingTextEdit(QPlainTextEdit):
    """A text box as tall as its text (between ``lines`` and ``most`` lines), so a section reads like a page."""

    def __init__(self, lines: int, most: int) -> None:
        super().__init__()
        self._lines, self._most = lines, max(most, lines)
        self.document().documentLayout().documentSizeChanged.connect(lambda _size: self._fit())
        self._fit()

    def _fit(self) -> None:
        # QPlainTextEdit's layout measures the document in lines (wrapped lines included).
        shown = min(max(int(self.document().documentLayout().documentSize().height()), self._lines), self._most)
        margins = self.contentsMargins()
        extra = 2 * self.document().documentMargin() + margins.top() + margins.bottom() + 2
        self.setFixedHeight(round(shown * QFontMetrics(self.font()).lineSpacing() + extra))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()


def plain_editor(
    text: str, name: str, on_change: Callable[[str], None], lines: int = 4, most: int | None = None
) -> QPlainTextEdit:
    """A text box for prose; it grows with its text up to ``most`` lines (None: it takes the room given)."""
    editor = GrowingTextEdit(lines, most) if most is not None else QPlainTextEdit()
    editor.setPlainText(text)
    editor.setAccessibleName(name)
    editor.setTabChangesFocus(True)  # Tab moves on, as in a form; the text is prose, not code
    if most is None:
        editor.setMinimumHeight(lines * QFontMetrics(editor.font()).lineSpacing() + 16)
    editor.textChanged.connect(lambda: on_change(editor.toPlainText()))
    return editor


def line_editor(text: str, name: str, on_change: Callable[[str], None]) -> QLineEdit:
    editor = QLineEdit(text)
    editor.setAccessibleName(name)
    editor.textChanged.connect(on_change)
    return editor


def small_button(text: str, name: str, on_click: Callable[[], object], enabled: bool = True) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.setToolTip(name)
    button.setEnabled(enabled)
    button.clicked.connect(lambda _=False: on_click())
    return button


def wrapped_label(text: str, rich: bool = False, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    if name:
        label.setAccessibleName(name)
    return label


class EditorPage(QScrollArea):
    """A heading, a line saying what the part is for, and the fields; scrolls when the window is small."""

    def __init__(self, title: str, intro: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget(self)
        self.setWidget(inner)
        self.body = QVBoxLayout(inner)
        self.body.setContentsMargins(12, 4, 12, 12)
        self.body.setSpacing(10)
        self.heading = wrapped_label(f"<h2>{escape(title)}</h2>", rich=True)
        self.heading.setAccessibleName(title)
        self.body.addWidget(self.heading)
        if intro:
            self.intro = wrapped_label(intro)
            self.body.addWidget(self.intro)

    def finish(self) -> None:
        self.body.addStretch(1)

    def focus_item(self, index: int) -> None:
        """Put the cursor in item ``index`` (after it was added); editors with items override this."""


# -- the header ------------------------------------------------------------------------------


class HeaderEditor(EditorPage):
    def __init__(self, host: EditorHost, parent: QWidget | None = None) -> None:
        super().__init__(
            "Header",
            "The block at the top of the paper: the committee, the meeting, who the paper is from and why. "
            "Fields this template does not print are marked.",
            parent,
        )
        self.host = host
        header = host.draft.header
        printed = set(host.draft.header_fields)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)

        def label(text: str, key: str | None) -> str:
            return text if key is None or key in printed else f"{text} (not printed by this template)"

        self.title = line_editor(header.title, "Report title", self._setter("title"))
        form.addRow("Report &title", self.title)
        self.committee = line_editor(header.committee, "Committee", self._setter("committee"))
        form.addRow(label("&Committee", "committee"), self.committee)

        self.date = QDateEdit()
        self.date.setAccessibleName("Meeting date")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMMM yyyy")
        self.date.setMinimumDate(NO_DATE)
        self.date.setSpecialValueText("Not set")
        chosen = QDate.fromString(header.meeting_date, Qt.DateFormat.ISODate)
        self.date.setDate(chosen if chosen.isValid() and chosen > NO_DATE else NO_DATE)
        self.date.dateChanged.connect(self._date_changed)
        no_date = small_button("No date", "Clear the meeting date", lambda: self.date.setDate(NO_DATE))
        row = QHBoxLayout()
        row.addWidget(self.date, 1)
        row.addWidget(no_date)
        date_label = QLabel(label("Meeting &date", "meeting_date"))
        date_label.setBuddy(self.date)
        form.addRow(date_label, row)

        self.agenda_item = line_editor(header.agenda_item, "Agenda item", self._setter("agenda_item"))
        form.addRow(label("&Agenda item", "agenda_item"), self.agenda_item)
        self.from_name = line_editor(header.from_name, "From (name or title)", self._setter("from_name"))
        form.addRow(label("&From", "from"), self.from_name)
        self.from_role = line_editor(header.from_role, "From (role)", self._setter("from_role"))
        form.addRow(label("From (&role)", "from"), self.from_role)
        self.divisions = line_editor(header.divisions, "Electoral divisions", self._setter("divisions"))
        form.addRow(label("Electoral di&visions", "divisions"), self.divisions)
        self.purpose = plain_editor(header.purpose, "Purpose of the report", self._setter("purpose"), lines=3, most=8)
        form.addRow(label("&Purpose", "purpose"), self.purpose)

        self.key_decision = QCheckBox(label("This is a &key decision", "key_decision"))
        self.key_decision.setChecked(header.key_decision)
        self.key_decision.toggled.connect(self._setter("key_decision"))
        form.addRow(self.key_decision)
        # Printed whatever the template: an exempt paper starts with "Not for publication".
        self.exempt = QCheckBox("&Exempt: not for publication (the exempt part of the agenda)")
        self.exempt.setChecked(header.exempt)
        self.exempt.toggled.connect(self._exempt_toggled)
        form.addRow(self.exempt)
        self.exempt_reason = line_editor(
            header.exempt_reason, "Reason the paper is exempt", self._setter("exempt_reason")
        )
        self.exempt_reason.setPlaceholderText("For example: paragraph 1 of Schedule 12A (information about a person)")
        self.exempt_reason.setEnabled(header.exempt)
        form.addRow("Reason it is e&xempt", self.exempt_reason)
        self.body.addLayout(form)
        self.finish()

    def _setter(self, name: str) -> Callable[[Any], None]:
        def write(value: Any) -> None:
            setattr(self.host.draft.header, name, value)
            self.host.text_changed()

        return write

    def _date_changed(self, date: QDate) -> None:
        self._setter("meeting_date")("" if date <= NO_DATE else date.toString(Qt.DateFormat.ISODate))

    def _exempt_toggled(self, checked: bool) -> None:
        self.exempt_reason.setEnabled(checked)
        self._setter("exempt")(checked)


# -- key issues, recommendations, contact ----------------------------------------------------


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

    def move(self, position: int, offset: int) -> None:
        items = self.items

        def change() -> None:
            items.insert(position + offset, items.pop(position))

        self.host.structural(change, "key_issues", position + offset)

    def focus_item(self, index: int) -> None:
        if 0 <= index < len(self.rows):
            self.rows[index].focus()
            self.ensureWidgetVisible(self.rows[index])


class RecommendationsEditor(EditorPage):
    def __init__(self, host: EditorHost, parent: QWidget | None = None) -> None:
        super().__init__(
            "Recommendations",
            "What the committee is asked to do. The report letters them a), b), c) for you: write each as a "
            "whole sentence, for example “To note the caseload figures in this report.”",
            parent,
        )
        self.host = host
        self.editors: list[QPlainTextEdit] = []
        recommendations = host.draft.recommendations
        if not recommendations:
            self.body.addWidget(wrapped_label("There are no recommendations yet."))
        for index, text in enumerate(recommendations):
            mark = f"{letter(index)})"
            row = QHBoxLayout()
            tag = QLabel(mark)
            tag.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
            tag.setMinimumWidth(QFontMetrics(tag.font()).horizontalAdvance("mm)"))
            editor = plain_editor(text, f"Recommendation {mark}", lambda t, i=index: self._changed(i, t), 2, 10)
            tag.setBuddy(editor)
            self.editors.append(editor)
            buttons = QVBoxLayout()
            last = len(recommendations) - 1
            buttons.addWidget(small_button("Up", f"Move recommendation {mark} up", lambda i=index: self._move(i, -1),
                                           index > 0))  # fmt: skip
            buttons.addWidget(small_button("Down", f"Move recommendation {mark} down",
                                           lambda i=index: self._move(i, 1), index < last))  # fmt: skip
            buttons.addWidget(small_button("Remove", f"Remove recommendation {mark}", lambda i=index: self._remove(i)))
            buttons.addStretch(1)
            row.addWidget(tag)
            row.addWidget(editor, 1)
            row.addLayout(buttons)
            self.body.addLayout(row)
        self.add_button = small_button("Add a recommendation", "Add a recommendation", self._add)
        self.body.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.finish()

    def _changed(self, index: int, text: str) -> None:
        self.host.draft.recommendations[index] = text.strip()
        self.host.text_changed()

    def _add(self) -> None:
        draft = self.host.draft
        self.host.structural(lambda: draft.recommendations.append(""), "recommendations", len(draft.recommendations))

    def _remove(self, index: int) -> None:
        draft = self.host.draft
        self.host.structural(lambda: draft.recommendations.pop(index), "recommendations")

    def _move(self, index: int, offset: int) -> None:
        items = self.host.draft.recommendations

        def move() -> None:
            items.insert(index + offset, items.pop(index))

        self.host.structural(move, "recommendations", index + offset)

    def focus_item(self, index: int) -> None:
        if 0 <= index < len(self.editors):
            self.editors[index].setFocus()
            self.ensureWidgetVisible(self.editors[index])


class ContactEditor(EditorPage):
    def __init__(self, host: EditorHost, parent: QWidget | None = None) -> None:
        super().__init__("Officer contact", "Who readers should contact about the paper.", parent)
        self.host = host
        contact = host.draft.contact
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields = {}
        for name, label in (("name", "&Name"), ("post", "&Post"), ("email", "&Email"), ("telephone", "&Telephone")):
            editor = line_editor(getattr(contact, name), f"Contact {label.replace('&', '').lower()}",
                                 lambda text, n=name: self._changed(n, text))  # fmt: skip
            self.fields[name] = editor
            form.addRow(label, editor)
        self.body.addLayout(form)
        self.finish()

    def _changed(self, name: str, text: str) -> None:
        setattr(self.host.draft.contact, name, text)
        self.host.text_changed()


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

        buttons = QHBoxLayout()
        self.add_paragraph = small_button("Add a paragraph", "Add a paragraph", lambda: self._add(Item("paragraph")))
        self.add_subheading = small_button("Add a sub-heading", "Add a sub-heading",
                                           lambda: self._add(Item("subheading")))  # fmt: skip
        self.add_block = QPushButton("Add a data block")
        self.add_block.setAccessibleName("Add a data block: a chart, a table or a sentence from the data")
        self.block_menu = self._block_menu()
        self.add_block.setMenu(self.block_menu)
        self.suggest = small_button(
            "Suggest sentences…", f"Suggest sentences from the data for {section.title}", self._suggest
        )
        for button in (self.add_paragraph, self.add_subheading, self.add_block, self.suggest):
            buttons.addWidget(button)
        buttons.addStretch(1)
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

    def move(self, position: int, offset: int) -> None:
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
        top = QHBoxLayout()
        title = QLabel(f"<b>{escape(name)}</b>")
        title.setTextFormat(Qt.TextFormat.RichText)
        top.addWidget(title, 1)
        where = f"item {position + 1} ({name})"
        last = len(editor.items) - 1
        top.addWidget(small_button("Up", f"Move {where} up", lambda: editor.move(position, -1), position > 0))
        top.addWidget(small_button("Down", f"Move {where} down", lambda: editor.move(position, 1), position < last))
        top.addWidget(small_button("Remove", f"Remove {where}", lambda: editor.remove(position)))
        layout.addLayout(top)
        self.text_editor: QWidget | None = None
        self.preview: QLabel | None = None
        if item.kind == "paragraph":
            self.text_editor = plain_editor(
                item.text, f"Paragraph, item {position + 1}", self._text_changed, lines=3, most=20
            )
            layout.addWidget(self.text_editor)
        elif item.kind == "subheading":
            self.text_editor = line_editor(item.text, f"Sub-heading, item {position + 1}", self._text_changed)
            layout.addWidget(self.text_editor)
        else:
            if info:
                layout.addWidget(wrapped_label(info.description))
            options = self._options_form()
            if options.rowCount():
                layout.addLayout(options)
            self.preview = wrapped_label("", name=f"What {name} will be")
            self.preview.setObjectName("blockPreview")
            self.preview.setStyleSheet("#blockPreview { background: #f2f2f2; color: #1a1a1a; padding: 6px; }")
            self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(self.preview)
            self.refresh_preview()

    def focus(self) -> None:
        (self.text_editor or self).setFocus()

    def _text_changed(self, text: str) -> None:
        self.item.text = text
        self.host.text_changed()

    # options
    def _options_form(self) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        kind, options = self.item.kind, self.item.options
        if kind in PERIOD_CHOICE:
            form.addRow("Period", self._period_combo("period", "The latest period", "Period"))
        if kind in TWO_PERIODS:
            form.addRow(
                "First period", self._period_combo("first", "About a quarter before the second", "First period")
            )
            form.addRow("Second period", self._period_combo("second", "The latest period", "Second period"))
        if kind in PERIOD_COUNT:
            count = QSpinBox()
            count.setRange(1, 520)
            count.setSuffix(" periods")
            count.setAccessibleName("Number of recent periods shown")
            try:
                count.setValue(int(options.get("periods", DEFAULT_PERIOD_COUNTS.get(kind, 13))))
            except (TypeError, ValueError):
                count.setValue(DEFAULT_PERIOD_COUNTS.get(kind, 13))
            count.valueChanged.connect(lambda value: self._set_option("periods", value))
            form.addRow("Recent periods", count)
        if kind == "sentence.district_gap":
            measure = QComboBox()
            measure.setAccessibleName("Compare districts by")
            for key, text in DISTRICT_GAP_MEASURES.items():
                measure.addItem(text, key)
            measure.setCurrentIndex(max(measure.findData(options.get("measure", "cases")), 0))
            measure.currentIndexChanged.connect(lambda _i: self._set_option("measure", measure.currentData()))
            form.addRow("Compare by", measure)
        if kind == "table.staffing":
            targets = options.get("targets", [18, 16])
            self.targets = line_editor(", ".join(f"{float(t):g}" for t in targets), "Target averages", self._targets)
            form.addRow("Target averages", self.targets)
        if kind == "sentence.staffing":
            target = QDoubleSpinBox()
            target.setRange(1, 100)
            target.setDecimals(1)
            target.setValue(float(options.get("target", 18)))
            target.setAccessibleName("Target average caseload")
            target.valueChanged.connect(lambda value: self._set_option("target", value))
            form.addRow("Target average", target)
        if kind in ("table.staffing", "sentence.staffing"):
            cost = QDoubleSpinBox()
            cost.setRange(0, 500_000)
            cost.setDecimals(0)
            cost.setSingleStep(500)
            cost.setPrefix("£")
            cost.setValue(float(options.get("cost_per_post", DEFAULT_COST_PER_POST)))
            cost.setAccessibleName("Full-year cost of one social worker post")
            cost.valueChanged.connect(lambda value: self._set_option("cost_per_post", value))
            form.addRow("Cost per post", cost)
        if kind == "chart.benchmark":  # the council itself is chosen once, on the Benchmarks page
            measure = QComboBox()
            measure.setAccessibleName("Workforce measure charted")
            for key, label in MEASURES.items():
                measure.addItem(label, key)
            measure.setCurrentIndex(max(measure.findData(options.get("measure", "caseload_fte")), 0))
            measure.currentIndexChanged.connect(lambda _i: self._set_option("measure", measure.currentData()))
            form.addRow("Measure", measure)
        if kind == "table.benchmark":
            year = QComboBox()
            year.setAccessibleName("Year of the published statistics")
            year.addItem("The latest year", None)
            stats = self.host.block_context().dataset.benchmarks
            for value in reversed(stats.years if stats is not None else []):
                year.addItem(str(value), value)
            wanted = options.get("year")
            index = 0 if wanted in (None, "", "latest") else year.findData(wanted)
            if index < 0:
                year.addItem(f"{wanted} (not in the open statistics)", wanted)
                index = year.count() - 1
            year.setCurrentIndex(index)
            year.currentIndexChanged.connect(lambda _i: self._set_option("year", year.currentData()))
            form.addRow("Year", year)
        return form

    def _period_combo(self, key: str, default: str, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.addItem(default, None)
        periods = self.host.block_context().periods() if self.host.has_data() else []
        for period in reversed(periods):
            combo.addItem(period.label(), period.iso())
        wanted = self.item.options.get(key)
        index = 0
        if wanted not in (None, "", "latest"):
            index = combo.findData(wanted)
            if index < 0:
                combo.addItem(f"{wanted} (not in the open data)", wanted)
                index = combo.count() - 1
        combo.setCurrentIndex(index)
        combo.setMaxVisibleItems(20)
        combo.currentIndexChanged.connect(lambda _i: self._set_option(key, combo.currentData()))
        return combo

    def _targets(self, text: str) -> None:
        values = parse_targets(text)
        if values is None:
            if self.preview is not None:
                self.preview.setText("Problem: the targets must be numbers above 0, separated by commas (18, 16).")
            return
        self._set_option("targets", values)

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


# -- back matter -----------------------------------------------------------------------------


class _BackMatterEditor(EditorPage):
    """A part after the sections, with a box saying whether the report prints it."""

    def __init__(self, host: EditorHost, part: str, title: str, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(title, intro, parent)
        self.host = host
        self.part = part
        self.include = QCheckBox("&Include this part in the report")
        self.include.setChecked(self.part in host.draft.back_matter)
        self.include.toggled.connect(self._include)
        self.body.addWidget(self.include)

    def _include(self, checked: bool) -> None:
        parts = [p for p in self.host.draft.back_matter if p != self.part]
        if checked:  # in the usual place: before the first part that normally follows it
            later = [
                i
                for i, p in enumerate(parts)
                if p in BACK_MATTER and BACK_MATTER.index(p) > BACK_MATTER.index(self.part)
            ]
            parts.insert(later[0] if later else len(parts), self.part)
        self.host.draft.back_matter = parts
        self.host.text_changed()


class AuthorEditor(_BackMatterEditor):
    def __init__(self, host: EditorHost, parent: QWidget | None = None) -> None:
        super().__init__(
            host,
            "author_consultees",
            "Author and consultees",
            "Who wrote the paper and who was consulted on it.",
            parent,
        )
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.author = line_editor(host.draft.author, "Author", self._author)
        form.addRow("&Author", self.author)
        self.consultees = plain_editor(
            "\n".join(host.draft.consultees), "Consultees, one per line", self._consultees, 4, 15
        )
        form.addRow("&Consultees (one per line)", self.consultees)
        self.body.addLayout(form)
        self.finish()

    def _author(self, text: str) -> None:
        self.host.draft.author = text
        self.host.text_changed()

    def _consultees(self, text: str) -> None:
        self.host.draft.consultees = split_lines(text)
        self.host.text_changed()


class LinesEditor(_BackMatterEditor):
    """Background papers or appendices: one per line."""

    def __init__(self, host: EditorHost, part: str, title: str, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(host, part, title, intro, parent)
        self.text = plain_editor("\n".join(getattr(host.draft, part)), f"{title}, one per line", self._changed, 6, 20)
        self.body.addWidget(self.text)
        self.finish()

    def _changed(self, text: str) -> None:
        setattr(self.host.draft, self.part, split_lines(text))
        self.host.text_changed()


class SourcesEditor(_BackMatterEditor):
    def __init__(self, host: EditorHost, parent: QWidget | None = None) -> None:
        super().__init__(
            host,
            "source_documents",
            "Source documents",
            "The table of source documents and where they are held. A row is listed for each spreadsheet open "
            "and follows the data; reword either column and your wording is kept. Add rows for other sources.",
            parent,
        )
        rows = host.draft.source_documents
        self.table = QTableWidget(len(rows), 2)
        self.table.setAccessibleName("Source documents and their locations")
        self.table.setHorizontalHeaderLabels(["Source document", "Location"])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setMinimumHeight(180)
        for number, row in enumerate(rows):
            for column, text in enumerate((row.document, row.location)):
                cell = QTableWidgetItem(text)
                if row.path:
                    cell.setToolTip(f"Listed from the open file {row.path}")
                self.table.setItem(number, column, cell)
        self.table.itemChanged.connect(self._cell_changed)
        self.body.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.add_button = small_button("Add a row", "Add a source document row", self._add)
        self.remove_button = small_button("Remove the selected row", "Remove the selected source document row",
                                          self._remove)  # fmt: skip
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        self.body.addLayout(buttons)
        self.finish()

    def _cell_changed(self, cell: QTableWidgetItem) -> None:
        row = self.host.draft.source_documents[cell.row()]
        if cell.column() == 0:
            row.document = cell.text()
        else:
            row.location = cell.text()
        self.host.text_changed()

    def _add(self) -> None:
        rows = self.host.draft.source_documents
        self.host.structural(lambda: rows.append(SourceDocument("", "")), "source_documents", len(rows))

    def _remove(self) -> None:
        index = self.table.currentRow()
        rows = self.host.draft.source_documents
        if 0 <= index < len(rows):
            self.host.structural(lambda: rows.pop(index), "source_documents")

    def focus_item(self, index: int) -> None:
        if 0 <= index < self.table.rowCount():
            self.table.setFocus()
            self.table.setCurrentCell(index, 0)
            self.table.editItem(self.table.item(index, 0))


class PrivacyEditor(EditorPage):
    TEXTS: ClassVar[dict[str, str]] = {
        "hide_worker_names": "Leave out social workers' &names (each is replaced by “a worker”)",
        "suppress_small_counts": "Hide &counts under five (shown as “fewer than 5”)",
    }

    def __init__(self, host: EditorHost, parent: QWidget | None = None) -> None:
        super().__init__(
            "Privacy",
            "Committee papers are published on the council's website. Both boxes are ticked for every new report "
            "so that no social worker can be identified from it.",
            parent,
        )
        self.host = host
        self.boxes: dict[str, QCheckBox] = {}
        for name, text in self.TEXTS.items():
            box = QCheckBox(text)
            box.setChecked(getattr(host.draft.privacy, name))
            box.toggled.connect(lambda checked, n=name: self._toggled(n, checked))
            self.boxes[name] = box
            self.body.addWidget(box)
        self.warnings = wrapped_label("", name="Privacy warnings")
        self.body.addWidget(self.warnings)
        self._show_warnings()
        self.finish()

    def _toggled(self, name: str, checked: bool) -> None:
        if not checked and not self.host.ask_privacy_off(name):
            box = self.boxes[name]
            box.blockSignals(True)
            box.setChecked(True)
            box.blockSignals(False)
            return
        setattr(self.host.draft.privacy, name, checked)
        self._show_warnings()
        self.host.privacy_changed()

    def _show_warnings(self) -> None:
        warnings = self.host.draft.privacy.warnings()
        self.warnings.setText(
            "\n".join(f"Warning: {w}" for w in warnings)
            if warnings
            else "The report names no worker and shows no count under five."
        )
