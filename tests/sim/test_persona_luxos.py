"""LuxOS persona end to end: an "Antminer …" Type under LUXminer is LuxOS, read with its extras."""

from __future__ import annotations

import pytest

from rig_monitor.sim.personas.luxos import LuxOSPersona
from rig_monitor.sim.personas.power import wall_watts
from tests.sim.families import poll


@pytest.mark.parametrize("model", sorted(LuxOSPersona.model_weights))
def test_poll_matches_truth(model: str) -> None:
    snap, truth, miner = poll("luxos", model)
    assert snap.online, snap.error
    assert (snap.family, snap.make, snap.model) == ("luxos", "Antminer", model)
    assert (snap.firmware, snap.firmware_version) == ("luxos", truth.firmware_version)
    assert snap.hashrate_now_ths == pytest.approx(truth.hashrate_ths, rel=0.02)  # 5 s
    assert snap.nominal_hashrate_ths == pytest.approx(truth.nominal_hashrate_ths, rel=0.02)
    assert snap.fans_rpm == truth.fans_rpm
    assert snap.temp_chip_max_c == truth.temp_chip_max_c
    ideal = sum(b.nominal_hashrate_ths for b in truth.boards)
    assert snap.power_w == wall_watts(miner.spec, truth.hashrate_ths, ideal)
    assert snap.mac is not None and snap.hostname and snap.serial
    assert all(b.serial for b in snap.boards) and snap.error_codes == []


def test_dead_board_event() -> None:
    snap, truth, _ = poll("luxos", "S21", ["dead_board"])
    dead = next(b.index for b in truth.boards if not b.present)
    assert [(e.code, e.board) for e in snap.error_codes] == [("BOARD_NOT_DETECTED", dead)]
    assert snap.error_codes[0].since is not None
    assert snap.boards[dead].chips == 0


def test_curtailed_is_idle() -> None:
    snap, _, _ = poll("luxos", "S19 XP", ["idle"])
    assert snap.idle is True
