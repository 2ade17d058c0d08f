"""A miner replaced at the same address while it stays reachable is identified again (issue 10).

A board swap, a reflash or a DHCP lease handed to another machine: the next reply contradicts
what the poller knew (model, MAC, firmware), and keeping the old identity would judge the new
machine against the old one's rating and limits.
"""

from __future__ import annotations

import asyncio

import pytest

from rig_monitor.core.engine.poller import Poller
from rig_monitor.core.model import MinerSnapshot, Ports
from rig_monitor.core.wire.cgminer import Limits
from rig_monitor.sim.fleet import SimFleet
from rig_monitor.sim.thread import SimFleetThread
from tests.core.engine.test_engine_scale import free_ports

BASE = "127.69.0.1"
LIMITS = Limits(connect_timeout_s=1.0, read_timeout_s=3.0)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("antminer:S19j Pro", "whatsminer:M30S+_VE40"),  # the lease went to another machine
        ("antminer:S19j Pro", "antminer:S21"),  # same firmware, another machine
    ],
)
def test_a_replaced_miner_is_identified_again(before: str, after: str) -> None:
    port, web, v3 = free_ports(BASE, 3)

    def sim(persona: str) -> SimFleet:
        return SimFleet.build(
            base=BASE, count=1, seed=3, port=port, web_port=web, v3_port=v3, personas=[persona]
        )

    first, second = sim(before), sim(after)
    poller = Poller(LIMITS, ports=Ports(web=web, whatsminer_v3=v3))
    target = first.miners[0].target

    async def poll() -> MinerSnapshot:
        return await poller.poll(target)

    loop = asyncio.new_event_loop()
    try:
        with SimFleetThread(first):
            old = [loop.run_until_complete(poll()) for _ in range(2)]
        with SimFleetThread(second):
            new = loop.run_until_complete(poll())
        loop.run_until_complete(poller.aclose())
    finally:
        loop.close()
    truth_old, truth_new = first.miners[0].truth(), second.miners[0].truth()
    assert all(s.online and s.model == truth_old.model for s in old)
    assert new.online, new.error
    assert (new.make, new.model) == (truth_new.make, truth_new.model)
    assert new.nominal_hashrate_ths == pytest.approx(truth_new.nominal_hashrate_ths, rel=0.05)
    ident = poller.identity(target)
    assert ident is not None and ident.model == truth_new.model
    assert any("identified again" in n for n in new.notes), new.notes
