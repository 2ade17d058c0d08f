"""Prometheus metrics from the window too, when ``RIG_MONITOR_METRICS=HOST:PORT`` is set.

The same exporter as ``serve`` (:class:`FleetCollector` over the last complete sweep), fed from
the window's batch signal on the GUI thread: building a view at the end of a sweep copies two
dicts (no I/O); the HTTP server runs on its own thread. Off unless asked for.
"""

from __future__ import annotations

import logging
import os

from rig_monitor.core.serve.accumulate import SweepAccumulator
from rig_monitor.core.serve.metrics import FleetCollector, MetricsServer, parse_listen
from rig_monitor.gui.bridge import EngineBridge

log = logging.getLogger(__name__)
ENV = "RIG_MONITOR_METRICS"


def export_from_window(bridge: EngineBridge, listen: str | None = None) -> MetricsServer | None:
    """Start the exporter on ``listen`` (default: ``$RIG_MONITOR_METRICS``); None when off or
    when it cannot listen (logged with the reason; the window works on without it)."""
    listen = listen if listen is not None else os.environ.get(ENV)
    if not listen:
        return None
    try:
        host, port = parse_listen(listen)
        collector = FleetCollector(os.environ.get("RIG_MONITOR_SITE", "desktop"))
        server = MetricsServer(collector, host, port)
        server.start()
    except (ValueError, OSError) as exc:
        log.warning("%s=%s: no metrics from the window: %s", ENV, listen, exc)
        return None
    accumulator = SweepAccumulator(collector, collector.site)
    bridge.batch_ready.connect(accumulator.on_batch)
    # Qt keeps no strong reference to a plain object's bound method: the bridge holds both.
    bridge.metrics_export = (server, accumulator)  # type: ignore[attr-defined]
    bridge.destroyed.connect(server.stop)
    return server
