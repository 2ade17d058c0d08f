"""``rig-monitor serve``: headless monitoring with a Prometheus endpoint and alert channels.

Runs until SIGTERM or SIGINT (Ctrl-C), then stops the engine, gives the channels a moment and
exits 0 — within 10 s, as systemd and the Windows service wrapper expect. Logs go to a rotating
file in the log folder (``--log-file``) and to standard error.
"""

from __future__ import annotations

import argparse
import json
import logging
import logging.handlers
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any, TextIO

from rig_monitor.cli import EXIT_USAGE, _targets, with_targets
from rig_monitor.core.targets import TargetError

log = logging.getLogger("rig_monitor.serve")

LOG_BYTES = 5 * 1024 * 1024
LOG_BACKUPS = 5


def setup_logging(path: Path, level: str) -> logging.Handler:
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(getattr(logging, level.upper(), logging.INFO))
    root.addHandler(handler)
    err = logging.StreamHandler(sys.stderr)
    err.setFormatter(logging.Formatter("rig-monitor serve: %(levelname)s: %(message)s"))
    err.setLevel(logging.WARNING)
    root.addHandler(err)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its INFO lines carry full URLs
    return handler


def _fail(message: str) -> int:
    print(f"rig-monitor serve: error: {message}", file=sys.stderr)
    return EXIT_USAGE


class MetricsBinder:
    """Binds the exporter; when the port is taken, says so and retries in the background while
    polling and alerting go on."""

    def __init__(self, server: Any, retry_s: float, stop: threading.Event) -> None:
        self.server = server
        self.retry_s = retry_s
        self._stop = stop
        self.bound = False

    def try_bind(self) -> bool:
        try:
            self.server.start()
        except OSError as exc:
            log.error(
                "cannot listen on %s:%d for --metrics (%s); polling goes on, retrying every %g s",
                self.server.host,
                self.server.port,
                exc.strerror or exc,
                self.retry_s,
            )
            return False
        self.bound = True
        print(
            f"metrics: http://{self.server.host}:{self.server.port}/metrics",
            file=sys.stderr,
            flush=True,
        )
        return True

    def retry_until_bound(self) -> None:
        while not self.bound and not self._stop.wait(self.retry_s):
            self.try_bind()


def _recorder(args: argparse.Namespace, stage: Any) -> Any:
    """``--record`` (or ``--db PATH``, which implies it): the history recorder, started, with the
    faults kept from the last run handed to the stage before the first sweep. A database that
    cannot be used is logged and serving goes on without history."""
    if not (args.record or args.db):
        return None
    from rig_monitor.cli.history import _db
    from rig_monitor.core.history import HistoryRecorder
    from rig_monitor.core.history.kept import to_active

    def problem(text: str | None) -> None:
        if text:
            log.error("history: %s", text)
        else:
            log.info("history: recording again")

    rec = HistoryRecorder(_db(args), source="serve", on_problem=problem)
    rec.start()
    if rec.wait_ready() and rec.kept:
        stage.restore([to_active(k) for k in rec.kept])
        log.info("history: %d open fault(s) kept from the last run", len(rec.kept))
    if not rec.available:
        log.error("history: not recording (%s); serving goes on", rec.problem or "unusable")
        rec.close()
        return None
    print(f"history: recording into {rec.path}", file=sys.stderr, flush=True)
    return rec


def cmd_serve(args: argparse.Namespace, out: TextIO) -> int:
    from rig_monitor.core.config import load_config
    from rig_monitor.core.credentials import site_groups
    from rig_monitor.core.engine.engine import EngineConfig
    from rig_monitor.core.faults.stage import FaultStage
    from rig_monitor.core.model import Ports
    from rig_monitor.core.notify.channels import WebhookChannel
    from rig_monitor.core.notify.config import ChannelConfigError, channels_from
    from rig_monitor.core.notify.dispatcher import Notifier
    from rig_monitor.core.paths import log_dir
    from rig_monitor.core.serve.metrics import FleetCollector, MetricsServer, parse_listen
    from rig_monitor.core.serve.service import ServeService
    from rig_monitor.core.serve.settings import SettingsError, load_settings

    try:
        settings = load_settings(Path(args.config) if args.config else None)
    except SettingsError as exc:
        return _fail(str(exc))
    args.targets = [*settings.targets, *args.targets]
    args.site = [*settings.sites, *(args.site or [])]
    try:
        targets = _targets(args)
    except TargetError as exc:
        return _fail(str(exc))
    if args.web_port != 80 or args.v3_port != 4433:
        ports = Ports(web=args.web_port, whatsminer_v3=args.v3_port)
    else:
        ports = None
    site = args.site_label or settings.site or (args.site[0] if len(args.site) == 1 else "local")
    groups = site_groups({k: v for k, v in load_config().sites.items() if k in args.site})
    interval = args.interval if args.interval is not None else (settings.interval_s or 30.0)
    if interval < 1.0:
        return _fail("--interval must be at least 1 second")

    notifier = Notifier()
    try:
        for channel, policy in channels_from(settings.channels):
            notifier.add(channel, policy)
    except ChannelConfigError as exc:
        return _fail(str(exc))
    if args.webhook:
        if not args.webhook.startswith(("http://", "https://")):
            return _fail(f"--webhook {args.webhook!r}: expected an http:// or https:// URL")
        url = args.webhook
        notifier.add(WebhookChannel("webhook", lambda: url))

    metrics_at = args.metrics or settings.metrics
    server = None
    collector = FleetCollector(site, notifier.counters)
    if metrics_at:
        try:
            host, port = parse_listen(metrics_at)
        except ValueError as exc:
            return _fail(f"--metrics {exc}")
        server = MetricsServer(collector, host, port)

    log_path = Path(args.log_file) if args.log_file else log_dir() / "serve.log"
    try:
        handler = setup_logging(log_path, args.log_level)
    except OSError as exc:
        return _fail(f"cannot write the log file {log_path}: {exc.strerror or exc}")

    stop = threading.Event()

    def on_signal(signum: int, _frame: object) -> None:
        log.info("signal %d: stopping", signum)
        stop.set()

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, on_signal)

    def on_sweep(view: Any) -> None:
        online = sum(1 for s in view.snapshots if s.online)
        line = {
            "sweep": view.sweep,
            "t": round(view.sweep_finished or time.time(), 3),
            "polled": view.polled,
            "online": online,
            "miners": len(view.snapshots),
            "faults": len(view.faults),
            "incidents": len(view.incidents),
            "duration_s": round(view.sweep_duration_s or 0.0, 3),
        }
        log.info("sweep %(sweep)d: %(online)d/%(miners)d online, %(faults)d faults", line)
        if args.json:
            out.write(json.dumps(line) + "\n")
            out.flush()
        if args.sweeps is not None and view.sweep >= args.sweeps:
            stop.set()

    stage = FaultStage.load(settings.language)
    recorder = _recorder(args, stage)
    config = EngineConfig(
        interval_s=interval,
        poll_budget_s=2 * args.timeout + 1.0,
        concurrency=args.concurrency,
    )
    service = ServeService(
        targets,
        site=site,
        config=config,
        ports=ports,
        stage=stage,
        notifier=notifier,
        collector=collector,
        sites=groups,
        on_sweep=on_sweep,
        recorder=recorder,
    )
    log.info(
        "serve: %d targets, site %s, every %g s, channels: %s, log %s, history: %s",
        len(targets),
        site,
        interval,
        ", ".join(notifier.channels) or "none",
        log_path,
        "off" if recorder is None else recorder.path,
    )
    binder = None
    if server is not None:
        binder = MetricsBinder(server, args.metrics_retry, stop)
        if not binder.try_bind():
            threading.Thread(
                target=binder.retry_until_bound, name="metrics-bind", daemon=True
            ).start()
    service.start()
    print(
        f"serving {len(targets)} miners (site {site}); log: {log_path}; stop with Ctrl-C or SIGTERM",
        file=sys.stderr,
        flush=True,
    )
    try:
        while not stop.wait(0.5):
            pass
    finally:
        t0 = time.monotonic()
        service.stop(timeout=7.0)
        if server is not None:
            server.stop()
        log.info("stopped in %.1f s", time.monotonic() - t0)
        logging.getLogger().removeHandler(handler)
        handler.close()
    return 0


def register(sub: Any) -> None:
    sp = sub.add_parser(
        "serve",
        help="monitor without a window: Prometheus /metrics, alerts by email/Telegram/webhook",
    )
    with_targets(sp, json_help="one JSON line per complete sweep on standard output")
    sp.add_argument(
        "--config", metavar="FILE", help="serve settings (default <config dir>/serve.json)"
    )
    sp.add_argument(
        "--interval", type=float, default=None, help="seconds between sweep starts (default 30)"
    )
    sp.add_argument(
        "--metrics",
        metavar="HOST:PORT",
        help="serve Prometheus metrics here (host defaults to 127.0.0.1; e.g. :9808)",
    )
    sp.add_argument(
        "--metrics-retry",
        type=float,
        default=10.0,
        metavar="S",
        help="when the metrics port is taken, try again every S seconds (default 10)",
    )
    sp.add_argument(
        "--webhook", metavar="URL", help='POST {"events": [...]} JSON here on every alert'
    )
    sp.add_argument(
        "--site-label", metavar="NAME", help="the site label on every metric (default: the --site)"
    )
    sp.add_argument("--log-file", metavar="PATH", help="default <log dir>/serve.log (rotated)")
    sp.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    sp.add_argument("--sweeps", type=int, default=None, help="stop after N sweeps (tests, cron)")
    sp.add_argument(
        "--record",
        action="store_true",
        help="write every sweep, fault event and kept fault into the history database",
    )
    sp.add_argument(
        "--db", metavar="PATH", help="history database to record into (implies --record)"
    )
    sp.set_defaults(func=cmd_serve)
