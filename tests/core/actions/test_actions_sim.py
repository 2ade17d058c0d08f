"""Every action against every persona that supports it, end to end on loopback.

The effect is checked on the simulated miner (LED, sleep, pools, uptime) and, for pools and
reboots, through the ordinary read path too, so "ok" means the miner really changed.
"""

from __future__ import annotations

import asyncio
import time

import pytest

from rig_monitor.core.actions.pacing import Pacing
from rig_monitor.core.actions.runner import ActionRunner
from rig_monitor.core.drivers.control import Action, parse_pool
from rig_monitor.core.engine.poller import Poller
from rig_monitor.sim import SimFleet
from tests.core.actions.simfleet import FAST, NO_WAIT, miners, run

POOLS = (
    parse_pool("stratum+tcp://new-a.pool.invalid:3333,ops.rig1,x"),
    parse_pool("stratum+tcp://new-b.pool.invalid:443,ops.rig1"),
)

# persona spec → the actions its firmware's control protocol offers
SUPPORTED: dict[str, set[Action]] = {
    "cgminer": {Action.RESTART, Action.POOLS},
    "bfgminer": {Action.RESTART, Action.POOLS},
    "antminer:S19j Pro": set(Action),
    "avalon": set(Action) - {Action.RESTART},
    "luxos": set(Action),
    "bitaxe": {Action.REBOOT, Action.RESTART, Action.POOLS},
    "epic": set(Action),
    "whatsminer:M50S_VH30": set(Action),
    "whatsminer:M60_VK40": set(Action),
    "iceriver": {Action.LOCATE_ON, Action.LOCATE_OFF},
    "auradine": set(Action),
    "vnish": set(Action) - {Action.POOLS},
    "braiins": set(Action) - {Action.POOLS},
}
UNSUPPORTED_FAMILIES = ["goldshell"]
CASES = [(spec, a) for spec, acts in SUPPORTED.items() for a in Action if a in acts]


def _prepare(fleet: SimFleet) -> None:
    for m in fleet.miners:
        m.control.state.write_access = True  # Whatsminer's write API switched on
        m.control.state.down_s = 0.3
        m.control.state.restart_down_s = 0.2


def _uptime(fleet: SimFleet) -> int | None:
    async def go() -> int | None:
        poller = Poller(FAST, ports=fleet.ports)  # type: ignore[attr-defined]
        try:
            snap = await poller.poll(fleet.targets[0])
        finally:
            await poller.aclose()
        return snap.uptime_s

    return asyncio.run(go())


def _pool_urls(fleet: SimFleet) -> list[str]:
    async def go() -> list[str]:
        poller = Poller(FAST, ports=fleet.ports)  # type: ignore[attr-defined]
        try:
            snap = await poller.poll(fleet.targets[0])
        finally:
            await poller.aclose()
        return [p.url for p in snap.pools]

    return asyncio.run(go())


def _wait_back(fleet: SimFleet, deadline_s: float = 5.0) -> int:
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        up = _uptime(fleet)
        if up is not None:
            return up
        time.sleep(0.1)
    raise AssertionError("the miner did not come back")


@pytest.mark.parametrize(("spec", "action"), CASES, ids=[f"{s}-{a}" for s, a in CASES])
def test_action_does_what_it_says(spec: str, action: Action) -> None:
    with miners([spec]) as fleet:
        _prepare(fleet)
        m = fleet.miners[0]
        before = _uptime(fleet)
        pools = POOLS if action is Action.POOLS else ()
        if action is Action.LOCATE_OFF:
            m.control.state.led = True
        if action is Action.WAKE:
            m.control.state.sleeping = True
        [r] = run(fleet, action, pools)
        assert (r.supported, r.ok, r.error) == (True, True, None), r
        assert r.detail
        assert m.control.state.received, "nothing reached the miner"
        if action is Action.LOCATE_ON:
            assert m.control.state.led is True
        elif action is Action.LOCATE_OFF:
            assert m.control.state.led is False
        elif action is Action.SLEEP:
            assert m.control.state.sleeping is True
            assert m.truth().hashrate_ths == 0 or m.sample().idle
        elif action is Action.WAKE:
            assert m.control.state.sleeping is False
        elif action is Action.POOLS:
            want = [p.url for p in POOLS]
            if spec == "bitaxe":
                want = want[:1]  # AxeOS keeps one pool
            time.sleep(0.5)  # Bitaxe restarts to apply it
            _wait_back(fleet)
            assert [u for u, _ in m.rig.pools] == want
            read = _pool_urls(fleet)  # the ordinary read path sees the new pool first
            assert read and read[0] == want[0], read
        else:  # reboot / restart: offline for a moment, back with the uptime reset
            assert before is not None and before > 3600
            time.sleep(0.1)
            assert _uptime(fleet) is None, "a rebooting miner still answered"
            assert _wait_back(fleet) < 60


@pytest.mark.parametrize("spec", list(SUPPORTED) + UNSUPPORTED_FAMILIES)
def test_unsupported_actions_are_refused_before_sending(spec: str) -> None:
    missing = [a for a in Action if a not in SUPPORTED.get(spec, set())]
    with miners([spec]) as fleet:
        _prepare(fleet)
        for action in missing:
            [r] = run(fleet, action, POOLS if action is Action.POOLS else ())
            assert r.supported is False and r.ok is False, r
            assert r.error and ("not supported" in r.error or "not implemented" in r.error)
        assert fleet.miners[0].control.state.received == []


def test_privileged_access_denied_is_reported_with_the_firmware_message() -> None:
    with miners(["cgminer", "whatsminer:M50S_VH30"]) as fleet:
        for m in fleet.miners:
            m.control.state.write_access = False
        r1, r2 = run(fleet, Action.RESTART)
        assert r1.ok is False and r1.error is not None
        assert "Access denied to 'restart' command" in r1.error and "code 45" in r1.error
        assert r2.ok is False and r2.error is not None
        assert "can't access write cmd" in r2.error


def test_wrong_password_is_a_clear_refusal() -> None:
    specs = ["antminer:S19j Pro", "epic", "whatsminer:M50S_VH30", "whatsminer:M60_VK40"]
    with miners(specs) as fleet:
        _prepare(fleet)
        for m in fleet.miners:  # the owner changed the control password; we still send the default
            m.control.state.password = "owner-changed-it"
        results = run(fleet, Action.LOCATE_ON)
        words = {
            "antminer": "wrong password",
            "epic": "Incorrect password",
            "M50S_VH30": "enc json load err",
            "M60_VK40": "invalid token",
        }
        for r, m in zip(results, fleet.miners, strict=True):
            assert r.ok is False and r.supported is True, r
            key = m.model if m.persona_id == "whatsminer" else m.persona_id
            assert r.error and words[str(key)] in r.error, r
            assert m.control.state.led is False


def test_dry_run_sends_nothing_and_says_what_would_happen() -> None:
    with miners(["cgminer", "antminer:S19j Pro", "bitaxe", "goldshell"]) as fleet:
        results = run(fleet, Action.RESTART, dry_run=True)
        assert [r.ok for r in results] == [None] * 4
        assert [r.supported for r in results] == [True, True, True, False]
        assert all(r.detail and r.detail.startswith("would send:") for r in results[:3])
        assert results[3].error and "not implemented" in results[3].error
        assert all(m.control.state.received == [] for m in fleet.miners)


def test_a_miner_hanging_mid_action_times_out_and_the_rest_finish() -> None:
    with miners(["cgminer"] * 4) as fleet:
        _prepare(fleet)

        async def go() -> list:
            poller = Poller(FAST, ports=fleet.ports)  # type: ignore[attr-defined]
            for t in fleet.targets:
                await poller.identify(t)  # identified while healthy …
            fleet.inject(fleet.targets[1].ip, "hung")  # … then it stops answering
            pacing = Pacing(wave_gap_s=0, cooldown_s=0, miner_timeout_s=2.0)
            runner = ActionRunner(poller, pacing, record=lambda **_: None)
            try:
                return await runner.run(
                    fleet.targets, Action.POOLS, POOLS, on_result=lambda r: order.append(r.key)
                )
            finally:
                await poller.aclose()

        order: list[str] = []
        results = asyncio.run(go())
        hung = results[1]
        assert hung.ok is False and hung.error and hung.error.startswith("timed out")
        assert [r.ok for i, r in enumerate(results) if i != 1] == [True] * 3
        # the others were done while it hung: it held nobody up
        assert order[-1] == fleet.targets[1].key and len(order) == 4


def test_not_in_the_operators_list_is_refused() -> None:
    with miners(["cgminer", "cgminer"]) as fleet:
        allowed = {fleet.targets[0].key}

        async def go() -> list:
            poller = Poller(FAST, ports=fleet.ports)  # type: ignore[attr-defined]
            runner = ActionRunner(poller, NO_WAIT, record=lambda **_: None)
            try:
                return await runner.run(fleet.targets, Action.RESTART, allowed=allowed)
            finally:
                await poller.aclose()

        ok, stranger = asyncio.run(go())
        assert ok.ok is True
        assert (
            stranger.ok is False and stranger.error and "not in your miner list" in stranger.error
        )
        assert fleet.miners[1].control.state.received == []


def test_reboots_mark_the_coming_restart_as_expected() -> None:
    marked: list[tuple[list[str], float]] = []
    with miners(["antminer:S19j Pro", "cgminer"]) as fleet:
        _prepare(fleet)
        run(fleet, Action.REBOOT, on_expect_reboot=lambda keys, s: marked.append((keys, s)))
    assert marked == [([fleet.targets[0].key], 900.0)]  # cgminer cannot reboot: not marked


def test_pool_changes_that_restart_the_miner_are_expected_too() -> None:
    marked: list[list[str]] = []
    with miners(["bitaxe", "cgminer", "antminer:S19j Pro"]) as fleet:
        _prepare(fleet)
        run(fleet, Action.POOLS, POOLS, on_expect_reboot=lambda keys, _s: marked.append(keys))
    # AxeOS applies pools on restart, Antminer reloads bmminer; cgminer switches without one
    assert sorted(marked[0]) == sorted([fleet.targets[0].key, fleet.targets[2].key])


@pytest.mark.parametrize("spec", ["iceriver", "auradine", "vnish", "braiins"])
def test_web_login_wrong_password_is_a_clear_refusal(spec: str) -> None:
    with miners([spec]) as fleet:
        fleet.inject(fleet.targets[0].ip, "bad_password")  # the web password was changed
        [r] = run(fleet, Action.LOCATE_ON)
        assert r.supported is True and r.ok is False
        assert r.error and "wrong password" in r.error
        assert fleet.miners[0].control.state.led is False


def test_braiins_without_the_rest_api_says_so() -> None:
    with miners(["braiins"]) as fleet:
        fleet.miners[0].control._braiins = lambda _req: None  # type: ignore[method-assign]
        [r] = run(fleet, Action.REBOOT)  # … like Braiins OS before 25.07: login is a 404
        assert r.supported is True and r.ok is False
        assert r.error and "no REST API" in r.error and "25.07" in r.error
