"""serve's service: the engine, fault stage, exporter and notifier together, on loopback."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from rig_monitor.core.engine.engine import EngineConfig
from rig_monitor.core.faults.stage import FaultStage
from rig_monitor.core.model import MinerSnapshot, Ports, Target
from rig_monitor.core.notify.channels import WebhookChannel
from rig_monitor.core.notify.dispatcher import Notifier
from rig_monitor.core.notify.policy import Policy
from rig_monitor.core.serve.metrics import FleetCollector, MetricsServer
from rig_monitor.core.serve.service import ServeService
from rig_monitor.sim import SimFleet, SimFleetThread

from ..notify.standins import Receiver, serve


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RIG_MONITOR_CONFIG_DIR", str(tmp_path))


def free_ports(ip: str, n: int = 2) -> list[int]:
    socks = [socket.socket() for _ in range(n)]
    try:
        for s in socks:
            s.bind((ip, 0))
        return [int(s.getsockname()[1]) for s in socks]
    finally:
        for s in socks:
            s.close()


def scrape(server: MetricsServer) -> dict[str, list[tuple[dict[str, str], float]]]:
    text = httpx.get(f"http://127.0.0.1:{server.port}/metrics", timeout=5).text
    out: dict[str, list[tuple[dict[str, str], float]]] = {}
    for fam in text_string_to_metric_families(text):
        for s in fam.samples:
            out.setdefault(s.name, []).append((dict(s.labels), s.value))
    return out


@pytest.fixture
def fleet() -> Iterator[SimFleetThread]:
    base = "127.86.0.1"
    port, web = free_ports(base)
    sim = SimFleet.build(base=base, count=40, port=port, web_port=web, seed=5)
    thread = SimFleetThread(sim)
    thread.start()
    yield thread
    thread.stop()


def test_metrics_carry_every_miner_of_a_simulated_fleet(fleet: SimFleetThread) -> None:
    sim = fleet.fleet
    port, web = sim.miners[0].port, sim.miners[0].web_port
    fleet.inject(sim.miners[3].ip, "offline")
    service = ServeService(
        sim.targets,
        site="north",
        config=EngineConfig(interval_s=0.2, poll_budget_s=5.0),
        ports=Ports(web=web),
        stage=FaultStage(),
    )
    server = MetricsServer(service.collector, "127.0.0.1", 0)
    server.start()
    service.start()
    try:
        assert service.wait_sweeps(2, 60)
        m = scrape(server)
    finally:
        service.stop()
        server.stop()
    addr = {f"{t.ip}:{port}" for t in sim.targets}
    up = {lab["ip"]: v for lab, v in m["rig_monitor_miner_up"]}
    assert set(up) == addr
    dead = f"{sim.miners[3].ip}:{port}"
    assert up[dead] == 0.0 and sum(up.values()) == len(addr) - 1
    rate = {lab["ip"]: v for lab, v in m["rig_monitor_miner_hashrate_hashes_per_second"]}
    assert set(rate) == addr - {dead}
    assert all(v > 1e9 for v in rate.values())  # H/s, not TH/s
    assert {lab["site"] for lab, _ in m["rig_monitor_miner_up"]} == {"north"}
    model = {lab["ip"]: lab["model"] for lab, _ in m["rig_monitor_miner_up"]}
    named = [x for x in sim.miners if x.model and x is not sim.miners[3]]
    assert named and all(x.model in model[f"{x.ip}:{port}"] for x in named)
    (total,) = m["rig_monitor_fleet_hashrate_hashes_per_second"]
    assert total[1] == pytest.approx(sum(rate.values()))
    states = {lab["state"]: v for lab, v in m["rig_monitor_fleet_miners"]}
    assert states == {"online": len(addr) - 1, "offline": 1}
    sensors = {lab["sensor"] for lab, _ in m["rig_monitor_miner_temperature_celsius"]}
    assert {"chip_max", "board_max"} <= sensors
    assert m["rig_monitor_board_hashrate_hashes_per_second"]
    assert m["rig_monitor_sweeps_total"][0][1] >= 2
    assert m["rig_monitor_sweep_miners_polled"][0][1] == len(addr)
    assert m["rig_monitor_sweep_duration_seconds"][0][1] > 0


def test_a_scrape_during_a_sweep_sees_the_last_complete_sweep(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Fake polls: in sweep 2 all miners answer at once but one, which hangs until released;
    the partial batches are out (the fault stage saw them), the exporter still shows sweep 1."""
    targets = [Target(f"127.87.0.{i}", 4028) for i in range(1, 21)]
    sweep = {"n": 0}
    release = threading.Event()
    partial = threading.Event()
    held = targets[-1].key

    async def poll(t: Target) -> MinerSnapshot:
        n = sweep["n"]
        if n >= 2 and t.key == held:
            partial.set()
            await asyncio.to_thread(release.wait, 30)
        return MinerSnapshot(t.ip, t.port, online=True, hashrate_ths=float(n), model="S19")

    class Counting(FaultStage):
        batches = 0

        def __call__(self, snaps: list[MinerSnapshot]):  # type: ignore[no-untyped-def]
            Counting.batches += 1
            return super().__call__(snaps)

    def on_sweep(view: object) -> None:
        sweep["n"] += 1

    service = ServeService(
        targets,
        config=EngineConfig(interval_s=0.05, batch_interval_s=0.02, poll_budget_s=30.0),
        stage=Counting(),
        poll=poll,
        on_sweep=on_sweep,
    )
    sweep["n"] = 1
    server = MetricsServer(service.collector, "127.0.0.1", 0)
    server.start()
    service.start()
    try:
        assert service.wait_sweeps(1, 30)
        assert partial.wait(30)
        seen = Counting.batches
        deadline = 0
        while Counting.batches == seen and deadline < 500:  # a partial batch of sweep 2 is out
            threading.Event().wait(0.01)
            deadline += 1
        during = scrape(server)
        release.set()
        assert service.wait_sweeps(2, 30)
        after = scrape(server)
    finally:
        release.set()
        service.stop()
        server.stop()
    rates = [v for _, v in during["rig_monitor_miner_hashrate_hashes_per_second"]]
    assert len(rates) == 20 and set(rates) == {1e12}
    assert during["rig_monitor_sweeps_total"][0][1] == 1
    rates = [v for _, v in after["rig_monitor_miner_hashrate_hashes_per_second"]]
    sweeps = after["rig_monitor_sweeps_total"][0][1]  # read in the same scrape as the rates
    assert sweeps >= 2 and len(rates) == 20 and set(rates) == {sweeps * 1e12}


def test_a_hanging_webhook_never_stalls_polling(fleet: SimFleetThread) -> None:
    """A miner goes offline, its alert goes to a webhook that hangs: sweeps keep completing
    while the delivery is still held."""
    sim = fleet.fleet
    web = sim.miners[0].web_port
    fleet.inject(sim.miners[0].ip, "offline")
    release = threading.Event()
    with serve(Receiver(hang=release)) as rx:
        notifier = Notifier()
        notifier.add(WebhookChannel("hook", lambda: rx.url), Policy(group_s=0.0))
        service = ServeService(
            sim.targets[:8],
            config=EngineConfig(interval_s=0.2, poll_budget_s=5.0),
            ports=Ports(web=web),
            stage=FaultStage(),
            notifier=notifier,
            collector=FleetCollector("x", notifier.counters),
        )
        service.start()
        try:
            assert rx.hanging.wait(60), "the unreachable miner's alert never reached the webhook"
            at_hang = service.sweeps_done
            assert service.wait_sweeps(at_hang + 5, 30)
            assert rx.hanging.is_set() and not release.is_set() and not rx.requests
            assert notifier.status()[0].pending >= 1
        finally:
            release.set()
            service.stop()
    assert rx.requests and rx.requests[0][1]["events"][0]["fault"] == "miner_unreachable"


def test_a_rack_outage_reaches_the_webhook_as_one_incident() -> None:
    """8 of 10 miners in one /26 go dark: one message, one incident event naming the 8, and
    none of the 8 per-miner "unreachable" events it explains."""
    base = "127.89.0.1"
    port, web = free_ports(base)
    # cgminer personas: an "offline" Antminer of the simulator keeps its web API answering, and
    # the driver then reads it as online (a real case, but not a dark rack)
    sim = SimFleet.build(base=base, count=10, port=port, web_port=web, seed=9, personas=["cgminer"])
    with SimFleetThread(sim) as thread, serve(Receiver()) as rx:
        notifier = Notifier()
        notifier.add(WebhookChannel("hook", lambda: rx.url), Policy(group_s=1.5))
        service = ServeService(
            sim.targets,
            config=EngineConfig(interval_s=0.2, poll_budget_s=5.0),
            ports=Ports(web=web),
            stage=FaultStage(),
            notifier=notifier,
            collector=FleetCollector("x", notifier.counters),
        )
        service.start()
        try:
            assert service.wait_sweeps(1, 30)
            dark = sim.miners[:8]
            for m in dark:
                thread.inject(m.ip, "offline")
            assert rx.wait_for(1, 60)
            sweeps = service.sweeps_done
            assert service.wait_sweeps(sweeps + 5, 30)  # time for any straggler message
        finally:
            service.stop()
    assert len(rx.requests) == 1, rx.requests
    events = rx.requests[0][1]["events"]
    assert [e["fault"] for e in events] == ["site_network_or_power"]
    assert sorted(events[0]["miners"]) == sorted(m.ip + f":{port}" for m in dark)
