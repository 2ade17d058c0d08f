"""Between the fault tracker and the store: kept faults and events in both directions."""

from __future__ import annotations

from typing import Protocol

from rig_monitor.core.faults.tracker import ActiveFault, FaultEvent
from rig_monitor.core.history.records import EventIn, KeptFault
from rig_monitor.core.model import Fault


class ActiveFaultLike(Protocol):
    @property
    def miner(self) -> str: ...
    @property
    def fault(self) -> Fault: ...
    @property
    def first_seen(self) -> float: ...
    @property
    def raised_at(self) -> float: ...
    @property
    def acknowledged_at(self) -> float | None: ...
    @property
    def snoozed_until(self) -> float | None: ...


def to_active(k: KeptFault) -> ActiveFault:
    """The tracker's form of a kept fault (``last_seen`` = when it was raised: unknown since)."""
    fault = Fault(k.fault, k.severity, k.title, k.detail, k.board)
    return ActiveFault(
        k.miner,
        fault,
        first_seen=k.first_seen,
        last_seen=k.raised_at,
        raised_at=k.raised_at,
        acknowledged_at=k.acknowledged_at,
        snoozed_until=k.snoozed_until,
    )


def from_active(a: ActiveFaultLike) -> KeptFault:
    """From the tracker's ActiveFault or the window's FaultRecord (same field names)."""
    f = a.fault
    return KeptFault(
        a.miner,
        f.id,
        f.board,
        f.severity,
        f.title,
        f.detail,
        a.first_seen,
        a.raised_at,
        a.acknowledged_at,
        a.snoozed_until,
    )


def event_in(e: FaultEvent) -> EventIn:
    """A tracker event as a history event."""
    f = e.fault
    return EventIn(e.at, e.miner, str(e.kind), f.id, f.board, str(f.severity), f.title, f.detail)
