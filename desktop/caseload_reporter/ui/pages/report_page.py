"""The Report page: write the committee paper, check it and export it to Word.

The page holds the :class:`ReportDraft` (the single source of truth): the outline on the left
chooses a part, the editor on the right writes straight into the draft. Structural changes go
through :meth:`ReportPage.structural`, which snapshots the draft in a :class:`DraftHistory` first
so Edit > Undo can bring back a removed section. Export runs through :mod:`ui.report_export`;
project files and the autosave offer go through ``ui.report_projects``; the template choice is
``ui.report_template_bar``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollBar,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from caseload_reporter.analysis.thresholds import Thresholds
from caseload_reporter.reading.dataset import Dataset
from caseload_reporter.reporting.block_context import BlockContext
from caseload_reporter.reporting.commentary import propose
from caseload_reporter.reporting.draft import Item, ReportDraft, Section
from caseload_reporter.reporting.report_templates import (
    ReportTemplate,
    TemplateError,
    list_templates,
)
from caseload_reporter.session.session import Change, Session
from caseload_reporter.ui.commentary_dialog import CommentaryDialog
from caseload_reporter.ui.editor_widgets import EditorPage, text_undo
from caseload_reporter.ui.message_strip import MessageStrip
from caseload_reporter.ui.questions import choose
from caseload_reporter.ui.report_editors import (
    AuthorEditor,
    ContactEditor,
    HeaderEditor,
    LinesEditor,
    PrivacyEditor,
    RecommendationsEditor,
    SourcesEditor,
)
from caseload_reporter.ui.report_export import ReportExport
from caseload_reporter.ui.report_outline import ReportOutline
from caseload_reporter.ui.report_template_bar import TemplateBar
from caseload_reporter.ui.section_editors import KeyIssuesEditor, SectionEditor
from caseload_reporter.ui.task_runner import TaskRunner

PRIVACY_QUESTIONS = {
    "hide_worker_names": (
        "Show social workers' names?",
        "Worker names will be printed wherever the data or your text has them. Anyone who reads the published "
        "paper could then see which social worker holds which cases, and how many. A paper that names staff must "
        "not be published: mark it exempt in the header.",
        "Show worker names",
    ),
    "suppress_small_counts": (
        "Show counts under five?",
        "Counts of one to four workers will be printed in full. With so few workers, a team's caseload range or "
        "“1 worker over 25 cases” shows one person's caseload to anyone who reads the published paper.",
        "Show small counts",
    ),
}


def scroll_back(bar: QScrollBar, value: int) -> None:
    """Scroll to ``value`` as soon as a new editor is tall enough: its text boxes size themselves to their
    text after it is first laid out. Gives up after a second, so it never fights the officer's own scrolling."""
    bar.setValue(value)
    if bar.value() == value:
        return

    def again(_low: int, high: int) -> None:
        bar.setValue(value)
        if high >= value:
            stop()

    def stop() -> None:
        if shiboken6.isValid(bar):
            with contextlib.suppress(RuntimeError):  # already done
                bar.rangeChanged.disconnect(again)

    bar.rangeChanged.connect(again)
    QTimer.singleShot(1000, bar, stop)


class ReportPage(QWidget):
    changed = Signal()  # the draft was edited: autosave it
    state_changed = Signal()  # saved / unsaved or the project's name changed: the title bar

    def __init__(self, session: Session, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.runner = runner
        # Where the next rebuild lands after a change of structure: (outline entry, item to focus).
        self._landing: tuple[object, int | None] = (None, None)
        self._editors: dict[object, EditorPage] = {}
        self.commentary_dialog: CommentaryDialog | None = None  # the open "Suggested sentences", if any
        self.templates: list[ReportTemplate] = []
        template_problem = ""
        try:
            self.templates = list_templates()
        except (TemplateError, OSError) as problem:
            template_problem = str(problem)
        self._build()
        self.export = ReportExport(self, runner, self)
        runner.busy_changed.connect(self._busy)
        session.subscribe(self._session_changed)
        self._rebuild()
        if template_problem:
            self.show_message(f"The report templates could not be read: {template_problem}")

    # -- what the page shows comes from the session ----------------------------------------
    @property
    def draft(self) -> ReportDraft:
        return self.session.draft

    @property
    def dataset(self) -> Dataset:
        return self.session.dataset

    @property
    def thresholds(self) -> Thresholds:
        return self.session.thresholds

    @property
    def is_sample(self) -> bool:
        return self.session.is_sample

    @property
    def modified(self) -> bool:
        return self.session.modified

    @property
    def project_path(self) -> Path | None:
        return self.session.project_path

    def project_name(self) -> str:
        return self.session.project_name

    def _session_changed(self, changes: frozenset[Change]) -> None:
        if changes & {Change.DATA, Change.TARGETS, Change.COUNCIL} and Change.DRAFT not in changes:
            self._forget_editors(lambda key: isinstance(key, int))  # block previews follow the data
        if Change.DRAFT in changes:
            key, focus = self._landing
            self._landing = (None, None)
            self._rebuild(key, focus)
        if changes & {Change.DRAFT, Change.TEXT} and self.session.modified:
            self.changed.emit()
        if Change.STATE in changes:
            self.state_changed.emit()

    # -- construction ---------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        heading = QLabel("<h2>Report</h2>", self)
        heading.setAccessibleName("Report")
        top.addWidget(heading)
        top.addSpacing(16)
        self.template_bar = TemplateBar(self, self)
        top.addWidget(self.template_bar)
        top.addStretch(1)
        self.check_button = QPushButton("Check accessibility", self)
        self.check_button.setAccessibleName("Check the report's accessibility")
        self.check_button.setToolTip("Build the report in memory and list anything that would make it hard to read")
        self.check_button.clicked.connect(lambda: self.export.check())
        self.export_button = QPushButton("Export to Word…", self)
        self.export_button.setAccessibleName("Export the report to a Word document")
        self.export_button.setToolTip("Export to Word (Ctrl+E)")
        self.export_button.clicked.connect(lambda: self.export.export())
        top.addWidget(self.check_button)
        top.addWidget(self.export_button)
        layout.addLayout(top)

        self.message = MessageStrip("Report message", self)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.outline = ReportOutline(splitter)
        self.outline.setMinimumWidth(220)
        self.outline.entry_selected.connect(self._show)
        self.outline.add_requested.connect(self.add_section)
        self.outline.remove_requested.connect(self.remove_section)
        self.outline.rename_requested.connect(self.rename_section)
        self.outline.move_requested.connect(self.move_section)
        self.stack = QStackedWidget(splitter)
        self.stack.setAccessibleName("Editor for the chosen part of the report")
        splitter.addWidget(self.outline)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 900])
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)  # below the editor: "Report saved…" never moves the text being read

    # -- what the editors ask of the page (EditorHost, ExportHost) ----------------------------
    def text_changed(self) -> None:
        self.session.text_edited()

    def structural(self, change: Callable[[], object], key: object = None, focus: int | None = None) -> None:
        """Make an undoable change to the draft's structure and show the result (``key``: the outline entry)."""
        self._landing = (key, focus)
        self.session.edit(lambda _draft: change())

    def block_context(self) -> BlockContext:
        return self.session.block_context()

    def has_data(self) -> bool:
        return not self.dataset.is_empty()

    def privacy_changed(self) -> None:
        self.session.privacy_changed()
        self._forget_editors(lambda key: isinstance(key, int))  # their previews depend on it

    def show_message(
        self, text: str, warning: bool = True, action: tuple[str, Callable[[], None]] | None = None
    ) -> None:
        self.message.show_message(text, warning, action)

    def suggest_sentences(self, target: str | int) -> None:
        """Propose sentences from the data for key issues (``"key_issues"``) or a section (its index)."""
        if not self.has_data():
            self.show_message("Open your caseload data first: the sentences are worked out from it.")
            return
        if target == "key_issues":
            part, items = "the key issues", self.draft.key_issue_sentences

            def own_words(text: str) -> None:
                self.structural(lambda: self.draft.key_issues.append(text), "key_issues")
        else:
            index = int(target)
            part, items = f"section {index + 1}, {self.draft.sections[index].title}", self.draft.sections[index].items

            def own_words(text: str) -> None:
                self.structural(lambda: self.draft.sections[index].items.append(Item("paragraph", text)), index)

        def accept(item: Item) -> None:
            # The list is looked up again: an undo in between may have replaced the draft.
            def change() -> None:
                where = self.draft.key_issue_sentences if target == "key_issues" else self.draft.sections[index].items
                where.append(item)

            self.structural(change, target, None)

        present = {(i.kind, repr(sorted(i.options.items()))) for i in items if i.is_block}
        dialog = CommentaryDialog(propose(self.block_context()), part, accept, own_words, present, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.commentary_dialog = dialog
        dialog.open()  # window-modal but not blocking, so tests and screen readers can work in it

    # -- the draft as a whole ---------------------------------------------------------------
    def load_draft(self, draft: ReportDraft, project_path: Path | None = None, modified: bool = False) -> None:
        """Replace the draft (a project opened, a new report): undo starts afresh."""
        self._landing = ("header", None)
        self.session.load_draft(draft, project_path, modified)
        if modified:
            self.changed.emit()

    # -- undo ------------------------------------------------------------------------------
    def undo(self) -> None:
        """Edit > Undo: the focused text box's own undo, or else the last change of structure."""
        if not text_undo(QApplication.focusWidget(), redo=False):
            self.undo_structure()

    def redo(self) -> None:
        if not text_undo(QApplication.focusWidget(), redo=True):
            self.redo_structure()

    def undo_structure(self) -> bool:
        return self._step(self.session.undo, "Nothing to undo.")

    def redo_structure(self) -> bool:
        return self._step(self.session.redo, "Nothing to redo.")

    def _step(self, step: Callable[[], bool], nothing: str) -> bool:
        if not self.isVisible():
            return False  # Edit > Undo on another page never changes the draft out of sight
        self._landing = (self.outline.current_key(), None)
        # An undo rebuilds the editor: it comes back at the same place, with the keyboard in it if it was.
        before = self.current_editor()
        scrolled = before.verticalScrollBar().value() if before is not None else 0
        focused = QApplication.focusWidget()
        had_focus = before is not None and focused is not None and before.isAncestorOf(focused)
        if not step():
            self._landing = (None, None)
            self.show_message(nothing, warning=False)
            return False
        after = self.current_editor()
        if after is not None and after is not before:
            if had_focus:
                after.setFocus(Qt.FocusReason.OtherFocusReason)
            scroll_back(after.verticalScrollBar(), scrolled)
        return True

    # -- sections --------------------------------------------------------------------------
    def add_section(self) -> None:
        title = self.ask_section_title("", adding=True)
        if not title:
            return
        current = self.outline.current_section()
        index = len(self.draft.sections) if current is None else current + 1
        self.structural(lambda: self.draft.sections.insert(index, Section(title=title)), index)

    def remove_section(self, index: int) -> None:
        if not 0 <= index < len(self.draft.sections):
            return
        if self.confirm_remove_section(self.draft.sections[index].title):
            self.structural(lambda: self.draft.sections.pop(index), index)

    def rename_section(self, index: int) -> None:
        if not 0 <= index < len(self.draft.sections):
            return
        section = self.draft.sections[index]
        title = self.ask_section_title(section.title, adding=False)
        if title and title != section.title:
            self.structural(lambda: setattr(section, "title", title), index)

    def move_section(self, index: int, offset: int) -> None:
        target = max(0, min(len(self.draft.sections) - 1, index + offset))
        if target != index:
            self.structural(lambda: self.draft.move_section(index, offset), target)

    # -- showing ---------------------------------------------------------------------------
    def _rebuild(self, key: object = None, focus: int | None = None) -> None:
        self._forget_editors(lambda _key: True, reshow=False)
        self.outline.set_draft(self.draft, key)
        editor = self._show(self.outline.current_key())
        if editor is not None and focus is not None:
            editor.focus_item(focus)
        self.template_bar.sync()

    def _show(self, key: object) -> EditorPage | None:
        if key is None:
            return None
        editor = self._editors.get(key)
        if editor is None:
            editor = self._make_editor(key)
            self._editors[key] = editor
            self.stack.addWidget(editor)
        self.stack.setCurrentWidget(editor)
        return editor

    def current_editor(self) -> EditorPage | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, EditorPage) else None

    def _make_editor(self, key: object) -> EditorPage:
        if isinstance(key, int):
            if self.draft.sections[key].holds_recommendations:  # the template prints them here
                return RecommendationsEditor(self)
            return SectionEditor(self, key)
        makers: dict[object, Callable[[], EditorPage]] = {
            "header": lambda: HeaderEditor(self),
            "key_issues": lambda: KeyIssuesEditor(self),
            "recommendations": lambda: RecommendationsEditor(self),
            "contact": lambda: ContactEditor(self),
            "author_consultees": lambda: AuthorEditor(self),
            "background_papers": lambda: LinesEditor(
                self,
                "background_papers",
                "Background papers",
                "Published papers the report relies on, one per line. With none, the report says “None.”",
            ),
            "appendices": lambda: LinesEditor(
                self,
                "appendices",
                "Appendices",
                "Documents that go with the report, one per line, for example “Appendix A: caseloads by team”.",
            ),
            "source_documents": lambda: SourcesEditor(self),
            "privacy": lambda: PrivacyEditor(self),
        }
        return makers[key]()

    def _forget_editors(self, which: Callable[[object], bool], reshow: bool = True) -> None:
        """Drop editors built from an older state; show the current entry's afresh unless told not to.

        An editor is only hidden and deleted later, never taken out of the stack first: taken out, PySide
        would hand it back to Python, and Python's garbage collector could then delete the widget from
        whichever thread it happens to run on (an export's worker thread), which deadlocks Qt.
        """
        for key in [k for k in self._editors if which(k)]:
            editor = self._editors.pop(key)
            editor.hide()
            editor.deleteLater()  # the stack lets go of it when it is destroyed
        if reshow:
            self._show(self.outline.current_key())

    def _busy(self, busy: bool) -> None:
        self.check_button.setEnabled(not busy)
        self.export_button.setEnabled(not busy)

    # -- decisions (tests replace these on the instance) -------------------------------------
    def ask_section_title(self, current: str, adding: bool) -> str | None:
        title, ok = QInputDialog.getText(
            self,
            "Add a section" if adding else "Rename the section",
            "Title of the new section:" if adding else "New title of the section:",
            QLineEdit.EchoMode.Normal,
            current,
        )
        return " ".join(title.split()) if ok and title.strip() else None

    def confirm_remove_section(self, title: str) -> bool:
        return choose(
            self,
            "Remove the section?",
            f"Remove the section “{title}” and everything in it? Edit > Undo brings it back.",
            "&Remove the section",
            "&Keep it",
        )

    def ask_privacy_off(self, which: str) -> bool:
        title, text, allow = PRIVACY_QUESTIONS[which]
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, self)
        yes = box.addButton(allow, QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("Keep them hidden", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        allowed = box.clickedButton() is yes
        box.deleteLater()
        return allowed
