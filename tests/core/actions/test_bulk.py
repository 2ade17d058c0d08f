"""500 selected miners of six families: every one gets a clear result (time: benchmarks/actions.py;
every miner's action runs under one deadline, so the whole is bounded by design)."""

from __future__ import annotations

from collections import Counter

from rig_monitor.core.actions.pacing import Pacing
from rig_monitor.core.drivers.control import Action
from rig_monitor.core.wire.cgminer import Limits
from rig_monitor.sim.fdlimit import raise_fd_limit
from tests.core.actions.simfleet import miners, run

SIX = ["cgminer", "antminer:S19j Pro", "avalon", "luxos", "epic", "whatsminer:M60_VK40"]


def test_500_miners_six_families_each_get_a_clear_result() -> None:
    raise_fd_limit(8192)
    specs = [SIX[i % len(SIX)] for i in range(500)]
    with miners(specs, per_block=200) as fleet:
        for i in (7, 77, 177):  # a few are down, one hangs
            fleet.inject(fleet.targets[i].ip, "offline")
        fleet.inject(fleet.targets[300].ip, "hung")
        # deadlines generous enough for a loaded 2-core machine: the hung miner costs one of them
        results = run(
            fleet,
            Action.LOCATE_ON,
            pacing=Pacing(concurrency=200, miner_timeout_s=12.0),
            limits=Limits(connect_timeout_s=5.0, read_timeout_s=10.0),
        )
    assert len(results) == 500
    assert len({r.ip for r in results}) == 500
    for r in results:
        assert r.ok is True or (r.ok is False and r.error), r
    failed = {r.ip for r in results if not r.ok}
    bad = {fleet.targets[i].ip for i in (7, 77, 177, 300)}
    unsupported = {r.ip for r in results if r.supported is False}
    assert failed == bad | unsupported
    # the CGMiner API has no LED: 84 cgminers, less #300 which hung before it could say so
    kinds = Counter(
        fleet.miners[i].persona_id for i, r in enumerate(results) if r.supported is False
    )
    assert kinds == {"cgminer": 83}
    hung = results[300]
    assert hung.error and hung.error.startswith("timed out")
