"""The app's cycle collector: on the GUI thread's timer, short steps, frozen survivors."""

from __future__ import annotations

import gc
import weakref
from typing import Any

from rig_monitor.gui.collector import GuiCollector


class Node:
    def __init__(self) -> None:
        self.other: Any = None


def _cycle() -> tuple[Node, weakref.ref[Node]]:
    a, b = Node(), Node()
    a.other, b.other = b, a
    return a, weakref.ref(a)


def _churn() -> list[object]:
    return [[i] for i in range(2000)]  # enough allocations to pass the generation-0 threshold


def test_freeze_mode_frees_young_cycles_and_freezes_the_survivors(qapp: object) -> None:
    collector = GuiCollector(freeze=True, interval_ms=60_000)
    try:
        assert not gc.isenabled()
        kept = _churn()
        garbage, dead = _cycle()
        del garbage
        assert dead() is not None  # only a collection frees a cycle
        collector.check()
        assert dead() is None  # young garbage: freed by the tick
        assert gc.get_freeze_count() > len(kept)  # the survivors are no longer walked
        assert gc.get_count()[0] < 100

        # A cycle that dies after it was frozen waits for the full collection.
        late, late_ref = _cycle()
        _ = _churn()
        collector.check()
        del late
        _ = _churn()
        collector.check()
        assert late_ref() is not None
        collector.collect_all()
        assert late_ref() is None
        assert collector.full_runs == 1 and gc.get_freeze_count() > 0
    finally:
        collector.stop()
        gc.unfreeze()


def test_the_full_collection_runs_on_its_schedule(qapp: object) -> None:
    collector = GuiCollector(freeze=True, interval_ms=60_000, full_every_s=0.0)
    try:
        late, late_ref = _cycle()
        collector.check()  # the schedule says a full collection is due: everything is walked
        del late
        collector.check()
        assert late_ref() is None and collector.full_runs == 2
    finally:
        collector.stop()
        gc.unfreeze()


def test_classic_mode_never_freezes(qapp: object) -> None:
    collector = GuiCollector(interval_ms=60_000)
    try:
        garbage, dead = _cycle()
        del garbage
        kept = _churn()
        collector.check()
        assert dead() is None
        assert gc.get_freeze_count() == 0
        del kept
    finally:
        collector.stop()


def test_startup_heap_is_frozen_without_a_collection(qapp: object) -> None:
    """What start-up built is handed to the frozen generation at the window's first show, so
    the first tick does not walk it; young garbage afterwards is still freed by the tick."""
    from rig_monitor.gui.collector import freeze_startup

    collections: list[str] = []

    def seen(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(phase)

    collector = GuiCollector(freeze=True, interval_ms=60_000)
    gc.callbacks.append(seen)
    try:
        built = _churn()  # the window's rows, say
        frozen_before = gc.get_freeze_count()
        assert freeze_startup()
        assert collections == []  # nothing walked
        assert gc.get_freeze_count() >= frozen_before + len(built)
        assert gc.get_count()[0] < 100
        garbage, dead = _cycle()
        del garbage
        _ = _churn()
        collector.check()
        assert dead() is None and len(collections) == 1
    finally:
        gc.callbacks.remove(seen)
        collector.stop()
        gc.unfreeze()


def test_classic_mode_freezes_nothing_at_startup(qapp: object) -> None:
    from rig_monitor.gui.collector import freeze_startup

    assert not freeze_startup()  # no collector running
    collector = GuiCollector(interval_ms=60_000)
    try:
        assert not freeze_startup()
        assert gc.get_freeze_count() == 0
    finally:
        collector.stop()
