"""The one writer thread: front ends hand it batches, it writes one transaction per sweep.

Handing over is a queue put, so neither the GUI thread nor the CLI's event loop ever waits on the
disk. Problems (damaged file, newer schema, full disk, a lock held too long) become one sentence
in :attr:`HistoryRecorder.problem` and the ``on_problem`` callback; monitoring goes on. A sweep
that finds the file locked is kept and retried with the next one (up to ``MAX_PENDING`` sweeps),
so two recorders on one file (the window and ``watch --record``) never drop each other's rows.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rig_monitor.core.history.errors import explain, is_busy
from rig_monitor.core.history.records import EventIn, KeptFault
from rig_monitor.core.history.retention import Retention, load_retention
from rig_monitor.core.history.schema import default_path
from rig_monitor.core.history.store import HistoryStore, SweepWrite
from rig_monitor.core.model import MinerSnapshot

log = logging.getLogger(__name__)

MAX_PENDING = 20  # sweeps held while the file is locked (10 min at 30 s)
RETRY_S = 1.0

ProblemCallback = Callable[[str | None], None]
ReadyCallback = Callable[[list[KeptFault]], None]


@dataclass(slots=True)
class _Batch:
    snapshots: list[MinerSnapshot]
    sweep_done: bool
    events: list[EventIn] = field(default_factory=list)
    kept: list[KeptFault] | None = None
    open_faults: int | None = None
    queued: float = field(default_factory=time.perf_counter)


@dataclass(frozen=True, slots=True)
class _Job:
    run: Callable[[HistoryStore], None]


@dataclass(slots=True)
class RecorderStats:
    sweeps_written: int = 0
    rows_written: int = 0
    last_write_ms: float = 0.0
    write_ms: list[float] = field(default_factory=list)
    wait_ms: list[float] = field(default_factory=list)  # a sweep's time in the queue (last 100)
    max_wait_ms: float = 0.0
    maintenance_steps: int = 0
    maintenance_ms: float = 0.0  # all steps together
    max_step_ms: float = 0.0  # the longest the writer was held by one step


class HistoryRecorder:
    """Owns the writer thread and its :class:`HistoryStore`."""

    def __init__(
        self,
        path: Path | None = None,
        *,
        source: str = "gui",
        retention: Retention | None = None,
        on_problem: ProblemCallback | None = None,
        on_ready: ReadyCallback | None = None,
    ) -> None:
        self.path = path or default_path()
        self.source = source
        self.retention = retention  # None: history.json in the config folder (read on the writer)
        self._on_problem = on_problem
        self._on_ready = on_ready
        self._queue: queue.Queue[_Batch | _Job | threading.Event | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self.problem: str | None = None
        self.available = False
        self.stats = RecorderStats()
        self.kept: list[KeptFault] = []

    # -- any thread ---------------------------------------------------------------------------------
    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="history-writer", daemon=True)
            self._thread.start()

    def wait_ready(self, timeout: float = 10.0) -> bool:
        """Wait until the file is open (or found unusable); True when it can record."""
        self._ready.wait(timeout)
        return self.available

    def add_batch(
        self,
        snapshots: Sequence[MinerSnapshot],
        *,
        sweep_done: bool,
        events: Sequence[EventIn] = (),
        kept: Sequence[KeptFault] | None = None,
        open_faults: int | None = None,
    ) -> None:
        """Part of a sweep; written when ``sweep_done`` (events and kept state with it)."""
        self._queue.put(
            _Batch(
                list(snapshots),
                sweep_done,
                list(events),
                None if kept is None else list(kept),
                open_faults,
            )
        )

    def add_events(self, events: Sequence[EventIn]) -> None:
        """Events on their own (a note, an action): written at once, in their own transaction."""
        evs = list(events)
        self.call(lambda store: store.add_events(evs))

    def call(self, job: Callable[[HistoryStore], None]) -> None:
        """Run ``job(store)`` on the writer thread (skipped when there is no usable store)."""
        self._queue.put(_Job(job))

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything queued so far is written (or dropped)."""
        done = threading.Event()
        self._queue.put(done)
        if self._thread is None or not self._thread.is_alive():
            return False
        return done.wait(timeout)

    def close(self, timeout: float = 10.0) -> None:
        """Write what is queued, then stop the thread and close the file."""
        if self._thread is None:
            return
        self._queue.put(None)
        self._thread.join(timeout)
        self._thread = None

    # -- the writer thread ----------------------------------------------------------------------------
    def _say(self, problem: str | None) -> None:
        if problem == self.problem:
            return
        self.problem = problem
        if problem:
            log.warning("%s", problem)
        if self._on_problem is not None:
            try:
                self._on_problem(problem)
            except Exception:
                log.exception("history problem callback failed")

    def _open(self) -> HistoryStore | None:
        try:
            if self.retention is None:
                self.retention = load_retention()
            store = HistoryStore(
                self.path, source=self.source, retention=self.retention, auto_maintain=False
            )
            self.kept = store.kept_faults()
        except Exception as exc:
            self._say(explain(exc, self.path))
            return None
        if store.backup is not None:
            log.info(
                "history database migrated from v%d; backup at %s",
                store.migrated_from,
                store.backup,
            )
        self.available = True
        return store

    def _run(self) -> None:
        store = self._open()
        self._ready.set()
        if self._on_ready is not None and store is not None:
            try:
                self._on_ready(list(self.kept))
            except Exception:
                log.exception("history ready callback failed")
        building: list[MinerSnapshot] = []
        pending: list[SweepWrite] = []
        maintain = True  # rollups run between sweeps, one short step at a time
        try:
            while True:
                if maintain and store is not None and not pending and self._queue.empty():
                    maintain = self._maintain_step(store)
                    continue
                try:
                    item = self._queue.get(timeout=RETRY_S if pending else None)
                except queue.Empty:
                    item = _Batch([], False)  # time to retry what the lock held back
                if item is None:
                    if building:
                        pending.append(SweepWrite(building))
                        building = []
                    self._write_pending(store, pending, final=True)
                    return
                if isinstance(item, threading.Event):
                    self._write_pending(store, pending)
                    item.set()
                    continue
                if isinstance(item, _Job):
                    self._write_pending(store, pending)
                    if store is not None:
                        try:
                            item.run(store)
                        except Exception as exc:
                            self._say(explain(exc, self.path))
                    continue
                building.extend(item.snapshots)
                if item.sweep_done or item.events:
                    if item.sweep_done:
                        pending.append(
                            SweepWrite(
                                building,
                                item.events,
                                item.kept,
                                item.open_faults,
                                time.time(),
                                item.queued,
                            )
                        )
                        building = []
                        maintain = True
                    else:
                        pending.append(SweepWrite([], item.events, item.kept, None, time.time()))
                if len(pending) > MAX_PENDING:
                    dropped = pending.pop(0)
                    self._say(
                        f"history database {self.path} stayed locked: dropped a sweep of "
                        f"{len(dropped.snapshots):,} miners to keep memory bounded"
                    )
                self._write_pending(store, pending)
        finally:
            if store is not None:
                store.close()

    def _maintain_step(self, store: HistoryStore) -> bool:
        """One rollup/retention step; False when none was due or it failed (tried again later)."""
        t0 = time.perf_counter()
        try:
            did = store.maintain_step()
        except Exception as exc:
            self._say(explain(exc, self.path))
            return False
        if did:
            ms = (time.perf_counter() - t0) * 1000
            st = self.stats
            st.maintenance_steps += 1
            st.maintenance_ms += ms
            st.max_step_ms = max(st.max_step_ms, ms)
        return did

    def _write_pending(
        self, store: HistoryStore | None, pending: list[SweepWrite], final: bool = False
    ) -> None:
        if store is None:
            pending.clear()
            return
        while pending:
            sweep = pending[0]
            t0 = time.perf_counter()
            if sweep.queued is not None:
                wait = (t0 - sweep.queued) * 1000
                self.stats.wait_ms.append(wait)
                del self.stats.wait_ms[:-100]
                self.stats.max_wait_ms = max(self.stats.max_wait_ms, wait)
            try:
                store.write(sweep)
            except Exception as exc:
                if is_busy(exc) and not final:
                    self._say(explain(exc, self.path))
                    return  # keep it; retried on the next item or after RETRY_S
                pending.pop(0)
                self._say(explain(exc, self.path))
                continue
            ms = (time.perf_counter() - t0) * 1000
            pending.pop(0)
            self.stats.sweeps_written += 1
            self.stats.rows_written += len(sweep.snapshots)
            self.stats.last_write_ms = ms
            self.stats.write_ms.append(ms)
            del self.stats.write_ms[:-100]
            if self.problem is not None:
                self._say(None)
