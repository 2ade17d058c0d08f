"""The real demo path: simulator + real poller + engine thread + window, over 127.77.x.y only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from rig_monitor.core.engine.engine_process import EngineProcess
from rig_monitor.gui import app as gui_app
from rig_monitor.gui.fleet import RowState
from rig_monitor.gui.fleet_model import Col
from tests.gui.child import run_child

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def test_demo_fleet_fills_the_table(qtbot: Any) -> None:
    demo = gui_app.start_demo(20, faults_pct=0.0, seed=3, base="127.77.0.1", port=24028)
    try:
        win = demo.window
        qtbot.addWidget(win)
        assert isinstance(win.engine, EngineProcess)  # real polling runs in a child process
        assert win.model.rowCount() == 20
        win.show()
        win.start()

        def all_hashing() -> bool:
            rows = win.model.rows()
            return all(r.state is RowState.OK for r in rows) and all(
                win.model.index(i, Col.HASHRATE).data().endswith("H/s") for i in range(len(rows))
            )

        qtbot.waitUntil(all_hashing, timeout=30_000)
        assert win.sweeps_seen >= 1
        assert "20 online" in win.totals.summary()
        assert "0 offline" in win.totals.summary()
        assert all(r.ip.startswith("127.77.") or r.ip == "127.0.0.1" for r in win.model.rows())
        assert all(r.port >= 1024 for r in win.model.rows())
    finally:
        demo.close()
    assert not win.engine.running


def test_run_demo_quits_by_itself(tmp_path: Path) -> None:
    proc = run_child(
        "sys.exit(app.run_demo(3, faults_pct=0.0, base='127.77.1.1', port=24028))", tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    assert "rows ['127.77.1.1:24028', '127.77.1.2:24028', '127.77.1.3:24028']" in proc.stdout
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "config.json").exists()  # the demo saves nothing


def test_a_crashed_engine_process_shows_in_the_status_bar(qtbot: Any) -> None:
    import os
    import signal

    demo = gui_app.start_demo(3, faults_pct=0.0, seed=3, base="127.77.2.1", port=24028)
    try:
        win = demo.window
        qtbot.addWidget(win)
        assert isinstance(win.engine, EngineProcess)
        win.show()
        win.start()
        qtbot.waitUntil(lambda: win.sweeps_seen >= 1, timeout=30_000)
        pid = win.engine.pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        qtbot.waitUntil(
            lambda: "Polling stopped" in win.statusBar().currentMessage(), timeout=10_000
        )
        assert win.engine_label.text() == "Engine stopped"
    finally:
        demo.close()
    assert not win.engine.running
