"""The window's optional Prometheus endpoint (RIG_MONITOR_METRICS): every miner, from the
window's own batches."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from rig_monitor.core.config import AppConfig
from rig_monitor.core.engine.engine import EngineConfig
from rig_monitor.gui.main_window import MainWindow
from rig_monitor.gui.metrics import export_from_window
from tests.gui.fakes import FakeFleet, target_list

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def test_window_exports_every_miner(qtbot: Any, tmp_path: Path) -> None:
    targets = target_list(60)
    fake = FakeFleet(targets)
    win = MainWindow(
        targets,
        config=AppConfig(targets=[str(t) for t in targets], interval_s=3600),
        poll=fake.poll,
        engine_config=EngineConfig(batch_interval_s=0.05, poll_budget_s=5.0),
        config_path=tmp_path / "config.json",
    )
    qtbot.addWidget(win)
    server = export_from_window(win.bridge, "127.0.0.1:0")
    assert server is not None and server.host == "127.0.0.1"
    try:
        win.start()
        qtbot.waitUntil(lambda: win.sweeps_seen >= 1, timeout=15_000)
        text = httpx.get(f"http://127.0.0.1:{server.port}/metrics", timeout=5).text
    finally:
        win.shutdown()
        server.stop()
    up = {
        s.labels["ip"]: s.value
        for fam in text_string_to_metric_families(text)
        for s in fam.samples
        if s.name == "rig_monitor_miner_up"
    }
    assert set(up) == {t.ip for t in targets}
    assert sum(up.values()) == fake.expected()["online"]


def test_window_without_the_variable_exports_nothing(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RIG_MONITOR_METRICS", raising=False)
    win = MainWindow([], config=AppConfig(), config_path=tmp_path / "c.json")
    qtbot.addWidget(win)
    assert export_from_window(win.bridge) is None
    assert export_from_window(win.bridge, "127.0.0.1:notaport") is None  # logged, window goes on
    win.shutdown()
