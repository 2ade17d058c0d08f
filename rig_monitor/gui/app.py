"""Entry points for the desktop app: :func:`run_app` (the operator's fleet) and :func:`run_demo`.

Both honour ``RIG_MONITOR_AUTOQUIT_MS`` (quit after that many milliseconds; the packaging smoke test
uses it) and return the Qt exit code.
"""

from __future__ import annotations

import logging
import os
import re
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QApplication

from rig_monitor.core.config import AppConfig, load_config, tidy
from rig_monitor.core.engine.engine import EngineConfig, PollFn
from rig_monitor.core.faults import FaultTracker, Thresholds
from rig_monitor.core.faults.stage import FaultStage
from rig_monitor.core.history import default_path as history_path
from rig_monitor.core.model import Target
from rig_monitor.core.paths import config_dir, data_dir
from rig_monitor.gui.collector import GuiCollector
from rig_monitor.gui.crash import CrashReporter
from rig_monitor.gui.main_window import MainWindow, app_icon
from rig_monitor.gui.thread_hop import emit_on_gui, make_hop
from rig_monitor.gui.thresholds_dialog import effective_language

if TYPE_CHECKING:
    from rig_monitor.sim import SimFleetThread

log = logging.getLogger(__name__)

AUTOQUIT_ENV = "RIG_MONITOR_AUTOQUIT_MS"
APP_NAME = "Rig Monitor"


def _application(argv: list[str] | None) -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("rig-monitor")
    app.setDesktopFileName("rig-monitor")
    app.setWindowIcon(app_icon())
    make_hop()  # worker threads' signals reach the GUI through it: made here, on the GUI thread
    global _GC
    _GC = collect_on_gui_thread(freeze=True)
    return app


_GC: GuiCollector | None = None


def collect_on_gui_thread(*, freeze: bool = False) -> GuiCollector:
    """Python's cycle collector, moved onto the GUI thread's timer (see gui/collector.py).

    Left automatic, it runs on whichever thread happens to allocate: the engine's reader, a history
    query worker, the scan thread. Collecting a cycle there that holds a dead widget or dialog
    makes Qt destroy it off the GUI thread, which can deadlock the window (seen in the GUI tests as
    a hang no timeout could break). ``freeze`` (the app) keeps every collection short by freezing
    what survives the young generation; the tests collect the classic way.
    """
    return GuiCollector(freeze=freeze)


def _autoquit(app: QApplication) -> None:
    raw = os.environ.get(AUTOQUIT_ENV, "").strip()
    if not raw:
        return
    try:
        ms = int(raw)
    except ValueError:
        log.warning("%s=%r is not a number of milliseconds; ignored", AUTOQUIT_ENV, raw)
        return
    QTimer.singleShot(max(0, ms), app.quit)


def view_settings() -> QSettings:
    """Window geometry and header state, next to config.json (an INI file, read at start-up)."""
    return QSettings(str(config_dir() / "window.ini"), QSettings.Format.IniFormat)


def _names_files(entry: str) -> bool:
    return any(tok.startswith("@") for tok in entry.replace(",", " ").split())


class SavedFileTargets(QObject):
    """Reads the saved ``@file`` entries on a helper thread (a slow share, a FIFO, a huge file
    must not hold the GUI thread) and adds what they name to the window, without saving."""

    loaded = Signal(object)

    def __init__(self, window: MainWindow, entries: list[str]) -> None:
        super().__init__(window)
        self._entries = entries
        self.loaded.connect(lambda targets: window.add_targets(targets, save=False))

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self._read, name="rig-monitor-saved-files", daemon=True)
        thread.start()
        return thread

    def _read(self) -> None:
        emit_on_gui(self.loaded, saved_targets(AppConfig(targets=self._entries)))


def saved_targets(config: AppConfig) -> list[Target]:
    """The config's targets; an entry that no longer parses is skipped with a warning."""
    from rig_monitor.core.targets import parse_targets

    out: dict[str, Target] = {}
    for entry in config.targets:
        try:
            for t in parse_targets(entry):
                out.setdefault(t.key, t)
        except ValueError as exc:
            log.warning("skipping saved target %r: %s", entry, exc)
    return list(out.values())


def fault_stage(language: str | None = None) -> FaultStage:
    """Fault evaluation and fleet diagnosis for the engine's ``post_process`` hook.

    Start-up reads the catalogue (in ``language``) and ``thresholds.json`` here; the tracker is
    created on the engine thread on first use, and each batch returns a ``FaultReport`` that
    travels with the batch to the window (see fault_stage.py). A rule bug is logged, never raised.
    """

    def make_tracker(thresholds: Thresholds) -> FaultTracker:
        return FaultTracker(thresholds)  # looked up at call time (tests patch it)

    return FaultStage.load(language, tracker_factory=make_tracker)


def _quit_on_signals(app: QApplication) -> Callable[[], None]:
    """Ctrl+C (SIGINT) and SIGTERM quit through the normal shutdown (engine stopped, its queues
    and semaphores released, config flushed) instead of being ignored while Qt's loop runs, or
    killing the process mid-write. Returns the function that restores the previous handlers."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}

    def on_signal(signum: int, _frame: object) -> None:
        log.info("signal %d: quitting", signum)
        app.quit()

    for sig in previous:
        signal.signal(sig, on_signal)
    # Python runs signal handlers only when it gets control: give it some every 200 ms.
    tick = QTimer(app)
    tick.timeout.connect(lambda: None)
    tick.start(200)

    def restore() -> None:
        tick.stop()
        tick.deleteLater()
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    return restore


def _run(window: MainWindow, app: QApplication, cleanup: Callable[[], None] | None = None) -> int:
    # Without a tray the window is the app: closing it must quit (the default, kept explicit).
    app.setQuitOnLastWindowClosed(window.tray is None)
    app.aboutToQuit.connect(window.shutdown)
    window.show()
    window.start()
    _autoquit(app)
    restore = _quit_on_signals(app)
    try:
        return app.exec()
    finally:
        restore()
        app.aboutToQuit.disconnect(window.shutdown)
        window.shutdown()
        window.hide()
        window.wait_stopped()  # the window is gone: nobody waits on the GUI thread now
        window.deleteLater()
        if cleanup is not None:
            cleanup()


def run_app(
    targets: list[Target] | None = None,
    *,
    argv: list[str] | None = None,
    poll: PollFn | None = None,
) -> int:
    """Open the fleet window. ``targets=None`` polls the saved targets; given targets are added
    to the saved ones (and saved). Returns the exit code."""
    app = _application(argv)
    app_logging()
    tidy()  # temp files a killed writer left behind
    config = load_config()  # once, before the window shows
    files = [e for e in config.targets if _names_files(e)]
    addresses = AppConfig(targets=[e for e in config.targets if not _names_files(e)])
    window = MainWindow(
        saved_targets(addresses),  # no disk I/O: addresses, ranges, CIDRs
        config=config,
        poll=poll,
        settings=view_settings(),
        post_process=fault_stage(effective_language(config.language)),
        history_path=history_path(),
        # engine_early=True would spawn the engine's child while the window is built: measured
        # on a busy 2-core host it showed the window later and the first rows no sooner
        # (docs/performance.md, "Launch, fourth pass"); off until a quiet host says otherwise
    )
    if files:
        SavedFileTargets(window, files).start()
    if targets:
        window.add_targets(targets)  # new ones join the saved list (written off the GUI thread)
    from rig_monitor.gui.metrics import export_from_window

    export_from_window(window.bridge)  # only with RIG_MONITOR_METRICS=HOST:PORT
    return _run(window, app)


def _demo_addressing() -> tuple[str, bool]:
    """macOS only routes 127.0.0.1, so the demo puts each miner on its own port there."""
    if sys.platform == "darwin":
        return "127.0.0.1", True
    return "127.1.0.1", False


@dataclass(slots=True)
class DemoSession:
    """A simulated fleet serving on its own thread, and a window (not shown yet) watching it."""

    window: MainWindow
    sim: SimFleetThread

    def close(self) -> None:
        self.window.shutdown()
        self.window.wait_stopped()
        self.sim.stop()


class DemoError(RuntimeError):
    """The demo could not start (its loopback addresses and ports are taken): a message, no
    traceback."""


DEMO_ATTEMPTS = 5
_LISTEN_AT = re.compile(r"on (\d+\.\d+\.\d+\.\d+):(\d+)")


def _who_listens(ip: str, port: int) -> str | None:
    """ "cgminer (pid 31402)" for the process listening on ``ip:port`` (or on every address)."""
    try:
        import psutil

        for conn in psutil.net_connections(kind="tcp"):
            laddr = conn.laddr
            if (
                conn.status == psutil.CONN_LISTEN
                and laddr
                and laddr.port == port
                and laddr.ip in (ip, "0.0.0.0", "::")
            ):
                if conn.pid is None:
                    return "another program"
                return f"{psutil.Process(conn.pid).name()} (pid {conn.pid})"
    except Exception:  # no permission to see other users' sockets, or the process just ended
        return None
    return None


def _in_the_way(exc: OSError) -> str:
    text = str(exc.strerror or exc)
    m = _LISTEN_AT.search(text)
    if m is None:
        return text
    ip, port = m.group(1), int(m.group(2))
    who = _who_listens(ip, port)
    holder = f"by {who}" if who else "by another program (another demo or `rig-monitor simulate`?)"
    return f"{ip}:{port} is in use {holder}"


def _free_port(ip: str) -> int:
    import socket

    with socket.socket() as sock:
        sock.bind((ip, 0))
        return int(sock.getsockname()[1])


def start_demo(
    count: int = 200,
    *,
    faults_pct: float = 8.0,
    seed: int = 1,
    base: str | None = None,
    port: int = 4028,
    interval_s: float = 10.0,
) -> DemoSession:
    """Start the simulator and build the demo window (needs a QApplication; saves nothing).

    When the addresses are taken (another demo, ``simulate``, a local cgminer) the demo moves to
    a free loopback block and free ports and says what was in the way; :class:`DemoError` when
    no attempt works."""
    import errno
    import random

    from rig_monitor.sim import SimFleet, SimFleetThread
    from rig_monitor.sim.miner import DEFAULT_WEB_PORT

    default_base, single_ip = _demo_addressing()
    rng = random.Random(os.getpid())
    first = base or default_base
    attempts = [(first, port, DEFAULT_WEB_PORT)]
    for _ in range(DEMO_ATTEMPTS - 1):
        block = first if single_ip else f"127.{rng.randrange(100, 250)}.{rng.randrange(250)}.1"
        attempts.append((block, _free_port(block), _free_port(block)))
    in_the_way: str | None = None
    for block, rpc_port, web_port in attempts:
        fleet = SimFleet.build(
            base=block,
            count=count,
            faults_pct=faults_pct,
            seed=seed,
            port=rpc_port,
            web_port=web_port,
            single_ip=single_ip,
        )
        sim = SimFleetThread(fleet)
        try:
            sim.start()
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                raise DemoError(f"cannot start the demo: {exc}") from None
            in_the_way = in_the_way or _in_the_way(exc)
            continue
        break
    else:
        raise DemoError(
            f"cannot start the demo: {in_the_way}, and {DEMO_ATTEMPTS - 1} other loopback "
            "addresses and ports were taken too; stop the other demo or simulator"
        )
    where = f"{fleet.miners[0].ip}:{fleet.miners[0].port}" if fleet.miners else block
    if in_the_way:
        note = f"{in_the_way}; the demo listens on {where} instead"
        log.debug("%s", note)
        print(f"rig-monitor demo: {note}", file=sys.stderr, flush=True)
    print(
        f"rig-monitor demo: {count:,} simulated miners from {where} (Ctrl+C or close the window "
        "to stop)",
        file=sys.stderr,
        flush=True,
    )
    try:
        window = MainWindow(
            fleet.targets,
            config=AppConfig(interval_s=interval_s),
            engine_config=EngineConfig(poll_budget_s=5.0),
            persist=False,
            post_process=fault_stage(effective_language(None)),
            title=f"Rig Monitor — demo ({count:,} simulated miners)",
            history_path=data_dir() / "demo-history.db",
        )
    except BaseException:
        sim.stop()
        raise
    return DemoSession(window, sim)


def run_demo(
    count: int = 200,
    *,
    faults_pct: float = 8.0,
    seed: int = 1,
    argv: list[str] | None = None,
    base: str | None = None,
    port: int = 4028,
) -> int:
    """Start ``count`` simulated miners in-process and show them. Returns the exit code."""
    app = _application(argv)
    app_logging()
    try:
        demo = start_demo(count, faults_pct=faults_pct, seed=seed, base=base, port=port)
    except DemoError as exc:
        print(f"rig-monitor demo: error: {exc}", file=sys.stderr)
        return 1
    return _run(demo.window, app, cleanup=demo.sim.stop)


def app_logging(level: int = logging.INFO) -> CrashReporter:
    """Redacted, rotated logs in the log folder, and the crash reporter (see gui/crash.py)."""
    from rig_monitor.core.logsafe import setup_logging

    reporter = CrashReporter(setup_logging(level))
    reporter.install()
    return reporter


def main() -> int:
    """``rig-monitor-gui``: open the window on the saved fleet."""
    return run_app(argv=sys.argv)
