"""Goldshell (bfgminer-style RPC + /mcb web API): parse real-shaped replies and broken ones, then end
to end against the simulator (hashrate in TH/s whatever the coin), and detection."""

from __future__ import annotations

import asyncio

import pytest

from rig_monitor.core.drivers.detect import classify, detect, probe
from rig_monitor.core.drivers.goldshell import GoldshellDriver, clean_model
from rig_monitor.core.model import Identity, Target
from rig_monitor.core.wire.cgminer import CGMinerClient
from rig_monitor.core.wire.http import HttpClient
from rig_monitor.sim.personas.goldshell import goldshell_mac
from tests.core.drivers.fleet73 import fleet
from tests.core.webfleet import FAST, poll

T = Target("10.0.0.9")
ID = Identity("goldshell", "Goldshell")
ST = [{"STATUS": "S", "When": 1, "Code": 9, "Msg": "1 PGA(s)", "Description": "bfgminer 5.4.2"}]

REPLIES = {
    "version": {"STATUS": ST, "VERSION": [{"BFGMiner": "5.4.2", "API": "3.1"}]},
    "summary": {"STATUS": ST, "SUMMARY": [{"Elapsed": 7200, "MHS av": 1_590_000.0,
                "MHS 20s": 1_612_345.5, "Accepted": 800, "Rejected": 2, "Hardware Errors": 5}]},
    "devs": {"STATUS": ST, "DEVS": [{"PGA": 0, "ID": 0, "MHS 20s": 1_612_345.5, "tstemp-0": 68.5,
             "tstemp-1": 61.0, "tstemp-2": 55.25, "fan0": 4200, "fan1": 4260, "clock": 1000}]},
    "devdetails": {"STATUS": ST, "DEVS": [{"ID": 0, "Driver": "kdaminer", "chips-nr": 16}]},
    "pools": {"STATUS": ST, "POOLS": [{"URL": "stratum+tcp://kda.pool.example:3700",
              "User": "k:abc.w", "Status": "Alive", "Stratum Active": True}]},
    "web/mcb/status": {"model": "KD-Box", "firmware": "2.2.6"},
    "web/mcb/setting": {"name": "d4:e5:f6:0a:0b:0c", "select": 0},
}  # fmt: skip


def test_parse_kd_box() -> None:
    s = GoldshellDriver().parse(T, REPLIES, ID)
    assert (s.make, s.model, s.firmware_version) == ("Goldshell", "KD Box", "2.2.6")
    assert s.hashrate_ths == pytest.approx(1.6123455)  # MH/s → TH/s (of Blake2S)
    assert s.temp_chip_max_c == 68.5 and s.temp_board_max_c == 55.25
    assert s.fans_rpm == [4200, 4260] and s.mac == "D4:E5:F6:0A:0B:0C"
    assert s.boards[0].chips == 16 and s.boards[0].expected_chips == 16
    assert (s.uptime_s, s.accepted, s.hw_errors, s.expected_fans) == (7200, 800, 5, 2)
    assert s.pools[0].active is True and s.notes == []


def test_model_names() -> None:
    assert clean_model("KD-Box") == "KD Box" and clean_model("HS_Box") == "HS Box"
    assert clean_model(None) is None and clean_model({"m": 1}) is None


@pytest.mark.parametrize(
    "web",
    ["<html>cloud-box login</html>", None, [], {"model": 7, "firmware": None, "name": "n/a"}],
)
def test_broken_web_replies(web: object) -> None:
    replies = dict(REPLIES, **{"web/mcb/status": web, "web/mcb/setting": web})
    s = GoldshellDriver().parse(T, replies, ID)
    assert s.hashrate_ths == pytest.approx(1.6123455) and s.fans_rpm == [4200, 4260]
    assert s.mac is None and s.firmware_version is None
    assert s.model == ("7" if isinstance(web, dict) else None)


def test_broken_rpc_replies() -> None:
    replies = {
        "summary": "<html>",
        "devs": {"STATUS": ST, "DEVS": [{"PGA": "x", "tstemp-2": "hot", "fan0": None}, 3]},
        "devdetails": {"STATUS": [{"STATUS": "E"}]},
        "web_error": "auth failed: web API rejected the password",
    }
    s = GoldshellDriver().parse(T, replies, ID)
    assert s.online and s.hashrate_ths is None and s.temp_board_max_c is None
    assert s.fans_rpm == [] and [b.chips for b in s.boards] == [None]
    assert s.model is None and "auth failed" in s.notes[0]


@pytest.mark.parametrize("model", ["KD Box", "KD6", "LT5"])
def test_end_to_end_against_the_simulator(model: str) -> None:
    with fleet([f"goldshell:{model}"]) as f:
        m = f.miners[0]
        s = poll(f.targets)[0]
        t = m.truth()
        assert s.online, s.error
        assert (s.family, s.make, s.model, s.firmware) == ("goldshell", "Goldshell", model, "stock")
        assert s.hashrate_ths == pytest.approx(t.hashrate_ths, rel=0.02)
        assert s.temp_chip_max_c == t.temp_chip_max_c
        assert s.temp_board_max_c == t.temp_board_max_c
        assert s.fans_rpm == t.fans_rpm and len(s.fans_rpm) == 2
        assert s.mac == goldshell_mac(m.sample()).upper() and s.notes == []


def test_bad_password_keeps_the_rpc_reading() -> None:
    with fleet(["goldshell:HS Box"]) as f:
        f.inject(f.miners[0].ip, "bad_password")
        s = poll(f.targets)[0]
        assert s.online and s.hashrate_ths and s.model is None
        assert any("auth failed" in n for n in s.notes)


@pytest.mark.parametrize("model", ["KD Box", "HS Box"])
def test_detect_by_rpc_marker_and_web_probe(model: str) -> None:
    with fleet([f"goldshell:{model}"]) as f:
        m = f.miners[0]

        async def go() -> tuple[Identity, Identity]:
            http = HttpClient(FAST)
            try:
                client = CGMinerClient(m.ip, m.port, FAST)
                rpc_only = classify(await probe(client))
                return rpc_only, await detect(client, http=http, web_port=m.target.web_port)
            finally:
                await http.aclose()

        rpc_only, both = asyncio.run(go())
        assert (rpc_only.family, rpc_only.make) == ("goldshell", "Goldshell")
        assert (both.family, both.make) == ("goldshell", "Goldshell")


def test_web_devices_and_pools_of_a_real_ck5() -> None:
    """The web API's own device list and pools (tests/captures/goldshell/ck5-foreman-itest),
    read when the RPC has no devices: MH/s, 'chip / board' temperature strings with a broken
    degree sign, one fan string for the whole unit."""
    import json
    from pathlib import Path

    from rig_monitor.core.drivers.goldshell import WEB_DEVS, WEB_POOLS

    folder = Path(__file__).resolve().parents[2] / "captures/goldshell/ck5-foreman-itest/http"
    replies = {
        "web" + WEB_DEVS: json.loads((folder / "mcb_cgminer_cgminercmd=devs.json").read_text()),
        "web" + WEB_POOLS: json.loads((folder / "mcb_pools.json").read_text()),
    }
    snap = GoldshellDriver().parse(Target("10.0.0.8"), replies, Identity("goldshell"))
    assert [(b.index, b.temp_chip_c, b.temp_board_c) for b in snap.boards] == [
        (0, 83.0, 73.8),
        (1, 83.0, 73.9),
        (2, 84.0, 73.5),
        (3, 84.0, 73.9),
    ]
    assert snap.hashrate_ths == pytest.approx(12.452, abs=0.001)
    assert snap.hashrate_avg_ths == pytest.approx(12.2195, abs=0.001)
    assert snap.fans_rpm == [2940, 2940, 2940, 2940]
    assert [(p.url, p.active) for p in snap.pools] == [
        ("stratum+tcp://us-ckb.2miners.com:6464", True),
        ("stratum+tcp://ckb.f2pool.com:4300", False),
    ]
