"""LuxOS and Vnish drivers: Antminer chain parsing underneath, their own fields on top."""

from __future__ import annotations

import json
from typing import Any

import pytest

from rig_monitor.core.drivers.luxos import LuxOSDriver
from rig_monitor.core.drivers.vnish import VnishDriver
from rig_monitor.core.model import Identity, Target
from rig_monitor.core.wire.cgminer import parse_reply

CHAINS = {
    "STATS": 0,
    "ID": "BTM_SOC0",
    "Elapsed": 3600,
    "GHS 5s": "100250.10",
    "GHS av": 99870.0,
    "fan_num": 4,
    "fan1": 5880,
    "fan2": 5910,
    "fan3": 5850,
    "fan4": 5940,
    "total_rateideal": 104000.0,
    "rate_unit": "GH",
    **{f"chain_acn{i}": 126 for i in (1, 2, 3)},
    **{f"chain_acs{i}": " oooooooo" for i in (1, 2, 3)},
    **{f"chain_rate{i}": "33416.70" for i in (1, 2, 3)},
    **{f"temp_chip{i}": "70-72-80-81" for i in (1, 2, 3)},
}


def reply(section: str | None, items: list[dict[str, Any]], letter: str = "S") -> dict[str, Any]:
    body: dict[str, Any] = {"STATUS": [{"STATUS": letter, "Code": 1, "Msg": ""}]}
    if section:
        body[section] = items
    return parse_reply(json.dumps(body).encode())


def test_luxos_extras_over_the_antminer_layout() -> None:
    r = {
        "version": reply(
            "VERSION",
            [{"LUXminer": "2025.4.8.220305-57b389c7", "API": "3.7", "Type": "Antminer S19j Pro"}],
        ),
        "stats": reply("STATS", [{"Type": "Antminer S19j Pro"}, CHAINS]),
        "config": reply(
            "CONFIG",
            [
                {
                    "MACAddr": "aa:bb:cc:dd:ee:ff",
                    "Hostname": "lux-1",
                    "SerialNumber": "YNAH1",
                    "NameplateTHS": 104,
                }
            ],
        ),
        "power": reply("POWER", [{"PSU": True, "Watts": 3011}]),
        "temps": reply(
            "TEMPS", [{"ID": 0, "TopLeft": 55, "TopRight": 57, "BottomLeft": 0, "BottomRight": 61}]
        ),
        "devs": reply("DEVS", [{"ASC": 0, "SerialNumber": "JYZZ0", "Nominal MHS": 34666000.0}]),
        "events": reply(
            "EVENTS",
            [
                {
                    "Code": "NOPIC_PROTECTION",
                    "Description": "PIC missing",
                    "CreatedAt": "2025-05-01T10:00:00Z",
                    "Target": "board 1",
                }
            ],
        ),
        "fans": reply(None, [], letter="E"),
    }
    snap = LuxOSDriver().parse(Target("10.0.0.8"), r, Identity("luxos", "Antminer"))
    assert (snap.model, snap.firmware, snap.firmware_version) == (
        "S19j Pro",
        "luxos",
        "2025.4.8.220305-57b389c7",
    )
    assert snap.hashrate_ths == pytest.approx(100.2501) and snap.power_w == 3011
    assert (snap.mac, snap.hostname, snap.serial) == ("aa:bb:cc:dd:ee:ff", "lux-1", "YNAH1")
    assert snap.fans_rpm == [5880, 5910, 5850, 5940]  # from stats, fans refused
    assert snap.boards[0].temp_board_c == 61 and snap.boards[0].serial == "JYZZ0"
    assert snap.boards[0].temp_chip_c == 81
    [ev] = snap.error_codes
    assert (ev.code, ev.message, ev.board) == ("NOPIC_PROTECTION", "PIC missing", 1)
    assert ev.since == pytest.approx(1746093600.0)


def test_vnish_type_string_version_power_and_nopic() -> None:
    stats = dict(CHAINS, chain_power="3250 W")
    r = {
        "version": reply(
            "VERSION", [{"BMMiner": "1.0.0", "Type": "Antminer S19j Pro (Vnish 1.2.6)"}]
        ),
        "stats": reply("STATS", [{"Type": "Antminer S19j Pro (Vnish 1.2.6)"}, stats]),
    }
    snap = VnishDriver().parse(Target("10.0.0.9"), r, Identity("vnish", "Antminer"))
    assert (snap.model, snap.firmware, snap.firmware_version) == ("S19j Pro", "vnish", "1.2.6")
    assert snap.power_w == 3250 and [b.expected_chips for b in snap.boards] == [126] * 3
    alpha = {  # 1.3.0-alpha: empty version, Type only in stats
        "version": reply("VERSION", []),
        "stats": reply("STATS", [{"Type": "Antminer S19 (88) (Vnish 1.3.0-alpha)"}, CHAINS]),
    }
    snap = VnishDriver().parse(Target("10.0.0.9"), alpha, Identity("vnish", "Antminer"))
    assert (snap.model, snap.firmware_version) == ("S19 NoPIC", "1.3.0-alpha")
    assert [b.expected_chips for b in snap.boards] == [88] * 3


def test_vnish_web_summary_of_a_real_miner() -> None:
    """The real web API summary (tests/captures/vnish/s19jpro-vnish-1.2.0rc3): totals in TH/s,
    chains in GH/s from id 1, chips as red + orange + grey, the DevFee pool left out."""
    from pathlib import Path

    from rig_monitor.core.drivers.vnish import WEB_SUMMARY

    page = (
        Path(__file__).resolve().parents[2]
        / "captures/vnish/s19jpro-vnish-1.2.0rc3/http/api_v1_summary.json"
    )
    replies = {WEB_SUMMARY: json.loads(page.read_text())}
    snap = VnishDriver().parse(Target("10.0.0.5"), replies, Identity("vnish"))
    assert (snap.model, snap.firmware, snap.firmware_version) == ("S19j Pro", "vnish", "1.2.0-rc3")
    assert (snap.hashrate_ths, snap.hashrate_avg_ths) == (54.478542, 54.50821)
    assert [(b.index, b.chips, b.temp_chip_c, b.temp_board_c) for b in snap.boards] == [
        (0, 126, 65, 50),
        (1, 126, 64, 49),
        (2, 126, 64, 49),
    ]
    assert snap.nominal_hashrate_ths == pytest.approx(3 * 25.9056)
    assert snap.fans_rpm == [5820, 5880, 5850, 5790] and snap.power_w == 2631
    assert [p.url for p in snap.pools] == [
        "btc.foundryusapool.com:3333",
        "btc.foundryusapool.com:443",
        "btc.foundryusapool.com:25",
    ]
    assert snap.pools[0].active is True and snap.idle is False
