"""Value sanity: a reading the rules may trust, or a note saying what was dropped and why.

Firmware sends negative frequencies, NaN temperatures, a chip sensor stuck at 255 °C, hashrates
of a few exahash. Passed on, such a value crashes a rule (a negative frequency divided the
frequency rule by zero for a whole sweep) or raises a false alarm ("chip 255 °C"). So before any
rule runs, every number of the snapshot is checked against what a miner can physically report;
an impossible one is set to unknown (``None``, never 0) and a note on the reading says so. An
impossible *temperature* is also evidence of a broken sensor, so it comes back as an
:class:`Issue` the temperature rule turns into ``temp_sensor_fault``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from rig_monitor.core.model import MinerSnapshot

# What a miner can physically report; beyond these a reading is broken, not extreme.
MAX_THS = 1_000_000.0  # one exahash from a single box
MAX_POWER_W = 100_000.0
MAX_RPM = 50_000
MAX_MHZ = 10_000.0
MAX_VOLTAGE_V = 1_000.0
MAX_CHIPS = 10_000
MIN_TEMP_C = -40.0
MAX_TEMP_C = 150.0  # faults.md §1 temp_sensor_fault: > 150 °C is a sensor fault


@dataclass(frozen=True, slots=True)
class Issue:
    """One dropped value: what it was, where, and whether it points at a temperature sensor."""

    field: str  # "temp_chip_c", "frequency_mhz", …
    value: float
    board: int | None = None  # 0-based
    sensor: str | None = None  # "chip" / "board" / "inlet" / "outlet" for temperatures


# (attribute, lowest, highest, sensor), in the order the notes list them; temperatures take the
# caller's range
_Check = tuple[str, float, float, str | None]
_SNAP_BEFORE: tuple[_Check, ...] = (
    ("hashrate_ths", 0.0, MAX_THS, None),
    ("hashrate_avg_ths", 0.0, MAX_THS, None),
    ("hashrate_5s_ths", 0.0, MAX_THS, None),  # the freshest sample; the hashrate rules read it
    ("nominal_hashrate_ths", 0.0, MAX_THS, None),
    ("power_w", 0.0, MAX_POWER_W, None),
    ("power_limit_w", 0.0, MAX_POWER_W, None),
)
_SNAP_TEMPS = (
    ("temp_chip_max_c", "chip"),
    ("temp_board_max_c", "board"),
    ("temp_inlet_c", "inlet"),
    ("temp_outlet_c", "outlet"),
)
_SNAP_AFTER: tuple[_Check, ...] = tuple(
    (name, 0, 1e15, None)
    for name in (
        "uptime_s",
        "hw_errors",
        "accepted",
        "rejected",
        "stale",
        "expected_fans",
        "expected_boards",
    )
)
_BOARD_BEFORE: tuple[_Check, ...] = (
    ("hashrate_ths", 0.0, MAX_THS, None),
    ("nominal_hashrate_ths", 0.0, MAX_THS, None),
)
_BOARD_TEMPS = (
    ("temp_chip_c", "chip"),
    ("temp_board_c", "board"),
    ("temp_inlet_c", "inlet"),
    ("temp_outlet_c", "outlet"),
)
_BOARD_AFTER: tuple[_Check, ...] = (
    ("frequency_mhz", 0.0, MAX_MHZ, None),
    ("voltage_v", 0.0, MAX_VOLTAGE_V, None),
    ("chips", 0, MAX_CHIPS, None),
    ("expected_chips", 0, MAX_CHIPS, None),
    ("hw_errors", 0, 1e15, None),
)


def _checks(min_temp_c: float, max_temp_c: float) -> tuple[tuple[_Check, ...], tuple[_Check, ...]]:
    """The snapshot's and each board's checks, in note order, for one temperature range."""
    temps = (min_temp_c, max_temp_c)
    return (
        (*_SNAP_BEFORE, *((n, *temps, k) for n, k in _SNAP_TEMPS), *_SNAP_AFTER),
        (*_BOARD_BEFORE, *((n, *temps, k) for n, k in _BOARD_TEMPS), *_BOARD_AFTER),
    )


# built once: ``clean`` runs for every miner and poll
_DEFAULT_CHECKS = _checks(MIN_TEMP_C, MAX_TEMP_C)


def _bad(value: float | None, lo: float, hi: float) -> bool:
    return value is not None and (not math.isfinite(value) or not lo <= value <= hi)


def _shown(value: float) -> str:
    if not math.isfinite(value):
        return str(value)
    return str(round(value)) if abs(value - round(value)) < 0.05 else f"{value:.1f}"


def clean(
    snap: MinerSnapshot, *, min_temp_c: float = MIN_TEMP_C, max_temp_c: float = MAX_TEMP_C
) -> list[Issue]:
    """Drop impossible values from ``snap`` in place; one note per dropped value.

    Returns the dropped values. Calling it again on the same snapshot finds nothing more.
    """
    issues: list[Issue] = []

    def check(
        obj: object,
        name: str,
        lo: float,
        hi: float,
        board: int | None = None,
        sensor: str | None = None,
    ) -> None:
        value = getattr(obj, name)
        if value is None or ((type(value) is float or type(value) is int) and lo <= value <= hi):
            return  # the usual case, first: a plain number in range (NaN fails the comparison)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return
        if _bad(float(value), lo, hi):
            setattr(obj, name, None)
            issues.append(Issue(name, float(value), board, sensor))

    if min_temp_c == MIN_TEMP_C and max_temp_c == MAX_TEMP_C:
        snap_checks, board_checks = _DEFAULT_CHECKS  # every caller but a test's
    else:
        snap_checks, board_checks = _checks(min_temp_c, max_temp_c)
    for name, lo, hi, sensor in snap_checks:
        value = getattr(snap, name)
        if value is None or ((type(value) is float or type(value) is int) and lo <= value <= hi):
            continue  # the usual case, inline: ~50 values per miner and poll
        check(snap, name, lo, hi, None, sensor)
    for b in snap.boards:
        for name, lo, hi, sensor in board_checks:
            value = getattr(b, name)
            if value is None or (
                (type(value) is float or type(value) is int) and lo <= value <= hi
            ):
                continue
            check(b, name, lo, hi, b.index, sensor)
    for p in snap.pools:
        for name in ("accepted", "rejected", "stale"):
            value = getattr(p, name)
            if value is None or (
                (type(value) is int or type(value) is float) and 0 <= value <= 1e15
            ):
                continue
            check(p, name, 0, 1e15)
    fans = snap.fans_rpm
    if fans and all((type(r) is int or type(r) is float) and 0 <= r <= MAX_RPM for r in fans):
        pass  # the usual case: every fan a plain number in range (NaN fails the comparison)
    elif any(not isinstance(r, int | float) or _bad(float(r), 0, MAX_RPM) for r in fans):
        bad = next(
            float(r) for r in fans if not isinstance(r, int | float) or _bad(float(r), 0, MAX_RPM)
        )
        snap.fans_rpm = []
        issues.append(Issue("fans_rpm", bad))
    # a snapshot-wide maximum that was dropped comes back from the boards' remaining readings
    for name, attr in (("temp_chip_max_c", "temp_chip_c"), ("temp_board_max_c", "temp_board_c")):
        if getattr(snap, name) is None and any(i.field == name for i in issues):
            left = [getattr(b, attr) for b in snap.boards if getattr(b, attr) is not None]
            setattr(snap, name, max(left) if left else None)
    for i in issues:
        where = f"board {i.board + 1} " if i.board is not None else ""
        snap.notes.append(f"implausible {where}{i.field} {_shown(i.value)} dropped")
    return issues
