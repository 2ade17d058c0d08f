"""The Antminer web half runs on a schedule: RPC first, the web only for what RPC cannot say.

Every extra HTTP request is paid on every poll of every Antminer in a farm, so these tests pin
how many there are.
"""

from __future__ import annotations

import asyncio
import random
import time
from typing import Any

import pytest

from rig_monitor.core.drivers.antminer_web import CONF, STATS, SUMMARY, SYSTEM_INFO
from rig_monitor.core.engine.poller import Poller
from rig_monitor.core.model import MinerSnapshot, Target
from rig_monitor.core.wire.http import HttpClient, HttpReply
from tests.core.webfleet import FAST, fleet


class CountingHttp(HttpClient):
    def __init__(self) -> None:
        super().__init__(FAST)
        self.paths: list[str] = []

    async def request(self, method: str, url: str, **kw: Any) -> HttpReply:
        self.paths.append(url.rsplit("/", 1)[-1])
        return await super().request(method, url, **kw)


def polls(
    target: Target, n: int, between: Any = None
) -> tuple[list[MinerSnapshot], list[list[str]]]:
    async def go() -> tuple[list[MinerSnapshot], list[list[str]]]:
        http = CountingHttp()
        poller = Poller(FAST, http=http)
        snaps, per_poll = [], []
        try:
            for _ in range(n):
                http.paths.clear()
                snaps.append(await poller.poll(target))
                per_poll.append(list(http.paths))
        finally:
            await poller.aclose()
        return snaps, per_poll

    return asyncio.run(go())


def test_healthy_miner_costs_no_web_request_after_the_first_poll() -> None:
    with fleet(["antminer:S19j Pro"]) as f:
        snaps, per_poll = polls(f.targets[0], 3)
    assert all(s.online and s.mac for s in snaps)  # identity still shown from the cached page
    first_poll_pages = {p for p in per_poll[0] if p.endswith(".cgi")}
    assert SYSTEM_INFO in first_poll_pages  # detection's login read it for the first poll
    assert SUMMARY not in first_poll_pages  # the health page: within its first minute (seed)
    assert STATS not in first_poll_pages and CONF not in first_poll_pages  # RPC said it all
    assert per_poll[1] == [] and per_poll[2] == []
    assert snaps[-1].idle is False  # hashing, so not asleep


def test_zero_hashrate_reads_the_sleep_flag() -> None:
    with fleet(["antminer:S19j Pro"]) as f:
        f.inject(f.miners[0].ip, "idle")
        snaps, per_poll = polls(f.targets[0], 2)
    assert CONF in per_poll[1]  # asked again on every poll while it reports no hashrate
    assert snaps[-1].idle is True and snaps[-1].hashrate_ths == 0


def test_rpc_closed_reads_stats_from_the_web() -> None:
    with fleet(["antminer-web:S21"]) as f:
        snaps, per_poll = polls(f.targets[0], 2)
    assert STATS in per_poll[1]
    assert snaps[-1].online and snaps[-1].hashrate_ths


def test_cold_seed_defers_the_health_page_within_its_period() -> None:
    """Detection's login hands system info to the first poll; the health page follows within
    HEALTH_EVERY_S, at a different moment per miner (not all of a cold sweep at once)."""
    from rig_monitor.core.credentials import Credential
    from rig_monitor.core.drivers.antminer_web import HEALTH_EVERY_S, STATE_KEY, seed
    from rig_monitor.core.wire.http import digest

    moments = set()
    for n in range(5):
        state: dict[str, Any] = {}
        seed(state, Credential("root", "root"), digest("root", "root"), {}, random.Random(n))
        st = state[STATE_KEY]
        now = time.monotonic()
        assert st.due(now) == []  # the first poll asks no web page
        assert st.due(now + HEALTH_EVERY_S) == [SUMMARY]
        moments.add(round(st.read_at[SUMMARY], 3))
    assert len(moments) == 5


def _health_reads(target: Target, steps: list[tuple[float, str | None]], f: Any) -> list[Any]:
    """Poll once, then for each (age of the health page in s, fault to inject first): set the
    page's age, poll, and note (health page asked?, state.clean, snapshot)."""
    from rig_monitor.core.drivers.antminer_web import STATE_KEY

    async def go() -> list[Any]:
        http = CountingHttp()
        poller = Poller(FAST, http=http)
        out = []
        try:
            await poller.poll(target)
            st = poller._known[target.key].state[STATE_KEY]
            out.append((None, st.clean, None))
            for age, fault in steps:
                if fault:
                    f.inject(target.ip, fault)
                st.read_at[SUMMARY] = time.monotonic() - age
                http.paths.clear()
                snap = await poller.poll(target)
                out.append((http.paths.count(SUMMARY), st.clean, snap))
        finally:
            await poller.aclose()
        return out

    return asyncio.run(go())


def test_a_clean_miner_reads_its_health_page_every_five_minutes() -> None:
    from rig_monitor.core.drivers.antminer_web import HEALTH_CLEAN_EVERY_S, HEALTH_EVERY_S

    with fleet(["antminer:S19j Pro"]) as f:
        steps = [(HEALTH_EVERY_S + 1, None), (HEALTH_CLEAN_EVERY_S + 1, None)]
        (_, clean0, _), (asked1, _, _), (asked2, clean2, snap) = _health_reads(
            f.targets[0], steps, f
        )
    assert clean0 is True and clean2 is True
    assert asked1 == 0  # 61 s old: fine while clean (it was every 60 s before)
    assert asked2 == 1
    assert snap.online and snap.error_codes == []


def test_a_reading_that_looks_off_reads_the_health_page_at_once() -> None:
    from rig_monitor.core.drivers.antminer_web import HEALTH_EVERY_S

    with fleet(["antminer:S19j Pro"]) as f:
        steps = [
            (HEALTH_EVERY_S - 20, "fan_stopped"),  # off, but the page is fresh enough
            (HEALTH_EVERY_S + 1, None),  # off, and the page is older than a minute: now
            (HEALTH_EVERY_S + 1, None),  # still off: the 60 s schedule, asked alongside the RPC
        ]
        out = _health_reads(f.targets[0], steps, f)
    (_, clean0, _), (asked1, clean1, snap1), (asked2, clean2, _), (asked3, clean3, _) = out
    assert clean0 is True
    assert 0 in snap1.fans_rpm and clean1 is False and asked1 == 0
    assert asked2 == 1 and clean2 is False
    assert asked3 == 1 and clean3 is False


def test_looks_clean_on_real_captures() -> None:
    """A real healthy S19j Pro reading looks clean; the real L9 with a failing chain does not."""
    from pathlib import Path

    from rig_monitor.core.drivers.antminer import AntminerDriver
    from rig_monitor.core.drivers.antminer_web import looks_clean
    from rig_monitor.core.model import Identity
    from rig_monitor.core.wire.cgminer import parse_reply

    tests = Path(__file__).parents[2]
    fix = tests / "fixtures" / "antminer"
    s19 = {
        c: parse_reply((fix / f"s19jpro_{c}.raw").read_bytes())
        for c in ("version", "summary", "stats", "pools")
    }
    snap = AntminerDriver().parse(Target("10.0.0.1"), s19, Identity("antminer"))
    # this S19j Pro has a board with chips missing (98 of 126, "xxxx" in its chain string)
    assert looks_clean(snap) is False
    stats = s19["stats"]
    chains = stats["STATS"][1]
    healed = {**chains, "chain_acn2": chains["chain_acn1"], "chain_acs2": chains["chain_acs1"]}
    s19_ok = {**s19, "stats": {**stats, "STATS": [stats["STATS"][0], healed]}}
    snap = AntminerDriver().parse(Target("10.0.0.1"), s19_ok, Identity("antminer"))
    assert looks_clean(snap) is True
    l9 = tests / "captures" / "antminer" / "l9-stock-bmminer2.12-failing-chain" / "rpc"
    replies = {p.stem: parse_reply(p.read_bytes()) for p in l9.iterdir()}
    snap = AntminerDriver().parse(Target("10.0.0.1"), replies, Identity("antminer"))
    assert looks_clean(snap) is False


def _stock_capture_sets() -> list[Any]:
    from pathlib import Path

    root = Path(__file__).parents[2] / "captures" / "antminer"
    return sorted(p for p in root.iterdir() if (p / "rpc").is_dir())


@pytest.mark.parametrize("path", _stock_capture_sets(), ids=lambda p: p.name)
def test_looks_clean_agrees_with_the_hand_judged_health_of_real_captures(path: Any) -> None:
    """expected.json's "healthy" was judged by hand from each capture (tests/captures/README.md):
    a healthy miner must get the 5-minute schedule, a sick one the 1-minute one."""
    import json

    from rig_monitor.core.drivers.antminer import AntminerDriver
    from rig_monitor.core.drivers.antminer_web import looks_clean
    from rig_monitor.core.model import Identity
    from rig_monitor.core.wire.cgminer import parse_reply

    replies: dict[str, Any] = {
        f.stem: parse_reply(f.read_bytes()) for f in sorted((path / "rpc").iterdir())
    }
    for f in sorted((path / "http").glob("cgi-bin_*.json")):
        replies[f.stem.removeprefix("cgi-bin_")] = json.loads(f.read_text())
    snap = AntminerDriver().parse(Target("10.0.0.1"), replies, Identity("antminer"))
    assert looks_clean(snap) is json.loads((path / "expected.json").read_text())["healthy"]
