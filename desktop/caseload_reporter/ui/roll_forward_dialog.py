"""What changed when a paper was rolled forward to the next period, for the officer to read before sending it."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from caseload_reporter.core.words import plural
from caseload_reporter.reporting.roll_forward import CHANGE_KINDS, RolledPaper
from caseload_reporter.ui.style import fit_to_screen


class RollForwardDialog(QDialog):
    """The change list, grouped: words moved on, the meeting date, figures that moved, sentences and blocks lost."""

    def __init__(self, paper: RolledPaper, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("The new paper: what changed")
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"This paper now reports {paper.latest.phrase()}; the last one reported {paper.previous.phrase()}. Your "
            "sections and words are kept and every figure from the data is worked out again. Read what changed "
            "below, then save the new paper as its own project.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["Where", "Before", "Now"])
        self.tree.setAccessibleName("What changed in the new paper")
        self.tree.setWordWrap(True)
        for kind, found in paper.by_kind().items():
            group = QTreeWidgetItem([f"{CHANGE_KINDS[kind]} ({len(found)})", "", ""])
            self.tree.addTopLevelItem(group)
            for change in found:
                row = QTreeWidgetItem([change.where, change.before, change.after])
                for column in range(3):
                    row.setToolTip(column, row.text(column))
                group.addChild(row)
            group.setExpanded(True)
        if not paper.changes:
            self.tree.addTopLevelItem(QTreeWidgetItem(["Nothing else changed.", "", ""]))
        self.tree.setColumnWidth(0, 220)
        self.tree.setColumnWidth(1, 320)
        layout.addWidget(self.tree, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.accept)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        fit_to_screen(self, QSize(900, 520))  # never past the screen: Close always shows

    def summary(self) -> str:
        items = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return plural(sum(item.childCount() for item in items if item is not None), "change")
