"""Read numbers out of firmware replies that type them loosely.

Real replies give numbers as numbers, as strings ("37603.30", "3250 W", "'20210322.22.REL'"), as
empty strings for absent slots, and as sentinels (0, -1, 255, -40) for missing sensors.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

_NUM = re.compile(r"[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")

_SENSOR_SEP = re.compile(r"[-\s,]+")

# Multipliers to TH/s from the unit prefix of a hashrate key or rate_unit.
TO_THS = {"H": 1e-12, "K": 1e-9, "M": 1e-6, "G": 1e-3, "T": 1.0, "P": 1e3}


def num(value: Any) -> float | None:
    """A float from anything number-like; None for missing, empty, NaN or non-numeric."""
    # ~80 calls per poll: the common shapes (a float, an int, a plain decimal string such as
    # "62" or "-40" or "37603.30") skip the regular expression; they read exactly as it would
    # ("12." is 12 either way; ".5", "1e5", " 62" and the like take the general path).
    kind = type(value)
    if kind is float:
        return value if math.isfinite(value) else None
    if kind is int:
        f = float(value)
        return f if math.isfinite(f) else None
    if kind is str:
        body = value[1:] if value[:1] in _SIGNS else value
        if body[:1] in _DIGITS and body.isascii() and body.replace(".", "", 1).isdigit():
            f = float(value)
            return f if math.isfinite(f) else None
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        f = float(value)
    else:
        m = _NUM.search(str(value))
        if not m:
            return None
        f = float(m.group())
    return None if math.isnan(f) or math.isinf(f) else f


_SIGNS = ("-", "+")
_DIGITS = frozenset("0123456789")


# Ints up to 2**53 survive the float round trip unchanged, so they skip it (orjson gives most
# counters as ints); bigger ones keep it, rounding as before.
_EXACT_INT = 2**53


def integer(value: Any) -> int | None:
    if type(value) is int and -_EXACT_INT <= value <= _EXACT_INT:
        return value
    f = num(value)
    return None if f is None else int(f)


def temp(value: Any) -> float | None:
    """A temperature in °C, or None for the sentinels firmware uses for "no sensor".

    Readings of 150 °C and more (a sensor stuck at 255) are kept: they are evidence of a broken
    sensor, which the fault stage's sanity check (core/faults/sanity.py) reports and then drops.
    """
    t = num(value)
    if t is None or t <= 0 or t == 127:
        return None
    return t


def temps(value: Any) -> list[float]:
    """All real temperatures in a dash/space-joined sensor string or a list ("62-60-0-74")."""
    if value is None:
        return []  # an absent key (most of the slots asked for)
    if isinstance(value, list | tuple):
        items: Iterable[Any] = value
    elif isinstance(value, str):
        text = value.strip()
        if text.isascii() and text.replace("-", "").isdigit():
            # bmminer's "55-53-70-69" (six per Antminer poll): plain digit runs between dashes
            # read as the regex split and num() read them, without either ("" between two
            # dashes and a leading "-" are dropped as num("") is None; past float range is None)
            return [f for d in text.split("-") if d and 0 < (f := float(d)) < math.inf and f != 127]
        items = _SENSOR_SEP.split(text)
    else:
        items = [value]
    out = []
    for item in items:
        t = num(item)  # temp(), inlined: a few dozen per poll
        if t is not None and t > 0 and t != 127:
            out.append(t)
    return out


def max_or_none(values: Iterable[float | None]) -> float | None:
    real = [v for v in values if v is not None]
    return max(real) if real else None


def hashrate_ths(value: Any, unit: str) -> float | None:
    """Convert ``value`` given in ``unit`` ("GH", "MH", "TH/s", "G"…) to TH/s."""
    f = num(value)
    if f is None:
        return None
    factor = _UNIT_FACTOR.get(unit)
    if factor is None:
        factor = TO_THS.get(unit.strip().upper()[:1] or "G", 1e-3)
        if len(_UNIT_FACTOR) < 64:  # units come from firmware: keep the cache small
            _UNIT_FACTOR[unit] = factor
    return f * factor


_UNIT_FACTOR: dict[str, float] = {}


def rate_from(d: Mapping[str, Any], windows: Iterable[str]) -> float | None:
    """The first hashrate found under "<X>HS <window>" keys, in TH/s (GHS 5s, MHS 1m, THS av…)."""
    for window in windows:
        keys = _RATE_KEYS.get(window)
        if keys is None:
            keys = tuple((f"{prefix}HS {window}", prefix) for prefix in ("T", "G", "M", "K"))
            if len(_RATE_KEYS) < 64:  # windows come from drivers, but stay bounded anyway
                _RATE_KEYS[window] = keys
        for key, prefix in keys:
            if key in d:
                value = hashrate_ths(d[key], prefix)
                if value is not None:
                    return value
    return None


# "5s" -> (("THS 5s", "T"), ("GHS 5s", "G"), …): formatted once, not four times a call (a few
# calls per poll).
_RATE_KEYS: dict[str, tuple[tuple[str, str], ...]] = {}


# The shortest window the firmware averages over (15 min): a miner up for less than that has windowed
# averages that still count the minutes before it started (a 15 min figure of 1.2 TH/s three minutes
# after boot), so the average since start is the honest one then.
WINDOWED_AFTER_S = 900


def average_rate(d: Mapping[str, Any], windows: Iterable[str]) -> float | None:
    """The firmware's own average hashrate in TH/s: the first windowed figure in ``windows``
    (15m, 5m, …) once the miner has run longer than the window, else the average since start
    ("av"), which over a long run lags a drop by days."""
    order = list(windows)
    elapsed = num(d.get("Elapsed"))
    if elapsed is not None and elapsed < WINDOWED_AFTER_S and "av" in order:
        order.remove("av")
        order.insert(0, "av")
    return rate_from(d, order)


def first_key(d: Mapping[str, Any], *keys: str) -> Any:
    for k in keys:
        if k in d and d[k] not in (None, ""):
            return d[k]
    return None
