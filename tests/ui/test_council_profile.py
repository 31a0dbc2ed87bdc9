"""The council profile in the real window: filled in once, every new paper starts complete, shared as a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseload_reporter.reporting.completeness import draft_gaps
from caseload_reporter.reporting.council_profile import CouncilProfile, ProfileError
from caseload_reporter.ui.main_window import MainWindow
from caseload_reporter.ui.profile_dialog import ProfileDialog
from generators.council_shapes import shape_worker_long, write_openpyxl


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:
    win = MainWindow(data_dir=tmp_path / "data")
    qtbot.addWidget(win)
    win.show()
    yield win
    win.runner.shutdown()


def fill(dialog: ProfileDialog) -> None:
    dialog.council.setText("Wenmoor County Council")
    dialog.committees.setPlainText("Children and Young People Committee\nAudit and Accounts Committee")
    dialog.officers.setPlainText("Executive Director, People and Communities\nService Director, Children's Social Care")
    dialog.contact_name.setText("A. Officer")
    dialog.contact_email.setText("a.officer@example.gov.uk")
    dialog.location.setText("Children's Services shared drive, caseload returns")


def test_a_profile_makes_the_paper_from_data_alone_complete_but_for_the_date(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    dialog = ProfileDialog(window.session.profile, window)
    fill(dialog)
    window.apply_profile(dialog.profile())
    window.open_paths([write_openpyxl(shape_worker_long(), tmp_path / "workers.xlsx")])
    qtbot.waitUntil(lambda: not window.runner.is_busy() and not window.dataset.is_empty(), timeout=15_000)
    draft = window.session.draft
    assert draft.header.council == "Wenmoor County Council"
    assert draft.header.committee == "Children and Young People Committee"
    assert draft.header.from_name.splitlines() == [
        "Executive Director, People and Communities",
        "Service Director, Children's Social Care",
    ]
    assert draft.contact.name == "A. Officer" and draft.recommendations and draft.key_issue_sentences
    assert "December 2017" in draft.header.purpose
    gaps = [f.where for f in draft_gaps(draft)]
    assert gaps == ["Header: Date"]  # the one thing neither the data nor the profile can know
    # Kept for next time, and shared as a file.
    assert CouncilProfile.load(window.profile_path) == window.session.profile


def test_a_profile_is_exported_and_imported_as_a_file(qtbot, window: MainWindow, tmp_path: Path) -> None:
    dialog = ProfileDialog(CouncilProfile(), window)
    qtbot.addWidget(dialog)
    fill(dialog)
    assert dialog.export_to(tmp_path / "shared.json")
    colleague = ProfileDialog(CouncilProfile(), window)
    qtbot.addWidget(colleague)
    assert colleague.import_from(tmp_path / "shared.json")
    assert colleague.profile() == dialog.profile()
    (tmp_path / "broken.json").write_text('{"format": "something else"}', encoding="utf-8")
    assert not colleague.import_from(tmp_path / "broken.json")
    assert "not a Caseload Reporter council profile" in colleague.problem.text()
    with pytest.raises(ProfileError):
        CouncilProfile.from_json({"format": "caseload-reporter-council-profile", "version": 1, "committees": "x"})
