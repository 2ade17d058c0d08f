"""``run_app`` end to end in a child process: saved targets, extra targets, autoquit, view state."""

from __future__ import annotations

import json
from pathlib import Path

from rig_monitor.core.config import AppConfig, save_config
from tests.gui.child import run_child


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
