"""Vnish persona end to end: bmminer replies whose Type names Vnish are not stock; its web
summary read after the unlock."""

from __future__ import annotations

import pytest

from rig_monitor.core.drivers.vnish import VnishDriver
from rig_monitor.sim.personas.power import wall_watts
from rig_monitor.sim.personas.vnish import VnishPersona
from tests.sim.families import poll, poll_web_only


@pytest.mark.parametrize("model", sorted(VnishPersona.model_weights))
def test_poll_matches_truth(model: str) -> None:
    snap, truth, miner = poll("vnish", model)
    assert snap.online, snap.error
    assert (snap.family, snap.make, snap.model) == ("vnish", "Antminer", model)
    assert (snap.firmware, snap.firmware_version) == ("vnish", "1.2.6")
    assert snap.hashrate_now_ths == pytest.approx(truth.hashrate_ths, rel=0.02)  # 5 s
    assert snap.fans_rpm == truth.fans_rpm
    assert snap.temp_chip_max_c == truth.temp_chip_max_c
    ideal = sum(b.nominal_hashrate_ths for b in truth.boards)
    assert snap.power_w == wall_watts(miner.spec, truth.hashrate_ths, ideal)
    assert [b.chips for b in snap.boards] == [b.chips for b in truth.boards]


def test_missing_chips_show_per_board() -> None:
    snap, truth, _ = poll("vnish", "S19j Pro", ["missing_chips"])
    assert [b.chips for b in snap.boards] == [b.chips for b in truth.boards]
    assert any(b.chips is not None and b.chips < 126 for b in snap.boards)


def test_web_summary_read_matches_truth() -> None:
    snap, truth = poll_web_only(VnishDriver(), "vnish", "S19j Pro", ["missing_chips"])
    assert (snap.model, snap.firmware) == ("S19j Pro", "vnish")
    assert snap.hashrate_now_ths == pytest.approx(truth.hashrate_ths, rel=0.001)
    assert snap.fans_rpm == truth.fans_rpm
    assert snap.temp_chip_max_c == truth.temp_chip_max_c
    assert [(b.index, b.chips) for b in snap.boards] == [(b.index, b.chips) for b in truth.boards]
    assert [p.url for p in snap.pools] == [p.url for p in truth.pools]  # the DevFee pool left out
