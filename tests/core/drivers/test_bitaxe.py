"""Bitaxe / AxeOS: parse real-shaped /api/system/info replies (and broken ones), then end to end."""

from __future__ import annotations

import pytest

from rig_monitor.core.drivers.bitaxe import INFO, BitaxeDriver, model_for
from rig_monitor.core.model import ErrorKind, Identity, Target
from rig_monitor.sim.personas.bitaxe import bitaxe_mac
from tests.core.webfleet import fleet, poll

T = Target("10.0.0.9")
ID = Identity("bitaxe", "Bitaxe")

# ESP-Miner 2.x on a Bitaxe Supra (shape of a real reply, trimmed of Wi-Fi fields)
SUPRA = {
    "power": 11.67, "voltage": 5125, "current": 2296.875, "temp": 50.25, "vrTemp": 47,
    "hashRate": 612.56, "expectedHashrate": 625.24, "bestDiff": "1.02G", "coreVoltage": 1166,
    "coreVoltageActual": 1154, "frequency": 490, "hostname": "supra-3", "macAddr":
    "24:DC:C3:AA:01:02", "sharesAccepted": 10023, "sharesRejected": 17, "uptimeSeconds": 86520,
    "asicCount": 1, "smallCoreCount": 1276, "ASICModel": "BM1368", "stratumURL":
    "public-pool.io", "stratumPort": 21496, "stratumUser": "bc1qexample.supra",
    "fallbackStratumURL": "solo.ckpool.org", "fallbackStratumPort": 3333,
    "fallbackStratumUser": "bc1qexample", "isUsingFallbackStratum": 0, "version": "v2.4.2",
    "boardVersion": "401", "overheat_mode": 0, "fanspeed": 60, "fanrpm": 4012,
}  # fmt: skip


def parse(doc: object) -> object:
    return BitaxeDriver().parse(T, {INFO: doc}, ID)


def test_parse_supra() -> None:
    s = BitaxeDriver().parse(T, {INFO: SUPRA}, ID)
    assert (s.make, s.model, s.firmware, s.firmware_version) == (
        "Bitaxe",
        "Supra",
        "AxeOS",
        "v2.4.2",
    )
    assert s.hashrate_ths == pytest.approx(0.61256) and s.nominal_hashrate_ths == pytest.approx(
        0.62524
    )
    assert s.power_w == 11.67 and s.temp_chip_max_c == 50.25 and s.fans_rpm == [4012]
    assert (s.mac, s.hostname, s.uptime_s) == ("24:DC:C3:AA:01:02", "supra-3", 86520)
    assert (s.accepted, s.rejected) == (10023, 17)
    assert s.boards[0].chips == 1 and s.boards[0].frequency_mhz == 490
    assert s.boards[0].voltage_v == pytest.approx(1.154)
    assert [p.url for p in s.pools] == [
        "stratum+tcp://public-pool.io:21496", "stratum+tcp://solo.ckpool.org:3333",
    ]  # fmt: skip
    assert [p.active for p in s.pools] == [True, False] and s.error_codes == []


def test_old_firmware_expected_hashrate_from_cores_and_overheat_mode() -> None:
    doc = dict(SUPRA, expectedHashrate=None, overheat_mode=1, isUsingFallbackStratum=1)
    s = BitaxeDriver().parse(T, {INFO: doc}, ID)
    assert s.nominal_hashrate_ths == pytest.approx(1276 * 1 * 490 / 1e6)
    assert [e.code for e in s.error_codes] == ["overheat_mode"]
    assert [p.active for p in s.pools] == [False, True]


def test_model_from_asic_and_count() -> None:
    assert model_for("BM1370", 1) == "Gamma" and model_for("bm1370", 2) == "GT"
    assert model_for("BM1366", None) == "Ultra" and model_for("BM1397", 1) == "Max"
    assert model_for("BM9999", 1) is None and model_for(None, 1) is None


@pytest.mark.parametrize(
    "doc",
    ["<html><body>404 Not Found</body></html>", None, [], {"hashRate": "n/a", "temp": "hot",
     "asicCount": "x", "fanrpm": None, "stratumURL": 12, "version": {"v": 1}}],
)  # fmt: skip
def test_broken_replies_give_unknowns_not_crashes(doc: object) -> None:
    s = BitaxeDriver().parse(T, {INFO: doc}, ID)
    assert s.online and s.hashrate_ths is None and s.temp_chip_max_c is None
    assert s.fans_rpm == [] and s.model is None and s.firmware_version is None


def test_truncated_reply_salvages_what_arrived() -> None:
    from rig_monitor.core.wire.jsonrepair import loads_lenient

    text = '{"power": 11.67, "hashRate": 612.56, "temp": 50.25, "ASICModel": "BM13'
    doc = loads_lenient(text)[0]
    s = BitaxeDriver().parse(T, {INFO: doc}, ID)
    assert s.hashrate_ths == pytest.approx(0.61256) and s.power_w == 11.67


@pytest.mark.parametrize("model", ["Gamma", "GT", "Ultra"])
def test_end_to_end_against_the_simulator(model: str) -> None:
    with fleet([f"bitaxe:{model}"]) as f:
        m = f.miners[0]
        assert m.target.web_port and "rpc" not in m.services  # 4028 refused
        s = poll(f.targets)[0]
        t = m.truth()
        assert s.online, s.error
        assert (s.family, s.make, s.model) == ("bitaxe", "Bitaxe", model)
        assert s.firmware_version == t.firmware_version
        assert s.hashrate_ths == pytest.approx(t.hashrate_ths, rel=0.02)
        assert s.nominal_hashrate_ths == pytest.approx(t.nominal_hashrate_ths, rel=0.02)
        assert s.temp_chip_max_c == t.temp_chip_max_c and s.fans_rpm == t.fans_rpm
        assert s.power_w is not None and s.power_w > 5
        assert s.mac == bitaxe_mac(m.sample()) and s.expected_fans == 1


def test_end_to_end_offline_and_garbage() -> None:
    with fleet(["bitaxe:Gamma"], count=2) as f:
        f.inject(f.miners[0].ip, "offline")
        f.inject(f.miners[1].ip, "garbage")
        off, bad = poll(f.targets)
        assert not off.online and off.error_kind is ErrorKind.REFUSED
        assert not bad.online and bad.error_kind is ErrorKind.BAD_REPLY


def test_nerdos_names_the_device_and_has_two_fans() -> None:
    """A real NerdQAxe++ reply (tests/captures/bitaxe/nerdqaxepp-nerdos-1.1.0b1-issue1769)."""
    import json
    from pathlib import Path

    page = (
        Path(__file__).resolve().parents[2]
        / "captures/bitaxe/nerdqaxepp-nerdos-1.1.0b1-issue1769/http/api_system_info.json"
    )
    snap = BitaxeDriver().parse(
        Target("10.0.0.6"), {INFO: json.loads(page.read_text())}, Identity("bitaxe")
    )
    assert (snap.model, snap.fans_rpm) == ("NerdQAxe++", [1796, 1557])
    assert [(b.chips, b.expected_chips) for b in snap.boards] == [(4, 4)]
    assert model_for("BM1370", 4) is None  # no 4-chip BM1370 board in the model table
