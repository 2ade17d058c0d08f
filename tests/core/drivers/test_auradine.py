"""Auradine (gcminer RPC + FluxOS web API): parse real-shaped replies and broken ones, then end to
end against the simulator (RPC every poll, web token cached), and detection with the web probe."""

from __future__ import annotations

import asyncio

import pytest

from rig_monitor.core.drivers.auradine import AuradineDriver, web_port
from rig_monitor.core.drivers.base import Session
from rig_monitor.core.drivers.detect import detect
from rig_monitor.core.engine.poller import Poller
from rig_monitor.core.model import Identity, Ports, Target
from rig_monitor.core.wire.cgminer import CGMinerClient
from rig_monitor.core.wire.http import HttpClient
from rig_monitor.sim.personas.auradine import auradine_mac
from tests.core.drivers.fleet73 import fleet
from tests.core.webfleet import FAST, poll

T = Target("10.0.0.9")
ID = Identity("auradine", "Auradine")
ST = [{"STATUS": "S", "When": 1, "Code": 11, "Msg": "Summary", "Description": "gcminer 1.2.7"}]

REPLIES = {
    "version": {"STATUS": ST, "VERSION": [{"GCMiner": "1.2.7", "API": "3.7"}]},
    "summary": {"STATUS": ST, "SUMMARY": [{"Elapsed": 86400, "MHS av": 185_000_000.0,
                "MHS 5s": 187_512_345.67, "Accepted": 1000, "Rejected": 3, "Stale": 1,
                "Hardware Errors": 12, "Wattage": 3300, "ThsThrottle": 0}]},
    "devs": {"STATUS": ST, "DEVS": [
        {"ASC": 0, "ID": 1, "MHS 5s": 62_500_000.0, "Temperature": 61.0, "Status": "Alive"},
        {"ASC": 1, "ID": 2, "MHS 5s": 62_600_000.0, "Temperature": 63.5, "Status": "Alive"},
        {"ASC": 2, "ID": 3, "MHS 5s": 62_412_345.67, "Temperature": 60.0, "Status": "Alive"},
    ]},
    "pools": {"STATUS": ST, "POOLS": [{"URL": "stratum+tcp://pool.example:3333", "User": "w.1",
              "Status": "Alive", "Stratum Active": True, "Accepted": 1000}]},
    "web/fan": {"STATUS": [{"STATUS": "S"}], "Fan": [{"ID": 1, "Speed": 5400},
                {"ID": 2, "Speed": 5460}, {"ID": 3, "Speed": 5340}, {"ID": 4, "Speed": 0}]},
    "web/psu": {"STATUS": [{"STATUS": "S"}], "PSU": [{"PowerIn": "3312W", "PoutMax": "3700W"}]},
    "web/ipreport": {"STATUS": [{"STATUS": "S"}], "IPReport": [{"mac": "0c:ea:14:aa:bb:cc",
                     "hostname": "tf-1", "version": "2024.10.2", "SerialNo": "AUR123",
                     "InternalType": "AT1500-01", "HBSerialNo": ["HB0", "HB1", "HB2"]}]},
}  # fmt: skip


def test_parse_rpc_and_web() -> None:
    s = AuradineDriver().parse(T, REPLIES, ID)
    assert (s.make, s.model, s.firmware_version) == ("Auradine", "AT1500", "2024.10.2")
    assert s.hashrate_ths == pytest.approx(187.51234567)
    assert [b.index for b in s.boards] == [0, 1, 2]
    assert s.boards[1].temp_board_c == 63.5 and s.temp_board_max_c == 63.5
    assert s.boards[0].hashrate_ths == pytest.approx(62.5) and s.boards[2].serial == "HB2"
    assert s.fans_rpm == [5400, 5460, 5340, 0] and s.power_w == 3312  # PSU wins over Wattage
    assert (s.mac, s.hostname, s.serial) == ("0C:EA:14:AA:BB:CC", "tf-1", "AUR123")
    assert (s.uptime_s, s.accepted, s.hw_errors) == (86400, 1000, 12)
    assert s.expected_fans == 4 and s.boards[0].expected_chips == 132
    assert s.pools[0].active is True and s.notes == []


def test_rpc_only_when_the_web_failed() -> None:
    replies = {k: v for k, v in REPLIES.items() if not k.startswith("web/")}
    replies["web_error"] = "auth failed: web API rejected the password"
    s = AuradineDriver().parse(T, replies, ID)
    assert s.online and s.hashrate_ths == pytest.approx(187.51234567)
    assert s.fans_rpm == [] and s.power_w == 3300 and s.model is None  # Wattage from summary
    assert s.notes and "auth failed" in s.notes[0]


@pytest.mark.parametrize(
    "web",
    ["<html><title>Miner UI</title></html>", None, [], {"STATUS": [{"STATUS": "E", "Msg": "x"}],
     "Fan": [{"Speed": 1}]}, {"Fan": "n/a", "PSU": [{"PowerIn": None}], "IPReport": [7]}],
)  # fmt: skip
def test_broken_web_replies_give_unknowns(web: object) -> None:
    replies = dict(REPLIES, **{"web/fan": web, "web/psu": web, "web/ipreport": web})
    s = AuradineDriver().parse(T, replies, ID)
    assert s.fans_rpm == [] and s.power_w == 3300 and s.mac is None and s.model is None
    assert s.hashrate_ths == pytest.approx(187.51234567)


def test_broken_rpc_replies() -> None:
    replies = {
        "summary": {"STATUS": [{"STATUS": "E", "Msg": "x"}]},
        "devs": {"STATUS": ST, "DEVS": [{"ID": "x", "Temperature": "hot"}, "junk", {"ID": 0}]},
        "version": "nonsense",
    }
    s = AuradineDriver().parse(T, replies, ID)
    assert s.hashrate_ths is None and s.temp_board_max_c is None and s.firmware_version is None
    assert [b.index for b in s.boards] == [0, 1]  # unnumbered devices keep their order


def test_web_port_choice() -> None:
    def sess(target: Target, ports: Ports) -> Session:
        return Session(target, CGMinerClient(target.ip), ID, ports=ports)

    assert web_port(sess(Target("10.0.0.1"), Ports())) == 8080  # real miner
    assert web_port(sess(Target("10.0.0.1"), Ports(web=8000))) == 8000  # site-wide forward
    assert web_port(sess(Target("10.0.0.1", web_port=9001), Ports(web=8000))) == 9001


@pytest.mark.parametrize("model", ["AT1500", "AT2880"])
def test_end_to_end_against_the_simulator(model: str) -> None:
    with fleet([f"auradine:{model}"]) as f:
        m = f.miners[0]
        s = poll(f.targets)[0]
        t = m.truth()
        assert s.online, s.error
        assert (s.family, s.make, s.model, s.firmware) == ("auradine", "Auradine", model, "stock")
        assert s.hashrate_ths == pytest.approx(t.hashrate_ths, rel=0.02)
        assert s.temp_board_max_c == t.temp_board_max_c
        assert s.fans_rpm == pytest.approx(t.fans_rpm, rel=0.05) and len(s.fans_rpm) == 4
        assert s.power_w is not None and 2000 < s.power_w < 5000
        assert s.mac == auradine_mac(m.sample()).upper() and s.notes == []


def test_token_cached_between_polls_and_renewed() -> None:
    with fleet(["auradine:AT1500"]) as f:
        target = f.targets[0]

        async def go() -> tuple[list[str | None], list[float | None]]:
            poller = Poller(FAST)
            tokens: list[str | None] = []
            power: list[float | None] = []
            try:
                for stale in (False, False, True):
                    if stale:  # the miner rebooted: its old token is void
                        poller._known[target.key].state["auradine_token"] = "stale"
                    snap = await poller.poll(target)
                    tokens.append(poller._known[target.key].state.get("auradine_token"))
                    power.append(snap.power_w)
            finally:
                await poller.aclose()
            return tokens, power

        tokens, power = asyncio.run(go())
        assert tokens[0] and tokens[0] == tokens[1] == tokens[2]
        assert all(p is not None and p > 1000 for p in power)


def test_bad_password_keeps_the_rpc_reading() -> None:
    with fleet(["auradine:AT1500"]) as f:
        f.inject(f.miners[0].ip, "bad_password")
        s = poll(f.targets)[0]
        assert s.online and s.hashrate_ths and s.fans_rpm == []
        assert any("auth failed" in n for n in s.notes)


def test_detect_with_the_web_probe() -> None:
    with fleet(["auradine:AT2880"]) as f:
        m = f.miners[0]

        async def go() -> Identity:
            http = HttpClient(FAST)
            try:
                client = CGMinerClient(m.ip, m.port, FAST)
                return await detect(client, http=http, web_port=m.target.web_port)
            finally:
                await http.aclose()

        ident = asyncio.run(go())
        assert (ident.family, ident.make) == ("auradine", "Auradine")


def test_temperature_page_of_a_real_fluxos() -> None:
    """The real ``temperature`` reply (tests/captures/auradine/flux-2.2.0-temp-volt-freq): three
    hash boards (the control board, ID 0, is no board), PCB and chip sensors per board."""
    import json
    from pathlib import Path

    page = (
        Path(__file__).resolve().parents[2]
        / "captures/auradine/flux-2.2.0-temp-volt-freq/http/temperature.json"
    )
    replies = {"web/temperature": json.loads(page.read_text())}
    snap = AuradineDriver().parse(Target("10.0.0.9"), replies, Identity("auradine"))
    assert [(b.index, b.temp_board_c, round(b.temp_chip_c or 0, 2)) for b in snap.boards] == [
        (0, 41.5, 45.83),
        (1, 43.0, 48.22),
        (2, 47.5, 51.41),
    ]
    assert snap.temp_board_max_c == 47.5 and snap.temp_chip_max_c == pytest.approx(51.4123)
