"""Poll one simulated miner of the aftermarket/other-vendor families end to end (shared by the
tests/sim/test_persona_<family>.py files). Each call gets its own 127.72.N.1 address."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Iterable

from rig_monitor.core.engine.poller import Poller
from rig_monitor.core.model import MinerSnapshot, Ports
from rig_monitor.core.wire.cgminer import Limits
from rig_monitor.sim import SimFleet, SimFleetThread, SimMiner, Truth
from tests.sim.rawclient import free_port

_blocks = itertools.count(1)
V3_PORT = 4433
LIMITS = Limits(connect_timeout_s=2.0, read_timeout_s=5.0)


def new_ip() -> str:
    return f"127.72.{next(_blocks)}.1"


def poll(
    persona: str, model: str | None, faults: Iterable[str] = (), *, seed: int = 7, polls: int = 1
) -> tuple[MinerSnapshot, Truth, SimMiner]:
    """Serve one miner, poll it ``polls`` times with a fresh Poller; the last snapshot and truth."""
    ip = new_ip()
    miner = SimMiner(ip, free_port(ip), persona, model, seed=seed, faults=faults, v3_port=V3_PORT)
    thread = SimFleetThread(SimFleet([miner]))
    thread.start()

    async def run() -> MinerSnapshot:
        poller = Poller(LIMITS, ports=Ports(whatsminer_v3=V3_PORT))
        try:
            snap = await poller.poll(miner.target)
            for _ in range(polls - 1):
                snap = await poller.poll(miner.target)
            return snap
        finally:
            await poller.aclose()

    try:
        snap = asyncio.run(run())
    finally:
        thread.stop()
    return snap, miner.truth(), miner
