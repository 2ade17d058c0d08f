"""Fleet building, addresses, start/stop hygiene and determinism."""

from __future__ import annotations

import asyncio
import io
import re
import socket
from collections.abc import Callable

import psutil
import pytest

from rig_monitor.sim import SimFleet, SimFleetThread
from rig_monitor.sim.runner import run
from tests.sim.conftest import next_base
from tests.sim.rawclient import ask, decode, free_port

Serve = Callable[..., SimFleetThread]


class FakeClock:
    def __init__(self, t: float = 1_800_000_000.0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


@pytest.mark.parametrize("base", ["10.0.0.1", "192.168.1.0", "0.0.0.0", "::1", "localhost"])
def test_build_refuses_non_loopback_bases(base: str) -> None:
    with pytest.raises(ValueError, match=r"loopback|IPv4"):
        SimFleet.build(base=base, count=1, port=40000)


@pytest.mark.parametrize("port", [0, 80, 1023])
def test_build_refuses_privileged_ports(port: int) -> None:
    with pytest.raises(ValueError, match="1024"):
        SimFleet.build(base="127.42.0.0", count=1, port=port)
    with pytest.raises(ValueError, match="1024"):
        SimFleet.build(base="127.42.0.0", count=1, port=port, single_ip=True)


def test_addresses_count_up_skipping_0_and_255() -> None:
    fleet = SimFleet.build(base="127.42.0.250", count=12, port=40000)
    ips = [t.ip for t in fleet.targets]
    assert ips[:5] == [
        "127.42.0.250",
        "127.42.0.251",
        "127.42.0.252",
        "127.42.0.253",
        "127.42.0.254",
    ]
    assert ips[5] == "127.42.1.1" and len(set(ips)) == 12
    assert {t.port for t in fleet.targets} == {40000}
    with pytest.raises(ValueError, match=re.escape("127.0.0.0/8")):
        SimFleet.build(base="127.255.255.250", count=10, port=40000)


def test_single_ip_uses_consecutive_ports() -> None:
    fleet = SimFleet.build(base="127.42.0.0", count=5, port=41000, single_ip=True)
    assert [(t.ip, t.port) for t in fleet.targets] == [("127.0.0.1", 41000 + i) for i in range(5)]
    assert fleet.miner("127.0.0.1", 41003).port == 41003


def test_default_mix_is_mostly_antminer_with_some_generic() -> None:
    fleet = SimFleet.build(count=500, port=40000, seed=3)
    labels = [m.label for m in fleet.miners]
    antminers = sum(1 for lb in labels if lb.startswith("antminer"))
    assert antminers > 325 and antminers < 500
    # Antminer hardware (stock or aftermarket firmware) stays the large majority
    makes = [m.persona.identity(m.model).make for m in fleet.miners]
    assert makes.count("Antminer") > 375 and 25 < makes.count("Whatsminer") < 100
    assert {"braiins", "luxos", "vnish", "avalon"} <= {m.persona_id for m in fleet.miners}
    assert {
        "antminer S19j Pro",
        "antminer S21",
        "antminer S19 XP",
        "antminer S9",
        "cgminer",
    } <= set(labels)


def test_faults_pct_is_seeded() -> None:
    a = SimFleet.build(count=200, faults_pct=10, seed=7, port=40000)
    b = SimFleet.build(count=200, faults_pct=10, seed=7, port=40000)
    c = SimFleet.build(count=200, faults_pct=10, seed=8, port=40000)
    faulty = [(m.ip, tuple(m.faults)) for m in a.miners if m.faults]
    assert len(faulty) == 20
    assert faulty == [(m.ip, tuple(m.faults)) for m in b.miners if m.faults]
    assert faulty != [(m.ip, tuple(m.faults)) for m in c.miners if m.faults]
    only = SimFleet.build(count=50, faults_pct=100, seed=1, port=40000, fault_mix=["offline"])
    assert all(m.faults == {"offline"} for m in only.miners)


def test_same_seed_same_bytes_and_different_seed_differs() -> None:
    def replies(seed: int) -> list[bytes]:
        clock = FakeClock()
        fleet = SimFleet.build(count=20, seed=seed, port=40000, clock=clock)
        out = []
        for step in range(3):
            clock.t += 37.0 * step
            out += [m.handle(b'{"command":"stats+summary+pools"}') for m in fleet.miners]
        return out

    assert replies(5) == replies(5)
    assert replies(5) != replies(6)


def test_values_drift_but_stay_near_nominal() -> None:
    clock = FakeClock()
    fleet = SimFleet.build(count=1, personas=["antminer:S19j Pro"], port=40000, clock=clock)
    m = fleet.miners[0]
    seen = []
    for _ in range(30):
        clock.t += 20
        m.handle(b'{"command":"summary"}')
        seen.append(m.truth())
    rates = [t.hashrate_ths for t in seen]
    assert len(set(rates)) > 10
    assert all(96 < r < 104 for r in rates)
    assert seen[-1].uptime_s - seen[0].uptime_s == 29 * 20
    assert seen[-1].accepted > seen[0].accepted
    assert all(abs(t.temp_board_max_c - seen[0].temp_board_max_c) <= 4 for t in seen)  # type: ignore[operator]


def test_200_miners_start_and_stop_without_leaking_fds() -> None:
    proc = psutil.Process()
    base = next_base()
    port = free_port(base[:-1] + "1")
    fleet = SimFleet.build(base=base, count=200, port=port, faults_pct=0, seed=2)

    async def main() -> None:
        await fleet.start()
        loop = asyncio.get_running_loop()
        targets = fleet.targets[::40]
        raws = await asyncio.gather(
            *(
                loop.run_in_executor(None, ask, t.ip, t.port, '{"command":"summary"}')
                for t in targets
            )
        )
        assert all(decode(r)["STATUS"][0]["STATUS"] == "S" for r in raws)
        await fleet.stop()
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection((targets[0].ip, targets[0].port), timeout=5).close()

    asyncio.run(main())  # warm up the executor/loop machinery once
    before = proc.num_fds()
    fleet = SimFleet.build(base=base, count=200, port=port, faults_pct=0, seed=2)
    asyncio.run(main())
    assert proc.num_fds() == before


def test_stop_closes_hung_connections() -> None:
    base = next_base()
    port = free_port(base[:-1] + "1")
    fleet = SimFleet.build(base=base, count=1, port=port, personas=["cgminer"])
    fleet.miners[0].inject("hung")

    async def main() -> bytes:
        await fleet.start()
        reader, writer = await asyncio.open_connection(base[:-1] + "1", port)
        writer.write(b'{"command":"summary"}')
        await writer.drain()
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(reader.read(1), 0.3)
        await fleet.stop()
        try:
            data = await asyncio.wait_for(reader.read(), 10)
        except ConnectionResetError:
            data = b""
        writer.close()
        return data

    assert asyncio.run(main()) == b""


def test_start_fails_cleanly_when_a_port_is_taken() -> None:
    base = next_base()
    ip = base[:-1] + "1"
    with socket.socket() as blocker:
        blocker.bind((ip, 0))
        blocker.listen()
        port = blocker.getsockname()[1]
        fleet = SimFleet.build(base=base, count=1, port=port)
        with pytest.raises(OSError, match=re.escape(f"{ip}:{port}")):
            SimFleetThread(fleet).start()
        assert not fleet.running


def test_runner_prints_a_table_and_returns(serve: Serve) -> None:
    out = io.StringIO()
    base = next_base()
    code = run(
        base=base,
        count=3,
        faults_pct=100,
        seed=1,
        port=free_port(base[:-1] + "1"),
        single_ip=False,
        personas=["antminer:S21"],
        duration_s=0.2,
        out=out,
    )
    text = out.getvalue()
    assert code == 0
    assert (
        base[:-1] + "1:" in text and "antminer S21" in text and "serving 3 simulated miners" in text
    )
    assert run(base="10.1.0.0", count=1, faults_pct=0, seed=0, port=40000, single_ip=False,
               personas=None, duration_s=0, out=out) == 2  # fmt: skip
