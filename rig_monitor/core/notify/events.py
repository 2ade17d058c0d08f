"""What a notification says: raised/cleared events, per miner or per incident.

:class:`Alerts` turns the fault stage's reports into events on the engine thread: the tracker's
lifecycle events for single miners, and incidents (many miners, one cause) as events that carry
their ``miners`` — a rack that loses power is one incident event, and the per-miner events it
explains are folded into it when a message is built (:func:`fold`).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rig_monitor.core.model import Severity

RAISED = "raised"
CLEARED = "cleared"
# tracker lifecycle -> what a notification says (acknowledge/snooze are the operator's own acts)
_KINDS = {"raised": RAISED, "escalated": RAISED, "cleared": CLEARED}


@dataclass(frozen=True, slots=True)
class AlertEvent:
    ip: str  # operator address ("10.0.0.5"; "127.1.0.5:24028" off the default port), "" for a site
    fault: str  # fault id, or incident id
    severity: Severity
    event: str  # "raised" | "cleared"
    title: str
    detail: str
    t: float
    miners: tuple[str, ...] = ()  # incidents: every miner involved
    model: str = ""
    site: str = ""
    incident_fault: str | None = None  # incidents: the per-miner fault they group
    scope: str | None = None

    @property
    def is_incident(self) -> bool:
        return bool(self.miners)

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "ip": self.ip,
            "fault": self.fault,
            "severity": str(self.severity),
            "event": self.event,
            "title": self.title,
            "detail": self.detail,
            "t": round(self.t, 3),
        }
        if self.miners:
            d["miners"] = list(self.miners)
            if self.scope:
                d["scope"] = self.scope
        if self.model:
            d["model"] = self.model
        if self.site:
            d["site"] = self.site
        return d


def _address(key: str) -> str:
    ip, _, port = key.rpartition(":")
    return ip if port == "4028" else key


@dataclass(slots=True)
class Alerts:
    """Engine-thread state: which incidents were open at the last report."""

    site: str = ""
    models: Mapping[str, str] = field(default_factory=dict)  # miner key -> model, kept by the owner
    _open: dict[str, Any] = field(default_factory=dict)

    def from_report(self, report: Any) -> list[AlertEvent]:
        """Events for one ``FaultReport`` (duck-typed: this module does not import the stage)."""
        out: list[AlertEvent] = []
        models: dict[str, str] = dict(getattr(report, "models", {}) or {})
        for ev in report.events:
            kind = _KINDS.get(str(ev.kind))
            if kind is None:
                continue
            out.append(
                AlertEvent(
                    ip=_address(ev.miner),
                    fault=ev.fault.id,
                    severity=ev.fault.severity,
                    event=kind,
                    title=ev.fault.title,
                    detail=ev.fault.detail,
                    t=ev.at,
                    model=models.get(ev.miner) or self.models.get(ev.miner, ""),
                    site=self.site,
                )
            )
        now = float(getattr(report, "now", time.time()))
        current = {f"{i.id}|{i.scope or ''}": i for i in report.incidents}
        for key, inc in current.items():
            if key not in self._open:
                out.append(self._incident(inc, RAISED, inc.since or now))
        for key, inc in self._open.items():
            if key not in current:
                out.append(self._incident(inc, CLEARED, now))
        self._open = current
        return out

    def _incident(self, inc: Any, kind: str, t: float) -> AlertEvent:
        return AlertEvent(
            ip="",
            fault=inc.id,
            severity=inc.severity,
            event=kind,
            title=inc.title,
            detail=inc.detail,
            t=t,
            miners=tuple(_address(m) for m in inc.miners),
            site=self.site,
            incident_fault=inc.fault_id,
            scope=inc.scope,
        )


def fold(events: Sequence[AlertEvent]) -> list[AlertEvent]:
    """One message's events: per-miner events an incident of the same batch explains (same
    fault, same direction, a member miner) are dropped — the incident carries the miners."""
    covered: set[tuple[str, str, str]] = set()
    for e in events:
        if e.is_incident and e.incident_fault:
            covered.update((m, e.incident_fault, e.event) for m in e.miners)
    return [e for e in events if e.is_incident or (e.ip, e.fault, e.event) not in covered]


def webhook_body(events: Iterable[AlertEvent]) -> dict[str, Any]:
    return {"events": [e.to_json() for e in events]}


def _when(t: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(t))


def subject(events: Sequence[AlertEvent]) -> str:
    raised = [e for e in events if e.event == RAISED]
    worst = max((e.severity for e in raised), key=lambda s: s.rank, default=None)
    site = next((e.site for e in events if e.site), "")
    where = f" at {site}" if site else ""
    if len(events) == 1:
        e = events[0]
        who = f"{len(e.miners)} miners" if e.miners else e.ip
        return f"[{e.severity.upper()}] {e.title} ({who}) {e.event}{where}"
    head = f"[{worst.upper()}] " if worst else ""
    cleared = len(events) - len(raised)
    return f"{head}{len(raised)} raised, {cleared} cleared{where}"


def text(events: Sequence[AlertEvent], *, max_lines: int = 40) -> str:
    """Plain text for email and chat: one line per event, incidents with their miners."""
    lines: list[str] = []
    for e in events[:max_lines]:
        who = e.ip
        if e.miners:
            shown = ", ".join(e.miners[:10]) + (" …" if len(e.miners) > 10 else "")
            who = f"{len(e.miners)} miners: {shown}"
        model = f" [{e.model}]" if e.model else ""
        lines.append(
            f"{e.event.upper()} {e.severity.upper()} {e.title} — {who}{model}: {e.detail} ({_when(e.t)})"
        )
    if len(events) > max_lines:
        lines.append(f"… and {len(events) - max_lines} more")
    return "\n".join(lines)
