"""The fault stage: fault tracking and fleet diagnosis next to the engine, for every front end.

:class:`FaultStage` is the engine's ``post_process`` hook. For every batch it updates the
:class:`FaultTracker` (which sets ``snapshot.faults``), runs :func:`diagnose` over the latest
snapshot of every miner, and returns a :class:`FaultReport` — immutable copies, safe to read on
the GUI thread — which the engine hands out with the batch (``Batch.extra``): still one signal
per batch, no extra thread.

The tracker is not thread-safe, so the GUI never touches it: operator actions (acknowledge,
snooze, new thresholds, another language, removed miners) are queued with :meth:`FaultStage.submit`
and applied on the engine thread at the start of the next batch. Each report says up to which
queued action it reflects (``FaultReport.applied``), so the GUI can show an action at once and
keep showing it until a report includes it.
"""

from __future__ import annotations

import functools
import itertools
import logging
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rig_monitor.core import fmt
from rig_monitor.core.faults import (
    ActiveFault,
    Catalogue,
    FaultEvent,
    FaultTracker,
    Incident,
    ThresholdOverrides,
    Thresholds,
    diagnose,
    read_overrides,
)
from rig_monitor.core.faults.guard import evaluate_isolated, evaluation_failed, update_isolated
from rig_monitor.core.faults.overrides import user_catalogue
from rig_monitor.core.model import Fault, MinerSnapshot, Severity

log = logging.getLogger(__name__)

DIAGNOSE_EVERY_S = 5.0  # re-diagnose at least this often (denominators move as miners answer)

FaultKey = tuple[str, str, int | None]  # miner key, fault id, board
TrackerFactory = Callable[[Thresholds], FaultTracker]
Action = Callable[["_EngineSide"], None]
RemoteSend = Callable[[str, tuple[Any, ...], int], None]


def incident_key(incident: Incident) -> str:
    """Stable identity of an incident across reports: its id and scope."""
    return f"{incident.id}|{incident.scope or ''}"


@dataclass(frozen=True, slots=True)
class FaultRecord:
    """One open fault on one miner, copied out of the tracker for the GUI."""

    miner: str
    fault: Fault
    first_seen: float
    raised_at: float
    acknowledged_at: float | None = None
    snoozed_until: float | None = None
    model: str = ""
    incident: str | None = None  # key of the incident this fault is grouped under

    @property
    def key(self) -> FaultKey:
        return (self.miner, self.fault.id, self.fault.board)

    @property
    def severity(self) -> Severity:
        return self.fault.severity

    @property
    def acknowledged(self) -> bool:
        return self.acknowledged_at is not None

    def snoozed(self, now: float) -> bool:
        return self.snoozed_until is not None and now < self.snoozed_until


@dataclass(frozen=True, slots=True)
class FaultReport:
    """What one batch changed, as the GUI needs it."""

    now: float
    records: tuple[FaultRecord, ...]  # open faults, snoozed ones included, suppressed ones not
    incidents: tuple[Incident, ...]  # worst first
    events: tuple[FaultEvent, ...]  # lifecycle events since the previous report
    # The catalogue and thresholds in force: in the first report and after they changed (a new
    # language or thresholds), else None ("as before"): ~30 KB pickled, not worth every batch.
    catalogue: Catalogue | None
    overrides: ThresholdOverrides | None
    applied: int  # the last submitted action this report reflects
    models: dict[str, str]  # miner key -> "Antminer S19j Pro", for incident members


class _EngineSide:
    """What queued actions may touch; lives on the engine thread."""

    def __init__(self, stage: FaultStage) -> None:
        self._stage = stage

    @property
    def tracker(self) -> FaultTracker:
        return self._stage._ensure_tracker()

    def set_overrides(self, overrides: ThresholdOverrides) -> None:
        s = self._stage
        s._overrides = overrides.copy()
        self.tracker.thresholds = s._overrides.thresholds(s._catalogue)
        s._settings_sent = False

    def set_language(self, lang: str | None) -> None:
        s = self._stage
        s._catalogue = user_catalogue(lang)  # disk I/O: here, on the engine thread
        self.tracker.thresholds = s._overrides.thresholds(s._catalogue)
        s._settings_sent = False
        s._diagnosed_at = 0.0  # incidents are worded again, in the new language, next report

    def forget(self, keys: Iterable[str]) -> None:
        s = self._stage
        for k in keys:
            self.tracker.forget(k)
            s._latest.pop(k, None)
        s._diagnosed_at = 0.0

    def record_events(self, events: Iterable[FaultEvent]) -> None:
        self._stage._new_events.extend(events)


class FaultStage:
    """The engine's ``post_process``: call with each batch's snapshots (on the engine thread)."""

    def __init__(
        self,
        catalogue: Catalogue | None = None,
        overrides: ThresholdOverrides | None = None,
        *,
        warnings: Sequence[str] = (),
        tracker_factory: TrackerFactory | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._catalogue = catalogue if catalogue is not None else Thresholds().catalogue
        self._overrides = overrides.copy() if overrides is not None else ThresholdOverrides()
        self.warnings = tuple(warnings)  # problems found in thresholds.json at start-up
        self._factory: TrackerFactory = tracker_factory or FaultTracker
        self._tracker: FaultTracker | None = None
        self._lock = threading.Lock()
        self._queue: list[tuple[int, Action]] = []
        self._seq = itertools.count(1)
        self._applied = 0
        self._latest: dict[str, MinerSnapshot] = {}
        self._models: dict[str, str] = {}
        self._incidents: tuple[Incident, ...] = ()
        self._diagnosed_at = 0.0
        self._new_events: list[FaultEvent] = []
        self._settings_sent = False  # the catalogue and overrides went out in a report
        self._side = _EngineSide(self)
        self._remote: RemoteSend | None = None
        self._clock = clock  # the simulator's clock in tests and benchmarks
        self.failed_last = 0  # miners whose evaluation failed in the last batch

    @classmethod
    def load(
        cls, lang: str | None = None, *, tracker_factory: TrackerFactory | None = None
    ) -> FaultStage:
        """Read the catalogue (in ``lang``) and ``thresholds.json``: for start-up, before the
        engine starts. Problems end up in :attr:`warnings`, never raised."""
        catalogue = user_catalogue(lang)
        loaded = read_overrides(catalogue=catalogue)
        for w in loaded.warnings:
            log.warning("%s", w)
        return cls(
            catalogue, loaded.overrides, warnings=loaded.warnings, tracker_factory=tracker_factory
        )

    # -- read before the engine starts (then only through reports) -----------------------------
    @property
    def catalogue(self) -> Catalogue:
        return self._catalogue

    @property
    def overrides(self) -> ThresholdOverrides:
        return self._overrides.copy()

    # -- any thread -----------------------------------------------------------------------------
    def submit(self, action: Action) -> int:
        """Queue an action for the engine thread; returns its sequence number."""
        with self._lock:
            seq = next(self._seq)
            self._queue.append((seq, action))
        return seq

    def _named(self, name: str, args: tuple[Any, ...]) -> int:
        """Queue a named action here, or forward it to the engine's process when attached."""
        with self._lock:
            seq = next(self._seq)
            remote = self._remote
            if remote is None:
                self._queue.append((seq, _ACTIONS[name](*args)))
            else:
                remote(name, args, seq)  # under the lock: forwarded in sequence order
        return seq

    def acknowledge(self, key: FaultKey) -> int:
        miner, fid, board = key
        return self._named("acknowledge", (miner, fid, board))

    def snooze(self, key: FaultKey, until: float) -> int:
        miner, fid, board = key
        return self._named("snooze", (miner, fid, until, board))

    def set_overrides(self, overrides: ThresholdOverrides) -> int:
        return self._named("set_overrides", (overrides.copy(),))

    def set_language(self, lang: str | None) -> int:
        return self._named("set_language", (lang,))

    def forget(self, keys: Iterable[str]) -> int:
        return self._named("forget", (list(keys),))

    def expect_reboot(self, keys: Iterable[str], within_s: float = 600.0) -> int:
        """The operator rebooted these miners: their next restart is no fault (issue 12)."""
        return self._named("expect_reboot", (list(keys), within_s, time.time()))

    def restore(self, kept: Iterable[ActiveFault]) -> int:
        """Open faults kept by the history store from before a restart (see FaultTracker.restore)."""
        return self._named("restore", (list(kept),))

    # -- running in the engine's child process (see rig_monitor.core.engine.engine_process) -----------
    def child_factory(self) -> Callable[[], FaultStage]:
        """A picklable recipe for this stage's copy in the engine process (same catalogue and
        thresholds; the tracker is created there, with the stock :class:`FaultTracker`)."""
        return functools.partial(
            FaultStage, self._catalogue, self._overrides.copy(), warnings=self.warnings
        )

    def attach_remote(self, send: RemoteSend | None) -> None:
        """Forward actions through ``send(name, args, seq)`` from now on (None: queue here)."""
        with self._lock:
            self._remote = send

    def apply_remote(self, name: str, args: tuple[Any, ...], seq: int) -> None:
        """In the engine process: queue an action forwarded by the GUI's stage, keeping its
        number so reports say ``applied`` in the GUI's numbering."""
        action = _ACTIONS[name](*args)
        with self._lock:
            self._queue.append((seq, action))

    # -- engine thread --------------------------------------------------------------------------
    @property
    def tracker(self) -> FaultTracker:
        """The stage's tracker, for a caller that runs the stage on its own thread (``watch``
        restoring kept faults and reading open ones for history). The window must not: it
        reaches the tracker only through :meth:`submit`, on the engine's side."""
        return self._ensure_tracker()

    def _ensure_tracker(self) -> FaultTracker:
        if self._tracker is None:
            self._tracker = self._factory(self._overrides.thresholds(self._catalogue))
        return self._tracker

    def _run_actions(self) -> None:
        with self._lock:
            queue, self._queue = self._queue, []
        for seq, action in queue:
            try:
                action(self._side)
            except Exception:
                log.exception("a queued fault action failed")
            self._applied = seq

    def __call__(self, snapshots: list[MinerSnapshot]) -> FaultReport | None:
        """Judge a batch, each miner on its own: one that fails shows "evaluation failed" in its
        row (guard.py); a failure of the fleet-wide part marks the whole batch, never drops it."""
        try:
            self._run_actions()
            tracker = self._ensure_tracker()
            events, failed = update_isolated(tracker, snapshots)
            self._new_events.extend(events)
            self.failed_last = len(failed)
            return self._report(tracker, snapshots, changed=bool(events))
        except Exception as exc:  # a rule bug must not stop polling, nor hide the batch
            log.exception("fault evaluation failed for a batch of %d", len(snapshots))
            for snap in snapshots:
                evaluation_failed(snap, exc)
            self.failed_last = len(snapshots)
            return None

    def _report(
        self, tracker: FaultTracker, snapshots: list[MinerSnapshot], *, changed: bool
    ) -> FaultReport:
        now = self._clock()
        for s in snapshots:
            self._latest[s.key] = s
            if s.online and (s.make or s.model):
                self._models[s.key] = fmt.make_model(s)
        # every open fault, suppressed ones included, listed once: the diagnosis reads them all,
        # the records the ones not suppressed (same order: a filter of one sorted list)
        everything = tracker.active(include_suppressed=True, now=now)
        if changed or now - self._diagnosed_at >= DIAGNOSE_EVERY_S:
            self._diagnosed_at = now
            self._incidents = tuple(
                diagnose(
                    self._latest,
                    everything,
                    catalogue=tracker.catalogue,
                    inlet_rise=tracker.inlet_trends(),
                    temp_rise=tracker.temp_trends(
                        float(
                            tracker.catalogue.incident("site_cooling").params.get("window_s", 1800)
                        )
                    ),
                )
            )
        grouped: dict[tuple[str, str], str] = {}
        for inc in self._incidents:
            if inc.fault_id:
                k = incident_key(inc)
                for m in inc.miners:
                    grouped.setdefault((m, inc.fault_id), k)
        records = tuple(
            FaultRecord(
                a.miner,
                a.fault,
                a.first_seen,
                a.raised_at,
                a.acknowledged_at,
                a.snoozed_until,
                self._models.get(a.miner, ""),
                grouped.get((a.miner, a.id)),
            )
            for a in everything
            if a.suppressed_by is None
        )
        members = {m for inc in self._incidents for m in inc.miners}
        events, self._new_events = tuple(self._new_events), []
        send = not self._settings_sent
        self._settings_sent = True
        return FaultReport(
            now=now,
            records=records,
            incidents=self._incidents,
            events=events,
            catalogue=tracker.catalogue if send else None,
            overrides=self._overrides.copy() if send else None,
            applied=self._applied,
            models={m: self._models[m] for m in members if m in self._models},
        )


def one_shot(
    snapshots: Sequence[MinerSnapshot], thresholds: Thresholds | None = None
) -> list[Incident]:
    """What a single sweep can tell, for ``poll`` and ``diagnose``: each snapshot's faults
    (no dwell, lifetime counters) and the incidents they share. Same rules, same incident
    code as the stateful stage; only the history is missing."""
    th = thresholds if thresholds is not None else Thresholds()
    evaluate_isolated(snapshots, thresholds=th)  # one miner's rule failure is that miner's row
    return diagnose(snapshots, catalogue=th.catalogue)


def _acknowledge(miner: str, fid: str, board: int | None) -> Action:
    return lambda side: side.record_events(side.tracker.acknowledge(miner, fid, board))


def _snooze(miner: str, fid: str, until: float, board: int | None) -> Action:
    return lambda side: side.record_events(side.tracker.snooze(miner, fid, until, board))


def _set_overrides(overrides: ThresholdOverrides) -> Action:
    return lambda side: side.set_overrides(overrides)


def _set_language(lang: str | None) -> Action:
    return lambda side: side.set_language(lang)


def _forget(keys: list[str]) -> Action:
    return lambda side: side.forget(keys)


def _expect_reboot(keys: list[str], within_s: float, now: float) -> Action:
    def apply(side: _EngineSide) -> None:
        for key in keys:
            side.tracker.expect_reboot(key, within_s, now)

    return apply


def _restore(kept: list[ActiveFault]) -> Action:
    def run(side: _EngineSide) -> None:
        side.tracker.restore(kept)

    return run


_ACTIONS: dict[str, Callable[..., Action]] = {
    "expect_reboot": _expect_reboot,
    "acknowledge": _acknowledge,
    "snooze": _snooze,
    "set_overrides": _set_overrides,
    "set_language": _set_language,
    "forget": _forget,
    "restore": _restore,
}
