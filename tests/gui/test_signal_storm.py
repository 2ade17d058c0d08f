"""Regression guard for qt.md §0: PySide6 6.12.0 on Python 3.11 drops a reference to ``True`` on
every ``Signal.emit()`` and aborts the process after a few hundred emits. A monitor emits on every
poll, so this must hold for thousands of emits before any PySide6 upgrade ships."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

from rig_monitor.gui.fleet_model import Col, FleetTableModel
from tests.gui.fakes import snapshot, target_list

EMITS = 5000
MAX_DRIFT = 100  # the 6.12.0 bug drifts by exactly one per emit


class _Emitter(QObject):
    fired = Signal(object)


def test_dataChanged_storm_keeps_bool_refcount(qtbot: object) -> None:
    model = FleetTableModel()
    model.apply_snapshots(snapshot(t, i) for i, t in enumerate(target_list(3)))
    received: list[int] = []
    model.dataChanged.connect(lambda *_: received.append(1))
    first, last = model.index(0, 0), model.index(2, len(Col) - 1)
    before = sys.getrefcount(True)
    for _ in range(EMITS):
        model.dataChanged.emit(first, last)
    after = sys.getrefcount(True)
    assert len(received) == EMITS
    assert abs(after - before) < MAX_DRIFT, f"refcount(True) drifted {before} -> {after}"


def test_object_signal_storm_keeps_bool_refcount(qtbot: object) -> None:
    emitter = _Emitter()
    received: list[object] = []
    emitter.fired.connect(received.append)
    payload = {"online": True}
    before = sys.getrefcount(True)
    for _ in range(EMITS):
        emitter.fired.emit(payload)
    after = sys.getrefcount(True)
    assert len(received) == EMITS and received[-1] is payload
    assert abs(after - before) < MAX_DRIFT, f"refcount(True) drifted {before} -> {after}"
