"""The published statistics shipped with the app carry their Open Government Licence attribution: in Help >
About, with the licence in full, and in the licences folder a package carries."""

from __future__ import annotations

from pathlib import Path

from caseload_reporter.core.licences import shipped, write_licence_folder
from caseload_reporter.core.paths import resources_dir
from caseload_reporter.ui.about_dialog import AboutDialog

ATTRIBUTION = "Contains public sector information licensed under the Open Government Licence v3.0"


def test_about_names_the_statistics_and_their_licence(qtbot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    text = dialog.text.toPlainText()
    assert ATTRIBUTION in text and "Department for Education" in text
    assert "workforce 2017 to 2025; neighbours model 2025" in text  # the release, where a library has its version
    names = [dialog.library.itemText(i) for i in range(dialog.library.count())]
    dialog.library.setCurrentIndex(next(i for i, n in enumerate(names) if n.startswith("Department for Education")))
    shown = dialog.licence.toPlainText()
    assert "Open Government Licence v3.0" in shown and "You are free to:" in shown  # the licence in full
    assert "csww_indicators_2017_to_2025.csv" in shown and "sn_model_2025_wide.csv" in shown


def test_the_licences_folder_holds_the_open_government_licence_and_the_attribution(tmp_path: Path) -> None:
    written = write_licence_folder(tmp_path, frozen=True)
    folder = tmp_path / "DfE-statistics"
    assert {folder / "OGL-UK-3.0.txt", folder / "DfE-statistics-NOTICE.txt"} <= set(written)
    assert (folder / "OGL-UK-3.0.txt").read_text(encoding="utf-8").startswith("Open Government Licence v3.0")
    assert ATTRIBUTION in (folder / "DfE-statistics-NOTICE.txt").read_text(encoding="utf-8")
    # Every file the notice names is really shipped.
    for name in ("csww_indicators_2017_to_2025.csv", "sn_model_2025_wide.csv"):
        assert (resources_dir() / "benchmarks" / name).is_file()
    assert any(item.folder == "DfE-statistics" for item in shipped(frozen=False))  # a wheel carries it too
