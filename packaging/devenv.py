#!/usr/bin/env python3
"""Set up everything Caseload Reporter needs, then open the app or run the whole test suite.

    python3 packaging/devenv.py run      # set up, then open the app on the built-in sample council
    python3 packaging/devenv.py test     # set up, then lint and run every test headless
    python3 packaging/devenv.py package  # set up, then build the Linux tarball and .deb into dist/

Needs only Python 3.11+. On Debian or Ubuntu it installs the system libraries Qt needs with
apt-get when run as root, and otherwise prints the exact apt-get line and stops. ``test`` also
installs, where it can, Wine and Inno Setup's compiler for the Windows installer test, and Xvfb, openbox
and AT-SPI for the display test (each otherwise skips and says why). Python packages
go into .venv/ beside this repository, at the versions in packaging/constraints.txt.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
CONSTRAINTS = ROOT / "packaging" / "constraints.txt"
STAMP = VENV / ".caseload-reporter-installed"

# What even offscreen Qt needs on a bare Debian 12 machine, and a font so text is drawn.
QT_OFFSCREEN_PACKAGES = [
    "libegl1",
    "libgl1",
    "libx11-6",
    "libxkbcommon0",
    "libfontconfig1",
    "libfreetype6",
    "libglib2.0-0",
    "libdbus-1-3",
    "fonts-dejavu-core",
]
# What building the Linux packages needs: PyInstaller calls objdump and objcopy, and dpkg-deb (part
# of dpkg, always on Debian) makes the .deb. The test suite builds them too.
PACKAGING_PACKAGES = ["binutils"]
# What a real display (or Xvfb) adds.
QT_DISPLAY_PACKAGES = [
    "libxkbcommon-x11-0",
    "libx11-xcb1",
    "libxcb1",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-shm0",
    "libxcb-sync1",
    "libxcb-util1",
    "libxcb-xfixes0",
    "libxcb-xkb1",
]
# The Wine test of the Windows installer (tests/packaging/test_windows_installer.py): Debian's Wine with
# 32-bit support (Inno Setup's compiler and its setup programs are 32-bit), and a virtual screen, which
# a silent setup still needs. Installed when possible; where not, that one test skips and says why.
WINE_PACKAGES = ["wine", "wine64", "wine32:i386", "xvfb", "xauth"]
# The test of every page and dialog on a real display at 100%, 125% and 150% (tests/ui/test_desktop_display.py):
# a virtual screen with Qt's X libraries, a window manager, and a screen reader's view (AT-SPI read with the
# system Python's pyatspi on a private session bus). Installed when possible; where not, it skips and says why.
DESKTOP_TEST_PACKAGES = [
    *QT_DISPLAY_PACKAGES,
    "xvfb",
    "xauth",
    "openbox",
    "dbus-x11",
    "at-spi2-core",
    "python3-pyatspi",
]
# Inno Setup's compiler from npm, at the version packaging/windows/package-lock.json pins (with its
# checksum), and the test's cached Wine prefix.
WINDOWS_TOOLS_LOCK = ROOT / "packaging" / "windows" / "package-lock.json"
WINDOWS_TOOLS = VENV / "windows-installer"
ISCC = WINDOWS_TOOLS / "node_modules" / "innosetup" / "bin" / "ISCC.exe"


def say(text: str) -> None:
    print(f"[devenv] {text}", flush=True)


def fail(text: str) -> None:
    print(f"[devenv] {text}", file=sys.stderr, flush=True)
    sys.exit(1)


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def missing_debian_packages(packages: list[str]) -> list[str]:
    """Packages dpkg does not list as installed; none when this is not a Debian-like system."""
    if not sys.platform.startswith("linux") or shutil.which("dpkg-query") is None:
        return []
    missing = []
    for package in packages:
        result = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True, check=False
        )
        if "install ok installed" not in result.stdout:
            missing.append(package)
    return missing


def apt_install(packages: list[str], why: str) -> None:
    missing = missing_debian_packages(packages)
    if not missing:
        return
    line = "apt-get install -y --no-install-recommends " + " ".join(missing)
    if not is_root():
        fail(
            f"{why} needs these system packages, which are not installed:\n    sudo apt-get update && sudo {line}\n"
            "Run that line (or ask your administrator to), then run this command again."
        )
    say(f"Installing system packages for {why}: {' '.join(missing)}")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", *line.split()[1:], "-qq"], check=True, env=env)


def note(text: str) -> None:
    say(f"Note: {text}")


def ensure_windows_installer_tools() -> None:
    """Wine, Xvfb and Inno Setup's compiler for the installer test; never stops the set-up when they cannot
    be had (not Debian, not root, no package source): the test then skips and says why."""
    if not sys.platform.startswith("linux") or shutil.which("dpkg") is None or shutil.which("apt-get") is None:
        return  # the test skips: it needs Debian's Wine
    missing = missing_debian_packages(WINE_PACKAGES)
    if missing and not is_root():
        note(
            "the Windows installer test will be skipped: it needs Wine with 32-bit support. To run it:\n"
            "    sudo dpkg --add-architecture i386 && sudo apt-get update && "
            f"sudo apt-get install -y --no-install-recommends {' '.join(missing)}"
        )
    elif missing:
        say(f"Installing Wine for the Windows installer test: {' '.join(missing)}")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        try:
            architectures = subprocess.run(
                ["dpkg", "--print-foreign-architectures"], capture_output=True, text=True, check=True
            ).stdout.split()
            if "i386" not in architectures:
                subprocess.run(["dpkg", "--add-architecture", "i386"], check=True)
            subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
            subprocess.run(
                ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], check=True, env=env
            )
        except (subprocess.CalledProcessError, OSError) as exc:
            note(f"Wine could not be installed ({exc}); the Windows installer test will be skipped.")
            return
    if shutil.which("npm") is None:
        if not is_root():
            note("the Windows installer test needs npm for Inno Setup's compiler: sudo apt-get install -y npm")
            return
        try:
            apt_install(["npm"], "Inno Setup's compiler (from npm)")
        except subprocess.CalledProcessError as exc:
            note(f"npm could not be installed ({exc}); the Windows installer test will be skipped.")
            return
    stamp = WINDOWS_TOOLS / ".lock-installed"
    lock = WINDOWS_TOOLS_LOCK.read_bytes()
    if ISCC.is_file() and stamp.exists() and stamp.read_bytes() == lock:
        return
    say("Installing Inno Setup's compiler from npm (packaging/windows/package-lock.json)")
    WINDOWS_TOOLS.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copy2(WINDOWS_TOOLS_LOCK.with_name(name), WINDOWS_TOOLS / name)
    result = subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], cwd=WINDOWS_TOOLS, check=False
    )
    if result.returncode != 0 or not ISCC.is_file():
        note("npm could not install Inno Setup's compiler; the Windows installer test will be skipped.")
        return
    stamp.write_bytes(lock)


def ensure_desktop_test_tools() -> None:
    """Xvfb, openbox and AT-SPI for the display test; never stops the set-up when they cannot be had."""
    if not sys.platform.startswith("linux") or shutil.which("apt-get") is None:
        return
    missing = missing_debian_packages(DESKTOP_TEST_PACKAGES)
    if not missing:
        return
    if not is_root():
        note(
            "the display test (every page at 100%, 125% and 150%, and a screen reader's view) will be skipped "
            f"without: sudo apt-get install -y --no-install-recommends {' '.join(missing)}"
        )
        return
    say(f"Installing the display test's tools: {' '.join(missing)}")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    try:
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], check=True, env=env)
    except (subprocess.CalledProcessError, OSError) as exc:
        note(f"the display test's tools could not be installed ({exc}); that test will be skipped.")


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_venv() -> None:
    if venv_python().exists():
        return
    say(f"Creating a virtual environment in {VENV}")
    try:
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    except (subprocess.CalledProcessError, OSError) as exc:
        # Debian ships venv's pip bootstrap separately (python3-venv / python3.X-venv).
        shutil.rmtree(VENV, ignore_errors=True)
        package = f"python3.{sys.version_info.minor}-venv"
        if missing_debian_packages([package]):
            apt_install([package], "creating a Python virtual environment")
            venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
        else:
            fail(f"Could not create a virtual environment: {exc}")


def ensure_packages() -> None:
    """pip-install the project with its test extras, skipping when nothing it depends on changed."""
    digest = hashlib.sha256(
        (ROOT / "pyproject.toml").read_bytes() + CONSTRAINTS.read_bytes() + sys.version.encode()
    ).hexdigest()
    if STAMP.exists() and STAMP.read_text() == digest:
        return
    say("Installing Python packages (first run takes a few minutes)")
    pip = [str(venv_python()), "-m", "pip", "--disable-pip-version-check", "install", "-q"]
    subprocess.run([*pip, "-c", str(CONSTRAINTS), "-e", f"{ROOT}[test,package]"], check=True, cwd=ROOT)
    STAMP.write_text(digest)


def debian_libpython() -> list[str]:
    """Debian's own python3 links libpython statically, but PyInstaller bundles the shared library,
    which Debian ships apart (libpython3.X). Other Pythons (python.org, pyenv, Docker) include it."""
    if shutil.which("dpkg-query") is None:
        return []
    owned = subprocess.run(["dpkg-query", "-S", os.path.realpath(sys.executable)], capture_output=True, check=False)
    return [f"libpython3.{sys.version_info.minor}"] if owned.returncode == 0 else []


def set_up(display: bool, packaging: bool = True) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - this script may be started by an older system Python
        fail(f"Caseload Reporter needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    packages = QT_OFFSCREEN_PACKAGES + (QT_DISPLAY_PACKAGES if display else [])
    if packaging:
        packages += PACKAGING_PACKAGES + debian_libpython()
    apt_install(packages, "Qt and packaging" if packaging else "Qt")
    ensure_venv()
    ensure_packages()


def has_display() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_app(extra: list[str]) -> int:
    set_up(display=True, packaging=False)
    if not has_display():
        print(
            "[devenv] Set-up is done, but this session has no screen (DISPLAY is not set), so the window "
            "cannot open.\n"
            "[devenv] To run it on a virtual screen:\n"
            "    apt-get install -y xvfb   # once, as root\n"
            "    Xvfb :99 -screen 0 1600x1000x24 &\n"
            "    DISPLAY=:99 python3 packaging/devenv.py run",
            file=sys.stderr,
        )
        return 1
    args = extra or ["--sample"]
    return subprocess.run([str(venv_python()), "-m", "caseload_reporter", *args], check=False, cwd=ROOT).returncode


def run_tests(extra: list[str]) -> int:
    set_up(display=False)
    ensure_windows_installer_tools()
    ensure_desktop_test_tools()
    python = str(venv_python())
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    say("Lint: ruff check")
    lint = subprocess.run([python, "-m", "ruff", "check", "desktop", "tests", "packaging"], cwd=ROOT, check=False)
    if lint.returncode != 0:
        fail("ruff found problems (listed above); fix them and run again.")
    say("Format: ruff format --check")
    formatted = subprocess.run(
        [python, "-m", "ruff", "format", "--check", "desktop", "tests", "packaging"], cwd=ROOT, check=False
    )
    if formatted.returncode != 0:
        fail("Some files are not formatted (listed above): run 'ruff format desktop tests packaging' and run again.")
    say("Types: mypy (strict on core, reading, analysis, reporting and session; its cache is in .venv)")
    typed = subprocess.run([python, "-m", "mypy"], cwd=ROOT, check=False)
    if typed.returncode != 0:
        fail("mypy found type errors (listed above); fix them and run again.")
    say("Import contracts: lint-imports (layers, Qt only in the UI, no network code, no cycles)")
    lint_imports = str(Path(python).with_name("lint-imports.exe" if os.name == "nt" else "lint-imports"))
    contracts = subprocess.run([lint_imports, "--no-cache"], cwd=ROOT, check=False)
    if contracts.returncode != 0:
        fail("An import breaks the contracts in pyproject.toml (listed above); fix it and run again.")
    say("Tests: pytest (headless, offscreen Qt)")
    return subprocess.run([python, "-m", "pytest", *extra], cwd=ROOT, env=env, check=False).returncode


def build_packages(extra: list[str]) -> int:
    set_up(display=False)
    return subprocess.run(
        [str(venv_python()), str(ROOT / "packaging" / "build.py"), *extra], cwd=ROOT, check=False
    ).returncode


def main(argv: list[str]) -> int:
    commands = {"run": run_app, "test": run_tests, "package": build_packages}
    if not argv or argv[0] not in commands:
        print(__doc__)
        return 2
    try:
        return commands[argv[0]](argv[1:])
    except subprocess.CalledProcessError as exc:
        fail(f"A set-up step failed (exit status {exc.returncode}): {' '.join(map(str, exc.cmd))}")
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
