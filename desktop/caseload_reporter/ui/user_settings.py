"""Settings > Caseload targets and Settings > Council profile: edited in their dialogs, used by the session
at once, and kept in the officer's data folder for next time."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QWidget

from caseload_reporter.analysis.thresholds import Thresholds
from caseload_reporter.reporting.council_profile import CouncilProfile
from caseload_reporter.session.session import Session
from caseload_reporter.ui.message_strip import MessageStrip
from caseload_reporter.ui.profile_dialog import ProfileDialog
from caseload_reporter.ui.thresholds_dialog import ThresholdsDialog


class UserSettings:
    """The targets and the council profile of one officer: ``thresholds_path`` and ``profile_path`` keep them."""

    def __init__(self, window: QWidget, session: Session, data_dir: Path, message_strip: MessageStrip) -> None:
        self.window, self.session, self.message_strip = window, session, message_strip
        self.thresholds_path = data_dir / "thresholds.json"
        self.profile_path = data_dir / "profile.json"

    def edit_thresholds(self) -> None:
        dialog = ThresholdsDialog(self.session.thresholds, self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.session.set_thresholds(dialog.thresholds())  # kept by keep_thresholds, which the window calls

    def edit_profile(self) -> None:
        dialog = ProfileDialog(self.session.profile, self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.apply_profile(dialog.profile())

    def apply_profile(self, profile: CouncilProfile) -> None:
        """Use the profile for new papers and keep it for next time (per user)."""
        self.session.set_profile(profile)
        self._keep(profile, self.profile_path, "profile")

    def keep_thresholds(self) -> None:
        """The targets in use (set here, or brought by a project) are the officer's targets next time too."""
        self._keep(self.session.thresholds, self.thresholds_path, "targets")

    def _keep(self, what: Thresholds | CouncilProfile, path: Path, name: str) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            what.save(path)
        except OSError as problem:
            self.message_strip.show_message(f"The {name} are in use but could not be saved: {problem.strerror}.")
