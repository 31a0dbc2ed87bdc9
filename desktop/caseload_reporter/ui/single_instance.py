"""One window per user: a second launch hands its files to the window already open, then exits.

An officer double-clicks a spreadsheet or a project while Caseload Reporter is open; a second
window would ask the first one's questions and could delete its autosave. Instead the first
launch holds a lock file in the user's data folder (``instance.lock``, a :class:`QLockFile`) and
listens on a local socket (a Unix-domain socket in the user's own runtime folder, or a named pipe
on Windows, open to this user only). A later launch that cannot take the lock connects, sends
what it was given as one line of JSON, waits for "ok" and exits. Nothing here touches the
network: a local socket never leaves the machine.

The lock, not the socket, says who is first: a lock left by a process that no longer runs (killed,
crashed, the machine restarted) is stale and the next launch takes it over; the socket a killed
window left behind is then removed before listening again. Both names come from the user's data
folder, so two accounts (or two test runs with their own home folders) never meet.
"""

from __future__ import annotations

import getpass
import json
import logging
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCryptographicHash, QLockFile, QObject, QStandardPaths, QThread, Signal

from caseload_reporter import APP_NAME

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

LOCK_NAME = "instance.lock"
ANSWER = b"ok\n"
# How long a second launch keeps trying: long enough for a first window that is still starting or
# busy on its GUI thread, short enough that an officer is told if it hangs.
HAND_OVER_SECONDS = 20.0
_RETRY_SECONDS = 0.05
_MAX_REQUEST_BYTES = 1_000_000
_MAX_SOCKET_PATH = 100  # sockaddr_un holds 108 bytes on Linux, 104 on macOS


@dataclass(frozen=True)
class InstanceRequest:
    """What a launch was asked to open: files (spreadsheets or a project), or the sample, or nothing."""

    files: list[Path] = field(default_factory=list)
    sample: bool = False

    def to_bytes(self) -> bytes:
        data = {"files": [str(p) for p in self.files], "sample": self.sample}
        return json.dumps(data).encode("utf-8") + b"\n"

    @classmethod
    def from_bytes(cls, raw: bytes) -> InstanceRequest:
        """Raises ValueError if ``raw`` is not a request."""
        data = json.loads(raw.decode("utf-8"))
        files = data.get("files") if isinstance(data, dict) else None
        if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
            raise ValueError("not a Caseload Reporter request")
        return cls([Path(f) for f in files], bool(data.get("sample")))


class NotAnswering(RuntimeError):
    """Another window holds the lock but did not take the request in time."""


def server_name(data_dir: Path, windows: bool = sys.platform == "win32") -> str:
    """The local socket's name: the user and their data folder, hashed, so each account has its own.

    On Unix a full path in the user's runtime folder (XDG_RUNTIME_DIR: theirs alone, mode 0700);
    on Windows a pipe name, which Qt opens to the current user only (UserAccessOption).
    """
    key = f"{getpass.getuser()}\0{Path(data_dir).resolve()}".encode()
    # Qt's hash, not hashlib: loading OpenSSL for one name would cost the first paint a few milliseconds.
    digest = bytes(QCryptographicHash.hash(key, QCryptographicHash.Algorithm.Sha256).toHex().data()).decode()
    name = f"caseload-reporter-{digest[:24]}"
    if windows:
        return name
    runtime = os.environ.get("XDG_RUNTIME_DIR") or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.RuntimeLocation
    )
    path = Path(runtime) / name if runtime else None
    if path is not None and len(str(path).encode()) <= _MAX_SOCKET_PATH and path.parent.is_dir():
        return str(path)
    return name  # Qt puts it in the temporary folder, readable by this user only


def _lock(data_dir: Path) -> QLockFile:
    lock = QLockFile(str(Path(data_dir) / LOCK_NAME))
    lock.setStaleLockTime(0)  # stale only when its process is gone, however long a window stays open
    return lock


class PrimaryInstance(QObject):
    """The first launch: holds the lock and takes requests from later launches (``requested``)."""

    requested = Signal(object)  # InstanceRequest

    def __init__(self, lock: QLockFile, name: str) -> None:
        super().__init__()
        self._lock = lock
        self.name = name
        self._server: QLocalServer | None = None

    def listen(self) -> bool:
        """Start taking requests (imports QtNetwork, so it is called after the window is painted)."""
        from PySide6.QtNetwork import QLocalServer

        QLocalServer.removeServer(self.name)  # a socket left by a killed window: the lock says it is ours now
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            log.warning("Other launches cannot reach this window: %s", server.errorString())
            return False
        server.newConnection.connect(lambda: self._accept(server))
        self._server = server
        return True

    def _accept(self, server: QLocalServer) -> None:
        while (socket := server.nextPendingConnection()) is not None:
            buffer = bytearray()
            socket.readyRead.connect(lambda socket=socket, buffer=buffer: self._read(socket, buffer))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket, buffer)

    def _read(self, socket: QLocalSocket, buffer: bytearray) -> None:
        """Collect one line; answer "ok" and announce it as soon as it is whole (the window opens it later)."""
        if socket.property("answered"):
            return
        buffer.extend(socket.readAll().data())
        if b"\n" not in buffer and len(buffer) < _MAX_REQUEST_BYTES:
            return
        socket.setProperty("answered", True)
        try:
            request = InstanceRequest.from_bytes(bytes(buffer).split(b"\n", 1)[0])
        except ValueError:
            log.warning("A local connection sent something that is not a request; ignored.")
            socket.disconnectFromServer()
            return
        socket.write(ANSWER)
        socket.flush()
        socket.disconnectFromServer()
        self.requested.emit(request)

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()


def claim_or_hand_over(
    data_dir: Path, request: InstanceRequest, seconds: float = HAND_OVER_SECONDS
) -> PrimaryInstance | None:
    """The lock if this is the first launch; None once ``request`` was handed to the window already open.

    Raises NotAnswering if the window holding the lock takes nothing for ``seconds`` (hung), and
    OSError if the lock cannot be made at all (a data folder that cannot be written).
    """
    lock = _lock(data_dir)
    name = server_name(data_dir)
    deadline = time.monotonic() + seconds
    while True:
        if lock.tryLock(0):
            return PrimaryInstance(lock, name)
        if lock.error() != QLockFile.LockError.LockFailedError:
            raise OSError(
                f"{APP_NAME} cannot start: it cannot write its lock file in {data_dir} ({lock.error().name}). "
                "Check that this folder can be written to."
            )
        if _send(name, request, deadline):
            return None
        # The first window is still starting (not listening yet) or has just quit (the lock is free next time).
        if time.monotonic() >= deadline:
            raise NotAnswering("Caseload Reporter is already open but is not answering.")
        QThread.msleep(int(_RETRY_SECONDS * 1000))


def _send(name: str, request: InstanceRequest, deadline: float) -> bool:
    """Deliver ``request`` to the window listening at ``name``; True once it answered."""
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(_remaining_ms(deadline, cap=1.0)):
        return False
    if sys.platform == "win32":
        # Windows lets a program come to the front only if the one in front allows it: this launch is.
        import ctypes

        ctypes.windll.user32.AllowSetForegroundWindow(-1)  # ASFW_ANY
    socket.write(request.to_bytes())
    socket.waitForBytesWritten(_remaining_ms(deadline))
    answer = bytearray()
    while ANSWER not in answer and time.monotonic() < deadline:
        if socket.bytesAvailable() or socket.waitForReadyRead(_remaining_ms(deadline)):
            answer.extend(socket.readAll().data())
        elif socket.state() != QLocalSocket.LocalSocketState.ConnectedState:
            break
    socket.abort()
    return ANSWER in answer


def _remaining_ms(deadline: float, cap: float | None = None) -> int:
    remaining = max(deadline - time.monotonic(), 0.0)
    return max(int((min(remaining, cap) if cap else remaining) * 1000), 1)
