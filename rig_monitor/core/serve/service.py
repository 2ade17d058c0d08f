"""``serve``: the window's engine, fault stage and notifications, with no display.

The engine (:class:`EngineThread`, the same as ``watch`` and the tests of the window use) runs the
shared :class:`FaultStage` as its ``post_process``; this service's ``on_batch`` (engine thread)
keeps the latest snapshot of every miner, hands alert events to the :class:`Notifier` (which only
queues), hands every batch to the history recorder when there is one (``serve --record``; its
writer thread does the disk work), and publishes a new :class:`FleetView` to the exporter when a
sweep is complete.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from rig_monitor.core.engine.engine import Batch, EngineConfig, EngineThread, PollFn
from rig_monitor.core.faults.stage import FaultReport, FaultStage
from rig_monitor.core.history import HistoryRecorder
from rig_monitor.core.history.kept import event_in, from_active
from rig_monitor.core.model import Ports, Target
from rig_monitor.core.notify.dispatcher import Notifier
from rig_monitor.core.notify.events import Alerts
from rig_monitor.core.serve.accumulate import SweepAccumulator
from rig_monitor.core.serve.metrics import FleetCollector, FleetView

log = logging.getLogger(__name__)

SweepHook = Callable[[FleetView], None]


class ServeService:
    def __init__(
        self,
        targets: Iterable[Target],
        *,
        site: str = "local",
        config: EngineConfig | None = None,
        ports: Ports | None = None,
        stage: FaultStage | None = None,
        notifier: Notifier | None = None,
        collector: FleetCollector | None = None,
        sites: Mapping[str, str] | None = None,
        poll: PollFn | None = None,
        on_sweep: SweepHook | None = None,
        recorder: HistoryRecorder | None = None,
    ) -> None:
        self.targets = list(targets)
        self.site = site
        self.stage = stage if stage is not None else FaultStage.load()
        self.notifier = notifier or Notifier()
        self.collector = collector or FleetCollector(site, self.notifier.counters)
        self._on_sweep = on_sweep
        self.recorder = recorder  # started (and its kept faults restored) by the caller
        self._sweeps = SweepAccumulator(self.collector, site, sites)
        self._alerts = Alerts(site=site, models=self._sweeps.models)
        self.sweeps_done = 0
        self.done = threading.Condition()
        self.engine = EngineThread(
            self._on_batch,
            config or EngineConfig(),
            poll=poll,
            post_process=self.stage,
            ports=ports,
        )

    def start(self) -> None:
        self.notifier.start()
        self.engine.start(self.targets)
        log.info("serving %d miners (site %s)", len(self.targets), self.site)

    def stop(self, timeout: float = 8.0) -> None:
        """Engine first (cancels the sweep under way), then the channels get what is left."""
        self.engine.stop(timeout * 0.6)
        self.notifier.stop(timeout * 0.3)
        if self.recorder is not None:
            self.recorder.close(timeout * 0.1)  # what is queued is written; a rollup step waits

    # -- engine thread ----------------------------------------------------------------------------
    def _on_batch(self, batch: Batch) -> None:
        view = self._sweeps.on_batch(batch)  # first: it learns the models alerts name
        if isinstance(batch.extra, FaultReport):
            try:
                self.notifier.submit(self._alerts.from_report(batch.extra))
            except Exception:  # alerting must never stop polling
                log.exception("turning a fault report into alerts failed")
        if self.recorder is not None:
            try:
                self._record(batch)
            except Exception:  # nor must recording
                log.exception("handing a batch to the history recorder failed")
        if view is not None:
            with self.done:
                self.sweeps_done += 1
                self.done.notify_all()
            if self._on_sweep is not None:
                self._on_sweep(view)

    def _record(self, batch: Batch) -> None:
        """Snapshots, fault events and (at a sweep's end) the open faults, as the window records."""
        assert self.recorder is not None
        report = batch.extra if isinstance(batch.extra, FaultReport) else None
        events = [event_in(e) for e in report.events] if report is not None else []
        kept = None
        open_faults = None
        if batch.sweep_done and report is not None:
            kept = [from_active(r) for r in report.records]
            open_faults = sum(1 for r in report.records if not r.snoozed(report.now))
        self.recorder.add_batch(
            batch.snapshots,
            sweep_done=batch.sweep_done,
            events=events,
            kept=kept,
            open_faults=open_faults,
        )

    def wait_sweeps(self, n: int, timeout: float) -> bool:
        """Block until ``n`` sweeps are complete (tests, ``--once``)."""
        with self.done:
            return self.done.wait_for(lambda: self.sweeps_done >= n, timeout)

    def status(self) -> dict[str, Any]:
        return {"sweeps": self.sweeps_done, "channels": self.notifier.counters()}
