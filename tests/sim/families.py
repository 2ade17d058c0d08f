"""Poll one simulated miner of the aftermarket/other-vendor families end to end (shared by the
tests/sim/test_persona_<family>.py files). Each call gets its own 127.72.N.1 address."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Iterable

from rig_monitor.core.drivers.base import Driver, Session
from rig_monitor.core.engine.poller import Poller
from rig_monitor.core.model import Identity, MinerSnapshot, Ports, Target
from rig_monitor.core.wire.cgminer import CGMinerClient, Limits
from rig_monitor.core.wire.http import HttpClient
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


def poll_web_only(
    driver: Driver, persona: str, model: str | None, faults: Iterable[str] = ()
) -> tuple[MinerSnapshot, Truth]:
    """Read one simulated miner through its web API only: the API port the driver is given has
    no listener (as when the firmware's 4028 API is off), so it falls back to the web read and
    logs in with the family's default credential."""
    ip = new_ip()
    miner = SimMiner(
        ip, free_port(ip), persona, model, seed=7, faults=faults, web_port=free_port(ip)
    )
    thread = SimFleetThread(SimFleet([miner]))
    thread.start()

    async def go() -> MinerSnapshot:
        http = HttpClient(LIMITS)
        try:
            target = Target(ip, free_port(ip), web_port=miner.web_port)  # nobody listens there
            identity = Identity(persona)
            session = Session(target, CGMinerClient(ip, target.port, LIMITS), identity, http)
            return driver.parse(target, await driver.fetch(session), identity)
        finally:
            await http.aclose()

    try:
        return asyncio.run(go()), miner.truth()
    finally:
        thread.stop()
