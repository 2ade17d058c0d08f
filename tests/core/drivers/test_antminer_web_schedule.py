"""The Antminer web half runs on a schedule: RPC first, the web only for what RPC cannot say.

Every extra HTTP request is paid on every poll of every Antminer in a farm, so these tests pin
how many there are.
"""

from __future__ import annotations

import asyncio
import random
import time
from typing import Any

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
