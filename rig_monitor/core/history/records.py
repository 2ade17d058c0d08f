"""What the store records, as plain picklable values (they cross threads and processes)."""

from __future__ import annotations

from dataclasses import dataclass

from rig_monitor.core.model import Severity


@dataclass(frozen=True, slots=True)
class KeptFault:
    """One open fault as the tracker had it (picklable: it travels to the engine process)."""

    miner: str  # "ip:port", the tracker's key
    fault: str
    board: int | None
    severity: Severity
    title: str
    detail: str
    first_seen: float
    raised_at: float
    acknowledged_at: float | None = None
    snoozed_until: float | None = None


@dataclass(frozen=True, slots=True)
class EventIn:
    """One event to record: a fault lifecycle step, a note or an action."""

    t: float
    miner_key: str  # "ip:port"
    kind: str  # raised, escalated, deescalated, cleared, acknowledged, snoozed, snooze_ended, note, action
    fault: str | None = None
    board: int | None = None
    severity: str | None = None
    title: str | None = None
    detail: str | None = None
    operator: str | None = None
