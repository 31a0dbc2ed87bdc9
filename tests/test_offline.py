"""The suite-wide network guard is on, and it refuses connections and look-ups."""

from __future__ import annotations

import socket
import urllib.request

import pytest

from caseload_reporter.core.offline import NetworkBlocked, network_guard_active


def test_guard_is_active_for_the_whole_suite() -> None:
    assert network_guard_active()


def test_tcp_connection_is_refused() -> None:
    with pytest.raises(NetworkBlocked):
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(NetworkBlocked):
            sock.connect(("127.0.0.1", 9))
    finally:
        sock.close()


def test_name_lookup_and_url_opening_are_refused() -> None:
    with pytest.raises(NetworkBlocked):
        socket.getaddrinfo("example.org", 443)
    with pytest.raises((NetworkBlocked, urllib.error.URLError)) as caught:
        urllib.request.urlopen("http://example.org/", timeout=1)
    # urllib wraps the refusal; the cause is still the guard, never a real attempt.
    error = caught.value
    assert isinstance(error, NetworkBlocked) or isinstance(getattr(error, "reason", None), NetworkBlocked)


def test_local_unix_sockets_still_work() -> None:
    left, right = socket.socketpair()
    try:
        left.sendall(b"ok")
        assert right.recv(2) == b"ok"
    finally:
        left.close()
        right.close()
