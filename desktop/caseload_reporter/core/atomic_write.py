"""Write a file so that a failure part-way never leaves it half-written.

The new content goes to a temporary file in the same folder, which then replaces the target in
one step. Settings, mappings, project files, autosaves and exported reports all go through here.
"""

from __future__ import annotations

import errno
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from caseload_reporter.core.paths import long_path_form

# On Windows a virus scanner, OneDrive or the search indexer opens a file for a moment after it is written,
# and replacing it then fails as if it were open in Word: try again after these pauses before saying so.
REPLACE_PAUSES_S = (0.05, 0.1, 0.2, 0.4)


class TargetLocked(OSError):
    """The target is open in another program (Word keeps a lock on an open document on Windows)."""


def write_atomically(path: Path, write: Callable[[Path], object]) -> Path:
    """Call ``write(temporary_path)`` (what it returns is ignored) and then move the result over ``path``.

    Raises :class:`TargetLocked` when the target cannot be replaced because another program holds
    it; the target and the temporary file are then left as they were and removed respectively.
    Paths too long for Windows' usual limit are written in its extended-length form.
    """
    path = Path(path)
    target = Path(long_path_form(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix or ".tmp", dir=target.parent)
    os.close(fd)
    temporary = Path(name)
    try:
        write(temporary)
        for pause in (*REPLACE_PAUSES_S, None):
            try:
                temporary.replace(target)
                break
            except PermissionError as exc:
                if pause is None:
                    raise TargetLocked(errno.EACCES, f"{path.name} is open in another program", str(path)) from exc
                time.sleep(pause)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path


def write_text_atomically(path: Path, text: str) -> Path:
    return write_atomically(path, lambda temporary: temporary.write_text(text, encoding="utf-8"))
