"""A virtual screen (Xvfb) on a free display number, for the tests that need a real X display."""

from __future__ import annotations

import os
import select
import subprocess
import time
from pathlib import Path

import pytest


def start_virtual_screen(size: str = "1024x768") -> tuple[subprocess.Popen[bytes], str]:
    """Xvfb on a free display, ``size`` pixels (as '1920x1080'); returns the process and ':N'."""
    read, write = os.pipe()
    screen = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
        pass_fds=[write],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    number, deadline = b"", time.monotonic() + 30
    while not number.endswith(b"\n") and time.monotonic() < deadline:  # Xvfb writes "N\n" when it listens
        ready, _, _ = select.select([read], [], [], 1)
        chunk = os.read(read, 16) if ready else b""
        if ready and not chunk:
            break
        number += chunk
    os.close(read)
    display = number.decode().strip()
    socket = Path(f"/tmp/.X11-unix/X{display}")
    while display and not socket.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    if not display or not socket.exists():
        screen.kill()
        pytest.fail("Xvfb did not start")
    return screen, f":{display}"
