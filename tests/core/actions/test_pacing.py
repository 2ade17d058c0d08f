"""Staggering by address block and the per-miner cooldown, on an injected clock (no sleeps)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from rig_monitor.core.actions.pacing import Cooldown, Pacing, block_of, waves
from rig_monitor.core.actions.runner import ActionResult, ActionRunner
from rig_monitor.core.drivers.control import Action
from rig_monitor.core.engine.poller import Poller
from tests.core.actions.simfleet import FAST, miners


class FakeTime:
    def __init__(self) -> None:
        self.now = 1_000_000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, s: float) -> None:
        self.sleeps.append(s)
        self.now += s


def test_waves_hold_at_most_n_per_block_and_keep_order() -> None:
    ips = [f"10.0.{b}.{i}" for b in (1, 2) for i in range(1, 8)] + ["10.0.3.1"]
    plan = waves(ips, lambda ip: ip, per_block=3, prefix=24)
    assert [len(w) for w in plan] == [7, 6, 2]
    for wave in plan:
        for block in ("10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"):
            assert sum(block_of(ip) == block for ip in wave) <= 3
    assert sorted(ip for w in plan for ip in w) == sorted(ips)
    assert plan[0][:3] == ["10.0.1.1", "10.0.1.2", "10.0.1.3"]


def test_block_prefix_is_configurable() -> None:
    ips = ["10.0.1.1", "10.0.1.200", "10.0.2.1"]
    assert len(waves(ips, lambda ip: ip, per_block=1, prefix=16)) == 3  # one /16: one at a time
    assert len(waves(ips, lambda ip: ip, per_block=1, prefix=24)) == 2


def test_pacing_rejects_nonsense() -> None:
    with pytest.raises(ValueError):
        Pacing(per_block=0)
    with pytest.raises(ValueError):
        Pacing(block_prefix=40)


def test_cooldown_counts_on_the_injected_clock_and_seeds_from_the_log() -> None:
    t = FakeTime()
    cd = Cooldown(300.0, t.clock)
    cd.seed([
        {"ip": "10.0.0.1", "port": 4028, "action": "reboot", "ok": True, "when": t.now - 100},
        {"ip": "10.0.0.2", "port": 4028, "action": "reboot", "ok": False, "when": t.now - 10},
        {"ip": "10.0.0.3", "port": 4028, "action": "reboot", "ok": True, "dry_run": True,
         "when": t.now},
    ])  # fmt: skip
    assert cd.wait_left("10.0.0.1:4028", "reboot") == pytest.approx(200.0)
    assert cd.wait_left("10.0.0.2:4028", "reboot") == 0.0  # a failed reboot does not count
    assert cd.wait_left("10.0.0.3:4028", "reboot") == 0.0  # nor does a dry run
    t.now += 201
    assert cd.wait_left("10.0.0.1:4028", "reboot") == 0.0


def _runner(fleet: Any, t: FakeTime, pacing: Pacing) -> tuple[Poller, ActionRunner]:
    poller = Poller(FAST, ports=fleet.ports)
    return poller, ActionRunner(
        poller, pacing, clock=t.clock, sleep=t.sleep, record=lambda **_: None
    )


def test_bulk_restart_goes_out_in_waves_per_block() -> None:
    t = FakeTime()
    pacing = Pacing(per_block=4, wave_gap_s=30.0, cooldown_s=600.0, miner_timeout_s=5.0)
    with miners(["cgminer"] * 20, per_block=10) as fleet:  # two /24 blocks of 10
        for m in fleet.miners:
            m.control.state.restart_down_s = 0.2
        when_done: dict[str, float] = {}

        def seen(r: ActionResult) -> None:
            when_done[r.ip] = t.now

        async def go() -> list[ActionResult]:
            poller, runner = _runner(fleet, t, pacing)
            try:
                return await runner.run(fleet.targets, Action.RESTART, on_result=seen)
            finally:
                await poller.aclose()

        results = asyncio.run(go())
        assert all(r.ok for r in results), [r for r in results if not r.ok]
        assert t.sleeps == [30.0, 30.0]  # 10 per block, 4 at a time: 3 waves
        for wave_start in (1_000_000.0, 1_000_030.0, 1_000_060.0):
            in_wave = [ip for ip, at in when_done.items() if at == wave_start]
            for block in {block_of(ip) for ip in in_wave}:
                assert sum(block_of(ip) == block for ip in in_wave) <= 4

        # The same restart again, within the cooldown: refused, nothing sent
        sent = sum(len(m.control.state.received) for m in fleet.miners)
        t.now += 100

        async def again() -> list[ActionResult]:
            poller, runner = _runner(fleet, t, pacing)
            runner.cooldown.seed(
                {"ip": r.ip, "port": r.port, "action": r.action, "ok": r.ok, "when": t.now - 100}
                for r in results
            )
            try:
                return await runner.run(fleet.targets[:2], Action.RESTART)
            finally:
                await poller.aclose()

        second = asyncio.run(again())
        assert all(r.ok is False and r.error and "rate limit" in r.error for r in second)
        assert "allowed again in 500 s" in str(second[0].error)
        assert sum(len(m.control.state.received) for m in fleet.miners) == sent


def test_locate_is_not_staggered() -> None:
    t = FakeTime()
    with miners(["antminer:S19j Pro"] * 6, per_block=3) as fleet:

        async def go() -> list[ActionResult]:
            poller, runner = _runner(fleet, t, Pacing(per_block=1, wave_gap_s=30.0))
            try:
                return await runner.run(fleet.targets, Action.LOCATE_ON)
            finally:
                await poller.aclose()

        assert all(r.ok for r in asyncio.run(go()))
        assert t.sleeps == []
