"""Python's cycle collector, run on the GUI thread's timer in steps that stay short.

Two problems, one class:

- **Which thread.** Left automatic, the collector runs on whichever thread happens to allocate:
  the engine's reader, a history query worker, the scan thread. Collecting a cycle there that
  holds a dead widget or dialog makes Qt destroy it off the GUI thread, which can deadlock the
  window. So automatic collection is off and collections run on a QTimer of the GUI thread.
- **How long.** A window with 5,000 live rows holds ~80,000 long-lived objects for the fleet
  (snapshots, boards, pools) on top of ~90,000 from imports and Qt. Each collection of an older
  generation walks all of them: measured 140 ms (generation 1) and 450–470 ms (a full
  collection) on the GUI thread under load (``benchmarks/gui.py``), where the target for any
  stall is 50 ms. In ``freeze`` mode every tick collects only the objects allocated since the
  last tick (generation 0), then moves the survivors to the permanent generation
  (``gc.freeze``), which the collector never walks. The fleet's data is acyclic and is freed by
  reference counting when replaced, frozen or not. What freezing costs: a cycle that becomes
  garbage *after* it was frozen (a closed dialog's wrappers, say) waits for the next full
  collection, which runs every ``full_every_s`` (30 minutes) with everything unfrozen first.

Without ``freeze`` (the test suite, where each test's leftovers must be collectable by the next
``gc.collect()``) the tick collects generation 0, and older generations when their counts say so,
as pyqtgraph's ``GarbageCollector`` did.
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QTimer

TICK_MS = 100  # young objects of one tick: a batch's worth at most
FULL_EVERY_S = 1800.0

_active: GuiCollector | None = None  # the collector the app runs, if any


def freeze_startup() -> bool:
    """The window is built and about to be shown: hand everything start-up allocated (the
    window's widgets, the fleet's rows, catalogues) to the frozen generation without walking
    it; returns whether it did (only in ``freeze`` mode). Why: otherwise the first tick, in the
    window's first event-loop turn, collects all of it as "young": measured ~40 % of that
    turn's CPU at 5,000 rows (py-spy), on top of the first paint (issue 15: stalls < 50 ms).
    The few cycles start-up left dead wait for the full collection, like any frozen ones."""
    collector = _active
    if collector is None or not collector.freeze:
        return False
    gc.freeze()  # moves the generations' lists in one step: no walk
    return True


class GuiCollector:
    """Disables automatic collection; collects on ``timer`` (GUI thread) instead."""

    def __init__(
        self,
        *,
        freeze: bool = False,
        interval_ms: int = TICK_MS,
        full_every_s: float = FULL_EVERY_S,
    ) -> None:
        self.freeze = freeze
        self.full_every_s = full_every_s
        self.threshold = gc.get_threshold()
        self.last_full = time.monotonic()
        self.full_runs = 0
        gc.disable()
        if freeze:
            # What exists now (modules, classes, Qt's wrappers) lives as long as the app: never
            # walk it (the first tick would otherwise walk ~90,000 objects: 150 ms under load).
            gc.freeze()
        self.timer = QTimer()
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)
        global _active
        _active = self

    def check(self) -> None:
        c0, c1, c2 = gc.get_count()
        if self.freeze:
            if time.monotonic() - self.last_full >= self.full_every_s:
                self.collect_all()
                return
            if c0 > self.threshold[0]:
                gc.collect(0)
                gc.freeze()
            return
        if c0 > self.threshold[0]:
            gc.collect(0)
            if c1 > self.threshold[1]:
                gc.collect(1)
                if c2 > self.threshold[2]:
                    gc.collect(2)

    def collect_all(self) -> int:
        """A full collection of everything, frozen objects included (the slow one)."""
        self.last_full = time.monotonic()
        self.full_runs += 1
        gc.unfreeze()
        found = gc.collect()
        if self.freeze:
            gc.freeze()
        return found

    def stop(self) -> None:
        global _active
        self.timer.stop()
        if _active is self:
            _active = None
