"""Simulated fleets for the HTTP-family tests, on their own loopback block (127.71.x.0)."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Iterator
from contextlib import contextmanager

from rig_monitor.core.credentials import Credentials
from rig_monitor.core.engine.poller import Poller
from rig_monitor.core.model import MinerSnapshot, Ports, Target
from rig_monitor.core.wire.cgminer import Limits
from rig_monitor.sim import SimFleet, SimFleetThread
from tests.sim.rawclient import free_port

_blocks = itertools.count(10)
FAST = Limits(connect_timeout_s=1.0, read_timeout_s=1.5, max_bytes=2 * 1024 * 1024)


@contextmanager
def fleet(personas: list[str], count: int = 1, **kw: object) -> Iterator[SimFleet]:
    base = f"127.71.{next(_blocks)}.0"
    ip1 = base[:-1] + "1"
    f = SimFleet.build(
        base=base,
        count=count,
        port=free_port(ip1),
        web_port=free_port(ip1),
        personas=personas,
        **kw,  # type: ignore[arg-type]
    )
    with SimFleetThread(f):
        yield f


def poll(
    targets: list[Target],
    ports: Ports | None = None,
    credentials: Credentials | None = None,
    limits: Limits | None = FAST,
) -> list[MinerSnapshot]:
    async def go() -> list[MinerSnapshot]:
        poller = Poller(limits or FAST, ports=ports, credentials=credentials)
        try:
            return [await poller.poll(t) for t in targets]
        finally:
            await poller.aclose()

    return asyncio.run(go())
