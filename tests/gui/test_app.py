"""``run_app`` end to end in a child process: saved targets, extra targets, autoquit, view state."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from rig_monitor.core.config import AppConfig, save_config
from rig_monitor.gui import app as gui_app
from tests.gui.child import run_child
from tests.gui.fakes import snapshot, target_list


def test_run_app_merges_targets_saves_and_quits(tmp_path: Path) -> None:
    cfg_dir = tmp_path / "cfg"
    # nothing listens on these ports: the miners show as offline ("refused"), quickly
    save_config(
        AppConfig(targets=["127.77.2.1:24999", "not an address"], interval_s=60),
        cfg_dir / "config.json",
    )
    proc = run_child(
        "sys.exit(app.run_app([Target('127.77.2.2', 24999), Target('127.77.2.1', 24999)]))",
        cfg_dir,
    )
    assert proc.returncode == 0, proc.stderr
    assert "rows ['127.77.2.1:24999', '127.77.2.2:24999']" in proc.stdout
    assert "interval 60" in proc.stdout
    assert "skipping saved target 'not an address'" in proc.stderr
    saved = json.loads((cfg_dir / "config.json").read_text(encoding="utf-8"))
    assert saved["targets"] == ["127.77.2.1:24999", "127.77.2.2:24999"]
    assert saved["interval_s"] == 60
    assert (cfg_dir / "window.ini").is_file()  # geometry and header state, written at exit


def test_fault_stage_sets_faults_and_never_raises(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    stage = gui_app.fault_stage()
    target = target_list(1)[0]
    snaps = []
    for k in range(3):
        snap = snapshot(target, 0)
        snap.fans_rpm = [0, 6000, 6000, 6000]
        snap.timestamp = 1_700_000_000.0 + 30 * k
        stage([snap])
        snaps.append(snap)
    assert "fan_failed" in {f.id for f in snaps[-1].faults}
    healthy = snapshot(target_list(2)[1], 1)
    stage([healthy])
    assert healthy.faults == []

    class Broken:
        def update(self, _snaps: object) -> None:
            raise RuntimeError("rule bug")

    monkeypatch.setattr(gui_app, "FaultTracker", Broken)
    broken = gui_app.fault_stage()
    with caplog.at_level(logging.ERROR):
        broken([snapshot(target, 0)])  # logged, not raised: polling goes on
    assert "fault evaluation failed" in caplog.text


def test_cycles_are_collected_on_the_gui_thread_only(qapp: object) -> None:
    """A collection on a worker thread can destroy a dead widget there and deadlock Qt."""
    import gc
    import threading

    from PySide6.QtCore import QThread

    collector = gui_app.collect_on_gui_thread()
    try:
        assert not gc.isenabled()  # nothing collects on whichever thread allocates
        assert collector.timer.isActive()
        assert collector.timer.thread() is QThread.currentThread()
        assert threading.current_thread() is threading.main_thread()
    finally:
        collector.timer.stop()
