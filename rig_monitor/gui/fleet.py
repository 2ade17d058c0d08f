"""Qt-free fleet state for the GUI: one row per miner, its status, and the fleet totals."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field

from rig_monitor.core.model import MinerSnapshot, Severity
from rig_monitor.gui import fmt


class RowState(enum.IntEnum):
    """Ordered from fine to worst, so sorting the status column puts problems together."""

    OK = 0
    IDLE = 1
    INFO = 2
    DEGRADED = 3  # no fault raised (yet), but the numbers look wrong: see FleetRow.degraded
    WARNING = 4
    CRITICAL = 5
    OFFLINE = 6
    PENDING = 7  # added, not polled yet

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    RowState.OK: "OK",
    RowState.IDLE: "Idle",
    RowState.INFO: "Info",
    RowState.DEGRADED: "Degraded",
    RowState.WARNING: "Warning",
    RowState.CRITICAL: "Critical",
    RowState.OFFLINE: "Offline",
    RowState.PENDING: "Waiting",
}
_PROBLEMS = frozenset({RowState.DEGRADED, RowState.WARNING, RowState.CRITICAL, RowState.OFFLINE})
SEVERITY_STATE = {
    Severity.INFO: RowState.INFO,
    Severity.WARNING: RowState.WARNING,
    Severity.CRITICAL: RowState.CRITICAL,
}


def address_sort_key(ip: str, port: int) -> str:
    """Sorts "10.0.0.9" before "10.0.0.10": zero-padded octets, then the port; names last."""
    parts = ip.split(".")
    if len(parts) == 4 and all(p.isdigit() for p in parts):
        return "{:03d}.{:03d}.{:03d}.{:03d}:{:05d}".format(*(int(p) for p in parts), port)
    return f"~{ip.lower()}:{port:05d}"


@dataclass(slots=True)
class FleetRow:
    """One miner in the table: its latest snapshot and the latest one from when it answered."""

    key: str
    ip: str
    port: int
    snap: MinerSnapshot | None = None  # None until the first poll comes back
    last_online: MinerSnapshot | None = None
    address_key: str = field(init=False, default="")  # sorts addresses by octet, then port
    # the state, worked out once per update: the totals, the sort key, the row's colours and
    # the filter all ask for it
    _state: RowState | None = field(init=False, default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.address_key = address_sort_key(self.ip, self.port)

    @classmethod
    def from_snapshot(cls, snap: MinerSnapshot) -> FleetRow:
        row = cls(key=snap.key, ip=snap.ip, port=snap.port)
        row.update(snap)
        return row

    def update(self, snap: MinerSnapshot) -> None:
        self.snap = snap
        self._state = None
        if snap.online:
            self.last_online = snap

    @property
    def online(self) -> bool:
        return self.snap is not None and self.snap.online

    @property
    def identity(self) -> MinerSnapshot | None:
        """Where to read make/model/MAC from: now if online, else the last time it answered."""
        return self.snap if self.online else self.last_online

    @property
    def nominal_ths(self) -> float | None:
        ident = self.identity
        return None if ident is None else ident.nominal_hashrate_ths

    @property
    def state(self) -> RowState:
        state = self._state
        if state is None:
            state = self._state = self._work_out_state()
        return state

    def _work_out_state(self) -> RowState:
        snap = self.snap
        if snap is None:
            return RowState.PENDING
        if not snap.online:
            return RowState.OFFLINE
        worst = snap.worst_severity
        if worst is not None and worst is not Severity.INFO:
            return SEVERITY_STATE[worst]
        if snap.idle:
            return RowState.IDLE
        if self.degraded:
            return RowState.DEGRADED
        return RowState.INFO if worst is not None else RowState.OK

    @property
    def degraded(self) -> bool:
        """Online and mining, but under 90 % of nominal, a fan at 0 rpm, or chips missing.

        The fault rules decide faults (with dwell times); this only makes a bad row stand out in
        the table before, or without, a fault being raised.
        """
        snap = self.snap
        if snap is None or not snap.online or snap.idle:
            return False
        ratio = snap.hashrate_ratio
        if ratio is not None and ratio < fmt.LOW_HASHRATE_RATIO:
            return True
        if any(r == 0 for r in snap.fans_rpm):
            return True
        return any(
            b.chips is not None and b.expected_chips and b.chips < b.expected_chips
            for b in snap.boards
        )

    @property
    def is_problem(self) -> bool:
        """What "problems only" keeps: offline, warning or critical faults, degraded."""
        return self.state in _PROBLEMS

    def search_text(self) -> str:
        """Lower-case text the filter box matches against: address, make/model, pools, host."""
        parts = [fmt.address(self.ip, self.port)]
        ident = self.identity
        if ident is not None:
            parts += [ident.make or "", ident.model or "", ident.hostname or "", ident.mac or ""]
            for p in ident.pools:
                parts += [p.url, p.user or ""]
        return " ".join(parts).lower()


@dataclass(slots=True)
class FleetTotals:
    miners: int = 0
    online: int = 0
    offline: int = 0
    pending: int = 0
    with_faults: int = 0  # online miners with at least one warning/critical fault
    degraded: int = 0  # online, no such fault, but low hashrate / stopped fan / missing chips
    hashrate_ths: float = 0.0
    nominal_ths: float = 0.0  # of every miner whose rating is known, offline ones included
    power_w: float = 0.0
    power_reporting: int = 0


def compute_totals(rows: Iterable[FleetRow]) -> FleetTotals:
    t = FleetTotals()
    for row in rows:
        t.miners += 1
        nominal = row.nominal_ths
        if nominal:
            t.nominal_ths += nominal
        snap = row.snap
        if snap is None:
            t.pending += 1
            continue
        if not snap.online:
            t.offline += 1
            continue
        t.online += 1
        state = row.state
        if state in (RowState.WARNING, RowState.CRITICAL):
            t.with_faults += 1
        elif state is RowState.DEGRADED:
            t.degraded += 1
        if snap.hashrate_ths is not None:
            t.hashrate_ths += snap.hashrate_ths
        if snap.power_w is not None:
            t.power_w += snap.power_w
            t.power_reporting += 1
    return t


# One row's part of the totals, in FleetTotals' field order.
_Part = tuple[int, int, int, int, int, int, float, float, float, int]
_FIELDS = (
    "miners",
    "online",
    "offline",
    "pending",
    "with_faults",
    "degraded",
    "hashrate_ths",
    "nominal_ths",
    "power_w",
    "power_reporting",
)
_FLOATS = (6, 7, 8)
RESUM_EVERY = 100_000  # row updates between exact re-sums of the float totals (rounding drift)


def row_part(row: FleetRow) -> _Part:
    """What one row adds to :func:`compute_totals` (same rules)."""
    nominal = row.nominal_ths or 0.0
    snap = row.snap
    if snap is None:
        return (1, 0, 0, 1, 0, 0, 0.0, nominal, 0.0, 0)
    if not snap.online:
        return (1, 0, 1, 0, 0, 0, 0.0, nominal, 0.0, 0)
    state = row.state
    faulty = int(state in (RowState.WARNING, RowState.CRITICAL))
    degraded = int(state is RowState.DEGRADED)
    power = snap.power_w
    return (
        1,
        1,
        0,
        0,
        faulty,
        degraded,
        snap.hashrate_ths or 0.0,
        nominal,
        power or 0.0,
        int(power is not None),
    )


class RunningTotals:
    """The fleet totals kept up to date row by row, so a batch costs its own rows, not a walk of
    all 5,000 (issue 15: the totals walk was one of the GUI thread's longest stalls). Counts are
    exact; the float sums are re-summed from the rows' parts every ``RESUM_EVERY`` updates."""

    def __init__(self) -> None:
        self._parts: dict[str, _Part] = {}
        self._sums: list[float] = [0.0] * len(_FIELDS)
        self._updates = 0

    def set(self, row: FleetRow) -> None:
        new = row_part(row)
        old = self._parts.get(row.key)
        self._parts[row.key] = new
        sums = self._sums
        if old is None:
            for i, v in enumerate(new):
                sums[i] += v
        else:
            for i, v in enumerate(new):
                sums[i] += v - old[i]
        self._tick()

    def remove(self, key: str) -> None:
        old = self._parts.pop(key, None)
        if old is not None:
            sums = self._sums
            for i, v in enumerate(old):
                sums[i] -= v
            self._tick()

    def _tick(self) -> None:
        self._updates += 1
        if self._updates >= RESUM_EVERY:
            self.resum()

    def resum(self) -> None:
        self._updates = 0
        self._sums = [float(sum(p[i] for p in self._parts.values())) for i in range(len(_FIELDS))]

    def totals(self) -> FleetTotals:
        t = FleetTotals()
        for i, name in enumerate(_FIELDS):
            v = self._sums[i]
            setattr(t, name, float(v) if i in _FLOATS else round(v))
        if not t.online:
            t.hashrate_ths = 0.0
        if not t.power_reporting:
            t.power_w = 0.0
        if not t.miners:
            t.nominal_ths = 0.0
        return t
