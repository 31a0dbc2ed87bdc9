"""The Windows installer: the real Inno Setup script compiled and installed, upgraded and uninstalled under Wine.

Officers install on Windows laptops, and the installer is otherwise only tried by the Windows workflow
(.github/workflows/windows-installer.yml). Here Inno Setup's own compiler (from npm, at the version
packaging/windows/package-lock.json pins) compiles ``packaging/windows/caseload-reporter.iss`` under Wine
with a stand-in payload: the Linux bundle's files under the names the Windows spec gives them, a few
bytes each, so every path the script installs, lists and removes is exercised. The setup then runs
silently for the current user on a virtual screen, a higher version is installed over it, and the
uninstaller runs; the file system and the registry are read back after each step.

What this cannot prove (the README says so too): that the frozen Windows app starts, since no Windows
Python can be had here to freeze it; that Windows' own shell (Explorer, UAC, SmartScreen) behaves as
Wine's does; and where {autopf} points, because Wine does not implement the per-user Programs folder, so
the script is compiled with ``/DProgramsRoot={localappdata}\\Programs``, that folder's default place.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath

import pytest

from caseload_reporter import APP_NAME, ORG_NAME, __version__
from caseload_reporter.reporting.project_file import AUTOSAVE_NAME
from caseload_reporter.ui.error_reporting import LOG_FILE_NAME

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT / "packaging"))

from devenv import ISCC, WINDOWS_TOOLS, WINDOWS_TOOLS_LOCK  # noqa: E402
from virtual_screen import start_virtual_screen  # noqa: E402

ISS = ROOT / "packaging" / "windows" / "caseload-reporter.iss"
APP = "caseload-reporter"
PROG_ID = "CaseloadReporter.Project"
APP_ID = re.search(r"^AppId=\{\{([0-9A-F-]{36})\}$", ISS.read_text(encoding="utf-8"), re.MULTILINE).group(1)  # type: ignore[union-attr]
UNINSTALL_KEY = rf"HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Uninstall\{{{APP_ID}}}_is1"
# Anything of the app's in the registry or on disk names one of these.
OUR_NAMES = ("crproject", "caseloadreporter", "caseload-reporter", "caseload reporter", APP_ID.lower())
OLD = __version__
NEW = ".".join([str(int(__version__.split(".")[0]) + 1), "0", "0"])  # a higher version to upgrade to
OBSOLETE = "_internal/only-in-the-old-version.dll"  # a library the old version ships and the new one does not
MAX_PATH = 260
LONG_PROFILE = "C:\\Users\\" + "x" * 64  # a profile folder far longer than Windows' 20-character user names
WINE_TIMEOUT_S = 180


def _wine_problem() -> str | None:
    """Why the test cannot run here, or None."""
    if not sys.platform.startswith("linux"):
        return "runs the Windows installer under Wine, on Linux"
    fix = "`python3 packaging/devenv.py test` installs it when run as root on Debian (see its note)"
    for tool, what in (("wine", "Wine"), ("Xvfb", "Xvfb (a virtual screen)")):
        if shutil.which(tool) is None:
            return f"{what} is not installed: {fix}"
    wine32 = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", "wine32:i386"], capture_output=True, text=True, check=False
    )
    if "install ok installed" not in wine32.stdout:
        return f"Wine's 32-bit part (wine32:i386), which Inno Setup's programs need, is not installed: {fix}"
    if not ISCC.is_file():
        return f"Inno Setup's compiler (npm package innosetup) is not in {WINDOWS_TOOLS}: {fix}"
    return None


PROBLEM = _wine_problem()
pytestmark = [pytest.mark.slow, pytest.mark.skipif(PROBLEM is not None, reason=PROBLEM or "")]


# -- Wine --------------------------------------------------------------------------------------------
def windows_path(path: Path) -> str:
    """A Linux path as Wine's programs see it (Wine maps Z: to /)."""
    return "Z:" + str(path).replace("/", "\\")


@dataclass
class Wine:
    prefix: Path
    env: dict[str, str]

    def run(self, *args: str, timeout: float = WINE_TIMEOUT_S) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["wine", *args],
            env=self.env,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
            check=False,
        )

    def wait(self) -> None:
        """Until every Wine process of this prefix has ended and the server has written the registry."""
        subprocess.run(["wineserver", "-w"], env=self.env, timeout=WINE_TIMEOUT_S, check=False)

    @property
    def user(self) -> Path:
        """The Windows profile folder, C:\\users\\NAME (NAME is the Linux user)."""
        (user,) = [p for p in (self.prefix / "drive_c/users").iterdir() if p.name != "Public"]
        return user

    def unix(self, path: str) -> Path:
        """C:\\users\\... as the Linux path under the prefix."""
        windows = PureWindowsPath(path)
        assert windows.drive.upper() == "C:", path
        return self.prefix / "drive_c" / Path(*windows.parts[1:])

    def registry(self, root: str) -> dict[str, dict[str, str]]:
        """The whole ``root`` hive as ``reg export`` writes it: key path (lower case) -> values."""
        out = self.prefix / "drive_c" / "registry-export.reg"
        result = self.run("reg", "export", root, "C:\\registry-export.reg", "/y")
        assert result.returncode == 0, result.stdout + result.stderr
        keys = parse_reg_export(out.read_bytes().decode("utf-16"))
        out.unlink()
        return keys


def parse_reg_export(text: str) -> dict[str, dict[str, str]]:
    """A REGEDIT5 export as {key: {value name ('' for the default): value}}; strings unescaped."""
    keys: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    pending = ""
    for raw in text.splitlines():
        line = pending + raw.strip() if pending else raw
        pending = ""
        if line.endswith(",\\"):  # a hex value continued on the next line
            pending = line[:-1]
            continue
        if line.startswith("[") and line.endswith("]"):
            current = keys.setdefault(line[1:-1].lower(), {})
            continue
        match = re.match(r'^(@|"(?:[^"\\]|\\.)*")=(.*)$', line)
        if match and current is not None:
            name = "" if match.group(1) == "@" else unescape(match.group(1)[1:-1])
            value = match.group(2)
            current[name.lower()] = unescape(value[1:-1]) if value.startswith('"') else value
    return keys


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def mentions_us(text: str) -> bool:
    return any(name in text.lower() for name in OUR_NAMES)


def shortcut(lnk: bytes) -> dict[str, str]:
    """A Shell Link (.lnk) file's target, comment and working folder ([MS-SHLLINK] sections 2.1 to 2.4)."""

    def number(at: int, size: int) -> int:
        return int.from_bytes(lnk[at : at + size], "little")

    assert number(0, 4) == 0x4C, "not a Shell Link file"
    flags, at, found = number(20, 4), 76, {}
    if flags & 0x01:  # HasLinkTargetIDList
        at += 2 + number(at, 2)
    if flags & 0x02:  # HasLinkInfo: LocalBasePath, a NUL-ended ANSI string
        base = at + number(at + 16, 4)
        found["target"] = lnk[base : lnk.index(b"\0", base)].decode("cp1252")
        at += number(at, 4)
    wide = 2 if flags & 0x80 else 1  # IsUnicode
    for bit, name in ((0x04, "comment"), (0x08, "relative"), (0x10, "folder"), (0x20, "arguments"), (0x40, "icon")):
        if flags & bit:
            count = number(at, 2)
            text = lnk[at + 2 : at + 2 + count * wide].decode("utf-16-le" if wide == 2 else "cp1252")
            found[name] = text.rstrip("\0")  # Wine counts the terminating NUL too
            at += 2 + count * wide
    return found


def wine_env(prefix: Path, home: Path, display: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("WINE")}
    env.update(
        WINEPREFIX=str(prefix),
        WINEARCH="win64",
        WINEDEBUG="-all",
        # No offer to download Mono or Gecko, and no Linux menu entries for the Start menu shortcut (Wine's
        # winemenubuilder would write them, and note them in the registry, outside the prefix).
        WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d",
        DISPLAY=display,
        HOME=str(home),  # so a new prefix links nothing to the developer's own folders
    )
    return env


# What the template prefix is set to: Windows 10 for the script's MinVersion, and files whose names begin
# with a dot shown as Windows shows them (Wine marks them hidden, and Inno Setup leaves hidden files out of
# a wildcard: the bundle's docx/templates/default-docx-template/_rels/.rels would go missing).
WINE_SETTINGS = {"Version": "win10", "ShowDotFiles": "Y"}


def template_prefix(display: str) -> tuple[Path, float]:
    """A Wine prefix made with ``wineboot -i`` and set as WINE_SETTINGS says, kept in the tools folder between
    runs and made afresh when Wine or the settings change. Returns it and the seconds spent making it."""
    version = subprocess.run(["wine", "--version"], capture_output=True, text=True, check=True).stdout.strip()
    recipe = version + repr(sorted(WINE_SETTINGS.items()))
    template = WINDOWS_TOOLS / f"wine-prefix-{hashlib.sha256(recipe.encode()).hexdigest()[:12]}"
    ready = template / ".caseload-reporter-ready"
    if ready.exists():
        return template, 0.0
    started = time.perf_counter()
    for old in WINDOWS_TOOLS.glob("wine-prefix-*"):  # a prefix is over 1 GB: keep one
        shutil.rmtree(old, ignore_errors=True)
    home = WINDOWS_TOOLS / "wine-home"
    home.mkdir(parents=True, exist_ok=True)
    wine = Wine(template, wine_env(template, home, display))
    boot = subprocess.run(
        ["wineboot", "-i"],
        env=wine.env,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=WINE_TIMEOUT_S,
        check=False,
    )
    wine.wait()
    assert boot.returncode == 0, f"wineboot -i failed:\n{boot.stdout}\n{boot.stderr}"
    for name, value in WINE_SETTINGS.items():
        result = wine.run("reg", "add", "HKCU\\Software\\Wine", "/v", name, "/d", value, "/f")
        assert result.returncode == 0, result.stdout + result.stderr
    wine.wait()
    ready.touch()
    return template, time.perf_counter() - started


def copy_prefix(template: Path, target: Path) -> None:
    """A working copy of the template: Windows' libraries and programs hard-linked (nothing writes to them),
    everything else (the registry files, .ini files, the users' folders) copied."""
    linked = {".dll", ".exe", ".drv", ".sys", ".nls", ".ocx", ".acm", ".cpl", ".vxd", ".tlb"}

    def link_or_copy(source: str, destination: str) -> None:
        if Path(source).suffix.lower() in linked:
            os.link(source, destination)
        else:
            shutil.copy2(source, destination)

    shutil.copytree(template, target, symlinks=True, copy_function=link_or_copy)


@pytest.fixture(scope="module")
def wine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Wine]:
    screen, display = start_virtual_screen()
    try:
        template, made_in = template_prefix(display)
        print(f"Wine prefix: made in {made_in:.1f} s" if made_in else f"Wine prefix: reused {template}")
        prefix = tmp_path_factory.mktemp("wine") / "prefix"
        copy_prefix(template, prefix)
        home = tmp_path_factory.mktemp("wine-home")
        yield Wine(prefix, wine_env(prefix, home, display))
        subprocess.run(["wineserver", "-k"], env=wine_env(prefix, home, display), timeout=60, check=False)
        shutil.rmtree(prefix, ignore_errors=True)
    finally:
        screen.terminate()
        screen.wait(timeout=30)


# -- the stand-in payload and the compiler --------------------------------------------------------------
def stand_in_payload(bundle: Path, out: Path, version: str, extra: tuple[str, ...] = ()) -> dict[str, bytes]:
    """The Linux bundle's files under the names the Windows build gives them, each a few bytes that say
    which version and file they are; returns {relative path: content}."""
    names: list[str] = list(extra)
    for folder, _dirs, files in os.walk(bundle):
        for name in files:
            relative = (Path(folder) / name).relative_to(bundle).as_posix()
            names += [f"{APP}.exe", f"{APP}-cli.exe"] if relative == APP else [relative]
    contents = {}
    for name in sorted(names):
        contents[name] = f"{version} {name}\n".encode()
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(contents[name])
    return contents


@dataclass(frozen=True)
class Compiled:
    setup: Path
    seconds: float
    output: str


def compile_installer(wine: Wine, payload: Path, version: str, out: Path) -> Compiled:
    started = time.perf_counter()
    result = wine.run(
        str(ISCC),
        f"/DAppVersion={version}",
        "/DProgramsRoot={localappdata}\\Programs",  # Wine has no FOLDERID_UserProgramFiles (module docstring)
        f"/DBundleDir={windows_path(payload)}",
        f"/O{windows_path(out)}",
        windows_path(ISS),
    )
    seconds = time.perf_counter() - started
    assert result.returncode == 0 and "Successful compile" in result.stdout, result.stdout[-4000:] + result.stderr
    (setup,) = out.glob(f"{APP}-{version}-setup.exe")
    return Compiled(setup, seconds, result.stdout)


# -- one install, upgrade and uninstall, read back after each step ------------------------------------------
@dataclass(frozen=True)
class State:
    """What the file system and the registry hold after a step."""

    files: dict[str, tuple[int, int]]  # path under drive_c -> (size, modified), Wine's own windows\ folder aside
    hkcu: dict[str, dict[str, str]]
    app: dict[str, bytes]  # the app's folder: path in it -> content
    shortcut: bytes | None  # the Start menu shortcut


def read_state(wine: Wine) -> State:
    drive = wine.prefix / "drive_c"
    files = {}
    for folder, dirs, names in os.walk(drive):
        relative = Path(folder).relative_to(drive)
        if relative == Path("windows"):
            dirs.clear()
            continue
        dirs[:] = [d for d in dirs if d != "Temp"]  # setup's and Wine's scratch files
        for name in names:
            stat = (Path(folder) / name).lstat()
            files[(relative / name).as_posix()] = (stat.st_size, stat.st_mtime_ns)
    app = wine.user / "AppData" / "Local" / "Programs" / APP_NAME
    contents = {p.relative_to(app).as_posix(): p.read_bytes() for p in app.rglob("*") if p.is_file()}
    lnk = wine.user / "AppData/Roaming/Microsoft/Windows/Start Menu/Programs" / f"{APP_NAME}.lnk"
    return State(files, wine.registry("HKCU"), contents, lnk.read_bytes() if lnk.exists() else None)


@dataclass(frozen=True)
class Step:
    code: int
    seconds: float
    log: str
    state: State


def run_logged(wine: Wine, program: str, *args: str, log: Path) -> tuple[int, float, str]:
    """Run a setup or uninstall program with /LOG and wait until its log is closed (the uninstaller hands
    over to a copy of itself in %TEMP% and returns before that copy has finished)."""
    started = time.perf_counter()
    result = wine.run(program, *args, f"/LOG={windows_path(log)}")
    returned = time.monotonic()
    while not (log.exists() and "Log closed." in log.read_text(encoding="utf-8-sig", errors="replace")):
        waited = time.monotonic() - returned
        assert log.exists() or waited < 10, f"{program} did not start: {result.stdout}{result.stderr}"
        assert waited < WINE_TIMEOUT_S, f"{program} did not finish: {result.stdout}{result.stderr}"
        time.sleep(0.1)
    return result.returncode, time.perf_counter() - started, log.read_text(encoding="utf-8-sig")


@dataclass(frozen=True)
class Lifecycle:
    user: Path
    payloads: dict[str, dict[str, bytes]]
    compiled: dict[str, Compiled]
    before: State
    installed: Step
    upgraded: Step
    uninstalled: Step
    own_files: dict[Path, bytes]


SILENT = ("/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", "/CURRENTUSER")


@pytest.fixture(scope="module")
def lifecycle(wine: Wine, linux_bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Lifecycle:
    work = tmp_path_factory.mktemp("installer")
    payloads, compiled = {}, {}
    for version, extra in ((OLD, (OBSOLETE,)), (NEW, ())):
        payloads[version] = stand_in_payload(linux_bundle, work / f"payload-{version}", version, extra)
        compiled[version] = compile_installer(wine, work / f"payload-{version}", version, work / "out")
    user = wine.user
    local = user / "AppData" / "Local"
    # The officer's own files, which no install, upgrade or uninstall may touch: a report in Documents, and
    # the app's settings, log and autosave in the user data folder (kept on uninstall, like the README says).
    data = local / ORG_NAME
    own_files = {
        user / "Documents" / "Committee report March.docx": b"the officer's own report",
        data / f"{APP_NAME}.ini": b"[General]\nbenchmarks/council=E10000999\n",
        data / APP_NAME / "logs" / LOG_FILE_NAME: b"2026-03-01 INFO started\n",
        data / APP_NAME / AUTOSAVE_NAME: b'{"format": "caseload-reporter-project"}\n',
    }
    for path, content in own_files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    before = read_state(wine)
    steps = []
    for program, args, name in (
        (str(compiled[OLD].setup), SILENT, "install"),
        (str(compiled[NEW].setup), SILENT, "upgrade"),
        (f"C:\\users\\{user.name}\\AppData\\Local\\Programs\\{APP_NAME}\\unins000.exe", SILENT[:3], "uninstall"),
    ):
        code, seconds, log = run_logged(wine, program, *args, log=work / f"{name}.log")
        assert code == 0, f"the {name} exited {code}:\n{log}"
        steps.append(Step(code, seconds, log, read_state(wine)))
    return Lifecycle(user, payloads, compiled, before, *steps, own_files)


def test_the_real_script_compiles_without_warnings_into_a_setup_that_asks_for_no_elevation(
    lifecycle: Lifecycle,
) -> None:
    pinned = re.search(r'"innosetup": "([\d.]+)"', WINDOWS_TOOLS_LOCK.with_name("package.json").read_text())
    assert pinned and f'"version": "{pinned.group(1)}"' in (ISCC.parent.parent / "package.json").read_text()
    for version, compiled in lifecycle.compiled.items():
        assert "Warning" not in compiled.output, compiled.output
        size = compiled.setup.stat().st_size
        print(
            f"{compiled.setup.name}: compiled in {compiled.seconds:.1f} s, {size / 1e6:.2f} MB, "
            f"{len(lifecycle.payloads[version])} stand-in files"
        )
        # Windows shows a UAC prompt before starting a program whose manifest asks for more than this.
        assert b'<requestedExecutionLevel level="asInvoker"' in compiled.setup.read_bytes()


def test_a_silent_install_is_per_user_and_writes_nothing_machine_wide(lifecycle: Lifecycle, wine: Wine) -> None:
    step = lifecycle.installed
    assert step.code == 0, step.log
    print(
        f"install: {step.seconds:.1f} s; "
        + "; ".join(line.split("   ", 1)[1] for line in step.log.splitlines() if "install mode" in line.lower())
    )
    assert "Administrative install mode: No" in step.log
    assert "Install mode root key: HKEY_CURRENT_USER" in step.log
    assert "HKEY_LOCAL_MACHINE" not in step.log
    profile = f"C:\\users\\{lifecycle.user.name}\\"
    written = [line.split("Dest filename: ", 1)[1] for line in step.log.splitlines() if "Dest filename: " in line]
    assert written and all(path.startswith(profile) for path in written), written
    machine = wine.registry("HKLM")
    assert not [key for key in machine if mentions_us(key)]
    assert not [key for key, values in machine.items() if any(mentions_us(v) for v in values.values())]


def test_the_app_files_go_to_the_users_programs_folder(lifecycle: Lifecycle) -> None:
    installed, expected = lifecycle.installed.state.app, lifecycle.payloads[OLD]
    assert {name: installed.get(name) for name in expected} == expected
    assert set(installed) - set(expected) == {"unins000.exe", "unins000.dat"}
    longest = max(expected, key=len)
    on_windows = PureWindowsPath(LONG_PROFILE, "AppData", "Local", "Programs", APP_NAME, *longest.split("/"))
    print(
        f"{len(expected)} files; the longest path, with a {len(LONG_PROFILE)}-character profile folder, "
        f"is {len(str(on_windows))} characters"
    )
    assert len(str(on_windows)) < MAX_PATH, on_windows


def test_the_start_menu_shortcut_opens_the_installed_app(lifecycle: Lifecycle) -> None:
    assert lifecycle.installed.state.shortcut, "no Start menu shortcut"
    link = shortcut(lifecycle.installed.state.shortcut)
    app = f"C:\\users\\{lifecycle.user.name}\\AppData\\Local\\Programs\\{APP_NAME}"
    assert link["target"] == f"{app}\\{APP}.exe"
    assert link["folder"] == app
    assert link["comment"] == "Caseload spreadsheets into committee reports"
    desktop = f"users/{lifecycle.user.name}/Desktop/{APP_NAME}.lnk"
    assert desktop not in lifecycle.installed.state.files  # the desktop icon is unticked by default


def test_crproject_files_open_with_the_app_and_it_can_be_removed_from_settings(lifecycle: Lifecycle) -> None:
    hkcu = lifecycle.installed.state.hkcu
    exe = f"C:\\users\\{lifecycle.user.name}\\AppData\\Local\\Programs\\{APP_NAME}\\{APP}.exe"
    classes = "hkey_current_user\\software\\classes\\"
    assert hkcu[classes + ".crproject\\openwithprogids"] == {PROG_ID.lower(): ""}
    assert hkcu[classes + PROG_ID.lower()][""] == "Caseload Reporter project"
    assert hkcu[classes + PROG_ID.lower() + "\\shell\\open\\command"][""] == f'"{exe}" "%1"'
    assert hkcu[classes + PROG_ID.lower() + "\\defaulticon"][""] == f"{exe},0"
    assert ".crproject" in hkcu[classes + f"applications\\{APP}.exe\\supportedtypes"]
    uninstall = hkcu[UNINSTALL_KEY.lower()]
    assert uninstall["displayname"] == APP_NAME and uninstall["displayversion"] == OLD
    assert uninstall["uninstallstring"] == f'"{exe.rsplit(chr(92), 1)[0]}\\unins000.exe"'


def test_a_higher_version_installs_over_it_clearing_the_old_libraries_and_keeping_the_association(
    lifecycle: Lifecycle,
) -> None:
    step = lifecycle.upgraded
    assert step.code == 0, step.log
    assert "Install mode root key: HKEY_CURRENT_USER" in step.log
    print(f"upgrade: {step.seconds:.1f} s")
    assert OBSOLETE in lifecycle.installed.state.app and OBSOLETE not in step.state.app
    new = lifecycle.payloads[NEW]
    assert {name: step.state.app.get(name) for name in new} == new
    assert set(step.state.app) - set(new) == {"unins000.exe", "unins000.dat"}  # one uninstaller, not a second
    assert step.state.shortcut and lifecycle.installed.state.shortcut
    assert shortcut(step.state.shortcut) == shortcut(lifecycle.installed.state.shortcut)
    hkcu = step.state.hkcu
    command = f"hkey_current_user\\software\\classes\\{PROG_ID.lower()}\\shell\\open\\command"
    assert hkcu[command] == lifecycle.installed.state.hkcu[command]
    assert hkcu[UNINSTALL_KEY.lower()]["displayversion"] == NEW
    assert [key for key in hkcu if key.endswith("_is1") and APP_ID.lower() in key] == [UNINSTALL_KEY.lower()]


def test_uninstalling_leaves_nothing_of_the_app_and_the_officers_own_files_untouched(lifecycle: Lifecycle) -> None:
    step = lifecycle.uninstalled
    assert step.code == 0, step.log
    assert "Removed all? Yes" in step.log
    assert not step.state.app and step.state.shortcut is None
    print(f"uninstall: {step.seconds:.1f} s")
    before, after = lifecycle.before, step.state
    assert after.files == before.files, {
        "left behind": sorted(set(after.files) - set(before.files)),
        "removed or changed": sorted(k for k in before.files if after.files.get(k) != before.files[k]),
    }
    for path, content in lifecycle.own_files.items():
        assert path.read_bytes() == content
    # The registry is as it was, apart from what Wine itself notes while programs run.
    added = {key: values for key, values in after.hkcu.items() if before.hkcu.get(key) != values}
    assert not {key: values for key, values in added.items() if mentions_us(key + repr(values))}, added
    removed = set(before.hkcu) - set(after.hkcu)
    assert not removed, removed
