"""How long Caseload Reporter takes to paint its window, against a bare PySide6 window in the same run.

    python tests/benchmarks/bench_start.py                  # 9 runs of each, alternating; target: 2 times
    python tests/benchmarks/bench_start.py --ready          # also until the sample council is shown
    python tests/benchmarks/bench_start.py --app dist/caseload-reporter/caseload-reporter   # a frozen build

Each run is a whole process, timed from launch to exit: the bare window (``bare_window.py``) paints
once and quits; the app is run with its hidden ``--exit-when-shown`` flag, which quits at the first
paint of the main window (``--exit-when-ready``: once the sample council is open). The two are run
in turn, A B A B, so a machine that slows down mid-run slows both; the medians and their ratio are
printed, and the median of the pair-by-pair ratios beside it. Every run has its own empty home
folder's worth of settings (one per command, made once), offscreen, so nothing of the developer's
is read and no window is left open to take the launch over.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

BARE_WINDOW = Path(__file__).with_name("bare_window.py")
TARGET_RATIO = 2.0


@dataclass
class Timings:
    """Wall seconds per run, launch to exit, for the bare window and the app, in the order they ran."""

    bare: list[float] = field(default_factory=list)
    app: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return statistics.median(self.app) / statistics.median(self.bare)

    @property
    def paired_ratio(self) -> float:
        return statistics.median(a / b for a, b in zip(self.app, self.bare, strict=True))

    def report(self, what: str = "window painted", target: float | None = TARGET_RATIO) -> str:
        aim = f" (target: at most {target:g})" if target else ""
        return (
            f"bare PySide6 window: median {statistics.median(self.bare):.3f} s "
            f"({', '.join(f'{t:.3f}' for t in self.bare)})\n"
            f"Caseload Reporter, {what}: median {statistics.median(self.app):.3f} s "
            f"({', '.join(f'{t:.3f}' for t in self.app)})\n"
            f"ratio of medians {self.ratio:.2f}, median of paired ratios {self.paired_ratio:.2f}{aim}"
        )


def isolated_env(home: Path, runtime: Path | None = None) -> dict[str, str]:
    """An account with nothing in it yet, offscreen; its own runtime folder (``home/run`` unless given),
    so no window already open is found."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "PYTHONPATH")}
    if runtime is None:
        runtime = home / "run"
        runtime.mkdir(parents=True, exist_ok=True, mode=0o700)
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_RUNTIME_DIR=str(runtime),
        QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        QT_LOGGING_RULES="qt.qpa.*=false",
    )
    return env


def timed(command: list[str], env: dict[str, str], expect: str) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, env=env, cwd=env["HOME"], capture_output=True, text=True, timeout=120)
    seconds = time.perf_counter() - started
    if result.returncode != 0 or expect not in result.stdout:
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return seconds


def app_command(app: Path | None, ready: bool) -> list[str]:
    base = [str(app)] if app is not None else [sys.executable, "-m", "caseload_reporter"]
    return [*base, "--exit-when-ready" if ready else "--exit-when-shown"]


def compare(runs: int = 9, app: Path | None = None, ready: bool = False, warmup: int = 1) -> Timings:
    """Time the bare window and the app in turn, ``runs`` times each after ``warmup`` uncounted pairs.

    ``app`` is a frozen build's executable (default: this Python's ``-m caseload_reporter``). The bare
    window always runs under this Python: with no frozen build of it, it is the floor any build pays.
    """
    bare = [sys.executable, str(BARE_WINDOW)]
    command = app_command(app, ready)
    expect = "Window ready." if ready else "Window shown."
    timings = Timings()
    with tempfile.TemporaryDirectory(prefix="bench-start-") as folder:
        bare_env, app_env = isolated_env(Path(folder) / "bare"), isolated_env(Path(folder) / "app")
        for run in range(warmup + runs):
            bare_seconds = timed(bare, bare_env, "Window shown.")
            app_seconds = timed(command, app_env, expect)
            if run >= warmup:
                timings.bare.append(bare_seconds)
                timings.app.append(app_seconds)
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--app", type=Path, help="a frozen build's executable instead of this Python's")
    parser.add_argument("--ready", action="store_true", help="also time until the sample council is shown")
    args = parser.parse_args(argv)
    shown = compare(args.runs, args.app)
    print(shown.report())
    if args.ready:
        print(compare(args.runs, args.app, ready=True).report("sample council shown", target=None))
    return 0


if __name__ == "__main__":
    sys.exit(main())
