"""The built wheel carries resources and templates and works from a fresh virtual environment.

The wheel is installed without dependencies into a new venv; the dev environment's
site-packages is added *after* it (a plain path in a .pth file, so the checkout's editable
install is not picked up). The run happens outside the checkout, so only the wheel's own
copy of the package and its resources can be found.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("caseload_reporter-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    env_dir = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    purelib = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    # pip from the dev environment installs the wheel into the new environment.
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            "--no-compile",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    (purelib / "zz_dev_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return env_dir


def test_wheel_contains_resources_and_templates(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "caseload_reporter/_data/resources/sample/sample_council_caseloads.xlsx" in names
    assert "caseload_reporter/_data/resources/sample/sample_council.json" in names
    assert any(n.startswith("caseload_reporter/_data/templates/") for n in names)
    assert "caseload_reporter/_data/resources/guide/index.html" in names  # Help > User guide
    assert any(n.startswith("caseload_reporter/_data/resources/guide/images/") for n in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[gui_scripts]" in text and "caseload-reporter = caseload_reporter.cli:main" in text


def script(env_dir: Path, name: str) -> Path:
    return env_dir / ("Scripts" if sys.platform == "win32" else "bin") / name


def test_version_and_help_from_the_installed_command(installed: Path, tmp_path: Path) -> None:
    from caseload_reporter import __version__

    version = subprocess.run(
        [str(script(installed, "caseload-reporter")), "--version"], cwd=tmp_path, capture_output=True, text=True
    )
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"Caseload Reporter {__version__}"
    shown = subprocess.run(
        [str(script(installed, "caseload-reporter")), "--help"], cwd=tmp_path, capture_output=True, text=True
    )
    assert shown.returncode == 0 and "inspect" in shown.stdout and "--sample" in shown.stdout


def test_installed_package_finds_its_own_resources(installed: Path, tmp_path: Path) -> None:
    python = script(installed, "python")
    probe = (
        "import json, caseload_reporter\n"
        "from caseload_reporter.core.paths import data_root\n"
        "from caseload_reporter.core.sample import sample_council\n"
        "print(json.dumps({'package': caseload_reporter.__file__, 'data': str(data_root()),"
        " 'sample': str(sample_council().workbook), 'exists': sample_council().workbook.exists()}))\n"
    )
    result = subprocess.run([str(python), "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=True)
    found = json.loads(result.stdout)
    assert found["package"].startswith(str(installed))
    assert found["data"].startswith(str(installed))
    assert found["exists"]
    assert not found["sample"].startswith(str(ROOT))


def test_installed_command_imports_the_sample(installed: Path, tmp_path: Path) -> None:
    python = script(installed, "python")
    find = subprocess.run(
        [str(python), "-c", "from caseload_reporter.core.sample import sample_council as s; print(s().workbook)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    result = subprocess.run(
        [str(script(installed, "caseload-reporter")), "inspect", find.stdout.strip(), "--json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    sheets = {s["name"]: s for s in report["files"][0]["sheets"]}
    assert sheets["Caseloads"]["layout"] == "long" and sheets["Caseloads"]["records"] > 20_000


def self_test(env_dir: Path, cwd: Path) -> subprocess.CompletedProcess:
    """The installed command's --self-test, with no display at all: it must choose offscreen itself."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run(
        [str(script(env_dir, "caseload-reporter")), "--self-test"],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_self_test_of_the_installed_copy_opens_exports_and_checks(installed: Path, tmp_path: Path) -> None:
    result = self_test(installed, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert "network guard on" in lines[0]
    assert any(line.startswith("Sample council opened: 104 periods, 30 teams") for line in lines)
    assert any(line.startswith("Report exported: ") for line in lines)
    assert lines[-1] == "Self-test passed."
    assert not list(tmp_path.iterdir())  # nothing written where it was run from


def test_self_test_fails_in_one_line_when_the_installed_sample_is_damaged(
    installed: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    broken = tmp_path_factory.mktemp("broken-venv")
    shutil.copytree(installed, broken, dirs_exist_ok=True, symlinks=True)
    (sample,) = broken.rglob("_data/resources/sample/sample_council_caseloads.xlsx")
    sample.write_bytes(b"not a workbook")
    # The venv's scripts name their interpreter by absolute path: run the copy's module directly.
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    result = subprocess.run(
        [str(script(broken, "python")), "-m", "caseload_reporter", "--self-test"],
        cwd=tmp_path_factory.mktemp("run"),
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith("FAILED: The sample council did not open")
    assert "Traceback" not in result.stdout + result.stderr
