"""Closing the window never waits on the engine on the GUI thread."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from rig_monitor.core.config import AppConfig
from rig_monitor.core.engine.engine import EngineConfig
from rig_monitor.core.model import MinerSnapshot, Target
from rig_monitor.gui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def test_close_returns_while_a_stuck_engine_is_still_stopping(qtbot: Any, tmp_path: Path) -> None:
    stuck = threading.Event()
    released = threading.Event()
    finished = threading.Event()

    async def poll(target: Target) -> MinerSnapshot:
        stuck.set()
        released.wait(30)  # a driver blocking the engine's loop (no await: cannot be cancelled)
        finished.set()
        return MinerSnapshot(ip=target.ip, online=True)

    win = MainWindow(
        [Target("127.0.0.1")],
        config=AppConfig(interval_s=3600),
        poll=poll,
        engine_config=EngineConfig(poll_budget_s=60.0),
        config_path=tmp_path / "config.json",
        use_tray=False,
    )
    qtbot.addWidget(win)
    win.show()
    win.start()
    assert stuck.wait(10)
    timer = threading.Timer(3.0, released.set)  # the driver comes back in 3 s
    timer.start()
    win.close()  # a synchronous stop joins the engine thread: it would wait for the driver
    assert not win.isVisible()
    assert not finished.is_set() and win.engine.running  # closed while the engine still runs
    assert win.wait_stopped(20)
    timer.join()
    assert finished.is_set() and not win.engine.running
