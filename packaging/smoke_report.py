"""Smoke-test report for the packaged app, switched on by ``RIG_MONITOR_SMOKE_REPORT=path``.

Only the packaging launcher (``packaging/launcher.py``) loads this; the app itself knows nothing
about it. When the variable is set, the launcher calls :func:`install` before ``cli.main()``, which
wraps three public members of :class:`rig_monitor.gui.main_window.MainWindow` (``__init__``,
``start``, ``shutdown``) and, at shutdown, writes one JSON object to *path*::

    {"ok": true, "miners": 200, "online": 200, "sweeps": 1, "first_paint_s": 0.61, ...}

Times are seconds since the interpreter started running the launcher (``*_s``) and, where the
OS tells, since the process was created (``process_age_at_paint_s``, which includes the
PyInstaller bootloader); ``first_paint_wall`` is the epoch time so an outside script can measure
from its own clock. Nothing is sent anywhere: the file is the only output.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

ENV = "RIG_MONITOR_SMOKE_REPORT"
SWEEP_POLL_MS = 25


def _process_age_s() -> float | None:
    """Seconds since this process was created (Linux: /proc, 10 ms resolution; else psutil)."""
    try:
        if sys.platform.startswith("linux"):
            ticks = os.sysconf("SC_CLK_TCK")
            stat = Path("/proc/self/stat").read_text()
            start = int(stat.rsplit(")", 1)[1].split()[19]) / ticks
            uptime = float(Path("/proc/uptime").read_text().split()[0])
            return round(uptime - start, 3)
        import psutil

        return round(time.time() - psutil.Process().create_time(), 3)
    except Exception:  # measurement only: never break the app over it
        return None


def install(path: str, t0: float) -> None:
    """Arm the report; *t0* is ``time.perf_counter()`` taken first thing in the launcher."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from rig_monitor.gui.main_window import MainWindow

    report: dict[str, Any] = {
        "ok": False,
        "frozen": bool(getattr(sys, "frozen", False)),
        "python": platform.python_version(),
        "platform": sys.platform,
        "argv": sys.argv[1:],
    }
    keep: list[QObject] = []  # Python owners for the filter and the timer

    def since_t0() -> float:
        return round(time.perf_counter() - t0, 3)

    class FirstPaint(QObject):
        def __init__(self, window: QWidget) -> None:
            super().__init__()
            self._window = window
            self._seen = False

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if (
                not self._seen
                and event.type() == QEvent.Type.Paint
                and isinstance(obj, QWidget)
                and obj.window() is self._window
            ):
                self._seen = True
                report["first_paint_event_s"] = since_t0()
                # The whole window paints in one pass; the zero timer fires once it is done.
                QTimer.singleShot(0, self._painted)
            return False

        def _painted(self) -> None:
            report["first_paint_s"] = since_t0()
            report["first_paint_wall"] = time.time()
            report["process_age_at_paint_s"] = _process_age_s()
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)

    orig_init = MainWindow.__init__
    orig_start = MainWindow.start
    orig_shutdown = MainWindow.shutdown

    def __init__(self: MainWindow, *args: Any, **kwargs: Any) -> None:
        orig_init(self, *args, **kwargs)
        report["window_built_s"] = since_t0()
        app = QApplication.instance()
        if app is not None and not keep:
            report["qpa"] = QApplication.platformName()
            flt = FirstPaint(self)
            keep.append(flt)
            app.installEventFilter(flt)

    def start(self: MainWindow) -> None:
        orig_start(self)
        report["polling_started_s"] = since_t0()
        timer = QTimer()
        keep.append(timer)

        def check() -> None:
            if self.sweeps_seen > 0:
                report["first_sweep_s"] = since_t0()
                timer.stop()

        timer.timeout.connect(check)
        timer.start(SWEEP_POLL_MS)

    def shutdown(self: MainWindow) -> None:
        if "written" not in report:
            report["written"] = True
            try:
                _fill(report, self)
            except Exception as exc:  # the report says what went wrong; the app goes on
                report["error"] = f"{type(exc).__name__}: {exc}"
            report["quit_s"] = since_t0()
            _write(path, report)
        orig_shutdown(self)

    MainWindow.__init__ = __init__  # type: ignore[method-assign]
    MainWindow.start = start  # type: ignore[method-assign]
    MainWindow.shutdown = shutdown  # type: ignore[method-assign]


def _fill(report: dict[str, Any], window: Any) -> None:
    from rig_monitor import __version__
    from rig_monitor.core.resources import resource_dir
    from rig_monitor.gui.fleet import compute_totals

    totals = compute_totals(window.model.rows())
    report.update(
        version=__version__,
        window_title=window.windowTitle(),
        miners=totals.miners,
        online=totals.online,
        offline=totals.offline,
        pending=totals.pending,
        with_faults=totals.with_faults,
        hashrate_ths=round(totals.hashrate_ths, 1),
        sweeps=window.sweeps_seen,
        resource_dir=str(resource_dir()),
        models_json=(resource_dir() / "models.json").is_file(),
    )
    report["ok"] = totals.online > 0  # a miner is online only after a successful poll


def _write(path: str, report: dict[str, Any]) -> None:
    tmp = Path(path + ".tmp")
    tmp.write_text(json.dumps(report, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, path)
