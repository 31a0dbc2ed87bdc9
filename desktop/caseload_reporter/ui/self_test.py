"""``caseload-reporter --self-test``: prove an installed copy works, headless and offline.

Run after installing (by the package test, or by an IT department checking a deployment): with the
network guard on and Qt's offscreen platform, it opens the real main window on the sample council,
exports the committee report through the Report page's own export, checks the file for accessibility,
and exits 0 only if every step worked. It writes nothing outside a temporary folder: the window's
settings and autosave go there too, so an officer's own settings are never touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

EXIT_OK, EXIT_FAILED = 0, 1


class SelfTestFailed(RuntimeError):
    """One step did not work; the message says which and why, in one sentence."""


def _wait(app, condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise SelfTestFailed(f"{what} did not finish within {seconds:.0f} seconds.")
        app.processEvents()
        time.sleep(0.01)


def run_self_test(out: Callable[[str], None] = print) -> int:
    """Every step, printed as it passes; the first failure is printed and the exit code is 1."""
    from caseload_reporter.core.offline import install_network_guard

    install_network_guard()
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # headless, whatever display there is
    with tempfile.TemporaryDirectory(prefix="caseload-self-test-") as folder:
        try:
            _steps(Path(folder), out)
        except SelfTestFailed as problem:
            out(f"FAILED: {problem}")
            return EXIT_FAILED
        except Exception as problem:  # a broken installation: a module or library missing from the bundle
            out(f"FAILED: the installation is incomplete or damaged ({type(problem).__name__}: {problem}).")
            return EXIT_FAILED
    out("Self-test passed.")
    return EXIT_OK


def _steps(folder: Path, out: Callable[[str], None]) -> None:
    from PySide6.QtCore import QSettings

    from caseload_reporter import __version__
    from caseload_reporter.reading.security import check_xml_safety
    from caseload_reporter.reporting.accessibility import check_document
    from caseload_reporter.reporting.accessibility_findings import Finding

    started = time.perf_counter()
    check_xml_safety()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "settings"))
    from caseload_reporter.ui.app import ensure_application
    from caseload_reporter.ui.main_window import MainWindow

    app = ensure_application()
    out(f"Caseload Reporter {__version__}, Python {sys.version.split()[0]}; network guard on.")
    window = MainWindow(data_dir=folder / "data")
    window.show()
    window.open_sample()
    _wait(app, lambda: not window.runner.is_busy(), 60, "Opening the sample council")
    dataset = window.dataset
    if dataset.is_empty():
        raise SelfTestFailed("The sample council did not open: " + window.message_strip.text())
    teams = dataset.caseloads["team"].nunique()
    took = time.perf_counter() - started
    out(f"Sample council opened: {len(dataset.periods())} periods, {teams} teams ({took:.1f} s).")

    target = folder / "self-test report.docx"
    export = window.report_page.export
    noted: list[str] = []

    def note_findings(findings: Sequence[Finding], skipped: Sequence[str] = ()) -> bool:
        noted.extend(str(f) for f in findings)
        return True

    export.choose_path = lambda: target  # type: ignore[method-assign]  # the self-test answers this dialog
    export.ask_findings = note_findings  # type: ignore[method-assign]  # the self-test answers this dialog
    export.open_in_word = lambda path: None  # type: ignore[method-assign]  # the self-test answers this dialog
    window.show_report_page()
    window.export_action.trigger()
    _wait(app, lambda: not window.runner.is_busy(), 120, "Exporting the report")
    report = export.last_report
    if report is None or not target.is_file():
        raise SelfTestFailed("The report was not exported: " + window.report_page.message.text())
    out(f"Report exported: {report.figures} figures, {report.tables} tables, {target.stat().st_size:,} bytes.")

    import docx

    problems = [f for f in check_document(docx.Document(str(target))) if f.severity == "error"]
    if problems or noted:
        raise SelfTestFailed(f"The exported report has accessibility problems: {(problems or noted)[0]}")
    out("Accessibility check of the exported file: no errors.")
    window.close()
    window.runner.shutdown()
    out(f"All steps took {time.perf_counter() - started:.1f} s.")
