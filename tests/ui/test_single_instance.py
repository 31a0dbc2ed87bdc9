"""One window per user: a second launch hands what it was given to the window already open, and exits.

The first window runs here, started as the app starts it (``start_up.open_window``: the frame, then the
workspace after the first paint, then the local socket), so its state can be read; every later launch
is a real ``python -m caseload_reporter`` process with the same user folders. The crash cases use real
processes killed with SIGKILL. Nothing sleeps a fixed time: each step waits for a condition.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from benchmarks.bench_start import isolated_env
from caseload_reporter import APP_NAME, ORG_NAME
from caseload_reporter.core.offline import network_guard_active
from caseload_reporter.core.progress import TaskState
from caseload_reporter.reporting.project_file import AUTOSAVE_NAME, load_project
from caseload_reporter.ui.app import HANDED_OVER
from caseload_reporter.ui.autosave import claim_slot
from caseload_reporter.ui.main_window import MainWindow
from caseload_reporter.ui.single_instance import (
    LOCK_NAME,
    InstanceRequest,
    NotAnswering,
    claim_or_hand_over,
    server_name,
)
from caseload_reporter.ui.start_up import LaunchRequests, open_window
from generators.import_fixtures import workbook_spec, write_openpyxl, write_xlsxwriter
from qt_dialogs import answer_question, when_shown

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the user folders are set through XDG variables")

LAUNCH_TIMEOUT_MS = 60_000


@dataclass
class User:
    """One account's folders, as the app finds them from the environment (HOME and the XDG variables)."""

    home: Path
    data: Path  # what QStandardPaths' AppLocalDataLocation gives the app for this account
    env: dict[str, str]


def make_user(root: Path, runtime: Path) -> User:
    home = root / "home"
    data = home / ".local" / "share" / ORG_NAME / APP_NAME
    data.mkdir(parents=True)
    return User(home, data, isolated_env(home, runtime))


@pytest.fixture
def runtime(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A per-user runtime folder as a desktop session has one (mode 0700), short enough for a socket path."""
    folder = Path(tempfile.mkdtemp(prefix="cr-run-"))
    folder.chmod(0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def user(tmp_path: Path, runtime: Path) -> User:
    return make_user(tmp_path / "officer", runtime)


@dataclass
class Launched:
    code: int
    out: str
    err: str
    seconds: float


def start(user: User, *args: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "caseload_reporter", *map(str, args)],
        env=user.env,
        cwd=user.home,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def launch(qtbot, user: User, *args: object) -> Launched:
    """A second launch, as double-clicking a file does; the first window keeps handling events meanwhile."""
    started = time.monotonic()
    process = start(user, *args)
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=LAUNCH_TIMEOUT_MS)
    out, err = process.communicate()
    return Launched(process.returncode, out, err, time.monotonic() - started)


def assert_handed_over(result: Launched) -> None:
    assert result.code == 0, result.out + result.err
    assert HANDED_OVER in result.out
    assert "Window shown." not in result.out
    assert "Traceback" not in result.err


def wait_for(condition: Callable[[], bool], seconds: float = 30.0) -> None:
    """For a process outside Qt's event loop: check ``condition`` until it holds."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the condition was not met in time"
        time.sleep(0.02)


def first_window(qtbot, user: User, request: InstanceRequest | None = None) -> MainWindow:
    opened = open_window(user.data, request or InstanceRequest())
    assert opened is not None, "no other window was open, so this launch should have been the first"
    window, instance = opened
    qtbot.addWidget(window)
    window.instance = instance  # kept with the window; each test releases it at its end
    return window


def ready(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(
        lambda: window.ready and not window.runner.is_busy() and not window.dataset.is_empty(), timeout=30_000
    )


def requests_of(window: MainWindow) -> LaunchRequests:
    found = window.findChild(LaunchRequests)
    assert found is not None
    return found


@pytest.fixture
def first(qtbot, user: User) -> Iterator[MainWindow]:
    """The officer's window, started with no file: the sample council."""
    window = first_window(qtbot, user)
    ready(qtbot, window)
    assert window.is_sample
    yield window
    window.runner.shutdown()
    window.instance.release()


def spreadsheet(folder: Path, writer=write_openpyxl, name: str = "team averages.xlsx") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return writer(workbook_spec("team_averages"), folder / name)


def opened_files(window: MainWindow) -> list[Path]:
    return [Path(f.path).resolve() for f in window.dataset.files if f.ok]


def type_into_key_issues(window: MainWindow, text: str) -> None:
    window.show_report_page()
    page = window.report_page
    page.outline.select("key_issues")
    QTest.keyClicks(page.current_editor().text, text)


def key_issues(window: MainWindow) -> str:
    return " ".join(window.report_page.draft.key_issues)


# -- a second launch ------------------------------------------------------------------------------


def test_a_second_launch_hands_its_spreadsheet_to_the_open_window_and_exits(qtbot, user: User, first) -> None:
    assert network_guard_active()  # a local socket is not a network connection: the guard stays on
    book = spreadsheet(user.home / "Documents")
    result = launch(qtbot, user, book.relative_to(user.home))  # relative to where it was launched
    assert_handed_over(result)
    qtbot.waitUntil(lambda: opened_files(first) == [book.resolve()] and not first.runner.is_busy(), timeout=30_000)
    assert not first.is_sample
    # The second launch never made a window: it took no autosave slot and started no second instance.
    assert sorted(p.name for p in user.data.iterdir() if p.suffix == ".lock") == ["autosave.lock", LOCK_NAME]


def test_the_open_windows_autosave_is_neither_offered_nor_deleted_by_a_second_launch(qtbot, user: User, first) -> None:
    """The issue's case: a window with an unsaved draft, and a spreadsheet double-clicked meanwhile."""
    type_into_key_issues(first, " Written in the first window.")
    first.autosave.set_interval(50)
    autosave = user.data / AUTOSAVE_NAME
    qtbot.waitUntil(autosave.is_file, timeout=5_000)
    book = spreadsheet(user.home / "Documents", write_xlsxwriter)
    result = launch(qtbot, user, book)
    # A question in the second process would wait for an answer until the test timed out; it asked none.
    assert_handed_over(result)
    qtbot.waitUntil(lambda: opened_files(first) == [book.resolve()] and not first.runner.is_busy(), timeout=30_000)
    assert "Written in the first window." in key_issues(first)  # the draft stays; only the data changed
    assert first.session.modified
    qtbot.waitUntil(lambda: not first.autosave.changed, timeout=5_000)
    assert autosave.is_file() and first.autosave.path == autosave
    assert "Written in the first window." in " ".join(load_project(autosave).draft.key_issues)


def test_a_second_launch_with_a_project_asks_before_replacing_an_unsaved_draft(
    qtbot, user: User, first, tmp_path: Path
) -> None:
    project = tmp_path / "Quarterly update.crproject"
    type_into_key_issues(first, " Saved in the project.")
    assert first.projects.save_to(project)
    type_into_key_issues(first, " Typed after saving.")
    assert first.session.modified

    answer = False  # keep the draft
    asked: list[str] = []

    def reply(box: QMessageBox) -> None:
        asked.append(box.text())
        answer_question(box, act=answer)

    timer = when_shown(QMessageBox, reply)
    assert_handed_over(launch(qtbot, user, project))
    qtbot.waitUntil(lambda: "was not opened" in first.message_strip.text(), timeout=30_000)
    timer.stop()
    assert len(asked) == 1  # the first window's own question, File > Open project's
    assert "Quarterly update.crproject was not opened" in first.message_strip.text()
    assert "Typed after saving." in key_issues(first) and first.session.project_path == project

    answer = True  # replace it
    timer = when_shown(QMessageBox, reply)
    assert_handed_over(launch(qtbot, user, project))
    qtbot.waitUntil(lambda: len(asked) == 2 and not first.session.modified, timeout=30_000)
    timer.stop()
    assert "Saved in the project." in key_issues(first) and "Typed after saving." not in key_issues(first)


def test_a_second_launch_with_nothing_only_brings_the_window_forward(qtbot, user: User, tmp_path: Path) -> None:
    book = spreadsheet(tmp_path / "files")
    window = first_window(qtbot, user, InstanceRequest([book]))
    ready(qtbot, window)
    assert opened_files(window) == [book.resolve()]
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized)
    assert_handed_over(launch(qtbot, user))
    qtbot.waitUntil(lambda: not window.isMinimized(), timeout=10_000)
    # Not the sample council over the officer's data: a launch with no file asks for nothing to open.
    assert requests_of(window).pending() == 0 and not window.runner.is_busy()
    assert opened_files(window) == [book.resolve()] and not window.is_sample
    window.runner.shutdown()
    window.instance.release()


def holder(user: User, code: str, *args: object) -> tuple[subprocess.Popen[str], str]:
    """Another process of this account running ``code`` until killed; with the first line it printed."""
    process = subprocess.Popen(
        [sys.executable, "-c", code, *map(str, args)],
        env=user.env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    return process, process.stdout.readline().strip()


def hold_until(release: threading.Event, state: TaskState) -> None:
    """A task that runs until released: the window busy reading, exporting, or starting."""
    while not release.wait(0.02):
        state.check_cancelled()


def test_while_the_open_window_is_busy_the_files_wait_their_turn(qtbot, user: User, first) -> None:
    release = threading.Event()
    first.runner.start("Opening a large workbook", hold_until, release)
    book = spreadsheet(user.home / "Documents")
    result = launch(qtbot, user, book)
    assert_handed_over(result)  # answered at once, though busy: the second launch does not wait for the task
    assert requests_of(first).pending() == 1 and first.is_sample
    assert "Please wait" not in first.message_strip.text()
    release.set()
    qtbot.waitUntil(lambda: opened_files(first) == [book.resolve()] and not first.runner.is_busy(), timeout=30_000)
    assert requests_of(first).pending() == 0


def test_while_the_open_window_asks_a_question_the_files_wait_for_the_answer(qtbot, user: User, first) -> None:
    question = QMessageBox(QMessageBox.Icon.Question, "Replace the draft?", "A question the officer is reading.")
    question.setModal(True)
    qtbot.addWidget(question)
    question.show()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is question)
    book = spreadsheet(user.home / "Documents")
    assert_handed_over(launch(qtbot, user, book))
    assert requests_of(first).pending() == 1 and first.is_sample and not first.runner.is_busy()
    question.close()
    qtbot.waitUntil(lambda: opened_files(first) == [book.resolve()] and not first.runner.is_busy(), timeout=30_000)


def test_two_launches_at_once_the_second_waits_for_the_first_to_listen(qtbot, user: User, tmp_path: Path) -> None:
    """Two files double-clicked together: the first launch is still painting, loading, not listening yet."""
    book = spreadsheet(tmp_path / "files")
    window = first_window(qtbot, user)  # no file: it would open the sample if nothing else came
    second = start(user, book)
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=LAUNCH_TIMEOUT_MS)
    out, err = second.communicate()
    assert_handed_over(Launched(second.returncode, out, err, 0.0))
    qtbot.waitUntil(
        lambda: window.ready and not window.runner.is_busy() and opened_files(window) == [book.resolve()],
        timeout=30_000,
    )
    assert not window.is_sample and requests_of(window).pending() == 0
    window.runner.shutdown()
    window.instance.release()


def test_what_is_asked_for_while_the_window_starts_opens_once_it_is_ready(qtbot, user: User, tmp_path: Path) -> None:
    """Requests that arrive before the pages exist are kept, and then opened before the default sample."""
    window = MainWindow(data_dir=user.data, deferred=True)
    qtbot.addWidget(window)
    requests = LaunchRequests(window)
    book = spreadsheet(tmp_path / "files")
    requests.handed_over(InstanceRequest([book]))
    window.open_paths([book])  # dropped on the frame while it was starting
    assert requests.pending() == 1 and not window.ready
    window.build_workspace()
    requests.start([], default_sample=True)
    qtbot.waitUntil(lambda: requests.pending() == 0 and not window.runner.is_busy(), timeout=30_000)
    assert opened_files(window) == [book.resolve()] and not window.is_sample
    window.runner.shutdown()


# -- crashes, hangs and other accounts ------------------------------------------------------------


def test_a_lock_left_by_a_killed_window_is_taken_over(qtbot, user: User) -> None:
    """kill -9 leaves the lock file and the socket behind; the next launch is the first again."""
    killed = start(user)
    lock = user.data / LOCK_NAME
    socket_path = Path(server_name(user.data))
    wait_for(lambda: socket_path.exists() and lock.is_file(), seconds=60)
    assert lock.read_text().split("\n")[0] == str(killed.pid)
    killed.send_signal(signal.SIGKILL)
    killed.wait(timeout=30)
    assert lock.is_file() and socket_path.exists()  # what a crash leaves

    result = launch(qtbot, user, "--exit-when-shown")
    assert result.code == 0 and "Window shown." in result.out, result.out + result.err
    assert HANDED_OVER not in result.out

    window = first_window(qtbot, user)  # and a window that stays open listens on the same name again
    ready(qtbot, window)
    assert lock.read_text().split("\n")[0] == str(os.getpid())
    assert_handed_over(launch(qtbot, user, "--sample"))
    window.runner.shutdown()
    window.instance.release()


def test_a_draft_whose_window_was_killed_is_offered_back_once(qtbot, user: User, tmp_path: Path) -> None:
    """A process that owned an autosave slot is killed; the next window offers its draft and owns it."""
    window = first_window(qtbot, user)
    ready(qtbot, window)
    type_into_key_issues(window, " Lost in a crash.")
    assert window.projects.save_to(tmp_path / "draft.crproject")
    window.close()
    window.instance.release()
    owner, said = holder(
        user,
        "import sys\n"
        "from pathlib import Path\n"
        "from caseload_reporter.ui.autosave import claim_slot\n"
        "path, lock = claim_slot(Path(sys.argv[1]))\n"
        "path.write_text(Path(sys.argv[2]).read_text())\n"
        "print(path, flush=True)\n"
        "sys.stdin.read()\n",
        user.data,
        tmp_path / "draft.crproject",
    )
    assert said == str(user.data / AUTOSAVE_NAME)
    # While its owner runs, no window offers the draft, or deletes it.
    alive = MainWindow(data_dir=user.data)
    qtbot.addWidget(alive)
    alive.autosave.ask_restore = lambda: pytest.fail("another window's draft was offered")
    assert not alive.projects.offer_autosave()
    assert alive.autosave.path.name == "autosave-2.crproject"
    alive.close()
    assert (user.data / AUTOSAVE_NAME).is_file()

    owner.send_signal(signal.SIGKILL)
    owner.wait(timeout=30)
    asked: list[bool] = []
    after = MainWindow(data_dir=user.data)
    qtbot.addWidget(after)
    after.autosave.ask_restore = lambda: asked.append(True) or True
    qtbot.waitUntil(lambda: bool(asked) and not after.runner.is_busy(), timeout=30_000)
    assert "Lost in a crash." in key_issues(after)
    assert after.autosave.path == user.data / AUTOSAVE_NAME
    after.runner.shutdown()


def test_a_window_that_does_not_answer_is_reported_not_waited_for_forever(qapp, user: User) -> None:
    """Another process holds the lock but never listens (hung): the launch gives up and says so."""
    hung, said = holder(
        user,
        "import sys\n"
        "from PySide6.QtCore import QLockFile\n"
        "lock = QLockFile(sys.argv[1]); lock.setStaleLockTime(0)\n"
        "print(lock.tryLock(0), flush=True)\n"
        "sys.stdin.read()\n",
        user.data / LOCK_NAME,
    )
    try:
        assert said == "True"
        started = time.monotonic()
        with pytest.raises(NotAnswering, match="already open but is not answering"):
            claim_or_hand_over(user.data, InstanceRequest(), seconds=1.5)
        assert 1.5 <= time.monotonic() - started < 10
    finally:
        hung.kill()
        hung.wait(timeout=30)


def test_another_account_gets_its_own_window(qtbot, user: User, first, tmp_path: Path, runtime: Path) -> None:
    """Another user has other folders, so another lock and another socket: their launch is a first one."""
    other = make_user(tmp_path / "colleague", runtime)
    assert server_name(other.data) != server_name(user.data)
    result = launch(qtbot, other, "--exit-when-shown")
    assert result.code == 0 and "Window shown." in result.out, result.out + result.err
    assert not (other.data / LOCK_NAME).exists()  # released as it closed
    assert first.is_sample and requests_of(first).pending() == 0


def test_the_socket_name_belongs_to_the_account(user: User, monkeypatch: pytest.MonkeyPatch, runtime: Path) -> None:
    """The name hashes the user name with the data folder, and lives in the user's own runtime folder."""
    monkeypatch.setenv("USER", "alice")
    monkeypatch.setenv("LOGNAME", "alice")
    alice = server_name(user.data)
    monkeypatch.setenv("USER", "bob")
    monkeypatch.setenv("LOGNAME", "bob")
    bob = server_name(user.data)
    assert alice != bob
    assert Path(alice).parent == runtime and Path(alice).name.startswith("caseload-reporter-")
    assert server_name(user.data) == bob  # the same account always finds the same window


def test_on_windows_the_name_is_a_pipe_of_the_account(user: User, monkeypatch: pytest.MonkeyPatch) -> None:
    """A named pipe has no folder: the name alone tells accounts apart (Qt opens it to this user only)."""
    monkeypatch.setenv("USERNAME", "alice")
    for variable in ("LOGNAME", "USER", "LNAME"):
        monkeypatch.delenv(variable, raising=False)
    alice = server_name(user.data, windows=True)
    monkeypatch.setenv("USERNAME", "bob")
    assert alice.startswith("caseload-reporter-") and "/" not in alice and "\\" not in alice
    assert server_name(user.data, windows=True) not in (alice, server_name(user.data, windows=False))


def test_a_data_folder_that_cannot_hold_the_lock_is_one_sentence(qapp, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "Caseload Reporter"
    not_a_folder.write_text("a file where the data folder should be")
    with pytest.raises(OSError, match=r"^Caseload Reporter cannot start: it cannot write its lock file in .*\.$"):
        claim_or_hand_over(not_a_folder, InstanceRequest(), seconds=1)


def test_a_request_is_one_line_of_json_and_nothing_else_is_taken(tmp_path: Path) -> None:
    request = InstanceRequest([tmp_path / "a b.xlsx", tmp_path / "Q1.crproject"], sample=False)
    assert InstanceRequest.from_bytes(request.to_bytes().rstrip(b"\n")) == request
    for junk in (b"", b"\xff\xfe", b"[]", b'{"files": "x.xlsx"}', b'{"files": [1]}'):
        with pytest.raises(ValueError):
            InstanceRequest.from_bytes(junk)


def test_an_autosave_slot_is_never_shared(tmp_path: Path) -> None:
    """Two windows in one folder each get their own slot; a slot freed by a closed window is reused."""
    first = claim_slot(tmp_path)
    second = claim_slot(tmp_path)
    assert first is not None and second is not None
    assert [first[0].name, second[0].name] == [AUTOSAVE_NAME, "autosave-2.crproject"]
    first[1].unlock()
    again = claim_slot(tmp_path)
    assert again is not None and again[0].name == AUTOSAVE_NAME
    assert claim_slot(tmp_path / "missing") is None


def test_qtnetwork_is_used_for_the_local_socket_alone() -> None:
    """The offline contract cannot name a Qt submodule (import-linter forbids whole external packages), so
    this holds the line: only ui/single_instance.py reaches QtNetwork, and only for QLocalServer/QLocalSocket."""
    package = Path(__file__).resolve().parents[2] / "desktop" / "caseload_reporter"
    users = {
        p.relative_to(package).as_posix(): p.read_text() for p in package.rglob("*.py") if "QtNetwork" in p.read_text()
    }
    assert list(users) == ["ui/single_instance.py"]
    imported = {line.strip() for line in users["ui/single_instance.py"].splitlines() if "QtNetwork import" in line}
    assert imported == {
        "from PySide6.QtNetwork import QLocalServer, QLocalSocket",
        "from PySide6.QtNetwork import QLocalServer",
        "from PySide6.QtNetwork import QLocalSocket",
    }
