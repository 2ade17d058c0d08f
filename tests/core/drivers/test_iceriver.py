"""IceRiver (web only): parse real-shaped userpanel replies and broken ones, then end to end
against the simulator (cookie login cached, renewed after expiry, bad password), and detection."""

from __future__ import annotations

import asyncio

import pytest

from rig_monitor.core.drivers.detect import detect
from rig_monitor.core.drivers.iceriver import (
    COOKIE_KEY,
    PANEL,
    IceRiverDriver,
    model_token,
    rate_ths,
    runtime_s,
)
from rig_monitor.core.engine.poller import Poller
from rig_monitor.core.model import ErrorKind, Identity, PoolStatus, Target
from rig_monitor.core.wire.cgminer import CGMinerClient
from rig_monitor.core.wire.http import HttpClient
from rig_monitor.sim.personas.iceriver import iceriver_mac
from tests.core.drivers.fleet73 import fleet
from tests.core.webfleet import FAST, poll

T = Target("10.0.0.9")
ID = Identity("iceriver", "IceRiver")

PANEL_DOC = {"error": 0, "data": {
    "softver1": "1.1.3_ks3m", "mac": "00-A0-C9-12-34-56", "host": "ks3m-7", "unit": "G",
    "rtpow": "6012G", "avgpow": "5990G", "runtime": "2:03:04:05", "fans": [4800, 4860, 4740, 4800],
    "boards": [
        {"no": 1, "chipnum": 24, "intmp": 44, "outtmp": 58, "rtpow": "2004G", "idealpow": "2000G"},
        {"no": 2, "chipnum": 24, "intmp": 45, "outtmp": 59, "rtpow": "2010G", "idealpow": "2000G"},
        {"no": 3, "chipnum": 23, "intmp": 43, "outtmp": 57, "rtpow": "1998G", "idealpow": "2000G"},
    ],
    "pools": [
        {"no": 1, "addr": "stratum+tcp://kas.pool.example:3333", "user": "kaspa:q.w1",
         "accepted": 5000, "rejected": 7, "connect": True, "state": 1},
        {"no": 2, "addr": "stratum+tcp://kas2.pool.example:3333", "user": "kaspa:q.w1",
         "accepted": 0, "rejected": 0, "connect": False, "state": 0},
    ],
}}  # fmt: skip


def parse(doc: object) -> object:
    return IceRiverDriver().parse(T, {PANEL: doc}, ID)


def test_parse_ks3m() -> None:
    s = IceRiverDriver().parse(T, {PANEL: PANEL_DOC}, ID)
    assert (s.make, s.model, s.firmware_version) == ("IceRiver", "KS3M", "1.1.3")
    assert s.hashrate_ths == pytest.approx(6.012) and s.hashrate_avg_ths == pytest.approx(5.99)
    assert s.uptime_s == 2 * 86400 + 3 * 3600 + 4 * 60 + 5
    assert s.fans_rpm == [4800, 4860, 4740, 4800] and s.mac == "00:A0:C9:12:34:56"
    assert [b.chips for b in s.boards] == [24, 24, 23] and s.boards[2].expected_chips == 24
    assert (s.boards[1].temp_inlet_c, s.boards[1].temp_outlet_c) == (45, 59)
    assert s.temp_board_max_c == 59 and s.temp_chip_max_c is None and s.power_w is None
    assert s.nominal_hashrate_ths == pytest.approx(6.0)
    assert [p.status for p in s.pools] == [PoolStatus.ALIVE, PoolStatus.DEAD]
    assert [p.active for p in s.pools] == [True, False] and s.accepted == 5000


def test_units_and_helpers() -> None:
    assert rate_ths("12.1T") == pytest.approx(12.1) and rate_ths("950", "G") == pytest.approx(0.95)
    assert rate_ths(950, "T") == 950 and rate_ths("n/a") is None and rate_ths(None) is None
    assert runtime_s("0:00:01:05") == 65 and runtime_s("x:1") is None and runtime_s(None) is None
    assert model_token("1.1.3_ks3m") == "ks3m" and model_token("BG_ks5l_miner") == "ks5l"
    assert model_token("ks3m") is None and model_token(7) is None


@pytest.mark.parametrize(
    "doc",
    ["<HTML><TITLE>用户界面</TITLE></HTML>", None, [], {"error": 0, "data": "x"},
     {"data": {"rtpow": None, "fans": "4800", "boards": [7, {"intmp": "hot"}], "pools": [{}],
               "softver1": {"v": 1}, "runtime": "soon"}}],
)  # fmt: skip
def test_broken_replies_give_unknowns_not_crashes(doc: object) -> None:
    s = IceRiverDriver().parse(T, {PANEL: doc}, ID)
    assert s.online and s.hashrate_ths is None and s.temp_board_max_c is None
    assert s.fans_rpm == [] and s.model is None and s.pools == [] and s.uptime_s is None


@pytest.mark.parametrize("model", ["KS3M", "KS0 Pro"])
def test_end_to_end_against_the_simulator(model: str) -> None:
    with fleet([f"iceriver:{model}"]) as f:
        m = f.miners[0]
        assert "rpc" not in m.services
        s = poll(f.targets)[0]
        t = m.truth()
        assert s.online, s.error
        assert (s.family, s.make, s.model, s.firmware) == ("iceriver", "IceRiver", model, "stock")
        assert s.hashrate_ths == pytest.approx(t.hashrate_ths, rel=0.02)
        assert s.temp_board_max_c == t.temp_board_max_c
        assert s.fans_rpm == t.fans_rpm and s.mac == iceriver_mac(m.sample()).replace("-", ":")
        assert s.uptime_s == pytest.approx(t.uptime_s, abs=2)


def test_cookie_cached_and_renewed_after_expiry() -> None:
    with fleet(["iceriver:KS5L"]) as f:
        target = f.targets[0]

        async def go() -> list[str | None]:
            poller = Poller(FAST)
            cookies: list[str | None] = []
            try:
                for expire in (False, False, True):
                    if expire:
                        poller._known[target.key].state[COOKIE_KEY] = "ice_session=old"
                    snap = await poller.poll(target)
                    assert snap.online and snap.hashrate_ths, snap.error
                    cookies.append(poller._known[target.key].state.get(COOKIE_KEY))
            finally:
                await poller.aclose()
            return cookies

        cookies = asyncio.run(go())
        assert cookies[0] and cookies[0].startswith("ice_session=") and len(set(cookies)) == 1


def test_bad_password_is_auth_failed_and_garbage_bad_reply() -> None:
    with fleet(["iceriver:KS3M"], count=2) as f:
        f.inject(f.miners[0].ip, "bad_password")
        f.inject(f.miners[1].ip, "garbage")
        bad, garbage = poll(f.targets)
        assert not bad.online and bad.error_kind is ErrorKind.AUTH_FAILED
        assert not garbage.online


def test_detect_with_the_web_probe() -> None:
    with fleet(["iceriver:KS3M"]) as f:
        m = f.miners[0]

        async def go() -> Identity:
            http = HttpClient(FAST)
            try:
                client = CGMinerClient(m.ip, m.port, FAST)
                return await detect(client, http=http, web_port=m.target.web_port)
            finally:
                await http.aclose()

        ident = asyncio.run(go())
        assert (ident.family, ident.make) == ("iceriver", "IceRiver")
