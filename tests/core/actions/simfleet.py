"""One simulated miner per persona spec, on its own loopback block, for the action tests."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from rig_monitor.core.actions.pacing import Pacing
from rig_monitor.core.actions.runner import ActionResult, ActionRunner
from rig_monitor.core.credentials import Credentials
from rig_monitor.core.drivers.control import Action, PoolSpec
from rig_monitor.core.engine.poller import Poller
from rig_monitor.core.model import Ports
from rig_monitor.core.wire.cgminer import Limits
from rig_monitor.sim import SimFleet, SimFleetThread
from rig_monitor.sim.miner import SimMiner
from tests.sim.rawclient import free_port

_blocks = itertools.count(0)  # /24 blocks handed out so far (each test gets fresh ones)
FAST = Limits(connect_timeout_s=2.0, read_timeout_s=3.0, max_bytes=2 * 1024 * 1024)
NO_WAIT = Pacing(wave_gap_s=0.0, cooldown_s=0.0, miner_timeout_s=5.0)


@contextmanager
def miners(specs: Sequence[str], per_block: int = 250) -> Iterator[SimFleet]:
    """``specs`` like ``["cgminer", "whatsminer:M60_VK40"]``: miner i runs spec i; addresses fill
    fresh /24 blocks under 127.73.0.0/16 and up, ``per_block`` miners to a block."""
    blocks = [next(_blocks) for _ in range(-(-len(specs) // per_block))]

    def ip_of(i: int) -> str:
        b = blocks[i // per_block]
        return f"127.{73 + b // 250}.{b % 250 + 1}.{i % per_block + 1}"

    ip1 = ip_of(0)
    port, web, v3 = free_port(ip1), free_port(ip1), free_port(ip1)
    built = []
    for i, spec in enumerate(specs):
        name, _, model = spec.partition(":")
        ip = ip_of(i)
        built.append(SimMiner(ip, port, name, model or None, seed=i, web_port=web, v3_port=v3))
    fleet = SimFleet(built)
    with SimFleetThread(fleet):
        fleet.ports = Ports(web=web, whatsminer_v3=v3)  # type: ignore[attr-defined]
        yield fleet


def run(
    fleet: SimFleet,
    action: Action,
    pools: tuple[PoolSpec, ...] = (),
    *,
    dry_run: bool = False,
    pacing: Pacing = NO_WAIT,
    credentials: Credentials | None = None,
    records: list[dict[str, Any]] | None = None,
    limits: Limits = FAST,
    **kw: Any,
) -> list[ActionResult]:
    sink = records if records is not None else []

    async def go() -> list[ActionResult]:
        poller = Poller(limits, ports=fleet.ports, credentials=credentials)  # type: ignore[attr-defined]
        runner = ActionRunner(poller, pacing, record=lambda **r: sink.append(r), **kw)
        try:
            return await runner.run(fleet.targets, action, pools, dry_run=dry_run)
        finally:
            await poller.aclose()

    return asyncio.run(go())
