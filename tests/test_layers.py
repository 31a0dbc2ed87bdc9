"""The layers depend one way only, Qt stays in the user interface, and nothing reaches the network.

Checked two ways: statically (every import statement in the package, including ones inside
functions) and at run time (importing the lower layers loads no Qt module).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "desktop" / "caseload_reporter"

# Lowest first: a module may import its own layer and those below, never above.
LAYERS = ("core", "reading", "analysis", "reporting", "ui")
ENTRY = len(LAYERS)  # cli.py, __main__.py: may import anything
QT_PACKAGES = ("PySide6", "shiboken6", "pyqtgraph")
# The one module below the UI that may use Qt: it renders charts to images for the report.
CHART_RENDERER = "caseload_reporter.reporting.chart_images"
NETWORK_MODULES = ("socket", "ssl", "http", "urllib.request", "urllib3", "requests", "httpx", "aiohttp", "ftplib",
                   "smtplib", "xmlrpc", "webbrowser")
NETWORK_ALLOWED = {"caseload_reporter.core.offline"}  # the guard itself patches socket


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(name: str) -> int:
    parts = name.split(".")
    if len(parts) < 2:
        return ENTRY if name != "caseload_reporter" else 0
    return LAYERS.index(parts[1]) if parts[1] in LAYERS else ENTRY if parts[1] in ("cli", "__main__") else 0


def imports_of(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            found.extend((node.lineno, f"{node.module}.{alias.name}") for alias in node.names)
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_the_package_has_every_layer() -> None:
    for layer in LAYERS:
        assert (PACKAGE / layer / "__init__.py").exists(), f"missing layer package {layer}"
    assert len(MODULES) > 15


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_imports_point_down_and_qt_stays_in_the_ui(path: Path) -> None:
    name = module_name(path)
    own = layer_of(name)
    problems = []
    for line, imported in imports_of(path):
        root = imported.split(".")[0]
        if root == "caseload_reporter" and imported.count(".") >= 1:
            target = layer_of(imported)
            if target > own:
                problems.append(f"line {line}: {name} ({LAYERS[own] if own < ENTRY else 'entry'}) imports {imported}")
        if root in QT_PACKAGES and own < LAYERS.index("ui") and name != CHART_RENDERER:
            problems.append(f"line {line}: {name} imports Qt ({imported}) below the user interface")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_no_network_code(path: Path) -> None:
    name = module_name(path)
    if name in NETWORK_ALLOWED:
        return
    bad = [
        f"line {line}: {imported}"
        for line, imported in imports_of(path)
        if any(imported == m or imported.startswith(m + ".") for m in NETWORK_MODULES)
    ]
    assert not bad, f"{name} imports network modules: {bad}"


def test_lower_layers_load_no_qt_at_run_time() -> None:
    """Static checks miss imports made through other modules; this catches them."""
    lower = [module_name(p) for p in MODULES if layer_of(module_name(p)) < LAYERS.index("ui")]
    lower = [m for m in lower if m != CHART_RENDERER]
    code = (
        "import importlib, sys\n"
        f"for name in {lower!r}:\n"
        "    importlib.import_module(name)\n"
        f"loaded = sorted(m for m in sys.modules if m.split('.')[0] in {QT_PACKAGES!r})\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"Qt loaded by the lower layers: {result.stdout.strip()}"


def test_the_layer_check_would_catch_an_upward_import(tmp_path: Path) -> None:
    """The checker itself works: a reading module importing the UI is reported."""
    fake = tmp_path / "bad.py"
    fake.write_text("from caseload_reporter.ui.main_window import MainWindow\nimport PySide6.QtCore\n")
    imported = [name for _, name in imports_of(fake)]
    assert layer_of(imported[0]) > layer_of("caseload_reporter.reading.bad")
    assert imported[-1].split(".")[0] in QT_PACKAGES
