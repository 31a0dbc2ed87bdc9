"""The Linux build, made once per test run and shared by the modules that need it.

``test_linux_packages`` installs and runs its tarball and .deb; ``test_windows_installer`` builds the
Windows installer's stand-in payload from its bundle's file list (the real Windows bundle can only be
frozen on Windows).
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from caseload_reporter import __version__

ROOT = Path(__file__).resolve().parent.parent.parent
APP = "caseload-reporter"


@dataclass(frozen=True)
class LinuxBuild:
    tarball: Path
    deb: Path
    bundle: Path
    log: str


@pytest.fixture(scope="session")
def linux_build(tmp_path_factory: pytest.TempPathFactory) -> LinuxBuild:
    """``packaging/build.py`` run as the README's ``package`` command runs it."""
    out = tmp_path_factory.mktemp("packages")
    result = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build.py"), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, f"packaging/build.py failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    (tarball,) = out.glob(f"{APP}-{__version__}-linux-x86_64.tar.gz")
    (deb,) = out.glob(f"{APP}_{__version__}_amd64.deb")
    bundle = out / "pyinstaller" / "dist" / APP
    assert (bundle / APP).is_file(), f"the one-folder bundle is not where build.py leaves it: {bundle}"
    return LinuxBuild(tarball, deb, bundle, result.stdout)


@pytest.fixture(scope="session")
def linux_bundle(linux_build: LinuxBuild) -> Path:
    """The PyInstaller one-folder bundle the packages were made from."""
    return linux_build.bundle
