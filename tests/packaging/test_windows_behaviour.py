"""What the app does differently on Windows, tested here as far as Linux allows.

- Word keeps an open document locked, so Windows refuses to replace it; a virus scanner or OneDrive
  does the same for a moment after a file is written. The refusal is simulated where Windows would
  raise it (replacing the target), since nothing on Linux, least of all as root, refuses it.
  tests/ui/test_report_export_flow.py covers the export's Retry question; here: the brief refusal
  waited out without asking, and a project file held open.
- Officers' folders have spaces and letters outside ASCII, and IT often moves Documents into
  OneDrive; Qt follows Windows' known folders there and the XDG user folders here.
- Paths of 260 characters or more, which Windows refuses unless long paths are switched on for the
  machine: the extended-length form is checked as text, and the app's own writing end to end.
- Settings, logs and autosave in the per-user local data folder (%LOCALAPPDATA% on Windows).

What only Windows can show (the frozen app, Word's real lock, Qt's known-folder lookup) is left to
.github/workflows/windows-installer.yml; the README says which is which.
"""

from __future__ import annotations

import errno
import logging
import pathlib
import time
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import QSettings, QStandardPaths

from caseload_reporter import APP_NAME, ORG_NAME
from caseload_reporter.core.atomic_write import REPLACE_PAUSES_S, TargetLocked, write_text_atomically
from caseload_reporter.core.paths import long_path_form
from caseload_reporter.reporting.project_file import load_project
from caseload_reporter.ui.app import use_settings_file, user_data_dir
from caseload_reporter.ui.error_reporting import LOG_FILE_NAME, configure_logging
from caseload_reporter.ui.main_window import MainWindow
from caseload_reporter.ui.report_export import LAST_FOLDER_KEY, documents_folder

OFFICER = "Zoë Ó Briain-Łukasiewicz"  # a profile folder with a space and letters Windows-1252 lacks
ONEDRIVE = "OneDrive - Wenmoor County Council"
SHARING_VIOLATION = "The process cannot access the file because it is being used by another process"


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:
    """The real window on the sample council, showing the Report page."""
    win = MainWindow(data_dir=tmp_path / "data")
    qtbot.addWidget(win)
    win.show()
    win.open_sample()
    qtbot.waitUntil(lambda: not win.runner.is_busy() and not win.dataset.is_empty(), timeout=30_000)
    win.show_report_page()
    yield win
    win.runner.shutdown()


def idle(qtbot, win: MainWindow) -> None:
    qtbot.waitUntil(lambda: not win.runner.is_busy(), timeout=60_000)


class HeldOpen:
    """Makes replacing ``target`` fail as Windows fails it while another program has the file open."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, target: Path, times: int | None = None) -> None:
        self.target, self.left, self.refused = target, times, 0
        real = pathlib.Path.replace

        def replace(source: Path, other: Path) -> Path:
            if Path(other) == self.target and (self.left is None or self.left > 0):
                self.refused += 1
                self.left = None if self.left is None else self.left - 1
                raise PermissionError(errno.EACCES, SHARING_VIOLATION, str(other))
            return real(source, other)

        monkeypatch.setattr(pathlib.Path, "replace", replace)

    def close(self) -> None:
        self.left = 0


def officer_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / OFFICER
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    return home


# -- a file held open -----------------------------------------------------------------------------------
def test_a_brief_refusal_is_waited_out_and_a_lasting_one_reported_with_nothing_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "thresholds.json"
    target.write_text("the file as it was", encoding="utf-8")
    scanner = HeldOpen(monkeypatch, target, times=len(REPLACE_PAUSES_S))  # a virus scanner, then free
    write_text_atomically(target, "new")
    assert target.read_text(encoding="utf-8") == "new" and scanner.refused == len(REPLACE_PAUSES_S)

    HeldOpen(monkeypatch, target)  # Word: open until the officer closes it
    started = time.perf_counter()
    with pytest.raises(TargetLocked) as caught:
        write_text_atomically(target, "newer")
    assert time.perf_counter() - started >= sum(REPLACE_PAUSES_S)
    assert str(caught.value) == f"[Errno 13] thresholds.json is open in another program: '{target}'"
    assert target.read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["thresholds.json"]  # no temporary file left


def test_an_export_over_a_report_a_scanner_holds_for_a_moment_saves_without_asking(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.docx"
    target.write_bytes(b"last month's report")
    scanner = HeldOpen(monkeypatch, target, times=2)
    export = window.report_page.export
    export.choose_path = lambda: target
    export.ask_findings = lambda findings, skipped=(): True
    asked = []
    export.ask_retry = lambda path: asked.append(path) or False
    export.export()
    idle(qtbot, window)
    assert asked == [] and scanner.refused == 2
    assert docx.Document(str(target)).core_properties.title == window.report_page.draft.header.title


def test_a_project_file_held_open_is_not_replaced_and_the_draft_is_kept(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    projects, page = window.projects, window.report_page
    target = tmp_path / "March committee.crproject"
    assert projects.save_to(target)
    saved = target.read_bytes()
    page.draft.header.title = "Caseloads: March, revised"
    before = page.draft.to_json()
    word = HeldOpen(monkeypatch, target)
    assert not projects.save_to(target)
    assert page.message.text() == (
        "Problem: March committee.crproject is open in another program; close it there and save again."
    )
    assert target.read_bytes() == saved and page.draft.to_json() == before
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".crproject"] == [target.name]
    word.close()
    assert projects.save_to(target)
    assert load_project(target).draft.header.title == "Caseloads: March, revised"


# -- folders: spaces, other alphabets, OneDrive, long paths ------------------------------------------------
def test_reports_and_projects_are_first_offered_in_documents_even_when_it_is_in_onedrive(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = officer_home(tmp_path, monkeypatch)
    documents = home / ONEDRIVE / "Documents"
    documents.mkdir(parents=True)
    (home / ".config").mkdir()
    (home / ".config" / "user-dirs.dirs").write_text(
        f'XDG_DOCUMENTS_DIR="$HOME/{ONEDRIVE}/Documents"\n', encoding="utf-8"
    )
    window.report_page.draft.header.title = "Caseloads: March / April?"
    QStandardPaths.setTestModeEnabled(False)  # test mode pins Documents to ~/Documents
    try:
        assert documents_folder() == documents
        assert window.report_page.export.start_path() == documents / "Caseloads March April.docx"
        (documents / "Committee papers").mkdir()
        QSettings().setValue(LAST_FOLDER_KEY, str(documents / "Committee papers"))
        assert window.report_page.export.start_path().parent == documents / "Committee papers"
    finally:
        QStandardPaths.setTestModeEnabled(True)
    (home / ".config" / "user-dirs.dirs").unlink()
    QStandardPaths.setTestModeEnabled(False)
    try:
        assert documents_folder() == home  # no Documents folder at all: the home folder
    finally:
        QStandardPaths.setTestModeEnabled(True)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("C:\\Users\\x\\" + "d" * 200 + "\\r.docx", "\\\\?\\C:\\Users\\x\\" + "d" * 200 + "\\r.docx"),
        ("C:/Users/x/" + "d" * 200 + "/../r.docx", "\\\\?\\C:\\Users\\x\\r.docx"),  # that form takes no / or ..
        ("\\\\council-fs01\\Social Care\\" + "d" * 200, "\\\\?\\UNC\\council-fs01\\Social Care\\" + "d" * 200),
        ("\\\\?\\C:\\" + "d" * 300, "\\\\?\\C:\\" + "d" * 300),  # already in that form
        ("C:\\Users\\x\\report.docx", "C:\\Users\\x\\report.docx"),  # short enough for any Windows
        ("relative\\" + "d" * 250, "relative\\" + "d" * 250),  # not absolute: left alone
    ],
)
def test_long_windows_paths_get_the_extended_length_form(path: str, expected: str) -> None:
    assert long_path_form(path, windows=True) == expected
    assert long_path_form(path, windows=False) == path


def test_a_report_and_a_project_go_to_a_path_longer_than_windows_limit(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = officer_home(tmp_path, monkeypatch) / ONEDRIVE / "Documents"
    for part in (
        "Children's Services – Committee papers",
        "2025-26 Quarter 3 (October to December)",
        "Scrutiny panel, Corporate Parenting Board and Cabinet – drafts and final versions",
    ):
        folder /= part
    target = folder / "Caseloads and staffing – the position at the end of December, for Cabinet.docx"
    on_windows = "C:\\Users" + str(target)[len(str(tmp_path)) :].replace("/", "\\")
    assert len(on_windows) >= 260, on_windows
    export = window.report_page.export
    export.choose_path = lambda: target
    export.ask_findings = lambda findings, skipped=(): True
    export.export()
    idle(qtbot, window)
    assert export.last_saved == target, window.report_page.message.text()
    assert docx.Document(str(target)).core_properties.title == window.report_page.draft.header.title
    project = target.with_suffix(".crproject")
    assert window.projects.save_to(project)
    assert load_project(project).draft.header.title == window.report_page.draft.header.title
    assert sorted(p.name for p in folder.iterdir()) == sorted([target.name, project.name])


# -- the per-user local data folder ------------------------------------------------------------------------
def test_settings_logs_and_autosave_go_to_the_per_user_local_data_folder(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Windows Qt's local data folders are %LOCALAPPDATA%\\ORG\\APP and %LOCALAPPDATA% (GenericDataLocation):
    the settings go beside the data folder there, not into the registry. The same rule runs here in an
    officer's folder with a space and non-ASCII letters."""
    officer_home(tmp_path, monkeypatch)
    data = user_data_dir()
    local = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation))
    assert data == local / ORG_NAME / APP_NAME and OFFICER in str(data)
    settings_file = use_settings_file(windows=True)
    assert settings_file == local / ORG_NAME / f"{APP_NAME}.ini"
    QSettings().setValue("report/export_folder", str(Path.home() / ONEDRIVE / "Documents"))
    QSettings().sync()
    assert f"{ONEDRIVE}" in settings_file.read_text(encoding="utf-8")

    logger = logging.getLogger("caseload_reporter")
    handlers = list(logger.handlers)
    log_file = configure_logging(data / "logs")
    logging.getLogger("caseload_reporter.test").warning("opened Łódź – Ŵyr caseloads.xlsx")
    for handler in set(logger.handlers) - set(handlers):
        handler.close()
        logger.removeHandler(handler)
    assert log_file == data / "logs" / LOG_FILE_NAME
    assert "opened Łódź – Ŵyr caseloads.xlsx" in log_file.read_text(encoding="utf-8")

    win = MainWindow(data_dir=data)
    qtbot.addWidget(win)
    qtbot.wait(10)  # the start-up offer of last time's autosave runs, and finds none
    win.report_page.draft.header.title = "Caseloads – Siân's draft"
    win.autosave.mark_changed()
    assert win.autosave.save_now()
    assert win.autosave.path.parent == data and win.autosave.path.is_file()
    win.autosave.discard()
    win.runner.shutdown()
