"""Detection's fallback stage (detect_more) on real captures (tests/captures, tests/fixtures):
each rule must find its firmware in that firmware's real reply and nothing in the others'."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from rig_monitor.core.drivers.detect import Probe, classify, detect, plainly_named
from rig_monitor.core.drivers.detect_more import Rule, hiding_programs, matches, more_web, rules
from rig_monitor.core.errors import MinerError
from rig_monitor.core.model import ErrorKind, Identity
from rig_monitor.core.wire.cgminer import CGMinerClient, parse_reply
from rig_monitor.core.wire.http import HttpClient
from tests.core.httpserve import serving
from tests.core.webfleet import FAST, fleet
from tests.replay.corpus import ROOT, load_set
from tests.replay.server import ReplayServer

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "cgminer-4.11.1"


def _rpc(set_id: str, command: str) -> tuple[Any, str]:
    raw = load_set(ROOT / set_id).rpc[command]
    return parse_reply(raw), raw.decode("utf-8", errors="replace")


def _web(set_id: str, page: str) -> tuple[Any, str]:
    raw = load_set(ROOT / set_id).http[page]
    return json.loads(raw), raw.decode("utf-8", errors="replace")


def _family(kind: int, command_or_path: str, doc: Any, text: str) -> str | None:
    for rule in rules()[kind]:
        if (rule.command or rule.path) == command_or_path and matches(rule, doc, text):
            return rule.family
    return None


@pytest.mark.parametrize(
    ("set_id", "command", "family"),
    [
        ("avalon/avalon1246-clock-unset", "stats", "avalon"),
        ("avalon/avalon741-mmid1-oldformat", "stats", "avalon"),
        ("avalon/avalon-q-softoff", "stats", "avalon"),
        ("whatsminer/btminer-apiv1-2021fw", "summary", "whatsminer"),
        ("antminer/s19pro-stock-legacy", "stats", None),
        ("antminer/s19pro-stock-legacy", "summary", None),
        ("luxos/s19kpro-luxos-2025.4.8", "stats", None),
        ("luxos/s19kpro-luxos-2025.4.8", "summary", None),
        ("cgminer/l21-cgminer4.10.0-blockassets", "summary", None),
    ],
)
def test_rpc_rules_on_real_replies(set_id: str, command: str, family: str | None) -> None:
    doc, _text = _rpc(set_id, command)
    assert _family(0, command, doc, "") == family  # RPC rules read parsed keys only


@pytest.mark.parametrize("command", ["stats", "summary"])
def test_rpc_rules_leave_a_real_cgminer_alone(command: str) -> None:
    raw = (FIXTURES / f"{command}.raw").read_bytes().rstrip(b"\x00")
    assert _family(0, command, parse_reply(raw), "") is None


@pytest.mark.parametrize(
    ("set_id", "page", "path", "family"),
    [
        ("bitaxe/bm1368-axeos-2.4.5-asicrs", "api_system_info", "/api/system/info", "bitaxe"),
        (
            "bitaxe/nerdqaxepp-nerdos-1.1.0b1-issue1769",
            "api_system_info",
            "/api/system/info",
            "bitaxe",
        ),
        ("auradine/flux-2.2.0-temp-volt-freq", "temperature", "/temperature", "auradine"),
        # another firmware's page at a probed path shape must not match
        ("auradine/flux-2.2.0-temp-volt-freq", "voltage", "/temperature", None),
        ("vnish/s19jpro-vnish-1.2.0rc3", "api_v1_summary", "/api/v1/summary", "vnish"),
        ("vnish/s19jpro-vnish-1.2.0rc3", "api_v1_summary", "/api/system/info", None),
        ("braiins/s19xp-bos-25.07-rest", "api_v1_miner_details", "/api/v1/summary", None),
        ("iceriver/ks5l-userpanel-blog", "user_userpanel", "/user/userpanel?post=4", "iceriver"),
        ("bitaxe/bm1368-axeos-2.4.5-asicrs", "api_system_info", "/user/userpanel?post=4", None),
        (
            "goldshell/ck5-foreman-itest",
            "mcb_cgminer_cgminercmd=devs",
            "/mcb/cgminer?cgminercmd=devs",
            "goldshell",
        ),
        ("goldshell/ck5-foreman-itest", "mcb_pools", "/mcb/cgminer?cgminercmd=devs", None),
        (
            "braiins/s19xp-bos-25.07-rest",
            "api_v1_miner_details",
            "/api/v1/miner/details",
            "braiins",
        ),
        ("vnish/s19jpro-vnish-1.2.0rc3", "api_v1_summary", "/api/v1/miner/details", None),
        ("braiins/s19xp-bos-25.07-rest", "api_v1_miner_details", "/api/system/info", None),
    ],
)
def test_web_rules_on_real_pages(set_id: str, page: str, path: str, family: str | None) -> None:
    doc, text = _web(set_id, page)
    assert _family(1, path, doc, text) == family


def test_a_rule_with_nothing_to_look_for_matches_nothing() -> None:
    assert matches(Rule(family="x", make=None), {"a": 1}, "{}") is False


@pytest.mark.parametrize(
    ("set_id", "family"),
    [
        ("bitaxe/bm1368-axeos-2.4.5-asicrs", "bitaxe"),
        ("avalon/avalon1246-clock-unset", "avalon"),
        ("whatsminer/btminer-apiv1-2021fw", "whatsminer"),
        ("auradine/flux-2.2.0-temp-volt-freq", "auradine"),
        ("vnish/s19jpro-vnish-1.2.0rc3", "vnish"),
        ("iceriver/ks5l-userpanel-blog", "iceriver"),
        ("goldshell/ck5-foreman-itest", "goldshell"),
        ("braiins/s19xp-bos-25.07-rest", "braiins"),
    ],
)
def test_detect_finds_the_capture_the_fast_path_cannot(set_id: str, family: str) -> None:
    """End to end over the replay server (real bytes, loopback)."""

    async def go(srv: ReplayServer) -> Identity:
        http = HttpClient(FAST)
        try:
            return await detect(
                CGMinerClient(srv.host, srv.rpc_port, FAST),
                srv.v3_port,
                http=http,
                web_port=srv.web_port,
            )
        finally:
            await http.aclose()

    with ReplayServer(load_set(ROOT / set_id), "127.118.7.1") as srv:
        assert asyncio.run(go(srv)).family == family


@contextmanager
def not_found_site(host: str = "127.118.8.1") -> Iterator[tuple[int, list[str]]]:
    """A web server that answers 404 to everything (a router, a printer), counting requests."""
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.path)
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_POST = do_GET

        def log_message(self, format: str, *args: Any) -> None:
            pass

    with serving(host, Handler) as port:
        yield port, seen


def test_a_non_miner_page_costs_one_request_per_web_rule() -> None:
    async def go(port: int) -> Identity | None:
        http = HttpClient(FAST)
        try:
            return await more_web(http, "127.118.8.1", port)
        finally:
            await http.aclose()

    with not_found_site() as (port, seen):
        assert asyncio.run(go(port)) is None
    assert seen == [r.path for r in rules()[1]]


def _closed_port(host: str) -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
    return port


def test_a_closed_web_port_is_asked_once() -> None:
    calls: list[str] = []

    async def go(port: int) -> Identity | None:
        http = HttpClient(FAST)
        real = http.request

        async def counted(method: str, url: str, **kw: Any) -> Any:
            calls.append(url)
            return await real(method, url, **kw)

        http.request = counted  # type: ignore[method-assign]
        try:
            return await more_web(http, "127.118.9.1", port)
        finally:
            await http.aclose()

    port = _closed_port("127.118.9.1")
    assert asyncio.run(go(port)) is None
    # the first rule's refusal stops the stage; only a rule on another port (Auradine's 8080
    # when the web port is 80) would be asked, and this port is not 80
    assert len(calls) == 1, calls


def test_nothing_on_either_port_still_fails_with_the_fast_path_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Both sides refused: the fallback stage is not run at all (a dead address waits no more)."""
    import rig_monitor.core.drivers.detect as detect_module

    calls: list[object] = []

    async def recorded(*args: object, **kw: object) -> None:
        calls.append(args)

    monkeypatch.setattr(detect_module, "detect_more", recorded)
    host = "127.118.9.1"

    async def go() -> None:
        http = HttpClient(FAST)
        try:
            await detect(
                CGMinerClient(host, _closed_port(host), FAST),
                _closed_port(host),
                http=http,
                web_port=_closed_port(host),
            )
        finally:
            await http.aclose()

    with pytest.raises(MinerError) as err:
        asyncio.run(go())
    assert err.value.kind is ErrorKind.REFUSED
    assert calls == []


def _real_cgminer(command: str) -> str:
    return (FIXTURES / f"{command}.raw").read_bytes().rstrip(b"\x00").decode()


def _devdetails_with_a_device() -> str:
    """The Avalon Q's real devdetails (cgminer 4.11.1's api.c shape, one device) with its
    driver renamed to cgminer's GekkoScience one: no capture holds a plain cgminer with devices
    (the real cgminer 4.11.1 fixture has none), and the decision reads only the section."""
    doc, _text = _rpc("avalon/avalon-q-softoff", "devdetails")
    doc["DEVDETAILS"][0].update({"Name": "GSF", "Driver": "gekko"})
    return json.dumps(doc)


def test_a_plain_cgminer_with_devices_needs_no_fallback() -> None:
    p = Probe(_real_cgminer("version"), _devdetails_with_a_device())
    found = classify(p)
    assert (found.family, found.firmware) == ("generic", "cgminer")
    assert plainly_named(p, found)


def test_the_fallback_still_runs_when_devdetails_lists_no_device() -> None:
    """The real cgminer 4.11.1: devdetails answers "No ASCs/PGAs" (an Avalon whose modules are
    off, a btminer that rejects devdetails look the same): no evidence, the rules are asked."""
    p = Probe(_real_cgminer("version"), _real_cgminer("devdetails"))
    assert not plainly_named(p, classify(p))
    assert not plainly_named(Probe(_real_cgminer("version"), None), classify(p))


def test_bfgminer_keeps_the_fallback_because_goldshell_answers_as_it() -> None:
    """detection.json's goldshell rule lists bfgminer in hides_behind (protocols.md 2.9)."""
    assert "bfgminer" in hiding_programs() and "cgminer" not in hiding_programs()
    p = Probe(_real_cgminer("version"), _devdetails_with_a_device())
    assert not plainly_named(p, Identity(family="generic", firmware="bfgminer"))
    assert not plainly_named(p, Identity(family="avalon", make="Avalon"))


def test_every_fallback_rule_says_what_it_hides_behind_and_why() -> None:
    doc = json.loads((Path(ROOT).parents[1] / "resources" / "detection.json").read_text())
    for rule in doc["fallback"]["rpc"] + doc["fallback"]["web"]:
        assert isinstance(rule["hides_behind"], list) and rule["hides_why"], rule["family"]
        assert set(rule["hides_behind"]) <= {"cgminer", "bfgminer", "sgminer"}


@pytest.mark.parametrize(("persona", "asked"), [("cgminer", False), ("bfgminer", True)])
def test_the_fallback_web_rules_are_asked_only_when_the_rpc_is_not_plain(
    persona: str, asked: bool
) -> None:
    """End to end on the simulator (cost, not firmware evidence) with a web port that answers
    404: a plain cgminer costs the fast path's ``GET /`` only; bfgminer (which a Goldshell
    answers as) still pays the web rules."""
    with fleet([persona]) as f:
        m = f.miners[0]
        with not_found_site(m.ip) as (port, seen):

            async def go() -> Identity:
                http = HttpClient(FAST)
                try:
                    return await detect(CGMinerClient(m.ip, m.port, FAST), http=http, web_port=port)
                finally:
                    await http.aclose()

            found = asyncio.run(go())
    assert (found.family, found.firmware) == ("generic", persona)
    assert seen[0] == "/"
    # every web rule, Auradine's too (its own port only when the web port is 80)
    assert seen[1:] == ([r.path for r in rules()[1]] if asked else [])
