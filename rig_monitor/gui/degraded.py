"""Why a row says "Degraded" before any fault is raised, and when a fault would be.

The fault rules wait (hashrate_low: 15 min below 90 %; fan_failed, chips_missing: a few polls) so
one bad reading does not page anyone. Meanwhile the table shows "Degraded"; this module says why
and for how long: "hashrate 60 % for 4 min; a fault is raised after 15 min". Qt-free.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from rig_monitor.gui import fmt
from rig_monitor.gui.fleet import FleetRow

ParamsFn = Callable[[str], Mapping[str, Any]]


def _minutes(seconds: float) -> str:
    minutes = max(0, round(seconds / 60.0))
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60} min"


def _polls(n: Any) -> str:
    return f"{n} poll" if n == 1 else f"{n} polls"


class DegradedClock:
    """Remembers since when each row has been degraded (by the snapshots' own timestamps)."""

    def __init__(self) -> None:
        self.since: dict[str, float] = {}

    def update(self, rows: Iterable[FleetRow]) -> None:
        for row in rows:
            if row.degraded and row.snap is not None:
                self.since.setdefault(row.key, row.snap.timestamp)
            else:
                self.since.pop(row.key, None)

    def forget(self, keys: Iterable[str]) -> None:
        for k in keys:
            self.since.pop(k, None)

    def explain(self, row: FleetRow, params: ParamsFn | None) -> str:
        """One line: what is wrong, for how long, and when (or whether) a fault is raised."""
        snap = row.snap
        if snap is None or not row.degraded:
            return ""
        start = self.since.get(row.key, snap.timestamp)
        lasting = max(0.0, snap.timestamp - start)

        def p(fault_id: str) -> Mapping[str, Any]:
            try:
                return params(fault_id) if params is not None else {}
            except KeyError:
                return {}

        ratio = snap.hashrate_ratio
        if ratio is not None and ratio < fmt.LOW_HASHRATE_RATIO:
            what = f"hashrate {fmt.percent(ratio)} for {_minutes(lasting)}"
            raise_s = p("hashrate_low").get("raise_s")
            if isinstance(raise_s, int | float):
                return f"{what}; a fault is raised after {_minutes(float(raise_s))}"
            return what
        stopped = [i for i, r in enumerate(snap.fans_rpm, 1) if r == 0]
        if stopped:
            fans = ", ".join(str(i) for i in stopped)
            what = f"fan {fans} at 0 rpm for {_minutes(lasting)}"
            polls = p("fan_failed").get("raise_polls")
            return f"{what}; a fault is raised after {_polls(polls)}" if polls else what
        for b in snap.boards:
            if b.chips is not None and b.expected_chips and b.chips < b.expected_chips:
                what = f"chain {b.index + 1}: {b.chips}/{b.expected_chips} chips"
                polls = p("chips_missing").get("raise_polls")
                return f"{what}; a fault is raised after {_polls(polls)}" if polls else what
        return "degraded"
