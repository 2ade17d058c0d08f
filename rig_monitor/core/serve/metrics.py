"""Prometheus exporter: a custom collector that serves the last COMPLETE sweep.

Why a collector over a published, immutable :class:`FleetView` rather than gauges set as results
arrive: a scrape that lands in the middle of a sweep would then see half the fleet updated and
half not (and miners that left would linger). The engine thread builds a new view when a sweep
ends and swaps one reference; ``collect`` reads that reference once, so every scrape sees exactly
one sweep.

Names follow Prometheus conventions: base units (H/s, °C, W, seconds), ``_total`` for counters.
"""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from prometheus_client import CollectorRegistry, make_wsgi_app
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.exposition import ThreadingWSGIServer
from prometheus_client.registry import Collector

from rig_monitor.core.model import MinerSnapshot

log = logging.getLogger(__name__)

TH = 1e12  # the model keeps TH/s; Prometheus wants base units (H/s)
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 9808  # not taken by a well-known exporter in Prometheus' port allocation list


@dataclass(frozen=True, slots=True)
class FaultLine:
    """One open fault on one miner, as the exporter labels it."""

    miner: str  # miner key, ip:port
    fault: str
    severity: str


@dataclass(frozen=True, slots=True)
class IncidentLine:
    incident: str
    severity: str
    scope: str
    miners: int


@dataclass(frozen=True, slots=True)
class FleetView:
    """Everything one complete sweep says; never mutated once published."""

    site: str
    snapshots: tuple[MinerSnapshot, ...]
    models: Mapping[str, str]  # miner key -> last known model (offline miners keep theirs)
    faults: tuple[FaultLine, ...] = ()
    incidents: tuple[IncidentLine, ...] = ()
    sweep: int = 0
    sweep_duration_s: float | None = None
    sweep_finished: float | None = None
    polled: int = 0
    skipped_backoff: int = 0
    sites: Mapping[str, str] = field(default_factory=dict)  # miner key -> site, when not ``site``


def operator_address(key: str) -> str:
    """ "10.0.0.5:4028" -> "10.0.0.5"; a non-default port stays ("127.1.0.5:24028")."""
    ip, _, port = key.rpartition(":")
    return ip if port == "4028" else key


NotifyStats = Callable[[], Mapping[str, Mapping[str, int]]]


class FleetCollector(Collector):
    """Serves the last published :class:`FleetView` (and the sweep counter) on every scrape."""

    def __init__(self, site: str = "local", notify_stats: NotifyStats | None = None) -> None:
        self._view: FleetView | None = None
        self._sweeps = 0
        self._site = site
        self._notify_stats = notify_stats

    def publish(self, view: FleetView) -> None:
        """Called by the engine thread when a sweep is complete: one reference swap."""
        self._sweeps += 1
        self._view = view

    def version(self) -> tuple[int, tuple[tuple[str, tuple[tuple[str, int], ...]], ...]]:
        """Changes whenever a scrape would: a new sweep, or a notification counter moved."""
        stats = self._notify_stats() if self._notify_stats is not None else {}
        return self._sweeps, tuple(sorted((k, tuple(sorted(v.items()))) for k, v in stats.items()))

    @property
    def view(self) -> FleetView | None:
        return self._view

    @property
    def site(self) -> str:
        return self._site

    def describe(self) -> list[Metric]:
        return []  # register() must not call collect() before the first sweep

    def collect(self) -> Iterator[Metric]:
        view, sweeps = self._view, self._sweeps  # one read: one sweep
        yield from _engine_metrics(view, sweeps, self._site)
        if self._notify_stats is not None:
            yield from _notify_metrics(self._notify_stats())
        if view is not None:
            yield from _fleet_metrics(view)


def _g(name: str, doc: str, labels: list[str], unit: str = "") -> GaugeMetricFamily:
    return GaugeMetricFamily(name, doc, labels=labels, unit=unit)


def _engine_metrics(view: FleetView | None, sweeps: int, site: str) -> Iterator[Metric]:
    c = CounterMetricFamily(
        "rig_monitor_sweeps", "Complete sweeps of the fleet since start.", labels=["site"]
    )
    c.add_metric([site], float(sweeps))
    yield c
    if view is None:
        return
    if view.sweep_duration_s is not None:
        g = _g(
            "rig_monitor_sweep_duration_seconds", "Wall time of the last complete sweep.", ["site"]
        )
        g.add_metric([site], view.sweep_duration_s)
        yield g
    if view.sweep_finished is not None:
        g = _g(
            "rig_monitor_last_sweep_timestamp_seconds",
            "Unix time the last complete sweep ended (alert when it stops moving).",
            ["site"],
        )
        g.add_metric([site], view.sweep_finished)
        yield g
    g = _g("rig_monitor_sweep_miners_polled", "Miners polled in the last complete sweep.", ["site"])
    g.add_metric([site], float(view.polled))
    yield g
    g = _g(
        "rig_monitor_sweep_miners_skipped",
        "Miners not polled in the last sweep because they are offline and backing off.",
        ["site"],
    )
    g.add_metric([site], float(view.skipped_backoff))
    yield g


def _notify_metrics(stats: Mapping[str, Mapping[str, int]]) -> Iterator[Metric]:
    names = {
        "sent": "Notification messages delivered.",
        "failed": "Delivery attempts that failed (each retry counts).",
        "dropped": "Alert events dropped (queue full, retries exhausted, or refused for good).",
    }
    for what, doc in names.items():
        c = CounterMetricFamily(f"rig_monitor_notifications_{what}", doc, labels=["channel"])
        for channel, counts in sorted(stats.items()):
            c.add_metric([channel], float(counts.get(what, 0)))
        yield c


def _fleet_metrics(view: FleetView) -> Iterator[Metric]:
    base = ["ip", "model", "site"]
    up = _g("rig_monitor_miner_up", "1 when the miner answered the last sweep's poll.", base)
    hashrate = _g(
        "rig_monitor_miner_hashrate_hashes_per_second",
        "Current hashrate (the freshest figure the firmware gives).",
        base,
    )
    nominal = _g(
        "rig_monitor_miner_nominal_hashrate_hashes_per_second",
        "Rated hashrate of the model or the firmware's target.",
        base,
    )
    temp = _g("rig_monitor_miner_temperature_celsius", "Temperatures.", [*base, "sensor"])
    power = _g("rig_monitor_miner_power_watts", "Power draw (as reported or estimated).", base)
    fans = _g("rig_monitor_miner_fan_speed_rpm", "Fan speeds.", [*base, "fan"])
    uptime = _g(
        "rig_monitor_miner_uptime_seconds", "Seconds since the mining software started.", base
    )
    poll = _g("rig_monitor_miner_poll_duration_seconds", "Wall time of the last poll.", base)
    fault = _g(
        "rig_monitor_miner_fault_active",
        "Open faults (tracked with dwell and hysteresis): the number of instances (boards) open.",
        [*base, "fault", "severity"],
    )
    b_hash = _g(
        "rig_monitor_board_hashrate_hashes_per_second", "Hashrate per hashboard.", [*base, "board"]
    )
    b_temp = _g(
        "rig_monitor_board_temperature_celsius",
        "Temperatures per hashboard.",
        [*base, "board", "sensor"],
    )
    b_chips = _g("rig_monitor_board_chips", "Chips detected per hashboard.", [*base, "board"])
    b_hw = _g(
        "rig_monitor_board_hardware_errors",
        "Hardware errors per hashboard since the mining software started.",
        [*base, "board"],
    )

    fleet_hash: dict[str, float] = {}
    fleet_power: dict[str, float] = {}
    fleet_state: dict[tuple[str, str], int] = {}
    labels_of: dict[str, list[str]] = {}
    for s in view.snapshots:
        site = view.sites.get(s.key, view.site)
        model = view.models.get(s.key, "")
        lab = [operator_address(s.key), model, site]
        labels_of[s.key] = lab
        up.add_metric(lab, 1.0 if s.online else 0.0)
        state = "online" if s.online else "offline"
        fleet_state[(site, state)] = fleet_state.get((site, state), 0) + 1
        fleet_hash.setdefault(site, 0.0)
        fleet_power.setdefault(site, 0.0)
        if s.poll_ms is not None:
            poll.add_metric(lab, s.poll_ms / 1000.0)
        if not s.online:
            continue
        if s.hashrate_ths is not None:
            hashrate.add_metric(lab, s.hashrate_ths * TH)
            fleet_hash[site] += s.hashrate_ths * TH
        if s.nominal_hashrate_ths is not None:
            nominal.add_metric(lab, s.nominal_hashrate_ths * TH)
        for sensor, value in (
            ("chip_max", s.temp_chip_max_c),
            ("board_max", s.temp_board_max_c),
            ("inlet", s.temp_inlet_c),
            ("outlet", s.temp_outlet_c),
        ):
            if value is not None:
                temp.add_metric([*lab, sensor], value)
        if s.power_w is not None:
            power.add_metric(lab, s.power_w)
            fleet_power[site] += s.power_w
        for i, rpm in enumerate(s.fans_rpm):
            fans.add_metric([*lab, str(i)], float(rpm))
        if s.uptime_s is not None:
            uptime.add_metric(lab, float(s.uptime_s))
        for b in s.boards:
            blab = [*lab, str(b.index)]
            if b.hashrate_ths is not None:
                b_hash.add_metric(blab, b.hashrate_ths * TH)
            if b.temp_chip_c is not None:
                b_temp.add_metric([*blab, "chip"], b.temp_chip_c)
            if b.temp_board_c is not None:
                b_temp.add_metric([*blab, "board"], b.temp_board_c)
            if b.chips is not None:
                b_chips.add_metric(blab, float(b.chips))
            if b.hw_errors is not None:
                b_hw.add_metric(blab, float(b.hw_errors))

    counts: dict[tuple[str, str, str], int] = {}
    for f in view.faults:
        k = (f.miner, f.fault, f.severity)
        counts[k] = counts.get(k, 0) + 1
    for (miner, fid, sev), n in sorted(counts.items()):
        lab = labels_of.get(miner) or [
            operator_address(miner),
            view.models.get(miner, ""),
            view.site,
        ]
        fault.add_metric([*lab, fid, sev], float(n))

    yield from (up, hashrate, nominal, temp, power, fans, uptime, poll, fault)
    yield from (b_hash, b_temp, b_chips, b_hw)

    f_hash = _g("rig_monitor_fleet_hashrate_hashes_per_second", "Sum over online miners.", ["site"])
    f_power = _g("rig_monitor_fleet_power_watts", "Sum over online miners.", ["site"])
    f_miners = _g("rig_monitor_fleet_miners", "Miners by state.", ["site", "state"])
    for site in sorted(fleet_hash):
        f_hash.add_metric([site], fleet_hash[site])
        f_power.add_metric([site], fleet_power[site])
        for state in ("online", "offline"):
            f_miners.add_metric([site, state], float(fleet_state.get((site, state), 0)))
    incidents = _g(
        "rig_monitor_incident_active",
        "Fleet incidents (many miners, one cause): the number of miners involved.",
        ["site", "incident", "severity", "scope"],
    )
    for inc in view.incidents:
        incidents.add_metric([view.site, inc.incident, inc.severity, inc.scope], float(inc.miners))
    yield from (f_hash, f_power, f_miners, incidents)


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # no line per scrape
        pass


class _RenderOnce:
    """WSGI middleware: one rendering per sweep, whoever scrapes.

    prometheus_client's text formatting costs ~0.2 ms per miner (benchmarks/metrics.py: about a
    second for 5,000 miners), and it holds the GIL the engine thread needs. Two Prometheus
    servers (an HA pair) or a scrape interval shorter than the sweep interval would pay it again
    for the same sweep; this keeps the last response and serves it until the data changes.
    """

    def __init__(self, collector: FleetCollector, registry: CollectorRegistry) -> None:
        self._app = make_wsgi_app(registry)
        self._collector = collector
        self._lock = threading.Lock()
        self._key: object = None
        self._response: tuple[str, list[tuple[str, str]], bytes] | None = None
        self.renders = 0

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        if environ.get("REQUEST_METHOD") != "GET" or environ.get("QUERY_STRING"):
            return list(self._app(environ, start_response))
        key = (
            self._collector.version(),
            environ.get("HTTP_ACCEPT"),
            environ.get("HTTP_ACCEPT_ENCODING"),
        )
        with self._lock:  # concurrent scrapes of one sweep wait for one rendering
            if key != self._key or self._response is None:
                got: dict[str, Any] = {}

                def capture(status: str, headers: list[tuple[str, str]], exc: Any = None) -> None:
                    got["status"], got["headers"] = status, headers

                body = b"".join(self._app(environ, capture))
                self._response = (got["status"], list(got["headers"]), body)
                self._key = key
                self.renders += 1
            status, headers, body = self._response
        start_response(status, headers)
        return [body]


class MetricsServer:
    """The /metrics endpoint on its own thread (prometheus_client's WSGI app, threaded server)."""

    def __init__(
        self, collector: FleetCollector, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT
    ) -> None:
        self.registry = CollectorRegistry(auto_describe=False)
        self.registry.register(collector)
        self.app = _RenderOnce(collector, self.registry)
        self.host, self.port = host, port
        self._server: WSGIServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Bind and serve; raises ``OSError`` (e.g. address in use) for the caller to explain."""
        infos = socket.getaddrinfo(
            self.host, self.port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
        family, _, _, _, sockaddr = infos[0]

        class Server(ThreadingWSGIServer):
            address_family = family

        server = make_server(str(sockaddr[0]), self.port, self.app, Server, handler_class=_Quiet)
        self._server = server
        self.port = int(server.server_port)
        self._thread = threading.Thread(
            target=server.serve_forever, name="rig-monitor-metrics", daemon=True
        )
        self._thread.start()
        log.info("metrics on http://%s:%d/metrics", self.host, self.port)

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None


def parse_listen(text: str) -> tuple[str, int]:
    """ "HOST:PORT", ":PORT" or "PORT" -> (host, port); the host defaults to loopback."""
    host, sep, port_text = text.rpartition(":")
    if not sep:
        host, port_text = "", text
    host = host.strip("[]") or DEFAULT_HOST
    try:
        port = int(port_text)
    except ValueError:
        raise ValueError(f"{text!r}: expected HOST:PORT, e.g. 127.0.0.1:{DEFAULT_PORT}") from None
    if not 0 <= port <= 65535:
        raise ValueError(f"{text!r}: port must be 0..65535")
    return host, port
