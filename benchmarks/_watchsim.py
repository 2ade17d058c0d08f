"""``watch`` on the simulator with simulated time: the poller, the engine and the window's fault
stage exactly as ``rig-monitor watch`` runs them, but the simulator's clock (and each reading's
timestamp) moves ``interval_s`` per sweep, so an hour of a fleet's life takes minutes.

Real sockets on loopback only (the simulator's 127.x addresses); nothing else is faked.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

from rig_monitor.core.credentials import Credentials
from rig_monitor.core.engine.engine import Batch, EngineConfig, PollEngine
from rig_monitor.core.engine.poller import Poller
from rig_monitor.core.faults.stage import FaultReport, FaultStage
from rig_monitor.core.model import MinerSnapshot, Ports
from rig_monitor.core.wire.cgminer import Limits
from rig_monitor.sim.fleet import SimFleet

T0 = 1_800_000_000.0


class SimClock:
    """The simulated "now", shared by the simulator and the fault stage."""

    def __init__(self, t: float = T0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


@dataclass(slots=True)
class Sweep:
    n: int
    at: float  # simulated time of the sweep
    snaps: list[MinerSnapshot]
    report: FaultReport | None


OnSweep = Callable[[Sweep], None]


def watch(
    fleet: SimFleet,
    clock: SimClock,
    sweeps: int,
    *,
    interval_s: float = 60.0,
    web_port: int,
    v3_port: int = 4433,
    timeout_s: float = 5.0,
    on_sweep: OnSweep | None = None,
    stage: FaultStage | None = None,
) -> list[Sweep]:
    """Run ``sweeps`` sweeps; before each, ``on_sweep`` of the previous one may inject faults."""
    stage = stage if stage is not None else FaultStage(clock=clock)
    out: list[Sweep] = []
    collected: list[MinerSnapshot] = []
    order = {t.key: i for i, t in enumerate(fleet.targets)}

    def on_batch(batch: Batch) -> None:
        collected.extend(batch.snapshots)
        if not batch.sweep_done:
            return
        snaps = sorted(collected, key=lambda s: order.get(s.key, 0))
        collected.clear()
        for s in snaps:
            s.timestamp = clock.t  # the reading's time is the simulator's
        sweep = Sweep(len(out) + 1, clock.t, snaps, stage(snaps))
        out.append(sweep)
        if on_sweep is not None:
            on_sweep(sweep)
        clock.t += interval_s

    async def run() -> None:
        poller = Poller(
            Limits(connect_timeout_s=min(3.0, timeout_s), read_timeout_s=timeout_s),
            ports=Ports(web=web_port, whatsminer_v3=v3_port),
            credentials=Credentials(),
        )
        config = EngineConfig(
            interval_s=0.0,
            poll_budget_s=2 * timeout_s + 1.0,
            concurrency=500,
            batch_interval_s=3600.0,
            backoff_base_s=0.0,  # wall-clock backoff would skip miners for many simulated minutes
            backoff_max_s=0.0,
        )
        engine = PollEngine(poller.poll, on_batch, config)
        engine.set_targets(fleet.targets)
        try:
            await engine.run(sweeps=sweeps)
        finally:
            await poller.aclose()

    asyncio.run(run())
    return out


def visible(sweep: Sweep) -> dict[str, set[str]]:
    """Per miner key, the ids of the faults it shows (info left out)."""
    return {s.key: {f.id for f in s.faults if f.severity != "info"} for s in sweep.snaps}
