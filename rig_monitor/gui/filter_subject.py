"""Turns a fleet row into what the filter language looks at (:class:`Subject`).

Qt-free. Subjects are cached per row and rebuilt only when the row's snapshot object changes, so
re-filtering 5,000 rows after a sweep builds only the subjects of the miners that answered.
"""

from __future__ import annotations

from rig_monitor.core.filterlang import Subject
from rig_monitor.core.model import MinerSnapshot
from rig_monitor.gui import fmt
from rig_monitor.gui.fleet import FleetRow, RowState

STATUS_WORDS: dict[RowState, str] = {
    RowState.OK: "ok",
    RowState.IDLE: "idle",
    RowState.INFO: "info",
    RowState.DEGRADED: "degraded",
    RowState.WARNING: "warning",
    RowState.CRITICAL: "critical",
    RowState.OFFLINE: "offline",
    RowState.PENDING: "waiting",
}


def row_subject(row: FleetRow) -> Subject:
    ident = row.identity
    snap = row.snap
    model = fmt.make_model(ident) if ident is not None else ""
    firmware = ""
    pool = ""
    text = ""
    if ident is not None:
        firmware = " ".join(x for x in (ident.firmware, ident.firmware_version, ident.family) if x)
        pool = " ".join(f"{p.url} {p.user or ''}" for p in ident.pools)
        text = " ".join(x for x in (ident.hostname, ident.mac, ident.serial) if x)
    return Subject.make(
        row.ip,
        row.port,
        status=STATUS_WORDS[row.state],
        model="" if model == fmt.DASH else model,
        firmware=firmware,
        pool=pool,
        faults=_fault_text(snap),
        text=text,
    )


def _fault_text(snap: MinerSnapshot | None) -> str:
    if snap is None:
        return ""
    if not snap.online:
        return snap.error or "offline"
    return " ".join(f"{f.id} {f.title} {f.detail}" for f in snap.faults)


class SubjectCache:
    """One Subject per row key, rebuilt when the row's snapshot changes."""

    def __init__(self) -> None:
        self._cache: dict[str, tuple[int, Subject]] = {}

    def get(self, row: FleetRow) -> Subject:
        stamp = id(row.snap)
        hit = self._cache.get(row.key)
        if hit is not None and hit[0] == stamp:
            return hit[1]
        subject = row_subject(row)
        self._cache[row.key] = (stamp, subject)
        return subject

    def forget(self, keys: set[str] | None = None) -> None:
        if keys is None:
            self._cache.clear()
        else:
            for k in keys:
                self._cache.pop(k, None)
