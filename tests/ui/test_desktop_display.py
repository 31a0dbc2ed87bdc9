"""The app on a real display at 100%, 125% and 150%, on the 1280x720 a 14-inch laptop at 150% leaves for windows.

For each scale, desktop_run.py runs the app under Xvfb (with openbox, a window manager, where installed)
with QT_SCALE_FACTOR set, on a screen of 1280x720 logical pixels, and reports on every page and dialog:
its screenshot, whether it fits the screen's free area with its buttons showing, what Tab did there, the
offscreen accessibility walk, columns of figures cut, and whether a page or a message moved the others.
At 100% a screen reader's view is taken as well, through AT-SPI (at-spi2-core, python3-pyatspi and
dbus-x11), where those are installed. Set CASELOAD_SCREENSHOTS to a folder to keep the screenshots.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from virtual_screen import start_virtual_screen

HERE = Path(__file__).resolve().parent
RUNNER = HERE / "desktop_run.py"
WALKER = HERE / "atspi_walk.py"
SYSTEM_PYTHON = Path("/usr/bin/python3")
SCALES = (1.0, 1.25, 1.5)
WORKSPACE = (1280, 720)  # logical pixels free for windows, at every scale
RUN_TIMEOUT_S = 240


def display_problem() -> str | None:
    """Why the display test cannot run here, or None."""
    if not sys.platform.startswith("linux"):
        return "needs Xvfb, on Linux"
    if shutil.which("Xvfb") is None:
        return "needs Xvfb (apt-get install xvfb; packaging/devenv.py test installs it when run as root)"
    return None


def screen_reader_problem() -> str | None:
    """Why the AT-SPI walk cannot run here, or None."""
    if shutil.which("dbus-launch") is None:
        return "needs dbus-launch (apt-get install dbus-x11)"
    if not SYSTEM_PYTHON.exists() or not Path("/usr/libexec/at-spi-bus-launcher").exists():
        return "needs at-spi2-core and python3-pyatspi"
    probe = subprocess.run([str(SYSTEM_PYTHON), "-c", "import pyatspi"], capture_output=True, check=False)
    return None if probe.returncode == 0 else "needs python3-pyatspi for the system Python"


pytestmark = pytest.mark.skipif(display_problem() is not None, reason=display_problem() or "")


def session_bus() -> tuple[dict[str, str], int]:
    """A private D-Bus session bus (the accessibility bus is started on it on demand): its variables and pid."""
    output = subprocess.run(["dbus-launch", "--sh-syntax"], capture_output=True, text=True, check=True).stdout
    values = {}
    for line in output.splitlines():
        if "=" in line:
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip().rstrip(";").strip("'")
    return {"DBUS_SESSION_BUS_ADDRESS": values["DBUS_SESSION_BUS_ADDRESS"]}, int(values["DBUS_SESSION_BUS_PID"])


def walk_screen_reader(folder: Path, env: dict[str, str], process: subprocess.Popen[bytes]) -> dict[str, dict]:
    """Answer desktop_run.py's steps: for each page or dialog it holds open, walk the AT-SPI tree."""
    results: dict[str, dict] = {}
    deadline = time.monotonic() + RUN_TIMEOUT_S
    while process.poll() is None and time.monotonic() < deadline:
        waiting = [s for s in sorted(folder.glob("*.json")) if not s.with_suffix(".done").exists()]
        for step in waiting:
            walked = subprocess.run(
                [str(SYSTEM_PYTHON), str(WALKER), str(step)], env=env, capture_output=True, text=True, timeout=90
            )
            result = json.loads(walked.stdout) if walked.stdout.strip() else {"error": walked.stderr[-500:]}
            results[json.loads(step.read_text())["page"]] = result
            step.with_suffix(".done").touch()
        time.sleep(0.1)
    return results


def run_at(scale: float, out: Path, screen_reader: bool) -> dict:
    size = f"{round(WORKSPACE[0] * scale)}x{round(WORKSPACE[1] * scale)}"
    screen, display = start_virtual_screen(size)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "DBUS_"))}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", QT_SCALE_FACTOR=str(scale), QT_LOGGING_RULES="qt.*=false")
    helpers: list[subprocess.Popen[bytes]] = []
    bus_pid = None
    try:
        if shutil.which("openbox"):
            helpers.append(subprocess.Popen(["openbox"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            time.sleep(0.5)
        command = [sys.executable, str(RUNNER), "--out", str(out)]
        if screen_reader:
            bus, bus_pid = session_bus()
            env.update(bus, QT_ACCESSIBILITY="1", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1")
            steps = out / "atspi"
            shutil.rmtree(steps, ignore_errors=True)  # a kept folder from an earlier run
            steps.mkdir(parents=True)
            command += ["--atspi", str(steps)]
        process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        walked = walk_screen_reader(out / "atspi", env, process) if screen_reader else {}
        output, _ = process.communicate(timeout=RUN_TIMEOUT_S)
        assert process.returncode == 0, output.decode(errors="replace")[-3000:]
        report = json.loads((out / "report.json").read_text())
        report["window_manager"] = bool(helpers)
        report["screen_reader"] = walked
        (out / "report.json").write_text(json.dumps(report, indent=2))  # with the screen reader's view
        return report
    finally:
        for helper in helpers:
            helper.terminate()
            helper.wait(timeout=10)
        if bus_pid is not None:
            os.kill(bus_pid, 15)
        screen.terminate()
        screen.wait(timeout=10)


def qt_display_problem() -> str | None:
    """Why Qt cannot open a window on Xvfb here (its X libraries missing, usually), or None."""
    screen, display = start_virtual_screen()
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
        probe = subprocess.run(
            [sys.executable, "-c", "from PySide6.QtWidgets import QApplication; QApplication(['probe'])"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        screen.terminate()
        screen.wait(timeout=10)
    if probe.returncode == 0:
        return None
    last = (probe.stderr.strip().splitlines() or ["no message"])[-1]
    return f"Qt cannot open a window on Xvfb ({last}); packaging/devenv.py test installs its X libraries as root"


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[float, tuple[dict, Path]]:
    problem = qt_display_problem()
    if problem is not None:
        pytest.skip(problem)
    keep = os.environ.get("CASELOAD_SCREENSHOTS")
    found = {}
    for scale in SCALES:
        out = Path(keep) / f"{round(scale * 100)}%" if keep else tmp_path_factory.mktemp(f"scale{round(scale * 100)}")
        out.mkdir(parents=True, exist_ok=True)
        found[scale] = run_at(scale, out, screen_reader=scale == 1.0 and screen_reader_problem() is None), out
    return found


@pytest.mark.parametrize("scale", SCALES)
def test_the_window_and_every_dialog_fit_the_screen_with_their_buttons_showing(runs, scale: float) -> None:
    report, _out = runs[scale]
    assert report["platform"] == "xcb"
    assert report["screen"] == list(WORKSPACE)
    assert report["window_fits"], report["window"]
    for name, dialog in report["dialogs"].items():
        assert dialog["fits"], f"{name} is {dialog['size']} on a {WORKSPACE} screen"
        assert dialog["hidden_buttons"] == [], name
    for name, page in report["pages"].items():
        assert page["hidden_buttons"] == [], name


@pytest.mark.parametrize("scale", SCALES)
def test_tab_and_names_work_on_a_real_display(runs, scale: float) -> None:
    report, _out = runs[scale]
    for section in ("pages", "report_parts", "dialogs"):
        for name, surface in report[section].items():
            assert surface["focus_problems"] == [], f"{section} {name}"
            assert surface["name_problems"] == [], f"{section} {name}"


@pytest.mark.parametrize("scale", SCALES)
def test_no_figure_is_cut_and_nothing_moves_the_page(runs, scale: float) -> None:
    report, _out = runs[scale]
    for section in ("pages", "dialogs"):
        for name, surface in report[section].items():
            assert surface["cut_figures"] == [], f"{section} {name}"
    assert len(report["page_tops"]) == 1, report["page_tops"]  # every page starts at the same height
    moved = report["message_strip"]
    assert not moved["window_resized"] and not moved["window_moved"] and moved["pages_moved_down_by"] == 0


@pytest.mark.parametrize("scale", SCALES)
def test_each_screenshot_shows_the_window_drawn(runs, scale: float) -> None:
    report, out = runs[scale]
    shots = [s["screenshot"] for s in (*report["pages"].values(), *report["dialogs"].values())]
    assert len(shots) == 18  # eight pages and ten dialogs
    for name in shots:
        image = QImage(str(out / name))
        assert not image.isNull(), name
        assert image.devicePixelRatio() == pytest.approx(scale) or image.width() >= 400
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        assert len(colours) > 20, f"{name} looks blank"


def test_a_screen_reader_reads_every_label_and_names_every_focusable_object(runs) -> None:
    problem = screen_reader_problem()
    if problem is not None:
        pytest.skip(f"the AT-SPI walk {problem}; the offscreen walk of Qt's accessibility tree still ran")
    walked = runs[1.0][0]["screen_reader"]
    assert len(walked) == 18, sorted(walked)  # eight pages and ten dialogs
    for name, result in walked.items():
        assert "error" not in result, f"{name}: {result}"
        assert result["focusable"] >= 1, name
        assert result["unnamed"] == [], name
        assert result["unread_labels"] == [], name
