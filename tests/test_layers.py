"""The import contracts in pyproject.toml hold, each one fails on a planted bad import, and the lower layers
load no Qt at run time.

The contracts (import-linter, run by ``lint-imports``): the layers depend one way and every subpackage
is placed in a layer; Qt and pyqtgraph only in the user interface; no network code but the offline
guard; no import cycles between siblings. import-linter reads every import statement, relative ones
and those inside functions included; ruff bans relative imports and ``importlib.import_module`` in the
package, so no import escapes it. What a static check cannot see (a library loading Qt on its own)
the run-time check below catches.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "desktop" / "caseload_reporter"
LINT_IMPORTS = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or "lint-imports"
QT_PACKAGES = ("PySide6", "shiboken6", "pyqtgraph")
LOWER_LAYERS = ("core", "reading", "analysis", "reporting", "session")


def lint_imports(config: Path, package_parent: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(package_parent))
    return subprocess.run(
        [LINT_IMPORTS, "--config", str(config), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        check=False,
    )


def verdicts(output: str) -> dict[str, str]:
    """Contract name -> KEPT or BROKEN, from lint-imports' summary."""
    names = {
        c["name"]: c["id"]
        for c in tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    }
    flat = " ".join(output.split())  # long names wrap onto two lines
    found = {}
    for name, key in names.items():
        for verdict in ("KEPT", "BROKEN"):
            if f"{name} {verdict}" in flat:
                found[key] = verdict
    return found


def test_the_import_contracts_hold() -> None:
    result = lint_imports(ROOT / "pyproject.toml", PACKAGE.parent, ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert set(verdicts(result.stdout).values()) == {"KEPT"}
    assert len(verdicts(result.stdout)) == 4


# (where the planted module goes, what it holds, the contracts it must break). An upward import also
# makes a cycle between two layers (the lower one is imported by the upper one already).
UPWARD = {"layers", "no-cycles"}
PLANTED = {
    # ... and reaching the user interface reaches Qt through it.
    "upward import": (
        "reading/planted.py",
        "from caseload_reporter.ui.main_window import MainWindow\n",
        UPWARD | {"qt-only-in-ui"},
    ),
    "relative upward import": ("analysis/planted.py", "from ..reporting import blocks\n", UPWARD),
    "upward import inside a function": (
        "core/planted.py",
        "def late():\n    from caseload_reporter.analysis import measures\n",
        UPWARD,
    ),
    "a new subpackage no layer names": ("plugins/__init__.py", "", {"layers"}),
    "Qt below the user interface": ("reporting/planted.py", "import pyqtgraph\n", {"qt-only-in-ui"}),
    "network code": ("reading/planted.py", "import urllib.request\n", {"offline"}),
    "a cycle between siblings": (
        "reading/planted.py",
        "from caseload_reporter.reading import planted_too\n",
        {"no-cycles"},
    ),
}


@pytest.mark.parametrize("case", list(PLANTED), ids=lambda c: c.replace(" ", "-"))
def test_each_contract_fails_on_a_planted_bad_import(case: str, tmp_path: Path) -> None:
    """The real contracts, run on a copy of the package with one bad module planted in it."""
    where, code, contracts = PLANTED[case]
    copy = tmp_path / "src" / "caseload_reporter"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / where).parent.mkdir(exist_ok=True)
    (copy / where).write_text(code, encoding="utf-8")
    if case == "a cycle between siblings":
        (copy / "reading" / "planted_too.py").write_text("from caseload_reporter.reading import planted\n")
    config = tmp_path / "pyproject.toml"
    shutil.copy(ROOT / "pyproject.toml", config)
    result = lint_imports(config, copy.parent, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    broken = {key for key, verdict in verdicts(result.stdout).items() if verdict == "BROKEN"}
    assert broken == contracts, result.stdout
    assert "planted" in result.stdout or "plugins" in result.stdout


def test_ruff_bans_relative_imports_and_dynamic_imports_in_the_package(tmp_path: Path) -> None:
    """The two ways round a static import check are lint errors."""
    planted = tmp_path / "caseload_reporter" / "reading" / "planted.py"
    planted.parent.mkdir(parents=True)
    planted.write_text(
        "import importlib\n\nfrom ..ui import main_window\n\nWINDOW = importlib.import_module('caseload_reporter.ui')\n"
        "print(main_window)\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--config", str(ROOT / "pyproject.toml"), str(planted)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "TID252" in result.stdout and "TID251" in result.stdout, result.stdout


def test_lower_layers_load_no_qt_at_run_time(tmp_path: Path, sample_workbook: Path) -> None:
    """Import every module below the UI and build a whole report from the sample council (charts drawn by a
    renderer that needs no Qt): no Qt module is loaded. Static checks miss what libraries load themselves."""
    code = f"""
import pkgutil, struct, sys, zlib, importlib
from pathlib import Path
import caseload_reporter
names = [m.name for m in pkgutil.walk_packages(caseload_reporter.__path__, "caseload_reporter.")
         if m.name.split(".")[1] in {LOWER_LAYERS!r}]
for name in names:
    importlib.import_module(name)
from caseload_reporter.analysis.thresholds import default_thresholds
from caseload_reporter.reading.dataset import Dataset
from caseload_reporter.reading.importer import import_files
from caseload_reporter.reporting.docx_export import build_report
from caseload_reporter.reporting.starter_drafts import sample_draft

def png(spec, path):  # a 1 x 1 white PNG: enough for the document, no Qt involved
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    pixel = zlib.compress(b"\\0\\xff\\xff\\xff")
    body = chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) + chunk(b"IDAT", pixel)
    path.write_bytes(b"\\x89PNG\\r\\n\\x1a\\n" + body + chunk(b"IEND", b""))
    return path

dataset = Dataset(name="Sample").add_results(import_files([Path({str(sample_workbook)!r})]), decide=lambda *_: True)
report = build_report(sample_draft(), dataset, default_thresholds(), render_chart=png)
report.save(Path({str(tmp_path / "report.docx")!r}))
print(len(names), report.figures)
print(",".join(sorted(m for m in sys.modules if m.split(".")[0] in {QT_PACKAGES!r})))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    counted, loaded = result.stdout.splitlines()
    modules, figures = map(int, counted.split())
    assert modules > 40 and figures > 0  # every lower module imported, and charts were drawn
    assert loaded == "", f"Qt loaded by the lower layers: {loaded}"
