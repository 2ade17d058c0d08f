"""Avalon persona end to end: bracket strings (flat and nested), per-board values, quirks."""

from __future__ import annotations

import json

import pytest

from rig_monitor.core.wire.cgminer import parse_reply
from rig_monitor.sim import SimMiner
from rig_monitor.sim.personas.avalon import MODELS
from rig_monitor.sim.personas.power import wall_watts
from tests.sim.families import poll


def test_wire_quirks() -> None:
    a12 = SimMiner("127.0.0.1", 4028, "avalon", "A1246-90", seed=2)
    raw = a12.handle(b'{"command":"summary"}')
    assert raw.startswith(b',"STATUS"')
    assert parse_reply(raw)["_repairs"] == ["leading comma"]
    devs = a12.handle(b'{"command":"devs"}')
    assert b'"Temperature":-273.0' in devs  # no sensor: as the real 15-194 (MM4v2_X3) prints it
    q = SimMiner("127.0.0.1", 4028, "avalon", "Q", seed=2)
    stats = json.loads(q.handle(b'{"command":"estats"}')[:-1])["STATS"][0]
    assert (
        stats["MM ID0:Summary"].startswith("'STATS':{Ver[Q-")
        and "'HB0':{PVT_T0[" in stats["HBinfo"]
    )


@pytest.mark.parametrize("model", sorted(MODELS))
def test_poll_matches_truth(model: str) -> None:
    snap, truth, miner = poll("avalon", model)
    assert snap.online, snap.error
    assert (snap.family, snap.make, snap.model) == ("avalon", "Avalon", model)
    assert (snap.firmware, snap.firmware_version) == ("stock", truth.firmware_version)
    assert snap.hashrate_now_ths == pytest.approx(truth.hashrate_ths, rel=0.02)  # 5 s
    assert snap.nominal_hashrate_ths == pytest.approx(truth.nominal_hashrate_ths, rel=0.02)
    assert snap.fans_rpm == truth.fans_rpm
    assert snap.temp_chip_max_c == truth.temp_chip_max_c
    ideal = sum(b.nominal_hashrate_ths for b in truth.boards)
    assert snap.power_w == wall_watts(miner.spec, truth.hashrate_ths, ideal)
    assert [(b.index, b.chips, b.temp_chip_c) for b in snap.boards] == [
        (b.index, b.chips, b.temp_chip_c) for b in truth.boards
    ]
    for got, want in zip(snap.boards, truth.boards, strict=True):
        assert got.hashrate_ths == pytest.approx(want.hashrate_ths, rel=0.02)
    assert snap.idle is False and snap.mac is not None and snap.serial
    assert {e.code for e in snap.error_codes} == {"BOOTBY:1"}  # 512 on A12 is its healthy ECHU


def test_dead_board_echu_and_idle() -> None:
    snap, truth, _ = poll("avalon", "A1246-90", ["dead_board"])
    dead = next(b.index for b in truth.boards if not b.present)
    assert ("ECHU:1", dead) in {(e.code, e.board) for e in snap.error_codes}
    assert snap.boards[dead].chips == 0 and snap.boards[dead].hashrate_ths == 0
    idle, _, _ = poll("avalon", "Q", ["idle"])
    assert idle.idle is True
