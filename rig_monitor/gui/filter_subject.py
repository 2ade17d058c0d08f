"""Turns a fleet row into what the filter language looks at (:class:`Subject`).

Qt-free. Subjects are cached per row and rebuilt only when the row's snapshot object changes, so
re-filtering 5,000 rows after a sweep builds only the subjects of the miners that answered.
"""

from __future__ import annotations

import functools

from rig_monitor.core.filterlang import Subject, ip_number
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


class RowSubject:
    """A lazy :class:`SubjectLike` over one row: each field is computed when a filter first reads
    it, so an address filter never formats models, pools or fault texts."""

    def __init__(self, row: FleetRow) -> None:
        self.row = row
        self.ip = row.ip
        self.port = row.port

    @functools.cached_property
    def ip_int(self) -> int | None:
        return ip_number(self.ip)

    @functools.cached_property
    def address(self) -> str:
        return fmt.address(self.ip, self.port)

    @functools.cached_property
    def status(self) -> str:
        return STATUS_WORDS[self.row.state]

    @functools.cached_property
    def model(self) -> str:
        ident = self.row.identity
        text = fmt.make_model(ident) if ident is not None else fmt.DASH
        return "" if text == fmt.DASH else text.lower()

    @functools.cached_property
    def firmware(self) -> str:
        ident = self.row.identity
        if ident is None:
            return ""
        return " ".join(
            x for x in (ident.firmware, ident.firmware_version, ident.family) if x
        ).lower()

    @functools.cached_property
    def pool(self) -> str:
        ident = self.row.identity
        if ident is None:
            return ""
        return " ".join(f"{p.url} {p.user or ''}" for p in ident.pools).lower()

    @functools.cached_property
    def faults(self) -> str:
        return _fault_text(self.row.snap).lower()

    @functools.cached_property
    def text(self) -> str:
        ident = self.row.identity
        if ident is None:
            return ""
        return " ".join(x for x in (ident.hostname, ident.mac, ident.serial) if x).lower()


class SubjectCache:
    """One lazy subject per row key, replaced when the row's snapshot changes."""

    def __init__(self) -> None:
        # keyed by the snapshot object itself (not its id(): a freed snapshot's id is reused)
        self._cache: dict[str, tuple[object, RowSubject]] = {}

    def get(self, row: FleetRow) -> RowSubject:
        hit = self._cache.get(row.key)
        if hit is not None and hit[0] is row.snap:
            return hit[1]
        subject = RowSubject(row)
        self._cache[row.key] = (row.snap, subject)
        return subject

    def forget(self, keys: set[str] | None = None) -> None:
        if keys is None:
            self._cache.clear()
        else:
            for k in keys:
                self._cache.pop(k, None)
