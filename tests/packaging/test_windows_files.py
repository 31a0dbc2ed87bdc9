"""The Windows packaging files agree with each other, with the build and with the README.

The installer itself is built and exercised by .github/workflows/windows-installer.yml on a Windows
runner; these checks run everywhere and catch the mistakes that would only show there: an icon that
is not the app's, a version resource PyInstaller cannot read, an Inno Setup script that would write
to the machine-wide registry or leave entries behind, names that drifted apart.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

from caseload_reporter import __version__

ROOT = Path(__file__).resolve().parent.parent.parent
ISS = ROOT / "packaging" / "windows" / "caseload-reporter.iss"
WORKFLOW = ROOT / ".github" / "workflows" / "windows-installer.yml"
sys.path.insert(0, str(ROOT / "packaging" / "pyinstaller"))

from make_ico import ICO, PNG, ico_from_png, png_size  # noqa: E402
from windows_version import version_file_text, version_tuple  # noqa: E402


def iss_sections() -> dict[str, list[str]]:
    """The script's lines by section, without comments and preprocessor lines."""
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for raw in ISS.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith((";", "#")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections[current] = []
        else:
            sections[current].append(line)
    return sections


def entry(line: str) -> dict[str, str]:
    """An Inno Setup entry line ('Name: "x"; Flags: y') as a dict."""
    return {key.strip(): value.strip() for key, value in re.findall(r'(\w+):\s*("(?:[^"]|"")*"|[^;]+)', line)}


def test_the_windows_icon_is_the_apps_png_at_256_pixels() -> None:
    assert ICO.read_bytes() == ico_from_png(PNG.read_bytes()), "run packaging/pyinstaller/make_ico.py"
    assert png_size(PNG.read_bytes()) == (256, 256)


def test_the_version_resource_is_readable_and_carries_the_package_version() -> None:
    text = version_file_text(__version__)
    tree = ast.parse(text, mode="eval")  # PyInstaller evaluates this file as a Python expression
    assert isinstance(tree.body, ast.Call) and tree.body.func.id == "VSVersionInfo"  # type: ignore[attr-defined]
    assert f"filevers={version_tuple(__version__)}" in text
    assert f"StringStruct('ProductVersion', '{__version__}')" in text
    assert version_tuple("1.2.3rc1") == (1, 2, 3, 0) and version_tuple("2") == (2, 0, 0, 0)


def test_the_installer_is_per_user_and_writes_only_under_hka() -> None:
    sections = iss_sections()
    setup = dict(line.split("=", 1) for line in sections["Setup"])
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["PrivilegesRequiredOverridesAllowed"] == "commandline"
    assert setup["DefaultDirName"] == "{#ProgramsRoot}\\{#AppName}"
    assert '#ifndef ProgramsRoot\n  #define ProgramsRoot "{autopf}"\n#endif' in ISS.read_text(encoding="utf-8")
    assert setup["ChangesAssociations"] == "yes"
    assert setup["ArchitecturesInstallIn64BitMode"] == "x64compatible"
    assert (ISS.parent / setup["SetupIconFile"].replace("\\", "/")).resolve() == ICO
    registry = [entry(line) for line in sections["Registry"]]
    assert registry and all(item["Root"] == "HKA" for item in registry)
    assert all(item["Subkey"].startswith('"Software\\Classes\\') for item in registry)
    # Every key the app owns is deleted on uninstall; the shared .crproject key loses only our value, and
    # goes once empty (its entry comes first, so the uninstaller, which works backwards, checks it last).
    owned = [item for item in registry if "uninsdeletekey" in item.get("Flags", "").split()]
    assert {item["Subkey"] for item in owned} == {
        '"Software\\Classes\\{#ProgId}"',
        '"Software\\Classes\\Applications\\{#AppExe}"',
    }
    extension_key, extension = [item for item in registry if ".crproject" in item["Subkey"]]
    assert extension_key["Subkey"] == '"Software\\Classes\\.crproject"'
    assert extension_key["Flags"] == "uninsdeletekeyifempty" and "ValueType" not in extension_key
    assert extension["Subkey"].endswith('.crproject\\OpenWithProgids"')
    assert extension["Flags"] == "uninsdeletevalue uninsdeletekeyifempty"
    command = next(item for item in registry if item["Subkey"].endswith('shell\\open\\command"'))
    assert '""%1""' in command["ValueData"]  # the double-clicked file is passed to the app


def test_the_installer_adds_a_start_menu_shortcut_and_names_what_the_spec_builds() -> None:
    sections = iss_sections()
    icons = [entry(line) for line in sections["Icons"]]
    assert any(item["Name"].startswith('"{autoprograms}\\') for item in icons)
    text = ISS.read_text(encoding="utf-8")
    spec = (ROOT / "packaging" / "pyinstaller" / "caseload_reporter.spec").read_text(encoding="utf-8")
    app = re.search(r'^APP = "([^"]+)"', spec, re.MULTILINE).group(1)  # type: ignore[union-attr]
    assert f'#define AppExe "{app}.exe"' in text
    # build.py --bundle-only --out dist leaves the bundle where the script looks by default.
    assert '#define BundleDir "..\\..\\dist\\pyinstaller\\dist\\caseload-reporter"' in text
    build = (ROOT / "packaging" / "build.py").read_text(encoding="utf-8")
    assert 'work = out / "pyinstaller"' in build and 'bundle = work / "dist" / APP' in build


def test_the_readme_detection_rule_names_the_installers_app_id() -> None:
    app_id = re.search(r"^AppId=\{\{([0-9A-F-]{36})\}$", ISS.read_text(encoding="utf-8"), re.MULTILINE)
    assert app_id, "AppId must be a GUID written as {{GUID}"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"Uninstall\\{{{app_id.group(1)}}}_is1" in readme


def test_the_workflow_builds_tests_installs_and_uninstalls_with_the_repositorys_files() -> None:
    workflow = WORKFLOW.read_text(encoding="utf-8")
    for path in ("packaging/build.py", "packaging\\windows\\caseload-reporter.iss", "packaging/constraints.txt"):
        assert path in workflow
        assert (ROOT / path.replace("\\", "/")).is_file()
    for step in ("--self-test", "/VERYSILENT", "/CURRENTUSER", "unins000.exe", "CaseloadReporter.Project"):
        assert step in workflow
    assert "runs-on: windows-" in workflow
