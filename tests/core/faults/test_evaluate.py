"""One-shot evaluation: every rule fires on its faulty input with evidence, and nothing fires on
a healthy miner."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from rig_monitor.core.faults import Thresholds, evaluate
from rig_monitor.core.model import MinerSnapshot, Pool, PoolStatus, Severity, VendorError
from tests.core.faults.factory import (
    DAY,
    HYDRO,
    M50S,
    S19JPRO,
    SECTION1_IDS,
    T0,
    Spec,
    acs,
    board,
    m50s,
    offline,
    s19,
)


def faults_of(snap: MinerSnapshot, spec: Spec | None = S19JPRO, **kw: object) -> dict[str, str]:
    return {f.id: f.detail for f in evaluate(snap, spec=spec, now=T0, **kw)}  # type: ignore[arg-type]


def test_healthy_miners_have_no_faults() -> None:
    assert evaluate(s19(), spec=S19JPRO, now=T0) == []
    assert evaluate(m50s(), spec=M50S, now=T0) == []
    assert evaluate(s19(), spec=None, now=T0) == []  # unknown model: still nothing invented


def _boards(**changes: dict[str, object]) -> list[object]:
    out = [board(0), board(1), board(2)]
    for key, kw in changes.items():
        i = int(key[1:])
        out[i] = board(i, **kw)
    return out


Case = tuple[str, Callable[[], MinerSnapshot], str, Severity, str]

CASES: list[Case] = [
    (
        "miner_unreachable",
        lambda: offline("10.10.1.40"),
        "miner_unreachable",
        Severity.CRITICAL,
        "no API answer: timed out after 3.0 s",
    ),
    (
        "mining_stopped",
        lambda: s19(hashrate_ths=0.0, hashrate_avg_ths=0.0),
        "mining_stopped",
        Severity.CRITICAL,
        "hashrate 0 TH/s, 3 d since start",
    ),
    (
        "hashrate_low",
        lambda: s19(hashrate_ths=61.2, hashrate_avg_ths=61.2),
        "hashrate_low",
        Severity.CRITICAL,
        "hashrate 61.2 of 104 TH/s (59 %)",
    ),
    (
        "hashrate_low warning",
        lambda: s19(hashrate_avg_ths=88.0),
        "hashrate_low",
        Severity.WARNING,
        "hashrate 88 of 104 TH/s (85 %)",
    ),
    (
        "hashrate_high",
        lambda: s19(hashrate_avg_ths=130.0),
        "hashrate_high",
        Severity.INFO,
        "hashrate 130 of 104 TH/s (125 %)",
    ),
    (
        "board_missing",
        lambda: s19(boards=_boards(b1={"chips": 0, "chip_status": "", "hashrate_ths": 0.0})),
        "board_missing",
        Severity.CRITICAL,
        "board 2: 0 chips (expected 126)",
    ),
    (
        "board_absent",
        lambda: s19(boards=[board(0), board(2)]),
        "board_missing",
        Severity.CRITICAL,
        "board 2 not detected (2 of 3 boards)",
    ),
    (
        "chips_missing",
        lambda: s19(boards=_boards(b1={"chips": 98, "chip_status": acs(98, 28)})),
        "chips_missing",
        Severity.WARNING,
        "chain 2: 98/126 chips, 28 x",
    ),
    (
        "chips_missing by count",
        lambda: s19(boards=_boards(b2={"chips": 110, "chip_status": None})),
        "chips_missing",
        Severity.WARNING,
        "chain 3: 110/126 chips",
    ),
    (
        "chip_status_bad x with full count",
        lambda: s19(boards=_boards(b2={"chips": 126, "chip_status": acs(123, 3)})),
        "chip_status_bad",
        Severity.WARNING,
        "chain 3: 0 unstable (-), 3 bad (x) of 126 chips",
    ),
    (
        "chip_status_bad",
        lambda: s19(boards=_boards(b0={"chip_status": acs(120, 0, 6)})),
        "chip_status_bad",
        Severity.WARNING,
        "chain 1: 6 unstable (-), 0 bad (x) of 126 chips",
    ),
    (
        "hw_error_rate_high",
        lambda: s19(hw_errors=95_000_000, boards=_boards(b2={"hw_errors": 800_000})),
        "hw_error_rate_high",
        Severity.WARNING,
        "hardware errors 1.5 % since start",
    ),
    (
        "fan_failed",
        lambda: s19(fans_rpm=[5880, 5910, 0, 5820]),
        "fan_failed",
        Severity.CRITICAL,
        "fan 3: 0 rpm",
    ),
    (
        "all fans",
        lambda: s19(fans_rpm=[0, 0, 0, 0]),
        "fan_failed",
        Severity.CRITICAL,
        "all 4 fans at 0 rpm — check the fans' 12 V feed",
    ),
    (
        "fan lost",
        lambda: s19(fans_rpm=[5880, 5910, 5760]),
        "fan_failed",
        Severity.CRITICAL,
        "fan 4: no reading",
    ),
    (
        "fan_speed_abnormal",
        lambda: s19(fans_rpm=[5880, 5910, 2900, 5820]),
        "fan_speed_abnormal",
        Severity.WARNING,
        "fan 3: 2900 rpm vs 5880 rpm on the others (51 % off)",
    ),
    (
        "fan too fast",
        lambda: s19(fans_rpm=[5880, 5910, 19000, 5820]),
        "fan_speed_abnormal",
        Severity.WARNING,
        "fan 3: 19000 rpm > 14000 rpm",
    ),
    (
        "chip_overtemp critical",
        lambda: s19(boards=_boards(b1={"temp_chip_c": 101.0})),
        "chip_overtemp",
        Severity.CRITICAL,
        "chip 101 °C ≥ 100 °C (board 2)",
    ),
    (
        "chip_overtemp warning",
        lambda: s19(boards=_boards(b0={"temp_chip_c": 96.5})),
        "chip_overtemp",
        Severity.WARNING,
        "chip 96.5 °C ≥ 95 °C (board 1)",
    ),
    (
        "board_overtemp",
        lambda: s19(boards=_boards(b2={"temp_board_c": 91.0})),
        "board_overtemp",
        Severity.CRITICAL,  # no sourced warning level in the generic default: protection only
        "board 91 °C ≥ 90 °C (board 3)",
    ),
    (
        "temp_sensor_fault",
        lambda: s19(boards=_boards(b1={"temp_chip_c": 255.0})),
        "temp_sensor_fault",
        Severity.WARNING,
        "board 2: chip sensor reads 255 °C",
    ),
    (
        "sensor lost",
        lambda: s19(boards=_boards(b1={"temp_chip_c": None, "temp_board_c": None})),
        "temp_sensor_fault",
        Severity.CRITICAL,
        "board 2: no temperature reading while hashing",
    ),
    (
        "inlet_overtemp",
        lambda: s19(temp_inlet_c=46.0),
        "inlet_overtemp",
        Severity.CRITICAL,
        "inlet 46 °C ≥ 45 °C",
    ),
    (
        "inlet_undertemp",
        lambda: s19(temp_inlet_c=-3.0),
        "inlet_undertemp",
        Severity.WARNING,
        "inlet -3 °C < 0 °C",
    ),
    (
        "power high",
        lambda: s19(power_w=3500.0),
        "power_out_of_range",
        Severity.WARNING,
        "power 3500 W > 3375 W (114 % of 3068 W)",
    ),
    (
        "power low",
        lambda: s19(power_w=1900.0),
        "power_out_of_range",
        Severity.WARNING,
        "power 1900 W < 2148 W while hashing normally",
    ),
    (
        "psu code",
        lambda: m50s(error_codes=[VendorError("206")]),
        "psu_fault",
        Severity.WARNING,
        "Whatsminer 206: power input voltage low — improve the supply / input voltage",
    ),
    (
        "avalon psu",
        lambda: s19(
            make="Avalon", model="A1246", family="avalon", error_codes=[VendorError("PS:1")]
        ),
        "psu_fault",
        Severity.CRITICAL,
        "Avalon PS:1: input under-voltage",
    ),
    (
        "board voltage",
        lambda: m50s(error_codes=[VendorError("5011")]),
        "board_voltage_fault",
        Severity.WARNING,
        "Whatsminer 5011: slot 1 chip voltage too low (board 2)",
    ),
    (
        "eeprom",
        lambda: s19(error_codes=[VendorError("J1:4")]),
        "eeprom_fault",
        Severity.WARNING,
        "Antminer J1:4: EEPROM data error on chain 2",
    ),
    (
        "pic",
        lambda: s19(error_codes=[VendorError("kernel", "Chain 2 pic init fail")]),
        "pic_fault",
        Severity.WARNING,
        "Antminer kernel: Chain 2 pic init fail",
    ),
    (
        "crc",
        lambda: m50s(error_codes=[VendorError("5120")]),
        "crc_errors",
        Severity.WARNING,
        "slot 0 too many CRC errors (board 1)",
    ),
    (
        "firmware",
        lambda: m50s(error_codes=[VendorError("8700")]),
        "firmware_mismatch",
        Severity.CRITICAL,
        "miner and PSU model do not match",
    ),
    (
        "hydro flow",
        lambda: m50s(error_codes=[VendorError("5071")]),
        "hydro_flow_fault",
        Severity.CRITICAL,
        "slot 1 water velocity abnormal",
    ),
    (
        "vendor",
        lambda: m50s(error_codes=[VendorError("2040")]),
        "vendor_error_code",
        Severity.WARNING,
        "Whatsminer 2040: pool does not support ASICBoost mode",
    ),
    (
        "pools_all_dead",
        lambda: s19(
            pools=[
                Pool("stratum+tcp://a:3333", status=PoolStatus.DEAD, priority=0),
                Pool("stratum+tcp://b:3333", status=PoolStatus.DEAD, priority=1),
            ]
        ),
        "pools_all_dead",
        Severity.CRITICAL,
        "2 of 2 pools dead",
    ),
    (
        "pool_failover",
        lambda: s19(
            pools=[
                Pool("stratum+tcp://main:3333", status=PoolStatus.DEAD, priority=0, active=False),
                Pool(
                    "stratum+tcp://backup:443",
                    status=PoolStatus.ALIVE,
                    priority=1,
                    active=True,
                    last_share_time=T0 - 5,
                ),
            ]
        ),
        "pool_failover",
        Severity.INFO,
        "mining on stratum+tcp://backup:443 (priority 1); stratum+tcp://main:3333 is dead",
    ),
    (
        "pool_reject_high",
        lambda: s19(accepted=9_000, rejected=400),
        "pool_reject_high",
        Severity.WARNING,
        "rejected 400 of 9400 shares (4.3 %, at least 3.7 % with 99 % confidence) since start",
    ),
    (
        "pool_latency",
        lambda: s19(
            pools=[
                Pool(
                    "stratum+tcp://a:3333",
                    status=PoolStatus.ALIVE,
                    active=True,
                    priority=0,
                    last_share_time=T0 - 1500,
                    last_share_age_s=1500.0,
                )
            ]
        ),
        "pool_latency",
        Severity.WARNING,
        "no share for 25 min on stratum+tcp://a:3333",
    ),
]


@pytest.mark.parametrize(
    ("name", "make", "fault_id", "severity", "evidence"), CASES, ids=[c[0] for c in CASES]
)
def test_rule_raises_with_evidence(
    name: str, make: Callable[[], MinerSnapshot], fault_id: str, severity: Severity, evidence: str
) -> None:
    spec = M50S if make().make == "Whatsminer" else S19JPRO
    faults = {f.id: f for f in evaluate(make(), spec=spec, now=T0)}
    assert fault_id in faults, faults
    assert faults[fault_id].severity is severity
    assert evidence in faults[fault_id].detail
    assert faults[fault_id].title  # catalogue title, not the id


def test_every_rule_id_in_the_table_has_a_case() -> None:
    covered = {c[2] for c in CASES}
    # freq_throttled and unexpected_reboot need history: see test_tracker.py
    expected = set(SECTION1_IDS) - {"freq_throttled", "unexpected_reboot"}
    assert expected <= covered


def test_board_fault_carries_the_zero_based_board() -> None:
    f = next(
        f
        for f in evaluate(
            s19(boards=_boards(b1={"chips": 98, "chip_status": acs(98, 28)})),
            spec=S19JPRO,
            now=T0,
        )
        if f.id == "chips_missing"
    )
    assert f.board == 1 and "chain 2" in f.detail


def test_unreachable_suppresses_everything_else() -> None:
    snap = offline("10.10.1.50")
    snap.error_codes = [VendorError("P:1")]
    assert [f.id for f in evaluate(snap, spec=S19JPRO, now=T0)] == ["miner_unreachable"]


def test_mining_stopped_suppresses_the_hashrate_faults() -> None:
    snap = s19(hashrate_ths=0.0, hashrate_avg_ths=0.0, power_w=300.0, fans_rpm=[0, 0, 0, 0])
    ids = set(faults_of(snap))
    assert "mining_stopped" in ids and "fan_failed" in ids  # the fan may be why it stopped
    assert not ids & {"hashrate_low", "power_out_of_range"}


def test_idle_is_info_not_an_alarm() -> None:
    snap = s19(
        idle=True,
        hashrate_ths=0.0,
        hashrate_avg_ths=0.0,
        power_w=20.0,
        fans_rpm=[0, 0, 0, 0],
        boards=_boards(b0={"chips": 0, "chip_status": ""}),
    )
    faults = evaluate(snap, spec=S19JPRO, now=T0)
    assert [(f.id, f.severity) for f in faults] == [("mining_stopped", Severity.INFO)]
    assert "by design" in faults[0].detail


def test_start_up_grace_hides_settling_values() -> None:
    snap = s19(
        uptime_s=240,
        hashrate_ths=40.0,
        hashrate_avg_ths=30.0,
        boards=_boards(b1={"chips": 80, "chip_status": acs(80)}, b0={"temp_chip_c": 91.0}),
    )
    assert faults_of(snap) == {}
    hot = s19(uptime_s=240, boards=_boards(b0={"temp_chip_c": 101.0}))
    assert "chip_overtemp" in faults_of(hot)  # protection level ignores the grace


def test_lifetime_reject_ratio_needs_enough_shares() -> None:
    assert "pool_reject_high" not in faults_of(s19(accepted=30, rejected=10))


def test_hydro_miners_need_no_fans_and_use_hydro_inlet_limits() -> None:
    snap = s19(
        model="S19 XP Hydro",
        fans_rpm=[0, 0],
        expected_fans=None,
        temp_inlet_c=38.0,
        nominal_hashrate_ths=255.0,
        hashrate_ths=256.0,
        hashrate_avg_ths=255.0,
        power_w=5300.0,
        boards=[board(i, chips=204, expected_chips=204, chip_status=None) for i in range(3)],
    )
    assert faults_of(snap, spec=HYDRO) == {}
    assert "inlet_overtemp" in faults_of(replace(snap, temp_inlet_c=41.0), spec=HYDRO)


def test_model_and_miner_overrides_change_the_verdict() -> None:
    snap = s19(boards=_boards(b0={"temp_chip_c": 86.0}))
    assert faults_of(snap) == {}
    th = Thresholds(per_miner={"10.10.1.37": {"chip_overtemp.warn_c": 85}})
    assert "chip 86 °C ≥ 85 °C" in faults_of(snap, thresholds=th)["chip_overtemp"]
    s21 = Spec(model="S21", chip_temp_warn_c=97, chip_temp_crit_c=105)
    hot = s19(model="S21", boards=_boards(b0={"temp_chip_c": 96.0}))
    assert "chip_overtemp" not in faults_of(hot, spec=s21)


def test_faults_are_sorted_worst_first() -> None:
    snap = s19(
        fans_rpm=[5880, 5910, 0, 5820],
        temp_inlet_c=41.0,
        pools=[
            Pool("a", status=PoolStatus.DEAD, priority=0, active=False),
            Pool("b", status=PoolStatus.ALIVE, priority=1, active=True, last_share_time=T0),
        ],
    )
    sev = [f.severity.rank for f in evaluate(snap, spec=S19JPRO, now=T0)]
    assert sev == sorted(sev, reverse=True) and len(sev) == 3


def test_translated_evidence() -> None:
    from rig_monitor.core.faults import load_catalogue

    th = Thresholds(catalogue=load_catalogue("ru"))
    faults = evaluate(s19(fans_rpm=[5880, 5910, 0, 5820]), thresholds=th, spec=S19JPRO, now=T0)
    assert [(f.title, f.detail) for f in faults] == [
        ("Вентилятор остановился", "вентилятор 3: 0 об/мин")
    ]
    _ = DAY


def test_evaluate_snapshots_fills_each_snapshot() -> None:
    from rig_monitor.core.faults import evaluate_snapshots

    snaps = [s19(), s19("10.10.1.38", fans_rpm=[5880, 0, 5760, 5820]), offline("10.10.1.39")]
    evaluate_snapshots(snaps)  # S19j Pro is in the model database
    assert [[f.id for f in s.faults] for s in snaps] == [[], ["fan_failed"], ["miner_unreachable"]]
