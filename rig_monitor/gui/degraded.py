"""Why a row says "Degraded" before any fault is raised, and when a fault would be.

The fault rules wait (hashrate_low: 15 min below 90 %; fan_failed, chips_missing: a few polls) so
one bad reading does not page anyone. Meanwhile the table shows "Degraded"; this module says why
and for how long: "hashrate 60 % for 4 min; a fault is raised after 15 min", in the window's
language (Qt's translator only; no widgets).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from rig_monitor.gui import fmt
from rig_monitor.gui.fleet import FleetRow
from rig_monitor.gui.i18n import t, tn

ParamsFn = Callable[[str], Mapping[str, Any]]


def _minutes(seconds: float) -> str:
    minutes = max(0, round(seconds / 60.0))
    if minutes < 60:
        return t("{minutes} min").format(minutes=minutes)
    return t("{hours} h {minutes} min").format(hours=minutes // 60, minutes=minutes % 60)


def _polls(n: Any) -> str:
    return tn("%n polls", n) if isinstance(n, int) else f"{n}"


def _then(what: str, after: str) -> str:
    return t("{what}; a fault is raised after {after}").format(what=what, after=after)


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
            what = t("hashrate {share} for {time}").format(
                share=fmt.percent(ratio), time=_minutes(lasting)
            )
            raise_s = p("hashrate_low").get("raise_s")
            if isinstance(raise_s, int | float):
                return _then(what, _minutes(float(raise_s)))
            return what
        stopped = [i for i, r in enumerate(snap.fans_rpm, 1) if r == 0]
        if stopped:
            fans = ", ".join(str(i) for i in stopped)
            what = t("fan {fans} at 0 rpm for {time}").format(fans=fans, time=_minutes(lasting))
            polls = p("fan_failed").get("raise_polls")
            return _then(what, _polls(polls)) if polls else what
        for b in snap.boards:
            if b.chips is not None and b.expected_chips and b.chips < b.expected_chips:
                what = t("chain {chain}: {chips}/{expected} chips").format(
                    chain=b.index + 1, chips=b.chips, expected=b.expected_chips
                )
                polls = p("chips_missing").get("raise_polls")
                return _then(what, _polls(polls)) if polls else what
        return t("degraded")
