"""Text formatting for the GUI: one place decides how numbers look. Unknown is always "—"."""

from __future__ import annotations

import time

from PySide6.QtCore import QDateTime

from rig_monitor.core.faults.thresholds import TempLimits
from rig_monitor.core.faults.thresholds import temp_limits as _temp_limits
from rig_monitor.core.fmt import DASH, fans, make_model, number, percent, pool_host, uptime
from rig_monitor.gui.i18n import locale, t

__all__ = [
    "DASH",
    "TempLimits",
    "duration",
    "fans",
    "make_model",
    "number",
    "percent",
    "pool_host",
]  # re-exported for the GUI

LOW_HASHRATE_RATIO = 0.90


def local_time(ts: float, pattern: str) -> str:
    """``ts`` as local time in Qt's ``pattern`` ("ddd HH:mm"), day and month names in the
    window's language ("Thu", "周四", "чт")."""
    return locale().toString(QDateTime.fromMSecsSinceEpoch(round(ts * 1000)), pattern)


def duration(seconds: int | None) -> str:
    """ "2 d 3 h", "3 h 5 min", "5 min" in the window's language."""
    return uptime(seconds, t)


def preload() -> None:
    """Read the model database and the catalogue's limits now (call on a worker thread): the
    table's colours need them, and their first read is disk I/O and JSON (~30 ms), which the
    first repaint would otherwise do on the GUI thread."""
    _temp_limits(None, None)


def temp_limits(make: str | None, model: str | None) -> TempLimits:
    """Table colours use the model's own limits, the very numbers the fault rules use
    (resources/models.json with its sources, else the catalogue's protection-level defaults)."""
    return _temp_limits(make, model)


def hashrate(ths: float | None) -> str:
    """TH/s with a sensible unit: "98.2 TH/s", "1.24 PH/s", "0.50 TH/s", "480 GH/s"."""
    if ths is None:
        return DASH
    if ths >= 1000.0:
        return f"{ths / 1000.0:,.2f} PH/s"
    if 0 < ths < 1.0:
        return f"{ths * 1000.0:,.0f} GH/s"
    return f"{ths:,.1f} TH/s"


def temp(c: float | None) -> str:
    return DASH if c is None else f"{c:.0f} °C"


def power(w: float | None) -> str:
    """One miner's draw: "3,250 W"."""
    return DASH if w is None else f"{w:,.0f} W"


def clock(ts: float | None) -> str:
    return DASH if ts is None else time.strftime("%H:%M:%S", time.localtime(ts))


def address(ip: str, port: int) -> str:
    return ip if port == 4028 else f"{ip}:{port}"


def fleet_power(w: float) -> str:
    """Fleet totals: "612.4 kW", "1.02 MW"."""
    if w >= 1_000_000.0:
        return f"{w / 1_000_000.0:,.2f} MW"
    return f"{w / 1000.0:,.1f} kW"
