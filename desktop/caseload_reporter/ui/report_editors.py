"""The editors on the right of the Report page for the parts of the paper that are not item lists.

The header, recommendations, officer contact, the back matter (author and consultees, background
papers, appendices, source documents) and the privacy choice. The numbered sections and the key
issues are in ``ui.section_editors``; what every editor is made of is in ``ui.editor_widgets``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from caseload_reporter.reporting.draft import BACK_MATTER, SourceDocument
from caseload_reporter.ui.editor_widgets import (
    EditorHost,
    EditorPage,
    letter,
    line_editor,
    plain_editor,
    small_button,
    split_lines,
    wrapped_label,
)

NO_DATE = QDate(2000, 1, 1)  # shown as "Not set": a QDateEdit cannot be empty


class MeetingDate(QDateEdit):
    """A date that may be "Not set". Qt's date box keeps Tab for moving between day, month and year, and
    while it shows "Not set" it kept Tab for ever (a keyboard trap): here Tab leaves it then, and the first
    Up or Down arrow starts from today rather than from the placeholder's year 2000."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, unset = event.key(), self.date() <= NO_DATE
        if unset and key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            event.accept()
            QWidget.focusNextPrevChild(self, key == Qt.Key.Key_Tab)  # past the day, month and year steps
            return
        if unset and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            event.accept()
            self.setDate(QDate.currentDate())
            return
        super().keyPressEvent(event)


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

        self.date = MeetingDate()
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


# -- recommendations, contact ----------------------------------------------------------------


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
            editor = plain_editor(text, f"Recommendation {mark}", partial(self._changed, index), 2, 10)
            tag.setBuddy(editor)
            self.editors.append(editor)
            buttons = QVBoxLayout()
            last = len(recommendations) - 1
            buttons.addWidget(
                small_button("Up", f"Move recommendation {mark} up", partial(self._move, index, -1), index > 0)
            )
            buttons.addWidget(
                small_button("Down", f"Move recommendation {mark} down", partial(self._move, index, 1), index < last)
            )
            buttons.addWidget(small_button("Remove", f"Remove recommendation {mark}", partial(self._remove, index)))
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
            editor = line_editor(
                getattr(contact, name),
                f"Contact {label.replace('&', '').lower()}",
                partial(self._changed, name),
            )
            self.fields[name] = editor
            form.addRow(label, editor)
        self.body.addLayout(form)
        self.finish()

    def _changed(self, name: str, text: str) -> None:
        setattr(self.host.draft.contact, name, text)
        self.host.text_changed()


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
        self.remove_button = small_button(
            "Remove the selected row", "Remove the selected source document row", self._remove
        )
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
            if (item := self.table.item(index, 0)) is not None:
                self.table.editItem(item)


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
