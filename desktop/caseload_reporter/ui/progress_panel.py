"""The status-bar strip that shows what the TaskRunner is doing and lets the user stop it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from caseload_reporter.ui.task_runner import TaskRunner

_BAR_STEPS = 1000


class ProgressPanel(QWidget):
    """Title and message, a progress bar and a Cancel button; visible only while busy."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner: TaskRunner | None = None
        self._title = ""

        self.label = QLabel(self)
        self.label.setObjectName("progressLabel")
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # titles may hold file names with "<"
        self.bar = QProgressBar(self)
        self.bar.setObjectName("progressBar")
        self.bar.setRange(0, _BAR_STEPS)
        self.bar.setMaximumWidth(200)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName("Task progress")
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setObjectName("cancelTaskButton")
        self.cancel_button.setAccessibleName("Cancel the running task")
        self.cancel_button.clicked.connect(self._cancel)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.setVisible(False)

    def attach(self, runner: TaskRunner) -> None:
        """Follow ``runner``: show its tasks while they run and cancel them on request."""
        if self._runner is not None:
            raise RuntimeError("ProgressPanel is already attached to a TaskRunner.")
        self._runner = runner
        runner.started.connect(self._on_started)
        runner.progress.connect(self._on_progress)
        runner.busy_changed.connect(self._on_busy_changed)
        self._on_busy_changed(runner.is_busy())

    def _on_started(self, title: str) -> None:
        self._title = title
        self.label.setText(title)
        self.bar.setValue(0)
        self.cancel_button.setText("Cancel")
        self.cancel_button.setEnabled(True)

    def _on_progress(self, fraction: float, message: str) -> None:
        self.bar.setValue(round(fraction * _BAR_STEPS))
        self.label.setText(f"{self._title}: {message}" if message else self._title)

    def _on_busy_changed(self, busy: bool) -> None:
        if not busy:
            self.cancel_button.setText("Cancel")
            self.cancel_button.setEnabled(True)
        self.setVisible(busy)

    def _cancel(self) -> None:
        if self._runner is None:
            return
        self._runner.cancel()
        self.cancel_button.setText("Cancelling…")
        self.cancel_button.setEnabled(False)
