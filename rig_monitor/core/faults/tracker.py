"""Fault lifecycle across polls: the difference between an alarm and a useful alarm.

One bad reading is noise; the tracker turns findings into faults only after they persist (dwell
to raise), keeps them until the miner has really recovered (dwell to clear, hysteresis bands),
ignores what a freshly started miner is still settling (grace), counts restarts, and lets the
operator acknowledge or snooze. It escalates one open fault instead of opening a second one, so
a board that goes from warm to hot is one line that turns red, not two alarms (faults.md §4.4).

Cost per snapshot is a handful of rule calls and dict lookups; per miner it keeps one small
history (see history.py) and state only for faults that are open or on their way to opening.
"""

from __future__ import annotations

import dataclasses
import enum
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rig_monitor.core.faults.catalogue import Catalogue
from rig_monitor.core.faults.evaluate import sort_faults
from rig_monitor.core.faults.history import MinerHistory, sample_of
from rig_monitor.core.faults.peers import Peers, reading
from rig_monitor.core.faults.rules import (
    Ctx,
    Finding,
    Key,
    is_hidden,
    roots_of,
    run_rules,
    suppressed,
)
from rig_monitor.core.faults.sanity import Issue, clean
from rig_monitor.core.faults.thresholds import (
    Limits,
    ModelSpecLike,
    SpecLookup,
    Thresholds,
    modeldb_lookup,
)
from rig_monitor.core.model import Fault, MinerSnapshot, Severity

# an open "mining stopped" keeps hiding its dependents until it clears; "unreachable" only while
# the miner does not answer (once it answers, what it says is evidence again)
_ROOTS = ("mining_stopped",)
_ABOVE_STOPPED = frozenset({"pools_all_dead", "reboot_loop"})  # roots that explain a stop
_UP = {Severity.INFO: Severity.WARNING, Severity.WARNING: Severity.CRITICAL}


class EventKind(enum.StrEnum):
    RAISED = "raised"
    ESCALATED = "escalated"
    DEESCALATED = "deescalated"
    CLEARED = "cleared"
    ACKNOWLEDGED = "acknowledged"
    SNOOZED = "snoozed"
    SNOOZE_ENDED = "snooze_ended"


@dataclass(slots=True)
class ActiveFault:
    """One open fault on one miner, with its history for the Faults view and the handover."""

    miner: str
    fault: Fault
    first_seen: float  # first bad poll of the streak that raised it
    last_seen: float  # last poll that still showed it
    raised_at: float
    escalated_at: float | None = None
    acknowledged_at: float | None = None
    snoozed_until: float | None = None
    cleared_at: float | None = None
    suppressed_by: str | None = None  # a root cause (unreachable, stopped, idle) hides it for now

    @property
    def id(self) -> str:
        return self.fault.id

    @property
    def severity(self) -> Severity:
        return self.fault.severity

    @property
    def board(self) -> int | None:
        return self.fault.board

    @property
    def acknowledged(self) -> bool:
        return self.acknowledged_at is not None

    def snoozed(self, now: float) -> bool:
        return self.snoozed_until is not None and now < self.snoozed_until


@dataclass(frozen=True, slots=True)
class FaultEvent:
    kind: EventKind
    miner: str
    fault: Fault
    at: float


@dataclass(slots=True)
class _State:
    streak: int = 0
    since: float | None = None
    crit_streak: int = 0
    crit_since: float | None = None
    good: int = 0
    good_since: float | None = None
    calm: int = 0  # consecutive polls whose level is below the open fault's severity
    active: ActiveFault | None = None


@dataclass(slots=True)
class _Miner:
    hist: MinerHistory = field(default_factory=MinerHistory)
    states: dict[Key, _State] = field(default_factory=dict)
    spec_key: tuple[str | None, str | None] | None = None
    spec: ModelSpecLike | None = None
    # polls observed: the trends below are kept until the next one (they read only this history)
    polls: int = 0
    # (polls, window_s, rise) of the last inlet and temperature trends: two slots, not a dict
    # per miner (~0.2 MB a 1,000 miners)
    inlet_trend: tuple[int, float, float | None] | None = None
    temp_trend: tuple[int, float, float | None] | None = None


def _keep_times(limits: Limits) -> tuple[float, float, float, float]:
    """How long a miner's history keeps what (keep, slack, reboot keep, drop keep in seconds):
    the longest window of the rules that read it."""
    return (
        max(
            limits.get("hashrate_low", "window_s", 1800),
            limits.get("hw_error_rate_high", "window_s", 1800),
            limits.get("pool_reject_high", "window_s", 1800),
            limits.get("hashrate_degrading", "window_s", 3600),
            limits.get("temp_rising", "window_s", 1800),
            1800.0,
        ),
        limits.get("unexpected_reboot", "slack_s", 120),
        max(
            limits.get("unexpected_reboot", "hold_s", 3600),
            limits.get("reboot_loop", "window_s", 3600),
        ),
        max(
            limits.get("miner_flapping", "window_s", 900),
            limits.get("fan_intermittent", "window_s", 900),
        ),
    )


class FaultTracker:
    """Stateful fault detection for ``watch`` and the GUI. Not thread-safe: one engine thread."""

    def __init__(
        self,
        thresholds: Thresholds | None = None,
        *,
        spec_lookup: SpecLookup | None = modeldb_lookup,
        max_events: int = 20_000,
    ) -> None:
        self.thresholds = thresholds if thresholds is not None else Thresholds()
        self.spec_lookup = spec_lookup
        self._miners: dict[str, _Miner] = {}
        self.peers = Peers()
        self._events: deque[FaultEvent] = deque(maxlen=max_events)

    @property
    def catalogue(self) -> Catalogue:
        return self.thresholds.catalogue

    # -- polling ----------------------------------------------------------------------------

    def update(
        self, snapshots: Iterable[MinerSnapshot], now: float | None = None
    ) -> list[FaultEvent]:
        """Judge a batch of polls; sets each ``snapshot.faults`` and returns what changed."""
        events: list[FaultEvent] = []
        batch = list(snapshots)
        work: list[tuple[MinerSnapshot, str, _Miner, list[Issue]]] = []
        for snap in batch:  # sane values first, then the peers, then the rules
            found = clean(snap)
            key = snap.key
            m = self._miners.get(key)
            if m is None:
                m = self._miners[key] = _Miner()
            if snap.online:
                spec = self._spec(m, snap)
                expected = snap.nominal_hashrate_ths or (
                    spec.nominal_ths if spec is not None else None
                )
                self.peers.update(key, reading(snap, expected))
            else:
                self.peers.forget(key)
            work.append((snap, key, m, found))
        for snap, key, m, found in work:
            self._update_one(
                snap, now if now is not None else snap.timestamp, events, found, key, m
            )
        self._events.extend(events)
        return events

    def _spec(self, m: _Miner, snap: MinerSnapshot) -> ModelSpecLike | None:
        key = (snap.make, snap.model)
        if m.spec_key != key:
            m.spec_key = key
            m.spec = self.spec_lookup(snap.make, snap.model) if self.spec_lookup else None
        return m.spec

    def _update_one(
        self,
        snap: MinerSnapshot,
        t: float,
        events: list[FaultEvent],
        sanity: list[Issue],
        key: str,
        m: _Miner,
    ) -> None:
        spec = self._spec(m, snap)
        limits = self.thresholds.for_miner(snap.ip, snap.port, snap.make, snap.model, spec)
        keep_s, slack_s, reboot_keep_s, drop_keep_s = limits.memo("history", _keep_times)
        current = sample_of(snap, t) if snap.online else None
        m.polls += 1
        m.hist.observe(
            snap,
            t,
            keep_s=keep_s,
            slack_s=slack_s,
            reboot_keep_s=reboot_keep_s,
            drop_keep_s=drop_keep_s,
            sample=current,
        )
        ctx = Ctx(
            snap,
            limits,
            self.catalogue,
            spec,
            t,
            hist=m.hist,
            sanity=sanity,
            peers=self.peers,
            current=current,
        )
        outcome = run_rules(ctx)
        roots = roots_of(outcome, snap)
        for st in m.states.values():  # an open root keeps its dependents hidden until it clears
            act = st.active
            if (
                act is not None
                and act.id in _ROOTS
                and act.severity is not Severity.INFO
                and not roots & _ABOVE_STOPPED
            ):
                roots.add(act.id)
        hidden, everything = suppressed(self.catalogue, roots)

        def root_of(fault_id: str) -> str | None:
            if not is_hidden(fault_id, roots, hidden, everything):
                return None
            if "miner_unreachable" in roots:
                return "miner_unreachable"
            return next(
                (r for r in sorted(roots) if fault_id in self.catalogue.suppress.get(r, ())), "idle"
            )

        for k, f in outcome.findings.items():
            if root_of(f.fault_id) is None:
                self._bad(m, key, k, f, t, limits, events)
        for k in list(m.states):
            if k in outcome.findings or k[0] not in outcome.seen or root_of(k[0]) is not None:
                continue
            self._good(m, key, k, t, limits, events)

        visible: list[Fault] = []
        for k, st in list(m.states.items()):
            act = st.active
            if act is None:
                if st.streak == 0:
                    del m.states[k]
                continue
            act.suppressed_by = root_of(act.id)
            if act.snoozed_until is not None and t >= act.snoozed_until:
                act.snoozed_until = None
                events.append(FaultEvent(EventKind.SNOOZE_ENDED, key, act.fault, t))
            if act.suppressed_by is None and not act.snoozed(t):
                visible.append(dataclasses.replace(act.fault, since=act.first_seen))
        snap.faults = sort_faults(visible)

    def _bad(
        self,
        m: _Miner,
        miner: str,
        k: Key,
        f: Finding,
        t: float,
        limits: Limits,
        events: list[FaultEvent],
    ) -> None:
        st = m.states.get(k)
        if st is None:
            st = m.states[k] = _State()
        st.good, st.good_since = 0, None
        act = st.active
        if f.band:  # hysteresis: holds an open fault, never opens one
            st.streak, st.since, st.crit_streak, st.crit_since = 0, None, 0, None
            if act is not None:
                act.last_seen = t
                self._calm(st, act, f, f.severity, t, limits, events)
            return
        fid = f.fault_id
        st.streak += 1
        st.since = t if st.since is None else st.since
        if f.severity is Severity.CRITICAL:
            st.crit_streak += 1
            st.crit_since = t if st.crit_since is None else st.crit_since
        else:
            st.crit_streak, st.crit_since = 0, None
        raise_polls = limits.get(fid, "raise_polls", 1)
        raise_s = limits.get(fid, "raise_s", 0)
        level: Severity | None = None
        if (
            st.crit_since is not None
            and st.crit_streak >= limits.get(fid, "critical_polls", raise_polls)
            and t - st.crit_since >= limits.get(fid, "critical_s", raise_s)
        ):
            level = Severity.CRITICAL
        elif st.streak >= raise_polls and t - st.since >= raise_s:
            level = Severity.WARNING if f.severity is Severity.CRITICAL else f.severity
        escalate_s = limits.get(fid, "escalate_after_s", 0)
        if level is not None and escalate_s > 0 and t - st.since >= escalate_s:
            level = _UP.get(level, level)

        if act is None:
            if level is None:
                return
            fault = Fault(fid, level, self.catalogue.title(fid), f.detail, f.board)
            st.active = ActiveFault(miner, fault, first_seen=st.since, last_seen=t, raised_at=t)
            events.append(FaultEvent(EventKind.RAISED, miner, fault, t))
            return

        act.last_seen = t
        if level is not None and level.rank > act.severity.rank:
            act.fault = Fault(fid, level, act.fault.title, f.detail, f.board)
            act.escalated_at = t
            act.acknowledged_at = None  # worse than what was acknowledged: tell again
            act.snoozed_until = None
            st.calm = 0
            events.append(FaultEvent(EventKind.ESCALATED, miner, act.fault, t))
            return
        lower = level or (Severity.WARNING if f.severity is Severity.CRITICAL else f.severity)
        if self._calm(st, act, f, lower, t, limits, events):
            return
        if act.fault.detail != f.detail or act.fault.board != f.board:
            act.fault = Fault(fid, act.severity, act.fault.title, f.detail, f.board)

    @staticmethod
    def _calm(
        st: _State,
        act: ActiveFault,
        f: Finding,
        level: Severity,
        t: float,
        limits: Limits,
        events: list[FaultEvent],
    ) -> bool:
        """De-escalate after ``clear_polls`` polls at a lower level; True when it did."""
        if level.rank >= act.severity.rank:
            st.calm = 0
            return False
        st.calm += 1
        if st.calm < limits.get(f.fault_id, "clear_polls", 1):
            return False
        act.fault = Fault(f.fault_id, level, act.fault.title, f.detail, f.board)
        st.calm = 0
        events.append(FaultEvent(EventKind.DEESCALATED, act.miner, act.fault, t))
        return True

    def _good(
        self, m: _Miner, miner: str, k: Key, t: float, limits: Limits, events: list[FaultEvent]
    ) -> None:
        st = m.states[k]
        st.streak, st.since, st.crit_streak, st.crit_since, st.calm = 0, None, 0, None, 0
        act = st.active
        if act is None:
            del m.states[k]
            return
        st.good += 1
        st.good_since = t if st.good_since is None else st.good_since
        fid = k[0]
        if st.good >= limits.get(fid, "clear_polls", 1) and t - st.good_since >= limits.get(
            fid, "clear_s", 0
        ):
            act.cleared_at = t
            del m.states[k]
            events.append(FaultEvent(EventKind.CLEARED, miner, act.fault, t))

    # -- operator actions --------------------------------------------------------------------

    def _mark(
        self,
        kind: EventKind,
        miner_key: str,
        fault_id: str,
        board: int | None,
        now: float | None,
        change: Callable[[ActiveFault], None],
    ) -> list[FaultEvent]:
        t = time.time() if now is None else now
        m = self._miners.get(miner_key)
        events = []
        for (fid, b), st in m.states.items() if m is not None else ():
            if st.active is not None and fid == fault_id and (board is None or b == board):
                change(st.active)
                events.append(FaultEvent(kind, miner_key, st.active.fault, t))
        self._events.extend(events)
        return events

    def acknowledge(
        self, miner_key: str, fault_id: str, board: int | None = None, now: float | None = None
    ) -> list[FaultEvent]:
        """Mark as seen: stays listed, stops notifying, until it escalates."""
        t = time.time() if now is None else now

        def ack(a: ActiveFault) -> None:
            a.acknowledged_at = t

        return self._mark(EventKind.ACKNOWLEDGED, miner_key, fault_id, board, t, ack)

    def snooze(
        self,
        miner_key: str,
        fault_id: str,
        until: float,
        board: int | None = None,
        now: float | None = None,
    ) -> list[FaultEvent]:
        """Hide until ``until`` (unix seconds); it comes back then if still open, or on escalation."""

        def hush(a: ActiveFault) -> None:
            a.snoozed_until = until

        return self._mark(EventKind.SNOOZED, miner_key, fault_id, board, now, hush)

    def expect_reboot(
        self, miner_key: str, within_s: float = 600.0, now: float | None = None
    ) -> None:
        """The app is about to reboot this miner: its next restart is not a fault."""
        t = time.time() if now is None else now
        m = self._miners.get(miner_key)
        if m is None:
            m = self._miners[miner_key] = _Miner()
        m.hist.expect_reboot_until = t + within_s

    def restore(self, kept: Iterable[ActiveFault]) -> int:
        """Open faults kept from before a restart (the history store); returns how many.

        A kept fault is the same fault when the miner still shows it: it keeps its original
        ``first_seen``/``raised_at``, acknowledgement and snooze. One the miner no longer shows
        clears through the usual dwell. Already raised again since start-up: merged into that one.
        """
        n = 0
        for a in kept:
            m = self._miners.get(a.miner)
            if m is None:
                m = self._miners[a.miner] = _Miner()
            st = m.states.get((a.id, a.board))
            if st is None:
                st = m.states[(a.id, a.board)] = _State()
            act = st.active
            if act is None:
                st.active = ActiveFault(
                    a.miner,
                    a.fault,
                    first_seen=a.first_seen,
                    last_seen=a.last_seen,
                    raised_at=a.raised_at,
                    escalated_at=a.escalated_at,
                    acknowledged_at=a.acknowledged_at,
                    snoozed_until=a.snoozed_until,
                )
            else:
                act.first_seen = min(act.first_seen, a.first_seen)
                act.raised_at = min(act.raised_at, a.raised_at)
                if act.acknowledged_at is None and act.severity.rank <= a.severity.rank:
                    act.acknowledged_at = a.acknowledged_at
                if act.snoozed_until is None:
                    act.snoozed_until = a.snoozed_until
            n += 1
        return n

    def forget(self, miner_key: str) -> None:
        """Drop a miner that is no longer polled (removed from the site)."""
        self._miners.pop(miner_key, None)
        self.peers.forget(miner_key)

    # -- queries -----------------------------------------------------------------------------

    def active(
        self,
        *,
        include_snoozed: bool = True,
        include_suppressed: bool = False,
        now: float | None = None,
    ) -> list[ActiveFault]:
        """Open faults, worst and oldest first."""
        t = time.time() if now is None else now
        out = [
            st.active
            for m in self._miners.values()
            for st in m.states.values()
            if st.active is not None
            and (include_suppressed or st.active.suppressed_by is None)
            and (include_snoozed or not st.active.snoozed(t))
        ]
        out.sort(key=lambda a: (-a.severity.rank, a.raised_at, a.miner, a.id))
        return out

    def active_for(self, miner_key: str) -> list[ActiveFault]:
        m = self._miners.get(miner_key)
        if m is None:
            return []
        return [st.active for st in m.states.values() if st.active is not None]

    def recent(self, since: float) -> list[FaultEvent]:
        """Lifecycle events at or after ``since`` (e.g. the shift handover: what changed overnight)."""
        return [e for e in self._events if e.at >= since]

    def inlet_trends(self, window_s: float = 1800.0, now: float | None = None) -> dict[str, float]:
        """Per miner, how far the inlet temperature rose within the window (°C, ≥ 0)."""
        return self._trends("inlet", _inlet_rise, window_s, now)

    def temp_trends(self, window_s: float = 1800.0, now: float | None = None) -> dict[str, float]:
        """Per online miner, how far its hottest board (else chip) sensor rose within the window:
        the latest reading against the lowest of the window (°C, ≥ 0). Miners with too short a
        history are left out, so "no rise" always means "measured, and flat"."""
        return self._trends("temp", _temp_rise, window_s, now)

    def _trends(
        self,
        name: str,
        rise: Callable[[MinerHistory, float, float | None], float | None],
        window_s: float,
        now: float | None,
    ) -> dict[str, float]:
        """Each miner's rise is kept until its next poll (``now=None`` only): the stage asks for
        every miner's on each batch that changed something, one batch polls a few hundred of
        5,000, and recomputing them all grew with every sweep of history (issue 15)."""
        out: dict[str, float] = {}
        for key, m in self._miners.items():
            if now is None:
                memo = m.inlet_trend if name == "inlet" else m.temp_trend
                if memo is None or memo[0] != m.polls or memo[1] != window_s:
                    memo = (m.polls, window_s, rise(m.hist, window_s, None))
                    if name == "inlet":
                        m.inlet_trend = memo
                    else:
                        m.temp_trend = memo
                value = memo[2]
            else:
                value = rise(m.hist, window_s, now)
            if value is not None:
                out[key] = value
        return out

    def __len__(self) -> int:
        return len(self._miners)


def _inlet_rise(hist: MinerHistory, window_s: float, now: float | None) -> float | None:
    samples = hist.samples
    if not samples:
        return None
    t = samples[-1][0] if now is None else now
    inlets = [s[2] for s in samples if s[0] >= t - window_s and s[2] is not None]
    return max(0.0, inlets[-1] - min(inlets)) if len(inlets) >= 2 else None


def _temp_rise(hist: MinerHistory, window_s: float, now: float | None) -> float | None:
    samples = hist.samples
    if len(samples) < 2 or hist.offline_since is not None:
        return None
    t = samples[-1][0] if now is None else now
    for idx in (6, 7):
        values = [s[idx] for s in samples if s[0] >= t - window_s and s[idx] is not None]
        if len(values) >= 2:
            first = [float(v) for v in values if isinstance(v, int | float)]
            return max(0.0, first[-1] - min(first))
    return None
