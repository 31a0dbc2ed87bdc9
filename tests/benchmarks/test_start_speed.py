"""The window paints within twice the time of a bare PySide6 window, because nothing heavy loads before it.

The timing compares whole processes in turn in the same run (``bench_start.py``); the import check
reads Python's own record of what was imported before the first paint (``-X importtime`` with
``--exit-when-shown``, which quits at that paint), so it holds on any machine, however loaded.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from benchmarks.bench_start import TARGET_RATIO, compare, isolated_env

# A loaded two-core CI machine times both commands noisily; the target stays 2 and the message says so.
CI_MARGIN = 2.5
# What the workspace needs and the first paint must not wait for.
HEAVY = ("pandas", "numpy", "pyqtgraph", "docx", "python_calamine", "openpyxl", "PySide6.QtNetwork")


@pytest.mark.slow
def test_the_window_paints_within_twice_a_bare_window() -> None:
    timings = compare(runs=7)
    print(timings.report())
    assert timings.ratio <= CI_MARGIN, (
        f"the window took {timings.ratio:.2f} times a bare PySide6 window to paint (target {TARGET_RATIO:g}, "
        f"allowed {CI_MARGIN} on a loaded machine):\n{timings.report()}"
    )


def test_nothing_heavy_is_imported_before_the_first_paint() -> None:
    with tempfile.TemporaryDirectory(prefix="start-imports-") as home:
        env = isolated_env(Path(home))
        result = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "caseload_reporter", "--exit-when-shown"],
            env=env,
            cwd=home,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert result.returncode == 0 and "Window shown." in result.stdout, result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("import time")]
    imported = {line.rsplit("|", 1)[-1].strip() for line in lines}
    assert "PySide6.QtWidgets" in imported and "caseload_reporter.ui.main_window" in imported
    assert not [name for name in HEAVY if name in imported]
    workspace = ("caseload_reporter.ui.pages", "caseload_reporter.session", "caseload_reporter.reporting")
    assert not [name for name in imported if name.startswith(workspace)]
    assert "caseload_reporter.cli.data_commands" not in imported  # the subcommands load only when run
