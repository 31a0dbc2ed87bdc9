"""Starting the application: names, logging, the crash dialog, the main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QStandardPaths, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from caseload_reporter import APP_NAME, ORG_NAME, __version__
from caseload_reporter.core.paths import resources_dir
from caseload_reporter.reading.security import check_xml_safety
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


def run_app(files: list[Path], open_sample: bool, exit_when_shown: bool = False) -> int:
    """The window, on ``files`` or the sample council. ``exit_when_shown`` quits after the first paint,
    printing "Window shown.", so the packaging test can time a frozen build's start-up."""
    app = ensure_application()
    from caseload_reporter.ui.error_reporting import capture_console_output, configure_logging, install_excepthook
    from caseload_reporter.ui.main_window import MainWindow

    data_dir = user_data_dir()
    use_settings_file()
    log_dir = data_dir / "logs"
    configure_logging(log_dir)
    capture_console_output(log_dir)
    try:
        check_xml_safety()
    except RuntimeError as problem:
        log.error("%s", problem)
        QMessageBox.critical(None, APP_NAME, str(problem))
        return 1
    window = MainWindow(data_dir=data_dir)
    install_excepthook(log_dir, lambda: window)
    if exit_when_shown:
        window.installEventFilter(_QuitOnFirstPaint(window))
    window.show()
    log.info("%s %s started", APP_NAME, __version__)
    if files:
        window.open_paths(files)
    elif open_sample:
        window.open_sample()
    code = app.exec()
    window.runner.shutdown()
    return code


class _QuitOnFirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print("Window shown.", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False
