"""What a chart needs, built on a worker thread: numpy arrays from history queries.

The GUI thread only hands these to pyqtgraph (``setData``); the SQL and the array building happen
in :class:`~rig_monitor.gui.history_link.HistoryLink`'s pool.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from rig_monitor.core.history import EventRow, HistoryReader
from rig_monitor.core.history.reader import pick_tier

Array = npt.NDArray[np.float64]

RANGES: list[tuple[str, float]] = [
    ("1 hour", 3600.0),
    ("6 hours", 6 * 3600.0),
    ("24 hours", 86400.0),
    ("7 days", 7 * 86400.0),
    ("30 days", 30 * 86400.0),
    ("90 days", 90 * 86400.0),
]


def _arr(values: list[float | None]) -> Array:
    return np.array([np.nan if v is None else v for v in values], dtype=np.float64)


@dataclass(slots=True)
class MinerChart:
    key: str
    since: float
    until: float
    found: bool = False
    tier: str = "raw"
    serial: str | None = None
    model: str = ""
    t: Array = field(default_factory=lambda: np.zeros(0))
    online: Array = field(default_factory=lambda: np.zeros(0))
    hashrate: Array = field(default_factory=lambda: np.zeros(0))
    nominal: Array = field(default_factory=lambda: np.zeros(0))
    chip: Array = field(default_factory=lambda: np.zeros(0))
    board: Array = field(default_factory=lambda: np.zeros(0))
    power: Array = field(default_factory=lambda: np.zeros(0))
    fans: list[Array] = field(default_factory=list)
    boards: dict[int, Array] = field(default_factory=dict)
    events: list[EventRow] = field(default_factory=list)


def load_miner(
    key: str, span_s: float, until: float | None = None
) -> Callable[[HistoryReader], MinerChart]:
    """A query function (for HistoryLink.query) that builds one miner's chart data."""

    def run(reader: HistoryReader) -> MinerChart:
        end = time.time() if until is None else until
        since = end - span_s
        chart = MinerChart(key, since, end)
        found = reader.miners([key])
        if not found:
            return chart
        m = found[0]
        chart.found, chart.serial = True, m.serial
        chart.model = " ".join(x for x in (m.make, m.model) if x)
        chart.tier = pick_tier(since, time.time(), reader.retention)
        pts = reader.samples(m.id, since, end, tier=chart.tier)
        chart.t = np.array([p.t for p in pts], dtype=np.float64)
        chart.online = np.array([p.online for p in pts], dtype=np.float64)
        chart.hashrate = _arr([p.hashrate_ths for p in pts])
        chart.nominal = _arr([p.nominal_ths for p in pts])
        chart.chip = _arr([p.temp_chip_max_c for p in pts])
        chart.board = _arr([p.temp_board_max_c for p in pts])
        chart.power = _arr([p.power_w for p in pts])
        width = max((len(p.fans_rpm) for p in pts), default=0)
        chart.fans = [
            _arr([float(p.fans_rpm[i]) if len(p.fans_rpm) > i else None for p in pts])
            for i in range(width)
        ]
        indices = sorted({b[0] for p in pts for b in p.boards})
        for i in indices:
            per = []
            for p in pts:
                v = next((b[1] for b in p.boards if b[0] == i), None)
                per.append(v)
            chart.boards[i] = _arr(per)
        chart.events = reader.events([m.id], since, end)
        return chart

    return run


@dataclass(slots=True)
class FleetChart:
    since: float
    until: float
    tier: str = "raw"
    t: Array = field(default_factory=lambda: np.zeros(0))
    miners: Array = field(default_factory=lambda: np.zeros(0))
    online: Array = field(default_factory=lambda: np.zeros(0))
    hashrate: Array = field(default_factory=lambda: np.zeros(0))
    nominal: Array = field(default_factory=lambda: np.zeros(0))
    power: Array = field(default_factory=lambda: np.zeros(0))
    faults: Array = field(default_factory=lambda: np.zeros(0))
    events: list[EventRow] = field(
        default_factory=list
    )  # notes and actions (fault events: per miner)


def load_fleet(span_s: float, until: float | None = None) -> Callable[[HistoryReader], FleetChart]:
    def run(reader: HistoryReader) -> FleetChart:
        end = time.time() if until is None else until
        since = end - span_s
        chart = FleetChart(since, end, pick_tier(since, time.time(), reader.retention))
        pts = reader.fleet(since, end, tier=chart.tier)
        chart.t = np.array([p.t for p in pts], dtype=np.float64)
        chart.miners = np.array([p.miners for p in pts], dtype=np.float64)
        chart.online = np.array([p.online for p in pts], dtype=np.float64)
        chart.hashrate = np.array([p.hashrate_ths for p in pts], dtype=np.float64)
        chart.nominal = np.array([p.nominal_ths for p in pts], dtype=np.float64)
        chart.power = np.array([p.power_w for p in pts], dtype=np.float64)
        chart.faults = np.array([p.faults for p in pts], dtype=np.float64)
        chart.events = reader.events(None, since, end, kinds=["note", "action"])
        return chart

    return run
