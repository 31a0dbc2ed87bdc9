"""Suite-wide set-up: offscreen Qt, no network, and settings kept away from the developer's own.

Every test runs with the network guard on: a test (or app code under test) that tries to open
a connection fails with NetworkBlocked.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before Qt is imported anywhere
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

ROOT = Path(__file__).resolve().parent.parent
GENERATORS = ROOT / "tests" / "generators"
if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))  # so tests can import generators.*

from hypothesis import HealthCheck, settings  # noqa: E402

from caseload_reporter.core.offline import install_network_guard  # noqa: E402

install_network_guard()

# One profile for every property test: no deadline (a loaded CI machine), nothing written into the
# checkout (a failure prints its reproduce blob instead), and large generated files allowed.
settings.register_profile(
    "caseload",
    max_examples=150,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("caseload")


@pytest.fixture(autouse=True)
def _isolated_qt_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """QSettings and QStandardPaths point at a fresh temporary folder for every test."""
    from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths

    from caseload_reporter import APP_NAME, ORG_NAME

    QStandardPaths.setTestModeEnabled(True)
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    folder = tmp_path_factory.mktemp("settings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


@pytest.fixture(scope="session")
def sample_workbook() -> Path:
    from caseload_reporter.core.sample import sample_council

    return sample_council().workbook
