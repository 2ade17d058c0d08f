from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rig_monitor.gui.app import collect_on_gui_thread


@pytest.fixture(autouse=True)
def _private_config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never read or write the real user's config from a GUI test."""
    path = tmp_path / "config"
    monkeypatch.setenv("RIG_MONITOR_CONFIG_DIR", str(path))
    return path


@pytest.fixture(autouse=True, scope="package")
def _collect_on_gui_thread(qapp: Any) -> Iterator[None]:
    """As in the app: cycles are collected on the GUI thread only, never on a worker thread that
    would then destroy a leftover widget off the GUI thread (a deadlock, see gui/app.py)."""
    collector = collect_on_gui_thread()
    yield
    # Order matters: the timer's wrapper must go while collection is still off (its disconnect
    # holds a Qt lock that a collection destroying widgets would wait on), then collect here.
    collector.timer.stop()
    del collector
    gc.collect()
    gc.enable()
