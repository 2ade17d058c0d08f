"""Generic cgminer driver on the real cgminer 4.11.1 captures."""

from __future__ import annotations

from rig_monitor.core.drivers.generic import GenericDriver
from rig_monitor.core.model import Identity, PoolStatus, Target
from rig_monitor.core.wire.cgminer import parse_reply
from tests.canned import fixture


def test_real_cgminer_with_no_devices() -> None:
    r = {
        "version": parse_reply(fixture("version.raw")),
        "summary": parse_reply(fixture("summary.raw")),
        "devs": parse_reply(fixture("devs.raw")),  # STATUS E "No ASCs/PGAs"
        "pools": parse_reply(fixture("pools.raw")),
    }
    snap = GenericDriver().parse(Target("127.0.0.1"), r, Identity("generic"))
    assert snap.online
    assert (snap.firmware, snap.firmware_version, snap.api_version) == ("cgminer", "4.11.1", "3.7")
    assert snap.hashrate_ths == 0.0  # a real zero from "MHS 5s": 0.00, not unknown
    assert snap.uptime_s == 62
    assert snap.boards == []
    assert len(snap.pools) == 1
    assert snap.pools[0].status is PoolStatus.ALIVE
    assert snap.pools[0].user == "realpeer.cg"


def test_devs_with_typo_key_and_mhs_units() -> None:
    devs = {
        "STATUS": [{"STATUS": "S", "Code": 9, "Msg": "2 ASC(s)"}],
        "DEVS": [
            {"ASC": 0, "Name": "BTM", "Status": "Alive", "Tenperature": 61.0, "MHS 5s": 1500000.0},
            {"ASC": 1, "Name": "BTM", "Status": "Dead", "Temperature": 0, "MHS 5s": 0.0},
        ],
    }
    summary = {"STATUS": [{"STATUS": "S"}], "SUMMARY": [{"MHS 20s": 1500000.0, "Elapsed": 10}]}
    snap = GenericDriver().parse(
        Target("127.0.0.1"), {"devs": devs, "summary": summary}, Identity("generic")
    )
    assert snap.hashrate_ths == 1.5  # bfgminer-style "MHS 20s"
    assert [b.temp_chip_c for b in snap.boards] == [61.0, None]  # 0 = no sensor
    assert snap.temp_chip_max_c == 61.0
    assert [b.status for b in snap.boards] == ["Alive", "Dead"]


def test_bfgminer_is_named_from_its_miner_field() -> None:
    # the version reply of a real bfgminer 5.5.0, as quoted in issue 9: its own name under
    # "Miner", the cgminer API level it mimics under "CGMiner"
    version = {
        "STATUS": [{"STATUS": "S", "Code": 22, "Msg": "BFGMiner versions"}],
        "VERSION": [{"Miner": "bfgminer 5.5.0", "CGMiner": "5.5.0", "API": "3.1"}],
    }
    snap = GenericDriver().parse(Target("127.0.0.1"), {"version": version}, Identity("generic"))
    assert (snap.firmware, snap.firmware_version, snap.api_version) == ("bfgminer", "5.5.0", "3.1")
    import json

    from rig_monitor.core.drivers.detect import Probe, classify

    ident = classify(Probe(json.dumps(version), None))
    assert (ident.firmware, ident.firmware_version) == ("bfgminer", "5.5.0")


def test_real_l21_without_version_names_its_program_and_board_temps() -> None:
    """No ``version`` captured (tests/captures/cgminer/l21-cgminer4.10.0-blockassets): the
    program comes from STATUS Description, the lower-case 'temperature' is a board sensor."""
    from pathlib import Path

    from rig_monitor.core.drivers.generic import described_program

    folder = Path(__file__).resolve().parents[2] / "captures/cgminer/l21-cgminer4.10.0-blockassets"
    replies = {c: parse_reply((folder / f"rpc/{c}.json").read_bytes()) for c in ("summary", "devs")}
    snap = GenericDriver().parse(Target("10.0.0.2"), replies, Identity("generic"))
    assert (snap.firmware, snap.firmware_version) == ("cgminer", "4.10.0")
    assert [b.temp_board_c for b in snap.boards] == [32.0, 32.0, 32.0, 32.0]
    assert snap.temp_board_max_c == 32.0 and snap.temp_chip_max_c is None
    assert described_program({"STATUS": [{"Description": "btminer"}]}) is None
