"""Keeping the Rust panic report of python-calamine off the officer's screen.

When calamine's Rust code panics on a damaged file, pyo3 turns the panic into an exception (which
:mod:`caseload_reporter.reading.grid` turns into one sentence), but Rust's panic hook has already
written "thread '<unnamed>' panicked at ..." and perhaps a whole backtrace straight to the
process's standard error, file descriptor 2, where Python's own ``sys.stderr`` cannot catch it.
So while calamine reads, descriptor 2 points at a temporary file; afterwards every line of it is
written back except the panic reports. Other threads' output in that window is delayed, not lost.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

_PANIC_START = re.compile(rb"^thread '[^']*'(?: \(\d+\))? panicked at ")
_PANIC_END = re.compile(rb"^note: (?:run with `RUST_BACKTRACE|Some details are omitted)")

_lock = threading.Lock()
_depth = 0  # readers inside the window: only the first redirects and the last restores
_saved: int | None = None
_capture: IO[bytes] | None = None


@contextmanager
def panic_reports_held_back() -> Iterator[None]:
    """Run the body with descriptor 2 captured, then pass on all of it but Rust panic reports.

    Nested and concurrent uses share one capture. Where there is no descriptor 2 (a windowed
    build) there is nothing to protect, and the body simply runs.
    """
    global _depth, _saved, _capture
    with _lock:
        if _depth == 0:
            try:
                _flush()
                saved = os.dup(2)
            except OSError:
                saved = None
            if saved is not None:
                capture = tempfile.TemporaryFile()  # noqa: SIM115 - closed when the last reader leaves
                os.dup2(capture.fileno(), 2)
                _saved, _capture = saved, capture
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _saved is not None and _capture is not None:
                _flush()
                os.dup2(_saved, 2)
                os.close(_saved)
                _capture.seek(0)
                kept = without_panic_reports(_capture.read())
                _capture.close()
                _saved = _capture = None
                if kept:
                    os.write(2, kept)


def without_panic_reports(text: bytes) -> bytes:
    """``text`` less each Rust panic report: from its "thread '...' panicked at" line to the
    "note: ..." line that ends it (or to the end, if cut short), and the blank line before it."""
    kept: list[bytes] = []
    inside = False
    for line in text.splitlines(keepends=True):
        if not inside and _PANIC_START.match(line):
            inside = True
            if kept and not kept[-1].strip():
                kept.pop()
        if inside:
            inside = not _PANIC_END.match(line)
            continue
        kept.append(line)
    return b"".join(kept)


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass
