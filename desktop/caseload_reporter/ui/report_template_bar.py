"""The Report page's template choice: which structure the paper follows and whose Word styles it uses.

Choosing another built-in template makes its sections the paper's (sections with the same title
keep what was written in them); choosing the council's own .docx keeps the structure and takes
the file's styles. Every change goes through the page's ``structural``, so Edit > Undo brings
the previous sections back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from caseload_reporter.reporting.draft import ReportDraft
from caseload_reporter.reporting.report_templates import ReportTemplate, TemplateError, check_template, load_template
from caseload_reporter.ui.questions import choose
from caseload_reporter.ui.report_outline import ReportOutline

CUSTOM_TEMPLATE = "__custom__"


class TemplateHost(Protocol):
    """What the template choice needs from the Report page."""

    @property
    def draft(self) -> ReportDraft: ...

    templates: list[ReportTemplate]
    outline: ReportOutline

    def structural(self, change: Callable[[], object], key: object = None, focus: int | None = None) -> None: ...

    def show_message(
        self, text: str, warning: bool = True, action: tuple[str, Callable[[], None]] | None = None
    ) -> None: ...


class TemplateBar(QWidget):
    """'Template: [choice]', and while the council's own file is in use, its name and a way back."""

    def __init__(self, host: TemplateHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        label = QLabel("&Template:", self)
        self.combo = QComboBox(self)
        self.combo.setAccessibleName("Report template")
        label.setBuddy(self.combo)
        for template in host.templates:
            self.combo.addItem(template.name, template.key)
            self.combo.setItemData(self.combo.count() - 1, template.description, Qt.ItemDataRole.ToolTipRole)
        self.combo.insertSeparator(self.combo.count())
        self.combo.addItem("Use my council's own template…", CUSTOM_TEMPLATE)
        self.combo.activated.connect(self._chosen)
        self.custom_label = QLabel(self)
        self.custom_label.setTextFormat(Qt.TextFormat.PlainText)
        self.builtin_button = QPushButton("Use the built-in styles", self)
        self.builtin_button.setAccessibleName("Stop using the council's own Word template")
        self.builtin_button.clicked.connect(self._use_builtin_styles)
        for widget in (label, self.combo, self.custom_label, self.builtin_button):
            row.addWidget(widget)

    def _chosen(self, combo_index: int) -> None:
        key = self.combo.itemData(combo_index)
        if key == CUSTOM_TEMPLATE:
            path = self.choose_template_docx()
            if path is not None:
                self.use_custom_template(path)
        elif key and key != self.host.draft.template:
            self.change_template(key)
        self.sync()

    def change_template(self, key: str) -> bool:
        """The sections become the template's; sections with the same title keep what was written in them."""
        host = self.host
        try:
            template = load_template(key)
        except TemplateError as problem:
            host.show_message(str(problem))
            self.sync()
            return False
        if self._sections_written() and not self.confirm_template_change(template.name):
            self.sync()
            return False
        host.structural(lambda: apply_template(host.draft, template), "header")
        host.show_message(f"The report now follows the template “{template.name}”.", warning=False)
        return True

    def use_custom_template(self, path: Path) -> bool:
        """Use the council's own Word file for the look; the structure stays the chosen template's."""
        host = self.host
        try:
            check_template(path)
        except TemplateError as problem:
            host.show_message(str(problem))
            self.sync()
            return False
        host.structural(lambda: setattr(host.draft, "custom_docx", str(path)), host.outline.current_key())
        host.show_message(f"The report will use the styles of {Path(path).name}.", warning=False)
        return True

    def _use_builtin_styles(self) -> None:
        host = self.host
        host.structural(lambda: setattr(host.draft, "custom_docx", ""), host.outline.current_key())

    def _sections_written(self) -> bool:
        """True when the sections differ from the template's own (something written, added or moved)."""
        draft = self.host.draft
        try:
            plain = ReportDraft.from_template(load_template(draft.template))
        except TemplateError:
            return True
        return [asdict(s) for s in draft.sections] != [asdict(s) for s in plain.sections]

    def sync(self) -> None:
        """Show the draft's template and, when it uses the council's own file, that file's name."""
        draft = self.host.draft
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(self.combo.findData(draft.template))
        self.combo.blockSignals(False)
        custom = Path(draft.custom_docx).name if draft.custom_docx else ""
        self.custom_label.setText(f"Word styles from {custom}" if custom else "")
        self.custom_label.setVisible(bool(custom))
        self.builtin_button.setVisible(bool(custom))

    # -- decisions (tests replace these on the instance) -------------------------------------
    def confirm_template_change(self, name: str) -> bool:
        return choose(
            self.window(),
            "Change the template?",
            f"Change to “{name}”? The sections become that template's: sections with the same title keep what "
            "you wrote, the others are removed (Edit > Undo brings them back). The header, key issues, "
            "recommendations and contact are kept.",
            "&Change the template",
            "&Keep this template",
        )

    def choose_template_docx(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            self.window(), "Choose your council's Word template", "", "Word documents (*.docx);;All files (*)"
        )
        return Path(name) if name else None


def apply_template(draft: ReportDraft, template: ReportTemplate) -> None:
    """Make ``template``'s sections the draft's, keeping what was written in sections of the same title."""
    plain = ReportDraft.from_template(template)
    written = {s.title.casefold(): s for s in draft.sections}
    for section in plain.sections:
        old = written.get(section.title.casefold())
        if old is not None and not old.is_empty():
            section.items = old.items
    draft.template = template.key
    draft.header_fields = plain.header_fields
    draft.sections = plain.sections
    # The template's back matter, plus any part the officer has written that it would leave out.
    extra = {
        "author_consultees": bool(draft.author or draft.consultees),
        "background_papers": bool(draft.background_papers),
        "appendices": bool(draft.appendices),
    }
    draft.back_matter = plain.back_matter + [p for p, used in extra.items() if used and p not in plain.back_matter]
