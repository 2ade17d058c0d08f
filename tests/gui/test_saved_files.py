"""Saved ``@file`` entries are read off the GUI thread, with the file limits, and not re-saved."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from rig_monitor.core import targets as targets_mod
from rig_monitor.core.config import AppConfig
from rig_monitor.gui.app import SavedFileTargets
from rig_monitor.gui.main_window import MainWindow


def test_saved_files_are_read_on_a_helper_thread(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    listed = tmp_path / "rack.txt"
    listed.write_text("127.0.0.7\n127.0.0.8:4029  # spare\n", encoding="utf-8")
    entries = [f"@{listed}", "@/dev/zero"]
    readers: list[str] = []
    real = targets_mod.read_target_file

    def spy(path: Path, token: str | None = None) -> str:
        readers.append(threading.current_thread().name)
        return real(path, token)

    monkeypatch.setattr(targets_mod, "read_target_file", spy)
    path = tmp_path / "config.json"
    win = MainWindow([], config=AppConfig(targets=entries), config_path=path, use_tray=False)
    qtbot.addWidget(win)
    SavedFileTargets(win, entries).start().join(10)
    qtbot.waitUntil(lambda: win.model.rowCount() == 2, timeout=10_000)
    assert sorted(t.key for t in win.targets) == ["127.0.0.7:4028", "127.0.0.8:4029"]
    assert readers and threading.main_thread().name not in readers
    assert "not a regular file" in caplog.text  # /dev/zero: skipped with a warning, no freeze
    assert win._saver.wait()
    assert not path.exists()  # the entries are already saved as they were typed
    assert win.config.targets == entries
    win.shutdown()
