"""The cycle collector of a process that only serves a simulated fleet (the benchmarks'
simulator process, benchmarks/_simserver.py).

The fleet (miners, rigs, personas, listeners) is built once and lives until the process ends;
what a request allocates is freed by reference counting. With Python's default young threshold
(700) the collector kept walking the fleet: in a 4-sweep run of a 5,000-miner mix
(`persona_cost.py`) it took 1.19–1.53 s of the simulator's 16.7–17.6 s of CPU, three or four of
them full collections over ~500,000 objects, against 0.22 s of 5.9 s at 2,000 miners: part of
why the simulator's CPU per poll grows with the fleet (gc.callbacks, 2026-12-03, branch sim3).
"""

from __future__ import annotations

import gc

# The engine's figure and reasoning (rig_monitor.core.engine.engine.GC_YOUNG_THRESHOLD): a few
# young collections a sweep instead of one every few requests.
YOUNG_THRESHOLD = 20_000


def settle_served_fleet() -> None:
    """Once the fleet is built and listening: move everything alive now out of the collector's
    walks (``gc.freeze``) and raise the young threshold. Only for a process that does nothing
    else: the tests and the demo run their fleet inside a process with other work."""
    gc.collect()
    gc.freeze()
    young, middle, old = gc.get_threshold()
    if young < YOUNG_THRESHOLD:
        gc.set_threshold(YOUNG_THRESHOLD, middle, old)
