"""The engine against a simulated fleet with bad miners: nothing blocks a sweep, nothing leaks.

Loopback only, unique bases (127.80.x–127.83.x) and ports >= 1024. No timing assertions: the
checks are on what each sweep reports and on the sockets left open.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import time
from collections.abc import Iterator

import psutil
import pytest

from rig_monitor.core.engine.engine import (
    ADAPT_START,
    SUSPECT_SHARE,
    AdaptiveGate,
    Batch,
    EngineConfig,
    PollEngine,
    PollFn,
    SweepStats,
)
from rig_monitor.core.engine.poller import Poller
from rig_monitor.core.model import ErrorKind, MinerSnapshot, Ports, Target
from rig_monitor.core.wire.cgminer import Limits
from rig_monitor.sim import SimFleet, SimFleetThread

# The connect timeout is the wall time to a completed loopback handshake as the loop sees it: on
# a loaded machine (a CI box running other suites) the loop can lag past 0.5 s, and a healthy
# miner then read "no TCP answer" (seen once). 2 s keeps the silent addresses' timeouts short.
LIMITS = Limits(connect_timeout_s=2.0, read_timeout_s=3.0, max_bytes=4 * 1024 * 1024)
BAD = {
    "hung": {ErrorKind.TIMEOUT},
    "offline": {ErrorKind.REFUSED},
    # never identified, so garbage on the first contact reads as "not a miner"
    "garbage": {ErrorKind.BAD_REPLY, ErrorKind.NOT_A_MINER},
}


def free_ports(ip: str, n: int = 2) -> list[int]:
    """``n`` distinct free ports on ``ip`` (all held open while choosing, so never the same)."""
    socks = [socket.socket() for _ in range(n)]
    try:
        for s in socks:
            s.bind((ip, 0))
        return [int(s.getsockname()[1]) for s in socks]
    finally:
        for s in socks:
            s.close()


@contextlib.contextmanager
def silent_addresses(ips: list[str], port: int) -> Iterator[None]:
    """Addresses whose connects time out, as a powered-off host on a LAN: a listener with a
    backlog of 0, its queue filled, drops further SYNs (unused loopback addresses refuse)."""
    socks: list[socket.socket] = []
    try:
        for ip in ips:
            lsock = socket.socket()
            lsock.bind((ip, port))
            lsock.listen(0)
            socks.append(lsock)
            for _ in range(2):
                c = socket.socket()
                c.setblocking(False)
                with contextlib.suppress(BlockingIOError):
                    c.connect((ip, port))
                socks.append(c)
        yield
    finally:
        for s in socks:
            s.close()


@pytest.fixture
def fleet() -> Iterator[SimFleetThread]:
    base = "127.80.0.1"
    port, web, v3 = free_ports(base, 3)  # v3 too: another checkout's suite may hold 4433
    sim = SimFleet.build(base=base, count=200, port=port, web_port=web, v3_port=v3, seed=11)
    thread = SimFleetThread(sim)
    thread.start()
    for i, fault in enumerate(["hung"] * 3 + ["slow"] * 3 + ["offline"] * 5 + ["garbage"] * 2):
        thread.inject(sim.miners[10 + i * 7].ip, fault)
    yield thread
    thread.stop()


def _sweep(poller: Poller, targets: list[Target], sweeps: int, **cfg: float) -> list[Batch]:
    batches: list[Batch] = []

    async def go() -> None:
        engine = PollEngine(
            poller.poll,
            batches.append,
            EngineConfig(interval_s=0.0, **cfg),  # type: ignore[arg-type]
        )
        engine.set_targets(targets)
        try:
            await engine.run(sweeps=sweeps)
        finally:
            await poller.aclose()

    asyncio.run(go())
    return batches


def _by_sweep(batches: list[Batch]) -> dict[int, dict[str, MinerSnapshot]]:
    out: dict[int, dict[str, MinerSnapshot]] = {}
    for b in batches:
        for s in b.snapshots:
            out.setdefault(b.sweep.sweep, {})[f"{s.ip}:{s.port}"] = s
    return out


def test_hung_slow_offline_and_silent_miners_do_not_block_a_sweep(
    fleet: SimFleetThread,
) -> None:
    silent = [f"127.81.0.{i}" for i in range(1, 61)]
    port = fleet.fleet.miners[0].port
    web = fleet.fleet.miners[0].web_port
    targets = fleet.fleet.targets + [Target(ip, port, web_port=web) for ip in silent]
    poller = Poller(LIMITS, ports=Ports(web=web, whatsminer_v3=fleet.fleet.miners[0].v3_port))
    with silent_addresses(silent, port):
        batches = _sweep(poller, targets, sweeps=2, poll_budget_s=8.0, concurrency=64)
    done = [b for b in batches if b.sweep_done]
    assert [b.sweep.sweep for b in done] == [1, 2]
    faults = {m.target.key: next(iter(m.faults), None) for m in fleet.fleet.miners}
    for sweep, snaps in _by_sweep(batches).items():
        assert len(snaps) == len(targets), f"sweep {sweep} missed some targets"
        for key, snap in snaps.items():
            fault = faults.get(key)
            if key.split(":")[0] in silent:
                assert snap.error_kind is ErrorKind.TIMEOUT, (sweep, key, snap.error)
            elif fault in BAD:
                assert snap.error_kind in BAD[fault], (sweep, key, fault, snap.error)
                assert not snap.online
            elif fault == "slow":  # every reply dribbles over ~2 s: read, or cut at its budget
                assert snap.online or snap.error_kind is ErrorKind.TIMEOUT, (sweep, key, snap)
            else:
                assert snap.online, (sweep, key, fault, snap.error)
        assert done[sweep - 1].sweep.polled == len(targets)


def test_failing_miners_never_take_the_answering_miners_slots() -> None:
    """Fake polls: 100 answering miners and 100 dead ones that hold their slot until timeout."""
    concurrency = 20
    healthy = [Target(f"127.82.0.{i}", 4028) for i in range(1, 101)]
    dead = [Target(f"127.82.1.{i}", 4028) for i in range(1, 101)]
    dead_keys = {t.key for t in dead}
    active = {"dead": 0, "peak_dead": 0}
    order: list[tuple[int, str]] = []
    sweep_no = {"n": 0}

    async def poll(t: Target) -> MinerSnapshot:
        if t.key in dead_keys:
            active["dead"] += 1
            active["peak_dead"] = max(active["peak_dead"], active["dead"])
            try:
                await asyncio.sleep(0.2)
            finally:
                active["dead"] -= 1
            return MinerSnapshot.offline(t, ErrorKind.TIMEOUT, "timed out")
        await asyncio.sleep(0)
        return MinerSnapshot(ip=t.ip, port=t.port, online=True)

    def on_batch(b: Batch) -> None:
        order.extend((b.sweep.sweep, f"{s.ip}:{s.port}") for s in b.snapshots)

    async def go() -> None:
        engine = PollEngine(poll, on_batch, EngineConfig(interval_s=0.0, concurrency=concurrency))
        engine.set_targets(dead + healthy)  # the dead ones first, in the worst order
        for _ in range(2):
            sweep_no["n"] += 1
            active["peak_dead"] = 0
            await engine.sweep()

    asyncio.run(go())
    second = [key for sweep, key in order if sweep == 2]
    assert len(second) == 200
    # In sweep 2 the dead ones are known: they get at most their share of the slots, and every
    # answering miner is reported before the first dead one.
    assert active["peak_dead"] <= max(1, int(concurrency * SUSPECT_SHARE))
    last_healthy = max(i for i, k in enumerate(second) if k not in dead_keys)
    first_dead = min(i for i, k in enumerate(second) if k in dead_keys)
    assert last_healthy < first_dead


def _client_sockets(service_ports: set[int]) -> int:
    """Our client-side TCP sockets to the sim (the sim's own server sockets live here too)."""
    return sum(
        1
        for c in psutil.Process().net_connections(kind="tcp")
        if c.raddr and c.raddr.port in service_ports and c.status != psutil.CONN_LISTEN
    )


def test_no_sockets_leak_over_repeated_sweeps(fleet: SimFleetThread) -> None:
    sim = fleet.fleet
    ports = {sim.miners[0].port, sim.miners[0].web_port, sim.miners[0].v3_port}
    silent = [f"127.83.0.{i}" for i in range(1, 21)]
    targets = sim.targets + [
        Target(ip, sim.miners[0].port, web_port=sim.miners[0].web_port) for ip in silent
    ]
    poller = Poller(
        LIMITS, ports=Ports(web=sim.miners[0].web_port, whatsminer_v3=sim.miners[0].v3_port)
    )
    with silent_addresses(silent, sim.miners[0].port):
        before_sockets = _client_sockets(ports)  # the silent fillers' own 40 sockets
        fds_before = psutil.Process().num_fds()
        batches = _sweep(poller, targets, sweeps=10, poll_budget_s=8.0, concurrency=100)
        after_sockets = _client_sockets(ports)
        fds_after = psutil.Process().num_fds()
    assert sum(b.sweep_done for b in batches) == 10
    assert before_sockets == 2 * len(silent)
    leaked = after_sockets - before_sockets
    assert leaked == 0, f"{leaked} client sockets still open after 10 sweeps"
    # The sim's server side keeps hung connections open until it stops, so allow for those
    # (3 hung miners x 10 sweeps x at most 3 connections each), nothing more.
    growth = fds_after - fds_before
    assert growth <= 3 * 10 * 3, f"{growth} descriptors more after 10 sweeps"


def _run_fake(poll: PollFn, n: int, concurrency: int = 500) -> SweepStats:
    targets = [Target(f"127.82.2.{i % 250 + 1}", 20000 + i) for i in range(n)]

    async def go() -> SweepStats:
        engine = PollEngine(poll, lambda _b: None, EngineConfig(concurrency=concurrency))
        engine.set_targets(targets)
        return await engine.sweep()

    return asyncio.run(go())


def test_cpu_bound_polls_lower_the_in_flight_limit() -> None:
    """Once the engine's thread is saturated, more polls in flight only add latency."""

    async def poll(t: Target) -> MinerSnapshot:
        await asyncio.sleep(0.001)
        end = time.thread_time() + 0.004
        while time.thread_time() < end:  # parsing a big reply, say
            pass
        return MinerSnapshot(ip=t.ip, port=t.port, online=True)

    stats = _run_fake(poll, 600)
    assert stats.online == 600
    assert stats.concurrency_low is not None and stats.concurrency_low < ADAPT_START


def test_io_bound_polls_raise_the_in_flight_limit() -> None:
    """Slow-answering but cheap miners get more polls in flight, up to the configured cap."""
    state = {"now": 0, "peak": 0}

    async def poll(t: Target) -> MinerSnapshot:
        state["now"] += 1
        state["peak"] = max(state["peak"], state["now"])
        try:
            await asyncio.sleep(0.3)
        finally:
            state["now"] -= 1
        return MinerSnapshot(ip=t.ip, port=t.port, online=True)

    stats = _run_fake(poll, 1500, concurrency=300)
    assert stats.online == 1500
    assert ADAPT_START < state["peak"] <= 300


def test_adaptive_gate_never_admits_more_than_its_limit() -> None:
    async def go() -> list[int]:
        gate = AdaptiveGate(40, adaptive=False)
        seen: list[int] = []

        async def worker(i: int) -> None:
            async with gate:
                seen.append(gate.active)
                await asyncio.sleep(0.01)
                if i == 50:
                    gate.set_limit(20)

        await asyncio.gather(*(worker(i) for i in range(200)))
        assert gate.active == 0
        return seen

    seen = asyncio.run(go())
    assert max(seen) <= 40
    assert max(seen[-50:]) <= 20
