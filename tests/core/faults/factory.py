"""Hand-built, realistic snapshots: a healthy Antminer S19j Pro (3 × 126 chips, 4 fans, 104 TH/s)
and a Whatsminer M50S, plus a stand-in for rig_monitor.core.modeldb.ModelSpec."""

from __future__ import annotations

from dataclasses import dataclass

from rig_monitor.core.model import Board, MinerSnapshot, Pool, PoolStatus

SECTION1_IDS = [  # the fault ids of shared/reference/faults.md §1
    "miner_unreachable", "mining_stopped", "hashrate_low", "hashrate_high", "board_missing",
    "chips_missing", "chip_status_bad", "hw_error_rate_high", "crc_errors", "fan_failed",
    "fan_speed_abnormal", "chip_overtemp", "board_overtemp", "temp_sensor_fault", "inlet_overtemp",
    "inlet_undertemp", "power_out_of_range", "psu_fault", "board_voltage_fault", "eeprom_fault",
    "pic_fault", "freq_throttled", "pools_all_dead", "pool_failover", "pool_reject_high",
    "pool_latency", "unexpected_reboot", "vendor_error_code", "firmware_mismatch",
    "hydro_flow_fault",
]  # fmt: skip
T0 = 1_780_000_000.0  # a fixed "now" so tests never depend on the clock
DAY = 86_400


@dataclass(frozen=True)
class Spec:
    make: str = "Antminer"
    model: str = "S19j Pro"
    boards: int | None = 3
    chips_per_board: int | None = 126
    fans: int | None = 4
    nominal_ths: float | None = 104.0
    nominal_w: float | None = 3068.0
    chip_temp_warn_c: float | None = None
    chip_temp_crit_c: float | None = None
    board_temp_warn_c: float | None = None
    board_temp_crit_c: float | None = None
    cooling: str = "air"


S19JPRO = Spec()
M50S = Spec(
    make="Whatsminer",
    model="M50S VH30",
    chips_per_board=156,
    fans=2,
    nominal_ths=126.0,
    nominal_w=3276.0,
)
HYDRO = Spec(
    model="S19 XP Hydro",
    chips_per_board=204,
    fans=0,
    nominal_ths=255.0,
    nominal_w=5304.0,
    board_temp_warn_c=75,
    board_temp_crit_c=80,
    cooling="hydro",
)


def acs(ok: int, x: int = 0, dash: int = 0) -> str:
    """An Antminer chain_acs string in groups of 8, as the firmware prints it."""
    chars = "o" * ok + "x" * x + "-" * dash
    return " ".join(chars[i : i + 8] for i in range(0, len(chars), 8))


def board(index: int, **kw: object) -> Board:
    values: dict[str, object] = dict(
        index=index,
        hashrate_ths=34.7,
        nominal_hashrate_ths=34.67,
        chips=126,
        expected_chips=126,
        temp_board_c=62.0,
        temp_chip_c=77.0,
        temp_inlet_c=None,
        chip_status=acs(126),
        hw_errors=120,
        frequency_mhz=545.0,
        voltage_v=13.6,
    )
    values.update(kw)
    return Board(**values)  # type: ignore[arg-type]


def s19(ip: str = "10.10.1.37", **kw: object) -> MinerSnapshot:
    """A healthy S19j Pro 3 days into its uptime."""
    values: dict[str, object] = dict(
        ip=ip,
        online=True,
        timestamp=T0,
        make="Antminer",
        model="S19j Pro",
        family="antminer",
        firmware="bmminer",
        hashrate_ths=104.1,
        hashrate_avg_ths=103.8,
        nominal_hashrate_ths=104.0,
        power_w=3050.0,
        temp_chip_max_c=77.0,
        temp_board_max_c=62.0,
        temp_inlet_c=24.0,
        fans_rpm=[5880, 5910, 5760, 5820],
        expected_fans=4,
        boards=[board(0), board(1), board(2)],
        expected_boards=3,
        pools=[
            Pool(
                url="stratum+tcp://btc.pool.example:3333",
                user="site.w37",
                status=PoolStatus.ALIVE,
                active=True,
                priority=0,
                accepted=48_210,
                rejected=61,
                last_share_time=T0 - 12,
                last_share_age_s=12.0,
            ),
            Pool(
                url="stratum+tcp://backup.pool.example:443",
                user="site.w37",
                status=PoolStatus.ALIVE,
                active=False,
                priority=1,
                accepted=0,
                rejected=0,
            ),
        ],
        uptime_s=3 * DAY,
        hw_errors=360,
        accepted=48_210,
        rejected=61,
        stale=3,
        idle=False,
    )
    values.update(kw)
    return MinerSnapshot(**values)  # type: ignore[arg-type]


def m50s(ip: str = "10.10.2.15", **kw: object) -> MinerSnapshot:
    values: dict[str, object] = dict(
        make="Whatsminer",
        model="M50S VH30",
        family="whatsminer",
        firmware="btminer",
        hashrate_ths=126.4,
        hashrate_avg_ths=126.0,
        nominal_hashrate_ths=126.0,
        power_w=3290.0,
        fans_rpm=[4920, 5010],
        expected_fans=2,
        boards=[
            board(i, chips=156, expected_chips=156, chip_status=None, hashrate_ths=42.1)
            for i in range(3)
        ],
    )
    values.update(kw)
    return s19(ip, **values)


def offline(ip: str, t: float = T0) -> MinerSnapshot:
    from rig_monitor.core.model import ErrorKind

    return MinerSnapshot(
        ip=ip,
        online=False,
        error="timed out after 3.0 s",
        error_kind=ErrorKind.TIMEOUT,
        timestamp=t,
    )
