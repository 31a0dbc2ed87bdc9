"""Write a file so that a failure part-way never leaves it half-written.

The new content goes to a temporary file in the same folder, which then replaces the target in
one step. Settings, mappings, project files, autosaves and exported reports all go through here.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path


class TargetLocked(OSError):
    """The target is open in another program (Word keeps a lock on an open document on Windows)."""


def write_atomically(path: Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(temporary_path)`` and then move the result over ``path``.

    Raises :class:`TargetLocked` when the target cannot be replaced because another program holds
    it; the target and the temporary file are then left as they were and removed respectively.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix or ".tmp", dir=path.parent)
    os.close(fd)
    temporary = Path(name)
    try:
        write(temporary)
        try:
            temporary.replace(path)
        except PermissionError as exc:
            raise TargetLocked(errno.EACCES, f"{path.name} is open in another program", str(path)) from exc
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path


def write_text_atomically(path: Path, text: str) -> Path:
    return write_atomically(path, lambda temporary: temporary.write_text(text, encoding="utf-8"))
