"""Fault rules judged on real captures (tests/captures/<family>/<set>/, origin in each SOURCE):
what the firmware really sends, parsed by its driver, must raise exactly the faults it shows."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from rig_monitor.core.drivers.antminer import AntminerDriver
from rig_monitor.core.drivers.luxos import LuxOSDriver
from rig_monitor.core.faults import FaultTracker, evaluate_snapshots
from rig_monitor.core.faults.rules import num
from rig_monitor.core.model import Board, Identity, MinerSnapshot, Target
from rig_monitor.core.modeldb import lookup
from tests.replay.corpus import ROOT, load_set

TARGET = Target("127.0.0.1")


def _faults(snap: MinerSnapshot) -> dict[str, list[Any]]:
    evaluate_snapshots([snap])
    out: dict[str, list[Any]] = {}
    for f in snap.faults:
        out.setdefault(f.id, []).append(f)
    return out


def test_l9_failing_chain_is_one_fault_with_its_marks() -> None:
    # chain 3: chain_acn3 25 of 110, chain_acs3 = 25 'o', 15 'x' and 70 'X': the 85 marks are the
    # 85 absent chips' slots, so one fault tells it ("25/110 chips, 85 x"), not two cards
    cs = load_set(ROOT / "antminer" / "l9-stock-bmminer2.12-failing-chain")
    replies = {c: cs.rpc_json(c) for c in ("version", "summary", "stats")}
    snap = AntminerDriver().parse(TARGET, replies, Identity(family="antminer"))
    assert [b.chip_status_counts(110) for b in snap.boards] == [
        (110, 0, 0),
        (110, 0, 0),
        (25, 85, 0),  # upper-case 'X' counted as bad, as the firmware's own count (25) says
    ]
    faults = _faults(snap)
    (missing,) = faults["chips_missing"]
    assert missing.board == 2 and "25/110" in missing.detail and "85 x" in missing.detail
    assert "chip_status_bad" not in faults
    # a Scrypt miner's hashrate in TH/s is below 1: the evidence keeps two significant digits
    assert "0.011 of 0.017 TH/s" in faults["hashrate_low"][0].detail


def test_found_chips_marked_bad_on_a_short_chain_are_a_second_fault() -> None:
    # the L9's chain 3 with 5 of its 25 found chips also marked x: 90 marks for 85 absent chips
    cs = load_set(ROOT / "antminer" / "l9-stock-bmminer2.12-failing-chain")
    replies = {c: cs.rpc_json(c) for c in ("version", "summary", "stats")}
    snap = AntminerDriver().parse(TARGET, replies, Identity(family="antminer"))
    board = snap.boards[2]
    assert board.chip_status is not None
    board.chip_status = board.chip_status.replace("o", "x", 5)
    faults = _faults(snap)
    (bad,) = faults["chip_status_bad"]
    assert bad.board == 2 and "5 bad" in bad.detail
    assert "25/110" in faults["chips_missing"][0].detail


def test_healthy_chains_with_padding_dashes_get_no_chip_fault() -> None:
    # S23 Hyd.: 84 fitted chips then "----" past them; nothing is missing or bad
    cs = load_set(ROOT / "antminer" / "s23-hyd-stock")
    replies = {c: cs.rpc_json(c) for c in ("version", "summary", "stats") if c in cs.rpc}
    snap = AntminerDriver().parse(TARGET, replies, Identity(family="antminer"))
    faults = _faults(snap)
    assert snap.boards and "chip_status_bad" not in faults and "chips_missing" not in faults


def test_numbers_below_one_keep_two_significant_digits() -> None:
    assert [num(x) for x in (0.01285, 0.5, 0.00012345, 12.34, 65.0, 0.0)] == [
        "0.013",
        "0.5",
        "0.00012",
        "12.3",
        "65",
        "0",
    ]


def _luxos() -> MinerSnapshot:
    cs = load_set(ROOT / "luxos" / "s19kpro-luxos-2025.4.8")
    replies = {c: cs.rpc_json(c) for c in ("version", "config", "summary", "stats", "power")}
    return LuxOSDriver().parse(TARGET, replies, Identity(family="luxos"))


def test_underclocked_luxos_profile_is_not_a_power_fault() -> None:
    # Profile "290MHz": the firmware's own target 61.95 TH/s (total_rateideal) on a 120 TH/s
    # S19k Pro, drawing 1051 W of the stock 2760 W while hashing at 99 % of that target
    snap = _luxos()
    assert snap.power_w == 1051 and snap.nominal_hashrate_ths == pytest.approx(61.9542)
    assert "power_out_of_range" not in _faults(snap)
    assert any("62 TH/s is 52 % of the model's 120 TH/s" in n for n in snap.notes), snap.notes


def test_the_same_draw_at_the_stock_target_is_a_power_fault() -> None:
    snap = _luxos()  # the rule still judges a miner that claims the stock target
    snap.nominal_hashrate_ths = 120.0
    snap.hashrate_ths = snap.hashrate_avg_ths = 118.0
    (fault,) = _faults(snap)["power_out_of_range"]
    assert "1051 W < 1932 W" in fault.detail  # 70 % of 2760 W


def test_a_power_target_below_the_rating_is_the_low_bar() -> None:
    snap = _luxos()
    snap.nominal_hashrate_ths = 120.0
    snap.hashrate_ths = snap.hashrate_avg_ths = 118.0
    snap.power_limit_w = 1400.0  # e.g. a Braiins power target: 1051 W is 75 % of it
    assert "power_out_of_range" not in _faults(snap)
    snap.power_w = 900.0  # 64 % of the target
    (fault,) = _faults(snap)["power_out_of_range"]
    assert "900 W < 980 W" in fault.detail


def test_an_unreported_index_is_absent_only_while_boards_are_short() -> None:
    def snap(expected: int) -> MinerSnapshot:
        return MinerSnapshot(
            ip="127.0.0.1",
            online=True,
            uptime_s=7200,
            boards=[Board(i, 45.0, chips=110, expected_chips=110) for i in (1, 2)],
            expected_boards=expected,
        )

    assert "board_missing" not in _faults(snap(2))  # ePIC: board 0 disabled, 2 of 2 there
    (fault,) = _faults(snap(3))["board_missing"]
    assert fault.board == 0 and "2 of 3" in fault.detail


def test_z15_chain_with_a_chip_short_is_judged_against_the_model_table() -> None:
    # tests/captures/antminer/z15-stock-malformed-stats: chain_acs ' ooo', ' ooo', ' oo'; the
    # model table's 3 chips per board (pyasic's Z15 expected_chips), not a guess from siblings
    cs = load_set(ROOT / "antminer" / "z15-stock-malformed-stats")
    replies = {c: cs.rpc_json(c) for c in ("summary", "stats") if c in cs.rpc}
    snap = AntminerDriver().parse(TARGET, replies, Identity(family="antminer"))
    assert snap.model == "Z15" and [b.chips for b in snap.boards] == [3, 3, 2]
    (fault,) = _faults(snap)["chips_missing"]
    assert fault.board == 2 and fault.detail == "chain 3: 2/3 chips"  # no "fullest sibling"


def _l9_polls(spec_algorithm: str | None, per_s: float) -> tuple[set[str], list[str]]:
    """The L9 capture polled for 40 min by the tracker, its HW errors rising ``per_s``."""
    cs = load_set(ROOT / "antminer" / "l9-stock-bmminer2.12-failing-chain")
    replies = {c: cs.rpc_json(c) for c in ("version", "summary", "stats")}
    spec = lookup("Antminer", "L9")
    assert spec is not None and spec.algorithm == "Scrypt"
    tracker = FaultTracker(spec_lookup=lambda make, model: replace(spec, algorithm=spec_algorithm))
    ids: set[str] = set()
    snap = MinerSnapshot(ip="127.0.0.1")
    for n in range(41):
        snap = AntminerDriver().parse(TARGET, replies, Identity(family="antminer"))
        snap.use_average_headline()
        snap.timestamp = 1_800_000_000.0 + 60 * n
        snap.uptime_s = (snap.uptime_s or 0) + 60 * n
        snap.hw_errors = 84799 + round(per_s * 60 * n)
        tracker.update([snap], now=snap.timestamp)
        ids |= {f.id for f in snap.faults}
    return ids, snap.notes


def test_scrypt_hw_errors_are_judged_in_scrypt_work() -> None:
    # healthy chains 1-2 of the capture: 863 + 1365 errors in 9153 s = 0.24 a second. In SHA-256
    # diff-1 units (2^32 hashes) 12 GH/s is only 2.7 shares a second, so 0.24 looked like 8 %;
    # in Scrypt's (2^16 hashes, the capture's own Work Utility) it is 0.0001 %
    ids, _ = _l9_polls("Scrypt", 0.24)
    assert "hw_error_rate_high" not in ids
    ids, _ = _l9_polls(None, 0.24)  # the same miner taken for SHA-256: the old false alarm
    assert "hw_error_rate_high" in ids


def test_unknown_work_unit_leaves_the_rate_unjudged_with_a_note() -> None:
    ids, notes = _l9_polls("kHeavyHash", 0.24)
    assert "hw_error_rate_high" not in ids
    assert "hardware-error rate not judged: no difficulty-1 size known for kHeavyHash" in notes


def test_s21_pro_plus_has_its_own_entry() -> None:
    # asic-rs's hardware table and the real web capture agree: 3 chains of 65 chips
    spec = lookup("Antminer", "S21 Pro+")
    assert spec is not None and (spec.model, spec.boards, spec.chips_per_board, spec.fans) == (
        "S21 Pro+",
        3,
        65,
        4,
    )
    other = lookup("Antminer", "S21 Pro")
    assert other is not None and other.model == "S21 Pro"
