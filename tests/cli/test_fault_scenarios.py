"""Issue #4 acceptance: every fault the simulator can inject is reported with the right id on the
faulty miner and nothing on the healthy ones; a rack outage is one incident, not twenty alerts."""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import Iterator

import pytest

from rig_monitor.cli import main
from rig_monitor.core.engine.poller import Poller
from rig_monitor.core.faults import FaultTracker
from rig_monitor.core.model import Target
from rig_monitor.sim.faults import FAULTS, SLOW_FAULTS
from rig_monitor.sim.fleet import SimFleet
from rig_monitor.sim.thread import SimFleetThread

PORT = 24133
# One-shot poll can see these (reboots need two sweeps; idle needs the web API: see below).
ONE_SHOT = sorted(
    f for f, fid in FAULTS.items() if fid is not None and f != "reboot" and f not in SLOW_FAULTS
)
HEALTHY = 6


@pytest.fixture(scope="module")
def fleet() -> Iterator[SimFleet]:
    count = len(ONE_SHOT) + HEALTHY
    fleet = SimFleet.build(
        base="127.63.0.1", count=count, seed=21, port=PORT, personas=["antminer"]
    )
    for i, fault in enumerate(ONE_SHOT):
        fleet.miners[i].inject(fault)
    with SimFleetThread(fleet):
        yield fleet


def poll_json(*argv: str) -> list[dict]:
    out = io.StringIO()
    assert main(["poll", *argv, "--json", "--timeout", "1.5"], out) == 0
    return json.loads(out.getvalue())


def test_each_injected_fault_is_reported_and_healthy_miners_are_clean(fleet: SimFleet) -> None:
    doc = poll_json(f"127.63.0.1-{len(fleet.miners)}:{PORT}")
    by_ip = {o["ip"]: o for o in doc}
    for i, fault in enumerate(ONE_SHOT):
        miner = fleet.miners[i]
        ids = [f["id"] for f in by_ip[miner.ip]["faults"]]
        assert FAULTS[fault] in ids, f"{fault} on {miner.label}: got {ids}"
        for f in by_ip[miner.ip]["faults"]:
            assert f["title"] and f["detail"] and f["severity"] in ("info", "warning", "critical")
    for miner in fleet.miners[len(ONE_SHOT) :]:
        assert by_ip[miner.ip]["online"]
        assert by_ip[miner.ip]["faults"] == [], miner.label


def test_reboot_needs_two_sweeps_and_is_caught_between_them(fleet: SimFleet) -> None:
    healthy = fleet.miners[-1]
    target = Target(healthy.ip, PORT)

    async def go() -> tuple[list[str], list[str]]:
        poller, tracker = Poller(), FaultTracker()
        try:
            first = await poller.poll(target)
            tracker.update([first])
            fleet_thread_inject(healthy.ip, "reboot")
            second = await poller.poll(target)
            tracker.update([second])
            return [f.id for f in first.faults], [f.id for f in second.faults]
        finally:
            await poller.aclose()

    def fleet_thread_inject(ip: str, fault: str) -> None:
        fleet.miner(ip, PORT).inject(fault)  # resets uptime at once

    try:
        before, after = asyncio.run(go())
    finally:
        healthy.clear("reboot")
    assert "unexpected_reboot" not in before
    assert "unexpected_reboot" in after


@pytest.fixture
def rack() -> Iterator[SimFleet]:
    # 10.10.1.0/26 in the story; here 127.64.1.0/26: 40 miners, 20 of them go dark together
    fleet = SimFleet.build(base="127.64.1.1", count=40, seed=4, port=PORT, personas=["antminer"])
    scattered = SimFleet.build(
        base="127.64.9.1", count=30, seed=5, port=PORT, personas=["antminer"]
    )
    for m in fleet.miners[10:30]:
        m.inject("offline")
    for m in (scattered.miners[3], scattered.miners[17]):
        m.inject("offline")
    both = SimFleet(fleet.miners + scattered.miners)
    with SimFleetThread(both):
        yield both


def test_rack_outage_is_one_incident(rack: SimFleet) -> None:
    out = io.StringIO()
    argv = [
        "diagnose",
        f"127.64.1.1-40:{PORT}",
        f"127.64.9.1-30:{PORT}",
        "--json",
        "--timeout",
        "1",
    ]
    assert main(argv, out) == 0
    doc = json.loads(out.getvalue())
    assert set(doc) == {"miners", "incidents"}
    assert len(doc["miners"]) == 70
    outages = [i for i in doc["incidents"] if i["id"] == "site_network_or_power"]
    assert len(outages) == 1
    dark = {f"{m.ip}:{PORT}" for m in rack.miners[10:30]}  # bare IPs on the default port
    assert set(outages[0]["miners"]) == dark
    assert "127.64.1.11–127.64.1.30" in outages[0]["title"]
    # the two scattered offline miners stay individual alerts
    scattered = {f"127.64.9.4:{PORT}", f"127.64.9.18:{PORT}"}
    assert not any(set(i["miners"]) & scattered for i in doc["incidents"])
