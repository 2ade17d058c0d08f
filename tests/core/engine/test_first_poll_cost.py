"""A cold identify + first read costs as few requests as the firmware allows (issue 15): one RPC
request where it takes multi-commands, the web probe only when the RPC is inconclusive, and the
stock login's work handed to the first poll."""

from __future__ import annotations

import asyncio
import collections
from typing import Any

import pytest

from rig_monitor.core.engine.poller import Poller
from rig_monitor.core.model import MinerSnapshot, Target
from rig_monitor.core.wire import cgminer
from rig_monitor.core.wire.cgminer import CGMinerClient
from rig_monitor.core.wire.http import HttpClient
from tests.core.webfleet import FAST, fleet


class Counting(HttpClient):
    def __init__(self) -> None:
        super().__init__(FAST)
        self.paths: collections.Counter[str] = collections.Counter()

    async def request(self, method: str, url: str, **kw: Any) -> Any:
        self.paths["/" + url.split("/", 3)[-1]] += 1
        return await super().request(method, url, **kw)


def cold_poll(
    target: Target, monkeypatch: pytest.MonkeyPatch
) -> tuple[MinerSnapshot, list[bytes], collections.Counter[str]]:
    sent: list[bytes] = []
    real_raw = CGMinerClient.raw

    async def raw(self: CGMinerClient, payload: bytes) -> bytes:
        sent.append(payload)
        return await real_raw(self, payload)

    monkeypatch.setattr(CGMinerClient, "raw", raw)

    async def go() -> tuple[MinerSnapshot, collections.Counter[str]]:
        http = Counting()
        try:
            snap = await Poller(FAST, http=http).poll(target)
            return snap, http.paths
        finally:
            await http.aclose()

    snap, paths = asyncio.run(go())
    return snap, sent, paths


def test_stock_antminer_is_identified_and_read_with_one_rpc_request(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with fleet(["antminer:S19j Pro"]) as f:
        snap, sent, paths = cold_poll(f.targets[0], monkeypatch)
    assert snap.online and snap.model == "S19j Pro" and snap.hashrate_ths and snap.boards
    assert snap.mac  # from the system info page the detection's login read
    assert len(sent) == 1 and b"version+devdetails+summary+stats+pools" in sent[0]
    # no ``GET /``: the login page's Digest realm names the stock web UI (detect_web); the
    # health page is read within its first minute, not by the first poll (antminer_web.seed)
    assert paths == {"/cgi-bin/get_system_info.cgi": 1}


def test_firmware_naming_itself_on_4028_costs_no_web_request(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with fleet(["braiins:S19 XP"]) as f:
        snap, _, paths = cold_poll(f.targets[0], monkeypatch)
    assert snap.online and snap.family == "braiins"
    assert "/" not in paths  # the web probe never ran


def test_firmware_refusing_multi_commands_falls_back_to_single_requests(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with fleet(["antminer:S19"]) as f:  # this sim model answers `a+b` with "Invalid command"
        snap, sent, _ = cold_poll(f.targets[0], monkeypatch)
    assert snap.online and snap.model == "S19" and snap.hashrate_ths
    assert sum(b"+" in p for p in sent) == 1  # asked once, then never again for this miner
    assert any(b'"version"' in p for p in sent) and any(b'"stats"' in p for p in sent)


def test_primed_replies_serve_only_a_prompt_matching_multi(monkeypatch: pytest.MonkeyPatch) -> None:
    client = CGMinerClient("127.0.0.1", 9, FAST)
    replies = {c: {"STATUS": [{"STATUS": "S"}], c.upper(): [{}]} for c in ("summary", "pools")}
    client.prime(replies)
    assert asyncio.run(client.multi("summary", "pools")) == replies
    client.prime(replies)
    with pytest.raises(Exception):  # noqa: B017 - "stats" was not read ahead: a real request (refused)
        asyncio.run(client.multi("summary", "stats"))
    monkeypatch.setattr(cgminer, "PRIMED_FOR_S", -1.0)
    client.prime(replies)
    with pytest.raises(Exception):  # noqa: B017 - stale: asked again (refused)
        asyncio.run(client.multi("summary", "pools"))


def test_firmware_that_drops_a_multi_command_is_still_identified() -> None:
    """A server that closes the connection on `a+b` (no reply at all) but answers single commands
    with a real cgminer 4.11.1's replies (tests/fixtures/cgminer-4.11.1)."""
    from pathlib import Path

    from rig_monitor.core.drivers.detect import detect

    fixtures = Path(__file__).resolve().parents[2] / "fixtures" / "cgminer-4.11.1"

    async def go() -> tuple[Any, list[bytes]]:
        seen: list[bytes] = []

        async def handle(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
            request = await r.read(4096)
            seen.append(request)
            command = request.split(b'"command":')[1].split(b'"')[1].decode()
            if "+" not in command:
                w.write((fixtures / f"{command}.raw").read_bytes())
                await w.drain()
            w.close()

        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        try:
            return await detect(CGMinerClient("127.0.0.1", port, FAST)), seen
        finally:
            server.close()

    identity, seen = asyncio.run(go())
    assert (identity.family, identity.firmware, identity.firmware_version) == (
        "generic",
        "cgminer",
        "4.11.1",
    )
    # the multi, then version and devdetails; a plain cgminer ends "generic", so detection's
    # fallback stage (detect_more) asks stats and summary for Avalon's and btminer's keys
    assert len(seen) == 5 and b"+" in seen[0]
    assert [b'"stats"' in seen[3], b'"summary"' in seen[4]] == [True, True]


def test_a_login_cut_by_the_stock_wait_is_not_repeated_by_the_first_poll(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A slow or hung web UI (here: no time at all for the login): the first poll reads the RPC
    alone, and the web pages follow within their periods instead of a second login at once."""
    from rig_monitor.core.drivers import detect as detect_mod

    monkeypatch.setattr(detect_mod, "STOCK_LOGIN_WAIT_S", 0.0)
    with fleet(["antminer:S19j Pro"]) as f:
        snap, sent, paths = cold_poll(f.targets[0], monkeypatch)
    assert snap.online and snap.model == "S19j Pro" and snap.hashrate_ths and snap.boards
    assert len(sent) == 1  # the detection's read-ahead served the first poll
    assert paths["/cgi-bin/get_system_info.cgi"] <= 1  # the cut login only, never asked again
    assert "/cgi-bin/summary.cgi" not in paths and "/" not in paths


def test_a_web_server_on_the_api_port_is_asked_once_there(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with fleet(["epic:S19j Pro"]) as f:  # ePIC serves HTTP REST on the API port
        snap, sent, _ = cold_poll(f.targets[0], monkeypatch)
    assert snap.online and snap.family == "epic"
    # the multi-command probe read an HTTP reply: no single requests to read two more of them
    assert len(sent) == 1
