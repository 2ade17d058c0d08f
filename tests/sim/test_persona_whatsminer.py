"""Whatsminer persona: btminer's real quirks on the wire, and the driver reading them end to end."""

from __future__ import annotations

import json
import socket

import pytest

from rig_monitor.core.faults.codes import decoded
from rig_monitor.core.modeldb import lookup
from rig_monitor.core.wire.cgminer import parse_reply, status_of
from rig_monitor.sim.personas.power import wall_watts
from rig_monitor.sim.personas.whatsminer import MODELS
from tests.sim.families import poll
from tests.sim.rawclient import ask

V2 = [m for m, spec in MODELS.items() if not spec.v3_only]


def _miner_bytes(model: str, command: str) -> bytes:
    from rig_monitor.sim import SimMiner

    return SimMiner("127.0.0.1", 4028, "whatsminer", model, seed=5).handle(
        json.dumps({"command": command}).encode()
    )


def test_each_firmware_has_its_own_quirk() -> None:
    assert b",}" in _miner_bytes("M30S+_VE40", "edevs")
    assert b'"V10\n"' in _miner_bytes("M30S+_VE40", "summary")
    assert b'"Normal""temp0"' in _miner_bytes("M50S_VH30", "summary")
    raw = _miner_bytes("M60S_VL30", "devdetails")
    assert b"\xaa" in raw
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    for model in V2:  # every one of them still reads, with the repairs named
        reply = parse_reply(_miner_bytes(model, "summary"))
        assert reply["SUMMARY"][0]["Firmware Version"] == f"'{MODELS[model].fw_ver}'"


def test_flat_envelope_and_get_commands_refused_in_a_batch() -> None:
    flat = parse_reply(_miner_bytes("M50S_VH30", "get_version"))
    assert flat["STATUS"] == "S" and flat["Code"] == 131 and isinstance(flat["Msg"], dict)
    assert status_of(flat).ok and flat["Msg"]["fw_ver"] == "20230106.11.REL"
    batch = parse_reply(_miner_bytes("M50S_VH30", "summary+get_version"))
    assert status_of(batch["summary"][0]).ok
    assert status_of(batch["get_version"][0]).letter == "E"


@pytest.mark.parametrize("model", V2)
def test_v2_poll_matches_truth(model: str) -> None:
    snap, truth, miner = poll("whatsminer", model)
    assert snap.online, snap.error
    assert (snap.family, snap.make, snap.model) == ("whatsminer", "Whatsminer", model)
    assert (snap.firmware, snap.firmware_version) == (truth.firmware, truth.firmware_version)
    assert snap.api_version == truth.api_version
    assert snap.hashrate_now_ths == pytest.approx(truth.hashrate_ths, rel=0.02)  # 5 s
    assert snap.nominal_hashrate_ths == pytest.approx(miner.spec.nominal_ths)
    assert snap.fans_rpm == truth.fans_rpm
    assert snap.temp_chip_max_c == truth.temp_chip_max_c
    ideal = sum(b.nominal_hashrate_ths for b in truth.boards)
    assert snap.power_w == wall_watts(miner.spec, truth.hashrate_ths, ideal)
    spec = lookup("Whatsminer", model)
    assert spec is not None and spec.chips_per_board == miner.spec.chips_per_board
    assert [(b.index, b.chips, b.expected_chips) for b in snap.boards] == [
        (b.index, b.chips, spec.chips_per_board) for b in truth.boards
    ]
    assert snap.mac is not None and snap.serial is not None and snap.idle is False
    assert snap.error_codes == [] and len(snap.pools) == 3


def test_dead_board_is_decoded_from_the_error_code() -> None:
    snap, truth, _ = poll("whatsminer", "M30S+_VE40", ["dead_board"])
    dead = next(b.index for b in truth.boards if not b.present)
    codes = {
        (e.code, e.board) for e in (decoded(e, snap.make, snap.family) for e in snap.error_codes)
    }
    assert (f"53{dead}", dead) in codes
    err = decoded(next(e for e in snap.error_codes if e.code == f"53{dead}"), snap.make)
    assert err.message == f"slot {dead} not found" and err.since is not None
    assert dead not in [b.index for b in snap.boards]


def test_fan_and_idle() -> None:
    snap, truth, _ = poll("whatsminer", "M50S_VH30", ["fan_stopped"])
    assert 0 in snap.fans_rpm and snap.fans_rpm == truth.fans_rpm
    assert {e.code for e in snap.error_codes} & {"110", "111"}
    idle, _, _ = poll("whatsminer", "M60S_VL30", ["idle"])
    assert idle.idle is True and idle.hashrate_ths == 0


def test_v3_only_miner_is_detected_on_4433_and_polled() -> None:
    snap, truth, miner = poll("whatsminer", "M60_VK40", polls=2)
    with socket.socket() as s, pytest.raises(ConnectionRefusedError):
        s.connect((miner.ip, miner.port))  # 4028 is closed on this firmware
    assert snap.online, snap.error
    assert (snap.family, snap.make, snap.model) == ("whatsminer_v3", "Whatsminer", "M60_VK40")
    assert (snap.firmware_version, snap.api_version) == (truth.firmware_version, "3.0.2")
    assert snap.hashrate_now_ths == pytest.approx(truth.hashrate_ths, rel=0.02)  # 5 s
    assert snap.nominal_hashrate_ths == pytest.approx(172.0)
    assert snap.fans_rpm == truth.fans_rpm
    assert [b.chips for b in snap.boards] == [180, 180, 180]
    assert [b.expected_chips for b in snap.boards] == [180, 180, 180]  # M60 VK40 in the model db
    assert len(snap.pools) == 3 and snap.pools[0].active is True


def test_v3_dead_board_and_idle_unknown_hashrate() -> None:
    snap, truth, _ = poll("whatsminer", "M60_VK40", ["dead_board"])
    dead = next(b.index for b in truth.boards if not b.present)
    errs = [decoded(e, snap.make, snap.family) for e in snap.error_codes]
    assert (f"53{dead}", dead) in {(e.code, e.board) for e in errs}
    idle, _, _ = poll("whatsminer", "M60_VK40", ["idle"])
    assert idle.idle is True
    assert idle.hashrate_ths is None  # -0.003 is the firmware's "unknown", never a reading


def test_rpc_port_answers_plain_text_too() -> None:
    from rig_monitor.sim import SimFleet, SimFleetThread, SimMiner
    from tests.sim.families import new_ip
    from tests.sim.rawclient import free_port

    ip = new_ip()
    miner = SimMiner(ip, free_port(ip), "whatsminer", "M50S_VH30", seed=1)
    with SimFleetThread(SimFleet([miner])):
        raw = ask(ip, miner.port, '{"command":"devdetails"}')
    assert b"M50S_VH30" in raw and b"btminer" in raw
