"""Settings > Council profile: who the papers are from and to, filled in once and shared as a file."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from caseload_reporter.reporting.council_profile import CouncilProfile, Officer, ProfileError
from caseload_reporter.reporting.draft import OfficerContact
from caseload_reporter.ui.style import fit_to_screen

log = logging.getLogger(__name__)
PROFILE_FILTER = "Council profiles (*.json)"


class ProfileDialog(QDialog):
    """Edits a copy of the profile; the caller takes :meth:`profile` when it is accepted."""

    def __init__(self, profile: CouncilProfile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Council profile")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "What every new paper starts with: the council, the committee, who the paper is from and the officer "
            "to contact. Export the profile to share it with colleagues; they import it here.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form_widget = QWidget(self)
        form = QFormLayout(form_widget)
        self.council = self._line(form, "Council", "For example: Wenmoor County Council")
        self.committees = self._lines(form, "Committees", "One a line, the usual one first")
        self.officers = self._lines(form, "From", "One officer a line: name, role")
        self.contact_name = self._line(form, "Contact name", "")
        self.contact_post = self._line(form, "Contact post", "")
        self.contact_email = self._line(form, "Contact email", "")
        self.contact_telephone = self._line(form, "Contact telephone", "")
        self.location = self._line(form, "Where the returns are kept", "For example: Children's Services shared drive")
        template_row = QHBoxLayout()
        self.template = QLineEdit(self)
        self.template.setPlaceholderText("The built-in style")
        self.template.setAccessibleName("Council's own Word file for the house style")
        choose = QPushButton("Choose…", self)
        choose.setAccessibleName("Choose the council's own Word file")
        choose.clicked.connect(self._choose_template)
        template_row.addWidget(self.template, 1)
        template_row.addWidget(choose)
        form.addRow("House style (Word file)", template_row)
        # The form scrolls inside the dialog, so the buttons stay on screen at any display scaling.
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_widget)
        scroll.setAccessibleName("Council profile")
        layout.addWidget(scroll, 1)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = buttons.addButton("Import…", QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button = buttons.addButton("Export…", QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.clicked.connect(self._import)
        self.export_button.clicked.connect(self._export)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.show_profile(profile)
        fit_to_screen(self, self.sizeHint())  # never past the screen: its form scrolls, OK and Cancel show

    def _line(self, form: QFormLayout, label: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(label)
        form.addRow(label, edit)
        return edit

    def _lines(self, form: QFormLayout, label: str, placeholder: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(label)
        edit.setTabChangesFocus(True)  # Tab moves on, as in every other box of the form
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 4 + 12)
        form.addRow(label, edit)
        return edit

    # -- the profile in the form ------------------------------------------------------------
    def show_profile(self, profile: CouncilProfile) -> None:
        self.council.setText(profile.council)
        self.committees.setPlainText("\n".join(profile.committees))
        self.officers.setPlainText("\n".join(o.line() for o in profile.officers))
        contact = profile.contact
        for edit, value in (
            (self.contact_name, contact.name),
            (self.contact_post, contact.post),
            (self.contact_email, contact.email),
            (self.contact_telephone, contact.telephone),
        ):
            edit.setText(value)
        self.location.setText(profile.source_location)
        self.template.setText(profile.house_template)

    def profile(self) -> CouncilProfile:
        officers = []
        for line in self.officers.toPlainText().splitlines():
            name, _, role = line.partition(",")
            if name.strip():
                officers.append(Officer(name.strip(), role.strip()))
        return CouncilProfile(
            council=self.council.text().strip(),
            committees=[c.strip() for c in self.committees.toPlainText().splitlines() if c.strip()],
            officers=officers,
            contact=OfficerContact(
                self.contact_name.text().strip(),
                self.contact_post.text().strip(),
                self.contact_email.text().strip(),
                self.contact_telephone.text().strip(),
            ),
            house_template=self.template.text().strip(),
            source_location=self.location.text().strip(),
        )

    # -- sharing ----------------------------------------------------------------------------
    def _choose_template(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Choose the council's Word file", "", "Word documents (*.docx)")
        if name:
            self.template.setText(name)

    def _import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Import a council profile", "", PROFILE_FILTER)
        if name:
            self.import_from(Path(name))

    def import_from(self, path: Path) -> bool:
        try:
            self.show_profile(CouncilProfile.load(path))
        except ProfileError as problem:
            self._say(str(problem))
            return False
        self._say(f"Imported {path.name}: choose OK to use it.")
        return True

    def _export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Export the council profile", "council profile.json", PROFILE_FILTER
        )
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> bool:
        try:
            self.profile().save(path)
        except OSError as problem:
            self._say(f"The profile could not be saved as {path}: {problem.strerror or problem}.")
            return False
        self._say(f"Exported to {path}.")
        return True

    def _say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))


def load_user_profile(path: Path) -> CouncilProfile:
    """The officer's saved profile, or an empty one when there is none or it cannot be read (logged)."""
    if path.exists():
        try:
            return CouncilProfile.load(path)
        except ProfileError as problem:
            log.warning("The council profile in %s could not be read: %s", path, problem)
    return CouncilProfile()
