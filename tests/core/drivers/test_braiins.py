"""Braiins OS driver on BOSminer/BOSer reply shapes (docs and captures), broken ones included."""

from __future__ import annotations

import json
from typing import Any

import pytest

from rig_monitor.core.drivers.braiins import BraiinsDriver, board_offset, braiins_model
from rig_monitor.core.model import Identity, Target
from rig_monitor.core.wire.cgminer import parse_reply

DESC = "BOSminer+ 0.2.0-ea64aec8e"


def reply(section: str | None, items: list[dict[str, Any]], letter: str = "S") -> dict[str, Any]:
    body: dict[str, Any] = {
        "STATUS": [{"STATUS": letter, "Code": 1, "Msg": "", "Description": DESC}]
    }
    if section:
        body[section] = items
    return parse_reply(json.dumps(body).encode())


def s9() -> dict[str, Any]:
    return {
        "version": reply("VERSION", [{"BOSminer+": "0.2.0-ea64aec8e", "API": "3.7"}]),
        "summary": reply(
            "SUMMARY", [{"Elapsed": 900, "MHS 5s": 13_400_000.0, "MHS av": 13_350_000.0}]
        ),
        "devs": reply(
            "DEVS",
            [{"ID": i, "MHS 5s": 4_466_530.0, "Nominal MHS": 4_573_660.0} for i in (6, 7, 8)],
        ),
        "devdetails": reply(
            "DEVDETAILS",
            [
                {
                    "ID": i,
                    "Chips": 63,
                    "Model": "Bitmain Antminer S9",
                    "Frequency": 799682118,
                    "Voltage": 8.41,
                }
                for i in (6, 7, 8)
            ],
        ),
        "temps": reply(
            "TEMPS",
            [
                {"ID": 6, "Board": 81.875, "Chip": 104.625},
                {"ID": 7, "Board": 85.875, "Chip": 108.9375},
            ],
        ),
        "fans": reply("FANS", [{"RPM": r} for r in (5340, 4620, 0, 0)]),
        "tunerstatus": reply(
            "TUNERSTATUS",
            [
                {
                    "ApproximateMinerPowerConsumption": 1419,
                    "PowerLimit": 1420,
                    "TunerChainStatus": [
                        {"HashchainIndex": 6, "Status": "Tuning individual chips"},
                        {"HashchainIndex": 7, "Status": "Stable"},
                        {"HashchainIndex": 8, "Status": "Hashchain failure {reason: overheated}"},
                    ],
                }
            ],
        ),
    }


def test_s9_numbering_units_and_tuner() -> None:
    snap = BraiinsDriver().parse(Target("10.0.0.5"), s9(), Identity("braiins", "Antminer"))
    assert (snap.model, snap.firmware, snap.firmware_version) == (
        "S9",
        "BOSminer+",
        "0.2.0-ea64aec8e",
    )
    assert [b.index for b in snap.boards] == [0, 1, 2]
    assert snap.hashrate_ths == pytest.approx(13.4)
    assert snap.nominal_hashrate_ths == pytest.approx(3 * 4.57366)
    assert snap.boards[0].frequency_mhz == pytest.approx(799.682118)  # printed in Hz
    assert snap.boards[1].temp_chip_c == 108.9375 and snap.boards[2].temp_board_c is None
    assert snap.fans_rpm == [5340, 4620]  # S9 has 2 fans: the zero slots 3-4 are not fans
    assert (snap.power_w, snap.power_limit_w) == (1419, 1420)
    assert [(e.code, e.message, e.board) for e in snap.error_codes] == [
        ("tuner", "Hashchain failure", 2)
    ]


def test_boser_model_names_and_failed_sections() -> None:
    r = s9()
    r["version"] = reply("VERSION", [{"API": "3.7", "BOSer": "boser-buildroot 0.1.0-45f356ea"}])
    r["devdetails"] = reply("DEVDETAILS", [{"ID": 1, "Chips": 88, "Model": "Antminer S19J88NoPic"}])
    r["tunerstatus"] = reply(None, [], letter="E")
    del r["fans"]
    snap = BraiinsDriver().parse(Target("10.0.0.6"), r, Identity("braiins", "Antminer"))
    assert (snap.model, snap.firmware) == ("S19j NoPIC", "BOSer")
    assert snap.power_w is None and snap.fans_rpm == [] and snap.error_codes == []


def test_offsets_and_names() -> None:
    assert board_offset([6, 7, 8]) == 6 and board_offset([2, 3]) == 1 and board_offset([0, 1]) == 0
    assert braiins_model("Antminer S19XP") == "S19 XP"
    assert braiins_model("Antminer S99 Unknown") == "S99 Unknown"


def test_rest_api_of_a_real_bos_25_07() -> None:
    """The REST pages of a real S19 XP on BOS+ 25.07 (tests/captures/braiins/s19xp-bos-25.07-rest):
    unit-wrapped values, boards from id 1, the boards' intake/exhaust PCB sensors not taken for
    the air's temperature."""
    from pathlib import Path

    from rig_monitor.core.drivers.braiins_rest import PAGES, PREFIX

    folder = Path(__file__).resolve().parents[2] / "captures/braiins/s19xp-bos-25.07-rest/http"
    replies = {
        PREFIX + page: json.loads((folder / f"api_v1_{page.replace('/', '_')}.json").read_text())
        for page in PAGES
    }
    snap = BraiinsDriver().parse(Target("10.0.0.7"), replies, Identity("braiins"))
    assert (snap.model, snap.firmware, snap.firmware_version) == (
        "S19 XP",
        "BOS+",
        "2025-08-06-0-3881c51d-25.07-plus",
    )
    assert snap.hashrate_ths == pytest.approx(141.4636, abs=1e-3)
    assert snap.hashrate_avg_ths == pytest.approx(142.7519, abs=1e-3)
    assert snap.nominal_hashrate_ths == pytest.approx(142.8766, abs=1e-3)
    assert [(b.index, b.chips, b.temp_chip_c, b.temp_board_c) for b in snap.boards] == [
        (0, 110, 70.5, 55.5),
        (1, 110, 67.0, 52.0),
        (2, 110, 69.0, 54.0),
    ]
    assert all(b.temp_inlet_c is None and b.temp_outlet_c is None for b in snap.boards)
    assert snap.fans_rpm == [5904, 5874, 5874, 5904] and snap.power_w == 3137
    assert [(p.url, p.active, p.accepted) for p in snap.pools] == [
        ("stratum+tcp://example.pool.com:3333", True, 10460),
        ("stratum+tcp://example.pool2.com:3333", False, 4),
    ]
