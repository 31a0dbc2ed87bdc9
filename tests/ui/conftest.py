"""Fixtures shared by the user-interface tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseload_reporter.ui.main_window import MainWindow
from caseload_reporter.ui.style import install


@pytest.fixture(autouse=True, scope="session")
def _app_style(qapp) -> None:
    """The focus ring and keyboard rules the app installs at start-up (ui.app.ensure_application)."""
    install(qapp)


@pytest.fixture
def sample_on_report_page(qtbot, tmp_path: Path) -> MainWindow:
    """The real window with the sample council open and the Report page showing."""
    win = MainWindow(data_dir=tmp_path / "data")
    qtbot.addWidget(win)
    win.show()
    win.open_sample()
    qtbot.waitUntil(lambda: not win.runner.is_busy() and not win.dataset.is_empty(), timeout=30_000)
    win.show_report_page()
    yield win
    win.runner.shutdown()
