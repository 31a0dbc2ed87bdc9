"""Suggested sentences: the officer accepts, edits or discards each sentence proposed from the data.

Accepting puts the sentence in the report as a data sentence block, so its figures are worked out
again at every export. Editing turns it into the officer's own words: added as a paragraph, its
figures no longer follow the data, and the dialog says so. The dialog only proposes; the page
makes every change, through its undo history.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from caseload_reporter.reporting.commentary import Commentary, Proposal
from caseload_reporter.reporting.draft import Item
from caseload_reporter.ui.style import fit_to_screen


class ProposalRow(QFrame):
    """One proposed sentence with Accept, Edit and Discard; once decided it says what happened."""

    def __init__(
        self,
        proposal: Proposal,
        accept: Callable[[Item], None],
        add_own_words: Callable[[str], None],
        already_there: bool,
    ) -> None:
        super().__init__()
        self.proposal = proposal
        self._accept, self._add_own_words = accept, add_own_words
        self.setObjectName("proposal")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#proposal { border: 1px solid #8c8c8c; border-radius: 4px; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        title = QLabel(f"<b>{proposal.topic}</b>")
        title.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(title)
        self.text = QLabel(proposal.text)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAccessibleDescription(f"Proposed sentence: {proposal.topic}")  # its name is the sentence
        layout.addWidget(self.text)
        self.editor = QPlainTextEdit(proposal.text)
        self.editor.setAccessibleName(f"Your wording: {proposal.topic}")
        self.editor.setTabChangesFocus(True)
        self.editor.setFixedHeight(70)
        self.editor.hide()
        layout.addWidget(self.editor)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setAccessibleDescription(f"What happened to the sentence on {proposal.topic.lower()}")
        layout.addWidget(self.status)

        buttons = QHBoxLayout()
        self.accept_button = self._button("Accept", f"Accept the sentence on {proposal.topic.lower()}", self.accept)
        self.edit_button = self._button("Edit…", f"Edit the sentence on {proposal.topic.lower()}", self.edit)
        self.discard_button = self._button("Discard", f"Discard the sentence on {proposal.topic.lower()}", self.discard)
        self.add_button = self._button("Add my wording", f"Add your wording on {proposal.topic.lower()}", self.add)
        self.cancel_button = self._button("Cancel editing", "Cancel editing", self.cancel_edit)
        for button in (self.accept_button, self.edit_button, self.discard_button, self.add_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.add_button.hide()
        self.cancel_button.hide()
        self._say("This sentence is already in this part of the report." if already_there else "")

    def _button(self, text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(lambda _=False: slot())
        return button

    def _say(self, status: str) -> None:
        self.status.setText(status)
        self.status.setVisible(bool(status))

    def _decided(self, status: str) -> None:
        for button in (self.accept_button, self.edit_button, self.discard_button, self.add_button, self.cancel_button):
            button.hide()
        self.editor.hide()
        self.text.show()
        self._say(status)

    def accept(self) -> None:
        self._accept(self.proposal.item())
        self._decided("Added. Its figures are worked out from the data again each time you export.")

    def edit(self) -> None:
        self.text.hide()
        self.editor.show()
        self.editor.setFocus()
        for button in (self.accept_button, self.edit_button, self.discard_button):
            button.hide()
        self.add_button.show()
        self.cancel_button.show()
        self._say("Your wording is added as your own paragraph: its figures will not follow the data.")

    def cancel_edit(self) -> None:
        self.editor.hide()
        self.text.show()
        self.add_button.hide()
        self.cancel_button.hide()
        for button in (self.accept_button, self.edit_button, self.discard_button):
            button.show()
        self._say("")

    def add(self) -> None:
        words = self.editor.toPlainText().strip()
        if not words:
            self._say("Write the sentence first, or cancel editing.")
            return
        self._add_own_words(words)
        self.text.setText(words)
        self._decided("Added as your own words; its figures will not change with the data.")

    def discard(self) -> None:
        self.text.setEnabled(False)
        self._decided("Discarded.")


class CommentaryDialog(QDialog):
    """The proposals for one part of the report, and why anything else was not proposed."""

    def __init__(
        self,
        commentary: Commentary,
        part: str,
        accept: Callable[[Item], None],
        add_own_words: Callable[[str], None],
        present: set[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Suggested sentences for {part}")
        self.setMinimumSize(480, 360)
        layout = QVBoxLayout(self)
        lead = (
            f"Sentences proposed from the data open now, for {part}. Every figure in them comes from the data; "
            "accept, edit or discard each."
            if commentary.proposals
            else "The data open now does not support any of the usual sentences; the reasons are below."
        )
        intro = QLabel(lead)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        # A stop of its own, so the keyboard can scroll to the reasons below the last proposal.
        scroll.setAccessibleName(f"Sentences proposed for {part}, and why others were not")
        inner = QWidget(scroll)
        rows = QVBoxLayout(inner)
        self.rows: list[ProposalRow] = []
        for proposal in commentary.proposals:
            key = (proposal.kind, repr(sorted(proposal.options.items())))
            row = ProposalRow(proposal, accept, add_own_words, key in present)
            self.rows.append(row)
            rows.addWidget(row)
        if commentary.not_proposed:
            rows.addWidget(QLabel("<b>Not proposed</b>"))
            for entry in commentary.not_proposed:
                reason = QLabel(f"{entry.topic}: {entry.reason}")
                reason.setWordWrap(True)
                rows.addWidget(reason)
        self.not_proposed = [f"{n.topic}: {n.reason}" for n in commentary.not_proposed]
        rows.addStretch(1)
        scroll.setWidget(inner)
        layout.addWidget(scroll, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_to_screen(self, QSize(780, 600))
