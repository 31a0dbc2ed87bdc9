"""Guards against Qt binding bugs that once broke the app.

PySide6 6.12.0 on Python 3.11 released a reference to True or False on every emit of a
Signal(bool); after a few thousand emits (the busy signal, checkable actions) the interpreter
aborted with "bool_dealloc". The constraints pin a version without it; this proves it.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    flag = Signal(bool)


def test_emitting_a_bool_signal_keeps_reference_counts(qapp) -> None:
    emitter = _Emitter()
    received: list[bool] = []
    emitter.flag.connect(received.append)
    before_true, before_false = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(200):
        emitter.flag.emit(True)
        emitter.flag.emit(False)
    # The list now holds 200 references to each. The binding must not drop any (the 6.12.0 bug
    # gave -200 here) nor hold one per emit; a few incidental references elsewhere are fine.
    assert 200 <= sys.getrefcount(True) - before_true < 220
    assert 200 <= sys.getrefcount(False) - before_false < 220
    assert len(received) == 400
