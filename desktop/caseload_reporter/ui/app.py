"""Starting the application: names, logging, the crash dialog, the main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from caseload_reporter import APP_NAME, ORG_NAME, __version__
from caseload_reporter.core.paths import resources_dir
from caseload_reporter.ui.style import install as install_style

log = logging.getLogger(__name__)


def ensure_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, named before any QSettings is made (settings paths derive from it)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):  # None until the first call (nothing here makes a plain QCoreApplication)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    QApplication.setOrganizationName(ORG_NAME)
    QApplication.setApplicationName(APP_NAME)
    QApplication.setApplicationVersion(__version__)
    install_style(app)  # the focus ring and keyboard rules, before the first widget is made
    icon = resources_dir() / "icons" / "caseload-reporter.png"
    if icon.exists():
        QApplication.setWindowIcon(QIcon(str(icon)))
    return app


def user_data_dir() -> Path:
    """Per-user data: logs, autosaves, remembered mappings. Created on first use."""
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def use_settings_file(windows: bool = sys.platform == "win32") -> Path:
    """Where the settings are kept, made so on Windows: an INI file beside the user data folder,
    ``%LOCALAPPDATA%\\Caseload Reporter\\Caseload Reporter.ini``, with the logs and autosave, instead of Qt's
    default there, the registry, which the uninstaller does not know and an officer cannot copy to a new
    laptop. Elsewhere Qt's own place is kept (~/.config on Linux)."""
    if windows:
        local = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, local)
    return Path(QSettings().fileName())


def run_app(files: list[Path], open_sample: bool, exit_when_shown: bool = False, exit_when_ready: bool = False) -> int:
    """The window, on ``files`` (the sample council if none, or if ``open_sample``); or, if a window is
    already open for this user, ``files`` (or the sample, only if ``open_sample``) handed to it
    (``ui.single_instance``). ``exit_when_shown`` and ``exit_when_ready`` quit after the first paint or
    once the data is open, so the start-up benchmark and the packaging test can time them."""
    app = ensure_application()
    from caseload_reporter.ui.error_reporting import capture_console_output, configure_logging, install_excepthook
    from caseload_reporter.ui.single_instance import InstanceRequest, NotAnswering
    from caseload_reporter.ui.start_up import open_window

    data_dir = user_data_dir()
    use_settings_file()
    log_dir = data_dir / "logs"
    configure_logging(log_dir)
    capture_console_output(log_dir)
    # Made absolute here: the window already open may have started in another folder.
    request = InstanceRequest([Path(f).absolute() for f in files], sample=open_sample)
    try:
        opened = open_window(data_dir, request, exit_when_shown, exit_when_ready)
    except (NotAnswering, OSError) as problem:
        text = f"{problem} {NOT_ANSWERING_ADVICE}" if isinstance(problem, NotAnswering) else str(problem)
        log.error("Not started: %s", text)
        QMessageBox.critical(None, APP_NAME, text)
        return 1
    if opened is None:
        log.info("Handed %d file(s) to the window already open.", len(request.files))
        print(HANDED_OVER, flush=True)
        return 0
    window, instance = opened
    install_excepthook(log_dir, lambda: window)
    log.info("%s %s started", APP_NAME, __version__)
    code = app.exec()
    window.runner.shutdown()
    instance.release()
    return code


HANDED_OVER = "Caseload Reporter is already open: what you asked for opens in that window."
NOT_ANSWERING_ADVICE = "Close it (or end it in Task Manager) and start Caseload Reporter again."
