"""Antminer stock driver on real-shaped bmminer replies (broken JSON included)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rig_monitor.core.drivers.antminer import AntminerDriver, clean_model
from rig_monitor.core.model import Identity, PoolStatus, Target
from rig_monitor.core.wire.cgminer import parse_reply

FIX = Path(__file__).parents[2] / "fixtures" / "antminer"


def replies(prefix: str, *commands: str) -> dict:
    return {c: parse_reply((FIX / f"{prefix}_{c}.raw").read_bytes()) for c in commands}


@pytest.fixture
def s19() -> object:
    r = replies("s19jpro", "version", "summary", "stats", "pools")
    return AntminerDriver().parse(Target("10.10.1.37"), r, Identity("antminer"))


def test_identity_and_totals(s19) -> None:  # type: ignore[no-untyped-def]
    assert (s19.make, s19.model, s19.firmware) == ("Antminer", "S19j Pro", "stock")
    assert s19.firmware_version == "Tue Dec  6 16:12:30 CST 2022"
    assert s19.hashrate_ths == pytest.approx(95.43012)  # "GHS 5s" string in GH/s
    assert s19.hashrate_avg_ths == pytest.approx(95.9981)  # "GHS 30m": windowed beats since-boot
    assert s19.nominal_hashrate_ths == pytest.approx(104.0)  # total_rateideal, rate_unit GH
    assert s19.uptime_s == 86520
    assert (s19.accepted, s19.rejected, s19.stale, s19.hw_errors) == (18732, 41, 3, 219)
    assert s19.power_w is None  # stock air-cooled S19 does not report power: unknown, not 0


def test_boards_from_legacy_chain_keys(s19) -> None:  # type: ignore[no-untyped-def]
    assert [b.index for b in s19.boards] == [0, 1, 2]
    b2 = s19.boards[1]
    assert b2.chips == 98
    assert b2.expected_chips == 126  # from the model database
    assert b2.chip_status_counts() == (98, 28, 0)
    assert b2.hashrate_ths == pytest.approx(26.01072)
    assert b2.temp_board_c == 71 and b2.temp_chip_c == 86  # max of the 4 sensors
    assert b2.hw_errors == 211
    assert s19.temp_chip_max_c == 86 and s19.temp_board_max_c == 71


def test_fans_and_pools(s19) -> None:  # type: ignore[no-untyped-def]
    assert s19.fans_rpm == [5880, 5910, 5850, 5940]
    assert s19.expected_fans == 4
    assert len(s19.pools) == 2
    active = s19.active_pool
    assert active is not None and active.url.endswith(":3333")
    assert active.status is PoolStatus.ALIVE and active.user == "farm1.s19j_137"
    assert s19.pools[1].active is False


def test_s9_chains_on_6_to_8_and_fans_on_3_and_6() -> None:
    r = replies("s9", "stats")
    snap = AntminerDriver().parse(Target("10.0.0.9"), r, Identity("antminer"))
    assert snap.model == "S9"
    assert len(snap.boards) == 3
    assert [b.chips for b in snap.boards] == [63, 0, 63]  # chain 7 dead, still listed
    assert snap.boards[1].chip_status == ""
    assert snap.boards[0].temp_board_c == 58 and snap.boards[0].temp_chip_c == 74
    assert snap.fans_rpm == [5640, 5760]
    assert snap.hashrate_ths == pytest.approx(9.01231)  # from stats when summary is absent


def test_missing_and_failed_commands_give_unknowns_not_zeros() -> None:
    r = {"version": parse_reply((FIX / "s19jpro_version.raw").read_bytes())}
    snap = AntminerDriver().parse(Target("10.0.0.1"), r, Identity("antminer"))
    assert snap.model == "S19j Pro"
    assert snap.hashrate_ths is None and snap.uptime_s is None
    assert snap.boards == [] and snap.fans_rpm == [] and snap.pools == []


@pytest.mark.parametrize("fan_num", [4, 3])  # bmminer lowers fan_num when a fan stops
def test_one_fan_stopped_keeps_its_zero(fan_num: int) -> None:
    r = replies("s19jpro", "stats")
    r["stats"]["STATS"][1].update(fan3=0, fan_num=fan_num)
    snap = AntminerDriver().parse(Target("10.0.0.1"), r, Identity("antminer"))
    assert snap.fans_rpm == [5880, 5910, 0, 5940]


def test_last_fan_stopped_is_still_listed() -> None:
    r = replies("s19jpro", "stats")
    r["stats"]["STATS"][1].update(fan4=0, fan_num=3)
    snap = AntminerDriver().parse(Target("10.0.0.1"), r, Identity("antminer"))
    assert snap.fans_rpm == [5880, 5910, 5850, 0]


def test_s9_with_one_fan_stopped() -> None:
    r = replies("s9", "stats")
    r["stats"]["STATS"][1].update(fan6=0, fan_num=1)
    snap = AntminerDriver().parse(Target("10.0.0.9"), r, Identity("antminer"))
    assert snap.fans_rpm == [5640, 0]


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("Antminer S19j Pro", "S19j Pro"),
        ("Antminer S21 Hydro (Vnish 1.2.6)", "S21 Hydro"),
        ("Antminer S9_I", "S9"),
        ("Bitmain Antminer T21", "T21"),
        ("Antminer S19 XP", "S19 XP"),
    ],
)
def test_clean_model(text: str, model: str) -> None:
    assert clean_model(text) == model
