"""The window's link to the history database: recording batches and running queries off the GUI thread.

Recording: :meth:`HistoryLink.on_batch` is a queue put onto the writer thread (core's
:class:`HistoryRecorder`); nothing is written on the GUI thread. At start-up the writer reads the
faults kept from the last run and hands them to the fault stage (which forwards them to the engine
process), so acknowledgements, snoozes and open faults survive a restart.

Queries: :meth:`HistoryLink.query` runs a function on a :class:`QThreadPool` worker with its own
read-only connection and delivers the result by signal; a view keeps the id of its latest request
and ignores older answers.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from rig_monitor.core.engine.engine import Batch
from rig_monitor.core.faults.stage import FaultReport, FaultStage
from rig_monitor.core.history import EventIn, HistoryReader, HistoryRecorder, operator_name
from rig_monitor.core.history.actions import ActionHistory
from rig_monitor.core.history.kept import event_in, from_active, to_active
from rig_monitor.core.history.records import KeptFault
from rig_monitor.gui.thread_hop import emit_on_gui

log = logging.getLogger(__name__)

QueryFn = Callable[[HistoryReader], Any]


class _Carrier(QObject):
    done = Signal(int, object)


class _Query(QRunnable):
    def __init__(self, path: Path, fn: QueryFn, qid: int, carrier: _Carrier) -> None:
        super().__init__()
        self.path, self.fn, self.qid, self.carrier = path, fn, qid, carrier

    def run(self) -> None:
        try:
            with HistoryReader(self.path) as reader:
                result: Any = self.fn(reader)
        except Exception as exc:  # delivered to the view, which says what happened
            result = exc
        emit_on_gui(self.carrier.done, self.qid, result)


class HistoryLink(QObject):
    """Owns the recorder and the query pool for one window."""

    result = Signal(int, object)  # query id, result (or the exception it raised)
    problem = Signal(str)  # '' when the problem went away
    recorded = Signal()  # a note or action was written (views refresh)
    ready = Signal()  # the store is open and its kept faults went to the stage (or it has none)

    def __init__(
        self, path: Path, stage: FaultStage | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.path = path
        self._stage = stage
        self._ids = itertools.count(1)
        self._carrier = _Carrier(self)
        self._carrier.done.connect(self.result)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self.recorder = HistoryRecorder(
            path, source="gui", on_problem=self._on_problem, on_ready=self._on_ready
        )
        self.restored = 0
        self._pending_events: list[EventIn] = []
        # every confirmed action (the actions dialog's worker thread) becomes an 'action' event
        self.actions = ActionHistory(self.recorder, on_recorded=self._recorded_on_gui)

    # -- life cycle ----------------------------------------------------------------------------------
    def start(self) -> None:
        self.recorder.start()
        self.actions.attach()

    def close(self) -> None:
        self.actions.detach()
        self.recorder.close()
        self.pool.waitForDone(5000)

    def _recorded_on_gui(self) -> None:  # writer thread, once actions were written
        emit_on_gui(self.recorded)

    def _on_problem(self, text: str | None) -> None:  # writer thread: the signal is queued
        emit_on_gui(self.problem, text or "")

    def _on_ready(self, kept: list[KeptFault]) -> None:  # writer thread
        if self._stage is not None and kept:
            self.restored = len(kept)
            self._stage.restore([to_active(k) for k in kept])
        emit_on_gui(
            self.ready
        )  # queued to the GUI thread: polling may start, the restore goes first

    # -- recording (GUI thread: queue puts only) ------------------------------------------------------
    def on_batch(self, batch: Batch, keep: Callable[[str], bool] | None = None) -> None:
        snaps = batch.snapshots if keep is None else [s for s in batch.snapshots if keep(s.key)]
        report = batch.extra if isinstance(batch.extra, FaultReport) else None
        events = [event_in(e) for e in report.events] if report is not None else []
        kept = None
        open_faults = None
        if batch.sweep_done and report is not None:
            kept = [from_active(r) for r in report.records]
            open_faults = sum(1 for r in report.records if not r.snoozed(report.now))
        self.recorder.add_batch(
            snaps, sweep_done=batch.sweep_done, events=events, kept=kept, open_faults=open_faults
        )

    def add_note(self, key: str, text: str, *, kind: str = "note") -> EventIn:
        import time

        event = EventIn(time.time(), key, kind, detail=text, operator=operator_name())
        self.recorder.add_events([event])
        self.recorder.call(lambda _store: emit_on_gui(self.recorded))
        return event

    # -- queries -------------------------------------------------------------------------------------
    def query(self, fn: QueryFn) -> int:
        qid = next(self._ids)
        self.pool.start(_Query(self.path, fn, qid, self._carrier))
        return qid
