"""Injectable faults and the fault id (faults.md §1) the client's rules should raise for each.

A fault is either *data* (the miner answers, with values that show the problem) or *wire* (the TCP
exchange itself misbehaves). ``None`` means the rules must stay quiet: the sim shows a situation that
looks alarming but is not a fault.
"""

from __future__ import annotations

FAULTS: dict[str, str | None] = {
    # One chain not detected: chain_acn 0, chain_acs "", chain_rate 0.
    "dead_board": "board_missing",
    # One chain finds fewer chips than the model has; its chain_acs also shows a couple of 'x'.
    "missing_chips": "chips_missing",
    # A few chips marked 'x' in chain_acs while the chip count stays at nominal.
    "chip_x": "chip_status_bad",
    # One fan reads 0 rpm while the others spin.
    "fan_stopped": "fan_failed",
    # One board runs hot: chip sensors ~100 °C, PCB ~85 °C.
    "overheat": "chip_overtemp",
    # Every chain hashes at ~60 % of nominal (5 s and averages alike).
    "low_hashrate": "hashrate_low",
    # Every pool reports Status "Dead", none is Stratum Active.
    "pools_dead": "pools_all_dead",
    # ~8 % of new shares are rejected.
    "rejects": "pool_reject_high",
    # The mining process restarts every ~20 s of sim time: Elapsed and counters drop to 0.
    "reboot": "unexpected_reboot",
    # Hardware Errors grow at ~3 % of Diff1 Work (normal is ~0.002 %).
    "hw_errors": "hw_error_rate_high",
    # The listener is closed: connecting is refused.
    "offline": "miner_unreachable",
    # The reply is non-JSON bytes (still NUL-terminated).
    "garbage": None,
    # The reply is cut in the middle of the JSON, with no NUL.
    "truncated": None,
    # The miner accepts and reads the request but never answers; the socket stays open.
    "hung": "miner_unreachable",
    # The full, valid reply dribbles out over ~2 s.
    "slow": None,
    # A valid reply padded to several megabytes.
    "huge": None,
    # A hostile or broken firmware: ~2 MB of JSON full of trailing commas that never closes,
    # NUL-terminated (fits the client's size cap). Must cost its own poll, not the sweep's.
    "malformed": None,
    # Antminer sleep mode: boards powered down, 0 hashrate, by design. Expect no mining_stopped.
    "idle": None,
    # The web service's password differs from the vendor default: a client reading the web must say
    # "auth failed" (an unreachable miner), not "offline". None here because a client that only
    # reads 4028 (targets without the sim's web port) sees nothing wrong. Only on "http" personas.
    "bad_password": None,
    # Slow failures (issue 9): each starts when injected and worsens with time, so the early
    # warning must come before the fault it leads to.
    # The hottest sensors climb 0.3 °C a minute (a clogging filter, a slowing fan).
    "heat_creep": "temp_rising",
    # One fan reads 0 rpm about one poll in three and recovers (a worn bearing, a loose plug).
    "fan_flaky": "fan_intermittent",
    # One board loses a chip every 5 minutes (a failing chip dragging the chain).
    "chips_fading": "chips_dropping",
    # Every board's hashrate slides 0.4 % a minute, down to half.
    "hash_fade": "hashrate_degrading",
    # The miner drops off the network for 15 s of every 45 s (a bad cable or switch port).
    "flapping": "miner_flapping",
    # One board's chip sensors read 255 °C (a dead sensor, not a hot chip).
    "sensor_255": "temp_sensor_fault",
    # The reject rate climbs 0.2 % a minute from the miner's own, up to 10 %.
    "reject_creep": "pool_reject_rising",
}

# The slow failures above, and the early-warning fault each must raise.
SLOW_FAULTS: dict[str, str] = {
    "heat_creep": "temp_rising",
    "fan_flaky": "fan_intermittent",
    "chips_fading": "chips_dropping",
    "hash_fade": "hashrate_degrading",
    "flapping": "miner_flapping",
    "sensor_255": "temp_sensor_fault",
    "reject_creep": "pool_reject_rising",
}

# Faults that only make sense on a persona serving the given service.
SERVICE_FAULTS: dict[str, str] = {"bad_password": "http"}

WIRE_FAULTS: frozenset[str] = frozenset(
    {
        "offline",
        "garbage",
        "truncated",
        "hung",
        "slow",
        "huge",
        "malformed",
        "bad_password",
        "flapping",
    }
)
DATA_FAULTS: frozenset[str] = frozenset(FAULTS) - WIRE_FAULTS

# Relative odds when faults_pct picks faults at random: mostly hardware/pool faults, fewer of the wire
# faults that slow a sweep down (hung, slow, huge).
DEFAULT_FAULT_WEIGHTS: dict[str, float] = {
    "dead_board": 2.0,
    "missing_chips": 2.0,
    "chip_x": 2.0,
    "fan_stopped": 2.0,
    "overheat": 2.0,
    "low_hashrate": 2.0,
    "pools_dead": 1.5,
    "rejects": 1.5,
    "reboot": 1.0,
    "hw_errors": 1.5,
    "offline": 2.0,
    "garbage": 0.5,
    "truncated": 0.5,
    "hung": 0.5,
    "slow": 0.5,
    "huge": 0.25,
    "idle": 1.0,
}


def check_fault(name: str) -> str:
    if name not in FAULTS:
        raise ValueError(f"unknown fault {name!r}; known: {', '.join(sorted(FAULTS))}")
    return name
