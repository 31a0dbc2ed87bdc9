"""Settings > Caseload targets: targets per team type, the amber margin and the ceiling, shared as a file."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from caseload_reporter.analysis.thresholds import BASES, Thresholds, ThresholdsError, default_thresholds
from caseload_reporter.reading.fields import TEAM_TYPES
from caseload_reporter.ui.style import fit_to_screen

THRESHOLDS_FILTER = "Caseload targets (*.json)"


def _spin(value: float, maximum: float = 60.0, step: float = 0.5) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(0.0, maximum)
    spin.setDecimals(1)
    spin.setSingleStep(step)
    spin.setValue(value)
    return spin


class ThresholdsDialog(QDialog):
    """Edits a copy of the thresholds; the caller takes :meth:`thresholds` when it is accepted."""

    def __init__(self, thresholds: Thresholds, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Caseload targets")
        self._original = thresholds  # keeps what the form does not show (the sources, the 12-case line)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Targets are set locally: there is no national cap. A team is within target at or under the top of its "
            "target, above target up to the margin beyond it, and well above target past that or when any worker "
            "holds more cases than the ceiling.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        box = QGroupBox("Target caseload per team type (lowest and highest of the range)", self)
        grid = QGridLayout(box)
        self.low: dict[str, QDoubleSpinBox] = {}
        self.high: dict[str, QDoubleSpinBox] = {}
        for row, (key, label) in enumerate((k, v) for k, v in TEAM_TYPES.items() if k != "other"):
            low, high = thresholds.target(key) or (0.0, 0.0)
            self.low[key], self.high[key] = _spin(low), _spin(high)
            for spin in (self.low[key], self.high[key]):
                spin.setSpecialValueText("No target")  # shown at 0: this team type is not rated
            self.low[key].setAccessibleName(f"Lowest target for {label}")
            self.high[key].setAccessibleName(f"Highest target for {label}")
            grid.addWidget(QLabel(label, box), row, 0)
            grid.addWidget(self.low[key], row, 1)
            grid.addWidget(QLabel("to", box), row, 2)
            grid.addWidget(self.high[key], row, 3)
        layout.addWidget(box)
        form = QFormLayout()
        self.margin = _spin(thresholds.amber_margin, 20.0)
        self.ceiling = _spin(thresholds.ceiling, 100.0, 1.0)
        self.basis = QComboBox(self)
        for key, text in BASES.items():
            self.basis.addItem(f"Average caseload {text}", key)
        self.basis.setCurrentIndex(max(self.basis.findData(thresholds.basis), 0))
        form.addRow("Above target up to (cases beyond the target)", self.margin)
        form.addRow("Ceiling for one worker (cases)", self.ceiling)
        self.per_unit = _spin(thresholds.children_per_unit, 500.0, 5.0)
        form.addRow("Default average", self.basis)
        form.addRow("Children one social work unit supports (unit model)", self.per_unit)
        layout.addLayout(form)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = buttons.addButton("Import from file…", QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button = buttons.addButton("Export to file…", QDialogButtonBox.ButtonRole.ActionRole)
        self.defaults_button = buttons.addButton("Restore defaults", QDialogButtonBox.ButtonRole.ResetRole)
        self.import_button.clicked.connect(self.choose_import)
        self.export_button.clicked.connect(self.choose_export)
        self.defaults_button.clicked.connect(lambda: self.show_thresholds(default_thresholds()))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_to_screen(self, self.sizeHint())

    def thresholds(self) -> Thresholds:
        targets = {
            k: (min(self.low[k].value(), self.high[k].value()), max(self.low[k].value(), self.high[k].value()))
            for k in self.low
            if max(self.low[k].value(), self.high[k].value()) > 0
        }
        return replace(
            self._original,
            targets=targets,
            amber_margin=self.margin.value(),
            ceiling=self.ceiling.value(),
            basis=self.basis.currentData(),
            children_per_unit=self.per_unit.value(),
        )

    def show_thresholds(self, thresholds: Thresholds) -> None:
        for key in self.low:
            low, high = thresholds.target(key) or (0.0, 0.0)
            self.low[key].setValue(low)
            self.high[key].setValue(high)
        self.margin.setValue(thresholds.amber_margin)
        self.ceiling.setValue(thresholds.ceiling)
        self.basis.setCurrentIndex(max(self.basis.findData(thresholds.basis), 0))
        self._original = thresholds  # keeps what the form does not show (the sources, the 12-case line)

    def import_from(self, path: Path) -> bool:
        """Load a shared file; a bad one gets one sentence and changes nothing."""
        try:
            self.show_thresholds(Thresholds.load(path))
        except ThresholdsError as problem:
            self.message.setText(f"Problem: {problem} Nothing was changed.")
            return False
        self.message.setText(f"Targets loaded from {path.name}. Choose OK to use them.")
        return True

    def export_to(self, path: Path) -> None:
        try:
            self.thresholds().save(path)
        except OSError as problem:
            self.message.setText(f"Problem: the targets could not be saved to {path.name} ({problem.strerror}).")
            return
        self.message.setText(f"Targets saved to {path.name}, ready to share with your service.")

    def choose_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Import caseload targets", "", THRESHOLDS_FILTER)
        if name:
            self.import_from(Path(name))

    def choose_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Export caseload targets", "caseload-targets.json", THRESHOLDS_FILTER
        )
        if name:
            self.export_to(Path(name))


def load_user_thresholds(path: Path) -> Thresholds:
    """The user's saved targets, or the shipped defaults when there are none or they cannot be read."""
    if path.exists():
        try:
            return Thresholds.load(path)
        except ThresholdsError:
            pass
    return default_thresholds()
