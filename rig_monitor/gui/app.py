"""Entry points for the desktop app: :func:`run_app` (the operator's fleet) and :func:`run_demo`.

Both honour ``RIG_MONITOR_AUTOQUIT_MS`` (quit after that many milliseconds; the packaging smoke test
uses it) and return the Qt exit code.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from rig_monitor.core.config import AppConfig, load_config
from rig_monitor.core.engine.engine import EngineConfig, PollFn
from rig_monitor.core.faults import FaultTracker, Thresholds
from rig_monitor.core.faults.stage import FaultStage
from rig_monitor.core.history import default_path as history_path
from rig_monitor.core.model import Target
from rig_monitor.core.paths import config_dir, data_dir
from rig_monitor.gui.main_window import MainWindow, app_icon
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
    return app


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


def _run(window: MainWindow, app: QApplication, cleanup: Callable[[], None] | None = None) -> int:
    # Without a tray the window is the app: closing it must quit (the default, kept explicit).
    app.setQuitOnLastWindowClosed(window.tray is None)
    app.aboutToQuit.connect(window.shutdown)
    window.show()
    window.start()
    _autoquit(app)
    try:
        return app.exec()
    finally:
        app.aboutToQuit.disconnect(window.shutdown)
        window.shutdown()
        window.hide()
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
    config = load_config()  # once, before the window shows
    window = MainWindow(
        saved_targets(config),
        config=config,
        poll=poll,
        settings=view_settings(),
        post_process=fault_stage(effective_language(config.language)),
        history_path=history_path(),
    )
    if targets:
        window.add_targets(targets)  # new ones join the saved list (written off the GUI thread)
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
        self.sim.stop()


def start_demo(
    count: int = 200,
    *,
    faults_pct: float = 8.0,
    seed: int = 1,
    base: str | None = None,
    port: int = 4028,
    interval_s: float = 10.0,
) -> DemoSession:
    """Start the simulator and build the demo window (needs a QApplication; saves nothing)."""
    from rig_monitor.sim import SimFleet, SimFleetThread

    default_base, single_ip = _demo_addressing()
    fleet = SimFleet.build(
        base=base or default_base,
        count=count,
        faults_pct=faults_pct,
        seed=seed,
        port=port,
        single_ip=single_ip,
    )
    sim = SimFleetThread(fleet)
    sim.start()
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
    demo = start_demo(count, faults_pct=faults_pct, seed=seed, base=base, port=port)
    return _run(demo.window, app, cleanup=demo.sim.stop)


def main() -> int:
    """``rig-monitor-gui``: open the window on the saved fleet."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    return run_app(argv=sys.argv)
