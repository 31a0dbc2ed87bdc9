"""A guard that makes any attempt to reach the network fail loudly.

Caseload Reporter never connects anywhere: it has no network code at all. The guard turns that
promise into something tests (and the frozen app's self-test) can check: with it installed, a
connection from Python code, or a name lookup, raises :class:`NetworkBlocked` instead of leaving
the machine. Local sockets (AF_UNIX) stay allowed; Qt's own platform plumbing may use them.
"""

from __future__ import annotations

import socket
from typing import Any


class NetworkBlocked(RuntimeError):
    """Raised when code tries to open a network connection while the guard is on."""


_originals: dict[str, Any] = {}


def _blocked(*_args: object, **_kwargs: object) -> None:
    raise NetworkBlocked("Caseload Reporter works offline: a network connection was attempted and refused.")


def _guarded_connect(original: Any) -> Any:
    def connect(self: socket.socket, address: object) -> object:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _blocked()
        return original(self, address)

    return connect


def install_network_guard() -> None:
    """Refuse every Internet connection and name lookup from Python code in this process."""
    if _originals:
        return
    _originals.update(
        connect=socket.socket.connect,
        connect_ex=socket.socket.connect_ex,
        getaddrinfo=socket.getaddrinfo,
        create_connection=socket.create_connection,
    )
    socket.socket.connect = _guarded_connect(_originals["connect"])  # type: ignore[method-assign]  # the guard patches socket on purpose
    socket.socket.connect_ex = _guarded_connect(_originals["connect_ex"])  # type: ignore[method-assign]  # the guard patches socket on purpose
    socket.getaddrinfo = _blocked  # type: ignore[assignment]  # the guard patches socket on purpose
    socket.create_connection = _blocked  # type: ignore[assignment]  # the guard patches socket on purpose


def remove_network_guard() -> None:
    if not _originals:
        return
    socket.socket.connect = _originals["connect"]  # type: ignore[method-assign]  # the guard patches socket on purpose
    socket.socket.connect_ex = _originals["connect_ex"]  # type: ignore[method-assign]  # the guard patches socket on purpose
    socket.getaddrinfo = _originals["getaddrinfo"]
    socket.create_connection = _originals["create_connection"]
    _originals.clear()


def network_guard_active() -> bool:
    return bool(_originals)
