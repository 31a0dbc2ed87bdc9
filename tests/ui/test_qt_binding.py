"""Guards against Qt binding bugs that once broke the app.

PySide6 6.12.0 on Python 3.11 released a reference to True or False on every emit of a
Signal(bool); after a few thousand emits (the busy signal, checkable actions) the interpreter
aborted with "bool_dealloc". The constraints pin a version without it. These tests mean something on
every supported Python: from 3.12 True and False are immortal, so the exact reference checks are made
on an object that is not, and the emits run in a child interpreter that would abort as the app did.
"""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import QObject, Signal

EMITS = 20_000  # the 6.12.0 bug aborted within a few thousand


class _Emitter(QObject):
    flag = Signal(bool)
    thing = Signal(object)


class _Payload:
    """An ordinary object: never immortal, so its reference count shows a leak or a lost reference."""


def test_many_bool_emits_arrive_intact_and_the_interpreter_survives() -> None:
    code = f"""
from PySide6.QtCore import QCoreApplication, QObject, Signal
class Emitter(QObject):
    flag = Signal(bool)
app = QCoreApplication([])
emitter = Emitter()
seen = []
emitter.flag.connect(seen.append)
for i in range({EMITS}):
    emitter.flag.emit(i % 3 == 0)
expected = [i % 3 == 0 for i in range({EMITS})]
print(len(seen), seen == expected, all(type(v) is bool for v in seen))
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, f"the interpreter died: {result.returncode} {result.stderr[-500:]}"
    assert result.stdout.split() == [str(EMITS), "True", "True"]


def test_a_signal_neither_leaks_nor_drops_references_to_what_it_carries(qapp) -> None:
    emitter = _Emitter()
    payload = _Payload()
    kept: list[object] = []
    emitter.thing.connect(lambda value: None)  # a slot that keeps nothing
    before = sys.getrefcount(payload)
    for _ in range(1000):
        emitter.thing.emit(payload)
    assert sys.getrefcount(payload) == before  # none lost (the 6.12.0 kind of bug), none leaked
    emitter.thing.connect(kept.append)
    for _ in range(1000):
        emitter.thing.emit(payload)
    assert sys.getrefcount(payload) == before + 1000  # exactly the references the list holds
    assert all(value is payload for value in kept)
    kept.clear()
    assert sys.getrefcount(payload) == before


def test_bool_emits_keep_true_and_false_alive(qapp) -> None:
    """On 3.11 the count of True and False must grow by what the slot keeps (6.12.0 gave -200 here).

    From 3.12 they are immortal: the interpreter leaves their count alone (the list adds nothing), and
    nothing can free them. PySide6's wheels are built for the stable ABI of older Pythons, whose
    reference counting still moves the count a little; a reference lost or leaked on every emit would
    move it by hundreds, so the count must stay within a few of where it was."""
    emitter = _Emitter()
    received: list[bool] = []
    emitter.flag.connect(received.append)
    before_true, before_false = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(200):
        emitter.flag.emit(True)
        emitter.flag.emit(False)
    assert received == [True, False] * 200
    grew_true, grew_false = sys.getrefcount(True) - before_true, sys.getrefcount(False) - before_false
    if sys.version_info >= (3, 12):
        assert sys.getrefcount(True) > 2**30 and sys.getrefcount(False) > 2**30  # immortal
        assert abs(grew_true) < 20 and abs(grew_false) < 20
    else:
        # A few incidental references elsewhere are fine; fewer than the list holds is the bug.
        assert 200 <= grew_true < 220 and 200 <= grew_false < 220
