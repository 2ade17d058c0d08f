"""Value sanity, model limits with sources, and statistics that hold (issue 9)."""

from __future__ import annotations

import json
import math
from dataclasses import replace

from rig_monitor.core import modeldb
from rig_monitor.core.faults import FaultTracker, Thresholds, evaluate
from rig_monitor.core.faults.rules import wilson_low
from rig_monitor.core.faults.sanity import clean
from rig_monitor.core.faults.thresholds import temp_limits
from rig_monitor.core.resources import resource_path
from rig_monitor.core.values import temp
from tests.core.faults.factory import S19JPRO, T0, board, s19


def test_impossible_values_are_dropped_with_a_note_and_never_reach_the_rules() -> None:
    snap = s19(
        hashrate_ths=float("nan"),
        power_w=-5.0,
        fans_rpm=[5880, -1, 5900, 5820],
        boards=[board(0, frequency_mhz=-545.0), board(1, hashrate_ths=-3.0), board(2)],
    )
    issues = clean(snap)
    assert {i.field for i in issues} == {"hashrate_ths", "power_w", "fans_rpm", "frequency_mhz"}
    assert snap.hashrate_ths is None and snap.power_w is None and snap.fans_rpm == []
    assert snap.boards[0].frequency_mhz is None and snap.boards[1].hashrate_ths is None
    assert any("board 1 frequency_mhz -545 dropped" in n for n in snap.notes)
    assert clean(snap) == []  # nothing left to drop


def test_an_infinite_5s_sample_is_dropped_not_an_evaluation_failure() -> None:
    """It reached the hashrate rule, whose OverflowError made the miner "evaluation failed"."""
    tr = FaultTracker(Thresholds(), spec_lookup=lambda make, model: S19JPRO)
    for n in range(3):
        bad = s19(timestamp=T0 + 60 * n, hashrate_5s_ths=float("inf"))
        tr.update([bad], now=T0 + 60 * n)
        assert bad.hashrate_5s_ths is None
        assert "implausible hashrate_5s_ths inf dropped" in bad.notes
        assert not any(f.id == "evaluation_failed" for f in bad.faults), bad.faults


def test_negative_frequency_no_longer_crashes_a_tracked_sweep() -> None:
    tr = FaultTracker(Thresholds(), spec_lookup=lambda make, model: S19JPRO)
    for n in range(5):
        bad = s19(timestamp=T0 + 60 * n, boards=[board(0, frequency_mhz=-1.0), board(1), board(2)])
        tr.update([bad], now=T0 + 60 * n)  # raised ZeroDivisionError in rule_freq before
    assert "implausible board 1 frequency_mhz -1 dropped" in bad.notes


def test_chip_sensor_stuck_at_255_is_a_sensor_fault_not_a_hot_chip() -> None:
    assert temp(255) == 255.0  # kept by the parser so that the fault stage can see it
    assert temp(0) is None and temp(-40) is None and temp(127) is None  # "no sensor"
    snap = s19(boards=[board(0, temp_chip_c=255.0), board(1), board(2)], temp_chip_max_c=255.0)
    faults = {f.id: f for f in evaluate(snap, spec=S19JPRO, now=T0)}
    assert "chip_overtemp" not in faults
    assert faults["temp_sensor_fault"].detail.startswith("board 1: chip sensor reads 255 °C")
    assert snap.temp_chip_max_c == 77.0  # the other boards' readings, not the broken one


def test_every_model_limit_cites_a_source_and_air_whatsminers_get_no_hydro_limits() -> None:
    doc = json.loads(resource_path("models.json").read_text(encoding="utf-8"))
    for m in doc["models"]:
        for kind, lim in (m.get("limits") or {}).items():
            assert lim.get("source"), (m["model"], kind)
            assert lim["warn_c"] <= lim["crit_c"], (m["model"], kind)
        assert not any(k.endswith(("_warn_c", "_crit_c")) for k in m), m["model"]
    for name in ("M30S+_VE40", "M50S_VH30", "M60S_VL30", "M60_VK40"):
        lim = temp_limits("Whatsminer", name)
        assert lim.board_warn_c >= 80 and lim.chip_warn_c >= 90, name  # healthy: 66–72 / 80–88
    spec = modeldb.lookup("Antminer", "S19 XP")
    assert spec is not None and dict(spec.limit_sources)["board_temp"].startswith("tetherto")


def test_table_colours_use_the_rules_numbers() -> None:
    for make, model in (("Antminer", "S21"), ("Whatsminer", "M50S_VH30"), (None, "unknown")):
        spec = modeldb.lookup(make, model)
        limits = Thresholds().for_miner("10.0.0.1", 4028, make, model, spec)
        lim = temp_limits(make, model)
        assert lim.chip_warn_c == limits.get("chip_overtemp", "warn_c")
        assert lim.board_crit_c == limits.get("board_overtemp", "crit_c")


def test_rejects_need_counts_and_confidence_not_one_in_fifty() -> None:
    assert wilson_low(1, 50, 2.58) < 0.005  # "2 %" of 50 shares: at least 0.2 %, no evidence
    assert math.isclose(wilson_low(0, 100, 2.58), 0.0, abs_tol=1e-12)
    ok = {f.id for f in evaluate(s19(accepted=49, rejected=1), spec=S19JPRO, now=T0)}
    assert "pool_reject_high" not in ok
    few = {f.id for f in evaluate(s19(accepted=297, rejected=3), spec=S19JPRO, now=T0)}
    assert "pool_reject_high" not in few  # 1 %: normal
    bad = {f.id for f in evaluate(s19(accepted=270, rejected=30), spec=S19JPRO, now=T0)}
    assert "pool_reject_high" in bad  # 10 % of 300: at least 6 % with 99 % confidence


def test_one_shot_poll_uses_device_hardware_percent() -> None:
    raw = {"summary": {"SUMMARY": [{"Device Hardware%": 3.2, "Hardware Errors": 5000}]}}
    snap = replace(s19(hw_errors=5000), raw=raw)
    faults = {f.id: f for f in evaluate(snap, spec=S19JPRO, now=T0)}
    assert "Device Hardware% 3.2 %" in faults["hw_error_rate_high"].detail
    fine = replace(s19(hw_errors=5000), raw={"summary": {"SUMMARY": [{"Device Hardware%": 0.0}]}})
    assert "hw_error_rate_high" not in {f.id for f in evaluate(fine, spec=S19JPRO, now=T0)}


def test_dead_pools_fold_mining_stopped() -> None:
    from rig_monitor.core.model import Pool, PoolStatus

    dead = [Pool("stratum+tcp://a:3333", status=PoolStatus.DEAD)]
    snap = s19(hashrate_ths=0.0, hashrate_avg_ths=0.0, pools=dead)
    ids = [f.id for f in evaluate(snap, spec=S19JPRO, now=T0)]
    assert "pools_all_dead" in ids and "mining_stopped" not in ids


def test_chips_missing_by_comparing_boards_when_the_model_table_has_no_count() -> None:
    from tests.core.faults.factory import Spec

    avalon = Spec(make="Avalon", model="A1246", chips_per_board=None, fans=4, nominal_ths=90.0)
    boards = [board(i, chips=120, expected_chips=None, chip_status=None) for i in range(3)]
    boards[2] = board(2, chips=116, expected_chips=None, chip_status=None)
    snap = s19(make="Avalon", model="A1246", boards=boards)
    faults = {f.id: f for f in evaluate(snap, spec=avalon, now=T0)}
    assert faults["chips_missing"].detail == (
        "chain 3: 116/120 chips (its fullest sibling board has 120)"
    )
    two = s19(make="Avalon", model="A1246", boards=boards[1:])
    assert "chips_missing" not in {f.id for f in evaluate(two, spec=avalon, now=T0)}
