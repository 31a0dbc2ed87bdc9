"""The Linux packages, built here from the repository by the README's command, install and work.

``packaging/build.py`` runs PyInstaller on the spec and makes the portable tarball and the .deb; the
tests unpack each into a temporary root (``dpkg-deb -x``: no system change, no root needed) and run
the frozen app there, headless, with a throwaway home folder so nothing of the developer's is read
or written. The frozen ``--self-test`` opens the sample council in the real window, exports the
report and checks it, with the network guard on.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from benchmarks.bench_start import TARGET_RATIO, compare
from caseload_reporter import __version__

ROOT = Path(__file__).resolve().parent.parent.parent
APP = "caseload-reporter"
BUDGET_BYTES = 120 * 1024 * 1024  # the 120 MB, counted generously as MiB
WINDOW_BUDGET_S = 2.0
START_RATIO_MARGIN = 2.5  # the target is 2 (tests/benchmarks/test_start_speed.py); a loaded CI machine is noisy

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux packages are built on Linux"),
]


@dataclass(frozen=True)
class Built:
    tarball: Path
    deb: Path
    log: str


@pytest.fixture(scope="module")
def built(linux_build) -> Built:
    """The build tests/packaging/conftest.py makes once for the run (the Windows installer test uses it too)."""
    return Built(linux_build.tarball, linux_build.deb, linux_build.log)


def clean_env(home: Path) -> dict[str, str]:
    """No display, a fresh home and data folders: what a first run on a new account sees."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / ".local/share"), XDG_CONFIG_HOME=str(home / ".config"))
    env.pop("PYTHONPATH", None)
    return env


def run_frozen(exe: Path, args: list[str], home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    home.mkdir(parents=True, exist_ok=True)
    return subprocess.run(
        [str(exe), *args],
        capture_output=True,
        text=True,
        timeout=180,
        env=clean_env(home) | env,
        cwd=home,
        check=False,
    )


def assert_self_test_passes(exe: Path, home: Path) -> None:
    result = run_frozen(exe, ["--self-test"], home)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "network guard on" in result.stdout
    assert "Accessibility check of the exported file: no errors." in result.stdout
    assert result.stdout.rstrip().endswith("Self-test passed.")
    assert "Traceback" not in result.stdout + result.stderr


@pytest.fixture(scope="module")
def deb_root(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("deb-root")
    subprocess.run(["dpkg-deb", "-x", str(built.deb), str(root)], check=True)
    return root


@pytest.fixture(scope="module")
def unpacked(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tarball unpacked where an officer might put it: a folder name with a space in it."""
    place = tmp_path_factory.mktemp("portable") / "My Apps"
    with tarfile.open(built.tarball) as archive:
        archive.extractall(place, filter="tar")
    return place / f"{APP}-{__version__}-linux-x86_64"


def test_the_deb_declares_itself_and_installs_a_command_menu_entry_and_file_type(built: Built, deb_root: Path) -> None:
    def field(name: str) -> str:
        return subprocess.run(
            ["dpkg-deb", "-f", str(built.deb), name], capture_output=True, text=True, check=True
        ).stdout.strip()

    assert field("Package") == APP
    assert field("Version") == __version__
    assert field("Architecture") == "amd64"
    depends = field("Depends")
    for library in ("libc6 (>= ", "libegl1", "libxkbcommon-x11-0", "libxcb-cursor0", "libfontconfig1"):
        assert library in depends

    command = deb_root / "usr/bin" / APP
    assert command.is_symlink() and str(command.readlink()) == f"/opt/{APP}/{APP}"
    assert os.access(deb_root / f"opt/{APP}/{APP}", os.X_OK)
    desktop = (deb_root / f"usr/share/applications/{APP}.desktop").read_text()
    assert f"Exec=/opt/{APP}/{APP} %F" in desktop
    assert "MimeType=application/x-caseload-reporter-project;" in desktop
    assert '<glob pattern="*.crproject"/>' in (deb_root / f"usr/share/mime/packages/{APP}.xml").read_text()
    assert (deb_root / f"usr/share/icons/hicolor/256x256/apps/{APP}.png").read_bytes()[:4] == b"\x89PNG"
    licences = deb_root / f"opt/{APP}/licences"
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (licences / "PySide6-Essentials/LGPL-3.0.txt").read_text()
    assert (licences / "pandas/LICENSE").is_file() and (licences / "Python/Python-PSF-2.0.txt").is_file()


def test_the_app_installed_from_the_deb_passes_its_self_test(deb_root: Path, tmp_path: Path) -> None:
    assert_self_test_passes(deb_root / f"opt/{APP}/{APP}", tmp_path / "home")


def test_the_portable_tarball_runs_from_wherever_it_is_unpacked(unpacked: Path, tmp_path: Path) -> None:
    exe = unpacked / APP
    assert_self_test_passes(exe, tmp_path / "home")
    version = run_frozen(exe, ["--version"], tmp_path / "home")
    assert version.stdout.strip() == f"Caseload Reporter {__version__}"
    sample = next((unpacked / "_internal").rglob("resources/sample/*.xlsx"))
    inspected = run_frozen(exe, ["inspect", "--json", str(sample)], tmp_path / "home")
    assert inspected.returncode == 0, inspected.stderr
    (report,) = json.loads(inspected.stdout)["files"]
    assert report["ok"] and sum(sheet["records"] for sheet in report["sheets"]) > 0


def test_the_user_guide_and_its_pictures_ship_in_the_bundle(unpacked: Path) -> None:
    """Help > User guide reads the guide from the bundle's resources, offline: every picture it shows is there."""
    (guide,) = (unpacked / "_internal").rglob("resources/guide/index.html")
    pictures = re.findall(r'<img src="([^"]+)"', guide.read_text(encoding="utf-8"))
    assert pictures and all((guide.parent / src).is_file() for src in pictures)


def test_the_portable_menu_entry_points_at_the_unpacked_folder_and_comes_off_again(
    unpacked: Path, tmp_path: Path
) -> None:
    data = tmp_path / "share"
    env = clean_env(tmp_path) | {"XDG_DATA_HOME": str(data)}
    subprocess.run(["sh", str(unpacked / "install-menu-entry.sh")], check=True, env=env, capture_output=True)
    desktop = (data / f"applications/{APP}.desktop").read_text()
    assert f'Exec="{unpacked}/{APP}" %F' in desktop
    assert (data / f"icons/hicolor/256x256/apps/{APP}.png").is_file()
    subprocess.run(
        ["sh", str(unpacked / "install-menu-entry.sh"), "--remove"], check=True, env=env, capture_output=True
    )
    assert not (data / f"applications/{APP}.desktop").exists()


def test_both_packages_are_within_the_size_budget(built: Built) -> None:
    for package in (built.tarball, built.deb):
        size = package.stat().st_size
        print(f"{package.name}: {size / 1e6:.1f} MB")
        assert size <= BUDGET_BYTES, f"{package.name} is {size / 1e6:.1f} MB"


def test_the_frozen_window_is_shown_within_two_seconds(unpacked: Path, tmp_path: Path) -> None:
    """From launching the process to the main window's first paint, offscreen (CI has no screen), in turn
    with a bare PySide6 window (this Python's, as no frozen one is built) so the ratio is reported too."""
    timings = compare(runs=5, app=unpacked / APP)
    print(timings.report("frozen window painted"))
    assert statistics.median(timings.app) <= WINDOW_BUDGET_S, timings.report()
    assert timings.ratio <= START_RATIO_MARGIN, (
        f"the frozen window took {timings.ratio:.2f} times a bare PySide6 window to paint "
        f"(target {TARGET_RATIO:g}, allowed {START_RATIO_MARGIN} on a loaded machine):\n{timings.report()}"
    )


def test_a_damaged_install_fails_its_self_test_in_one_sentence(unpacked: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged"
    shutil.copytree(unpacked, damaged, symlinks=True)
    shutil.rmtree(next(damaged.rglob("resources/sample")))
    result = run_frozen(damaged / APP, ["--self-test"], tmp_path / "home")
    assert result.returncode == 1
    (failure,) = [line for line in result.stdout.splitlines() if line.startswith("FAILED:")]
    assert "sample" in failure.lower()
    assert "Traceback" not in result.stdout + result.stderr
