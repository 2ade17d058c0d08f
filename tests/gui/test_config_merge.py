"""The window writes only what it changed: a site the CLI saved meanwhile is kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rig_monitor.core.config import AppConfig, load_config, save_config, update_config
from rig_monitor.core.model import Target
from rig_monitor.gui.main_window import MainWindow


def test_window_saves_merge_with_what_the_cli_saved(qtbot: Any, tmp_path: Path) -> None:
    path = tmp_path / "config.json"
    save_config(AppConfig(targets=["127.0.0.1"], sites={"a": ["127.0.0.0/30"]}), path)
    config = load_config(path)
    win = MainWindow([Target("127.0.0.1")], config=config, config_path=path, use_tray=False)
    qtbot.addWidget(win)
    # the CLI saves a site (and a miner) while the window is open
    update_config(lambda c: c.sites.__setitem__("from-cli", ["127.5.0.0/24"]), path)
    update_config(lambda c: c.targets.append("127.0.0.9"), path)
    win.add_targets([Target("127.0.0.2")])
    win._save_site("from-window", ["127.6.0.0/24"])
    assert win._saver.wait()
    disk = load_config(path)
    assert set(disk.sites) == {"a", "from-cli", "from-window"}
    assert disk.targets == ["127.0.0.1", "127.0.0.9", "127.0.0.2"]
    win.remove_keys([Target("127.0.0.1").key])
    assert win._saver.wait()
    assert load_config(path).targets == ["127.0.0.9", "127.0.0.2"]
    win.shutdown()
