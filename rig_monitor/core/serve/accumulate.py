"""Batches in, one :class:`FleetView` out per complete sweep: shared by ``serve`` and the window.

Keeps the latest snapshot of every miner (miners skipped while backing off keep their last,
offline one), the last known model of each (so an offline miner's series keeps its labels), and
the fault stage's latest report; call :meth:`on_batch` from whatever thread receives batches.
"""

from __future__ import annotations

from collections.abc import Mapping

from rig_monitor.core import fmt
from rig_monitor.core.engine.engine import Batch
from rig_monitor.core.faults.stage import FaultReport
from rig_monitor.core.model import MinerSnapshot
from rig_monitor.core.serve.metrics import FaultLine, FleetCollector, FleetView, IncidentLine


class SweepAccumulator:
    def __init__(
        self,
        collector: FleetCollector,
        site: str = "local",
        sites: Mapping[str, str] | None = None,
    ) -> None:
        self.collector = collector
        self.site = site
        self._sites = dict(sites or {})
        self._latest: dict[str, MinerSnapshot] = {}
        self._models: dict[str, str] = {}
        self._report: FaultReport | None = None

    @property
    def models(self) -> Mapping[str, str]:
        """Miner key -> last known model (a live view, for the owner's thread only)."""
        return self._models

    def on_batch(self, batch: Batch) -> FleetView | None:
        """Take one batch; publish and return the view when it ends a sweep."""
        for s in batch.snapshots:
            self._latest[s.key] = s
            if s.online and (s.make or s.model):
                self._models[s.key] = fmt.make_model(s)
        for key in batch.removed:
            self._latest.pop(key, None)
        if isinstance(batch.extra, FaultReport):
            self._report = batch.extra
        if not batch.sweep_done:
            return None
        view = self._view(batch)
        self.collector.publish(view)
        return view

    def _view(self, batch: Batch) -> FleetView:
        rep = self._report
        faults: tuple[FaultLine, ...] = ()
        incidents: tuple[IncidentLine, ...] = ()
        if rep is not None:
            faults = tuple(
                FaultLine(r.miner, r.fault.id, str(r.fault.severity))
                for r in rep.records
                if r.miner in self._latest
            )
            incidents = tuple(
                IncidentLine(i.id, str(i.severity), i.scope or "", len(i.miners))
                for i in rep.incidents
            )
        st = batch.sweep
        return FleetView(
            site=self.site,
            snapshots=tuple(self._latest.values()),
            models=dict(self._models),
            faults=faults,
            incidents=incidents,
            sweep=st.sweep,
            sweep_duration_s=st.duration_s,
            sweep_finished=st.finished,
            polled=st.polled,
            skipped_backoff=st.skipped_backoff,
            sites=dict(self._sites),
        )
