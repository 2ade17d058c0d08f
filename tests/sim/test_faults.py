"""Every injectable fault has the observable effect the client's rules are meant to catch."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from typing import Any

import pytest

from rig_monitor.sim import FAULTS, SimFleet, SimFleetThread, SimMiner
from tests.sim.rawclient import ask, ask_json, decode

Serve = Callable[..., SimFleetThread]
CHAINS = (1, 2, 3)


class FakeClock:
    def __init__(self) -> None:
        self.t = 1_800_000_000.0

    def __call__(self) -> float:
        return self.t


def stats_of(m: SimMiner) -> dict[str, Any]:
    s: dict[str, Any] = decode(m.handle(b'{"command":"stats"}'))["STATS"][1]
    return s


def summary_of(m: SimMiner) -> dict[str, Any]:
    s: dict[str, Any] = decode(m.handle(b'{"command":"summary"}'))["SUMMARY"][0]
    return s


def antminer(*faults: str, clock: FakeClock | None = None) -> SimMiner:
    return SimMiner(
        "127.42.0.1",
        40000,
        "antminer",
        "S19j Pro",
        seed=11,
        faults=faults,
        clock=clock or FakeClock(),
    )


def test_fault_table_names_real_fault_ids() -> None:
    assert set(FAULTS) == {
        "dead_board", "missing_chips", "chip_x", "fan_stopped", "overheat", "low_hashrate",
        "pools_dead", "rejects", "reboot", "hw_errors", "offline", "garbage", "truncated", "hung",
        "slow", "huge", "malformed", "idle", "bad_password", "heat_creep", "fan_flaky",
        "chips_fading", "hash_fade", "flapping", "sensor_255", "reject_creep",
    }  # fmt: skip
    assert FAULTS["dead_board"] == "board_missing" and FAULTS["idle"] is None
    with pytest.raises(ValueError, match="unknown fault"):
        antminer().inject("meltdown")
    with pytest.raises(ValueError, match="cannot show"):
        SimMiner("127.42.0.1", 40000, "cgminer").inject("fan_stopped")


def test_healthy_truth_has_no_expected_faults() -> None:
    truth = antminer().truth()
    assert (
        truth.expected_fault_ids == frozenset()
        and truth.make == "Antminer"
        and truth.model == "S19j Pro"
    )
    assert truth.expected_boards == 3 and truth.expected_fans == 4 and len(truth.fans_rpm) == 4


def test_dead_board() -> None:
    m = antminer("dead_board")
    s = stats_of(m)
    dead = [n for n in CHAINS if s[f"chain_acn{n}"] == 0]
    assert len(dead) == 1
    n = dead[0]
    assert s[f"chain_acs{n}"] == "" and float(s[f"chain_rate{n}"]) == 0 and s["miner_count"] == 2
    assert all(s[f"chain_acn{k}"] == 126 for k in CHAINS if k != n)
    assert m.truth().expected_fault_ids == {"board_missing"}


def test_missing_chips_and_chip_x() -> None:
    s = stats_of(antminer("missing_chips"))
    short = [n for n in CHAINS if s[f"chain_acn{n}"] < 126]
    assert len(short) == 1 and "x" in s[f"chain_acs{short[0]}"]
    assert len(s[f"chain_acs{short[0]}"].replace(" ", "")) == s[f"chain_acn{short[0]}"]
    s = stats_of(antminer("chip_x"))
    assert all(s[f"chain_acn{n}"] == 126 for n in CHAINS)
    assert sum(s[f"chain_acs{n}"].count("x") for n in CHAINS) in (1, 2, 3)


def test_fan_stopped_and_overheat() -> None:
    s = stats_of(antminer("fan_stopped"))
    fans = [s[f"fan{n}"] for n in (1, 2, 3, 4)]
    assert fans.count(0) == 1 and all(f > 3000 for f in fans if f)
    s = stats_of(antminer("overheat"))
    chip = max(int(v) for n in CHAINS for v in s[f"temp_chip{n}"].split("-"))
    pcb = max(int(v) for n in CHAINS for v in s[f"temp_pcb{n}"].split("-"))
    assert 95 <= chip <= 105 and 80 <= pcb <= 90


def test_low_hashrate_and_idle() -> None:
    s = summary_of(antminer("low_hashrate"))
    assert 0.55 * 100_000 < s["GHS 5s"] < 0.66 * 100_000 and s["GHS av"] < 0.66 * 100_000
    m = antminer("idle")
    assert (
        summary_of(m)["GHS 5s"] == 0
        and m.truth().idle
        and m.truth().expected_fault_ids == frozenset()
    )
    assert all(f > 0 for f in m.truth().fans_rpm)


def test_pools_dead() -> None:
    pools = decode(antminer("pools_dead").handle(b'{"command":"pools"}'))["POOLS"]
    assert [p["Status"] for p in pools] == ["Dead"] * 3 and not any(
        p["Stratum Active"] for p in pools
    )


def test_rejects_window_ratio() -> None:
    clock = FakeClock()
    m = antminer("rejects", clock=clock)
    a = summary_of(m)
    clock.t += 1800
    b = summary_of(m)
    acc, rej = b["Accepted"] - a["Accepted"], b["Rejected"] - a["Rejected"]
    assert acc + rej > 100 and 0.06 < rej / (acc + rej) < 0.10
    healthy = antminer(clock=clock)
    a = summary_of(healthy)
    clock.t += 1800
    b = summary_of(healthy)
    assert (b["Rejected"] - a["Rejected"]) / (b["Accepted"] - a["Accepted"]) < 0.01


def test_reboot_makes_uptime_drop_and_can_be_switched_at_runtime() -> None:
    clock = FakeClock()
    m = antminer(clock=clock)
    first = summary_of(m)["Elapsed"]
    assert first > 3600
    m.inject("reboot")
    clock.t += 5
    after = summary_of(m)["Elapsed"]
    assert after < first and after == 5
    clock.t += 16  # past the ~20 s cycle: it restarted again
    assert summary_of(m)["Elapsed"] < 5
    m.clear("reboot")
    clock.t += 100
    assert summary_of(m)["Elapsed"] > 100


def test_hw_errors_climb_fast() -> None:
    clock = FakeClock()
    m = antminer("hw_errors", clock=clock)

    def hw_and_diff1() -> tuple[int, int]:
        devs = decode(m.handle(b'{"command":"devs"}'))["DEVS"]
        return summary_of(m)["Hardware Errors"], sum(d["Diff1 Work"] for d in devs)

    hw0, d0 = hw_and_diff1()
    clock.t += 600
    hw1, d1 = hw_and_diff1()
    assert (hw1 - hw0) / ((hw1 - hw0) + (d1 - d0)) > 0.01


def test_offline_refuses_and_comes_back(serve: Serve) -> None:
    thread = serve(count=2, personas=["antminer:S21"])
    m = thread.fleet.miners[0]
    assert ask_json(m.ip, m.port, "version")["STATUS"][0]["STATUS"] == "S"
    thread.inject(m.ip, "offline")
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((m.ip, m.port), timeout=5).close()
    other = thread.fleet.miners[1]
    assert ask_json(other.ip, other.port, "version")["STATUS"][0]["STATUS"] == "S"
    thread.clear(m.ip, "offline")
    assert ask_json(m.ip, m.port, "version")["STATUS"][0]["STATUS"] == "S"


def test_offline_at_start_is_refused(serve: Serve) -> None:
    thread = serve(count=3, personas=["cgminer"], faults_pct=100, fault_mix=["offline"])
    for m in thread.fleet.miners:
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection((m.ip, m.port), timeout=5).close()


def test_wire_faults(serve: Serve) -> None:
    thread = serve(count=5, personas=["antminer:S19 XP"])
    garbage, truncated, hung, slow, huge = thread.fleet.miners
    for m, fault in zip(
        thread.fleet.miners, ("garbage", "truncated", "hung", "slow", "huge"), strict=True
    ):
        thread.inject(m.ip, fault)
    raw = ask(garbage.ip, garbage.port, '{"command":"summary"}')
    with pytest.raises((UnicodeDecodeError, json.JSONDecodeError)):
        json.loads(raw.rstrip(b"\x00").decode())
    raw = ask(truncated.ip, truncated.port, '{"command":"summary"}')
    assert raw and b"\x00" not in raw and raw.startswith(b'{"STATUS"')
    with pytest.raises(json.JSONDecodeError):
        json.loads(raw)
    with socket.create_connection((hung.ip, hung.port), timeout=5) as sock:
        sock.sendall(b'{"command":"summary"}')
        sock.settimeout(0.5)
        with pytest.raises(TimeoutError):
            sock.recv(1)
    assert decode(ask(slow.ip, slow.port, '{"command":"summary"}'))["SUMMARY"][0]["GHS 5s"] > 0
    raw = ask(huge.ip, huge.port, '{"command":"summary"}')
    assert len(raw) > 1_000_000 and decode(raw)["SUMMARY"][0]["GHS 5s"] > 0


def test_fleet_thread_inject_reaches_the_miner(serve: Serve) -> None:
    thread = serve(count=1, personas=["antminer:T21"])
    m = thread.fleet.miners[0]
    thread.inject(m.ip, "pools_dead")
    assert {p["Status"] for p in ask_json(m.ip, m.port, "pools")["POOLS"]} == {"Dead"}
    assert thread.call(lambda: m.truth().expected_fault_ids) == {"pools_all_dead"}
    thread.clear(m.ip)
    assert {p["Status"] for p in ask_json(m.ip, m.port, "pools")["POOLS"]} == {"Alive"}


def test_cgminer_faults_show_in_devs() -> None:
    clock = FakeClock()
    fleet = SimFleet.build(count=1, personas=["cgminer"], port=40000, clock=clock)
    m = fleet.miners[0]
    m.inject("dead_board")
    devs = decode(m.handle(b'{"command":"devs"}'))["DEVS"]
    assert sorted(d["Status"] for d in devs) == ["Alive", "Dead"]
    assert min(d["MHS 5s"] for d in devs) == 0


def test_offline_injected_on_the_miner_from_another_thread(serve: Serve) -> None:
    thread = serve(count=1, personas=["antminer:S19 Pro"])
    m = thread.fleet.miners[0]
    m.inject("offline")  # not through the thread helper: still in force on return
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((m.ip, m.port), timeout=5).close()
    m.clear("offline")
    assert ask_json(m.ip, m.port, "summary")["STATUS"][0]["STATUS"] == "S"


def test_malformed_sends_two_megabytes_of_never_closed_json_with_trailing_commas() -> None:
    m = SimMiner("127.42.0.9", 40000, "antminer", "S19j Pro", seed=3, clock=FakeClock())
    m.inject("malformed")
    raw = m.handle(b'{"command":"stats"}')
    assert 1_900_000 < len(raw) <= 2 * 1024 * 1024 and raw.endswith(b"\x00")
    text = raw[:-1].decode()
    assert text.count(",}") + text.count(",]") > 100_000
    assert text.count("{") + text.count("[") > text.count("}") + text.count("]")  # never closed
    with pytest.raises(json.JSONDecodeError):
        json.loads(text)
