"""``python -m benchmarks.pipe_parts``: how long the window's reader thread holds the GIL per
unpickle of an engine batch, whole against in parts (issue 15, GUI worst stall < 50 ms).

    python -m benchmarks.pipe_parts [--sizes 500,1000,5000] [--runs 7]

No network: the realistic in-memory fleet of ``benchmarks.stage`` (models, boards, pools), two
sweeps through the real :class:`FaultStage` so snapshots carry their faults, raw replies dropped
as the engine child does. For each batch size it prints the pickled size, the CPU of one
``pickle.loads`` of the whole batch (what the reader did before parts: one C call, the GIL held
throughout), and with :func:`pack_batch`'s parts the longest single part's ``loads`` (the
longest hold now) and the sum of the parts. Medians of ``--runs``. The cycle collector is off
while timing, as in the window (``gui/collector``: automatic collection disabled, collections run
on the GUI thread): otherwise a collection lands inside whichever ``loads`` allocates past the
threshold. Asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import pickle
import random
import time
from collections.abc import Callable

from benchmarks._common import loadavg, machine, median
from benchmarks.stage import SWEEP_S, T0, _fleet, _snapshot
from rig_monitor.core.engine.engine import Batch, SweepStats
from rig_monitor.core.engine.engine_process import PART_SNAPSHOTS, pack_batch
from rig_monitor.core.faults.stage import FaultStage


def _cpu_ms(fn: Callable[[], object]) -> float:
    c = time.thread_time()
    fn()
    return (time.thread_time() - c) * 1000.0


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="500,1000,5000")
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--part", type=int, default=PART_SNAPSHOTS)
    args = p.parse_args(argv)
    print(f"{machine()}; load {loadavg()}; part {args.part} snapshots")
    for n in (int(x) for x in args.sizes.split(",")):
        units = _fleet(n, 7)
        rng = random.Random(8)
        clock = [T0]
        stage = FaultStage(clock=lambda c=clock: c[0])
        for sweep in range(2):
            clock[0] = T0 + sweep * SWEEP_S
            snaps = [_snapshot(u, sweep, rng) for u in units]
            stage(snaps)
        for s in snaps:
            s.raw = {}
        batch = Batch(snaps, SweepStats(sweep=2, started=clock[0]))
        whole = pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL)
        packed = pack_batch(batch, args.part)
        whole_ms, longest_ms, total_ms = [], [], []
        gc.collect()
        gc.disable()
        for _ in range(args.runs):
            whole_ms.append(_cpu_ms(lambda w=whole: pickle.loads(w)))
            parts = [_cpu_ms(lambda b=b: pickle.loads(b)) for b in packed.parts]
            longest_ms.append(max(parts))
            total_ms.append(sum(parts))
        gc.enable()
        size = sum(len(b) for b in packed.parts)
        print(
            f"{n:>5} snapshots: whole {len(whole) / 1024:.0f} KB, loads {median(whole_ms):.1f} ms"
            f" | {len(packed.parts)} parts {size / 1024:.0f} KB, longest part"
            f" {median(longest_ms):.2f} ms, all parts {median(total_ms):.1f} ms"
            f" (runs: whole {', '.join(f'{x:.1f}' for x in whole_ms)};"
            f" longest {', '.join(f'{x:.2f}' for x in longest_ms)})"
        )


if __name__ == "__main__":
    main()
