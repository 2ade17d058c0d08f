"""settle_served_fleet: what is alive is frozen out of the collector's walks, the young threshold
raised (never lowered); put back afterwards, this process being the test runner."""

from __future__ import annotations

import gc

from rig_monitor.sim.collector import YOUNG_THRESHOLD, settle_served_fleet


def test_freezes_the_fleet_and_raises_the_young_threshold() -> None:
    saved = gc.get_threshold()
    try:
        gc.set_threshold(700, saved[1], saved[2])
        alive = [object() for _ in range(10)]
        settle_served_fleet()
        assert gc.get_freeze_count() >= len(alive)
        assert gc.get_threshold() == (YOUNG_THRESHOLD, saved[1], saved[2])
        gc.set_threshold(YOUNG_THRESHOLD * 2, saved[1], saved[2])
        settle_served_fleet()
        assert gc.get_threshold()[0] == YOUNG_THRESHOLD * 2  # a higher setting is kept
    finally:
        gc.unfreeze()
        gc.set_threshold(*saved)
