"""``MainWindow(engine_early=True)`` (issue 15): the engine's child is spawned while the window is
built and polls from ``start()`` on; the kept faults still reach its stage before the first batch
is judged."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from rig_monitor.core.config import AppConfig
from rig_monitor.core.engine.engine import EngineConfig
from rig_monitor.core.engine.engine_process import EngineProcess
from rig_monitor.core.faults.stage import FaultStage
from rig_monitor.core.history import HistoryReader
from rig_monitor.gui.fleet import RowState
from rig_monitor.gui.main_window import MainWindow
from tests.gui.fakes import ChildFleet, target_list
from tests.gui.fault_helpers import acknowledge_a_fault

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

WAIT_MS = 30_000


def _window(qtbot: Any, tmp_path: Path, db: Path | None = None, count: int = 30) -> MainWindow:
    targets = target_list(count, "127.0.9")
    win = MainWindow(
        targets,
        config=AppConfig(targets=[str(t) for t in targets], interval_s=3600),
        child_poll=ChildFleet(tuple(targets)),
        engine_config=EngineConfig(batch_interval_s=0.05, poll_budget_s=5.0),
        config_path=tmp_path / "config.json",
        post_process=FaultStage(),
        history_path=db,
        use_tray=False,
        engine_early=True,
    )
    qtbot.addWidget(win)
    return win


def test_the_engine_child_starts_with_the_window_and_polls_from_start(
    qtbot: Any, tmp_path: Path
) -> None:
    win = _window(qtbot, tmp_path)
    try:
        assert isinstance(win.engine, EngineProcess)
        assert win.engine.pid is not None and win.engine.running  # before show() and start()
        qtbot.waitUntil(lambda: win.engine.secrets_persistent is not None, timeout=WAIT_MS)
        time.sleep(0.5)  # thirty fake miners answer at once, were they polled
        qtbot.wait(50)
        assert win.sweeps_seen == 0
        assert all(r.state is RowState.PENDING for r in win.model.rows())
        win.show()
        win.start()
        qtbot.waitUntil(
            lambda: (
                win.sweeps_seen >= 1
                and all(r.state is not RowState.PENDING for r in win.model.rows())
            ),
            timeout=WAIT_MS,
        )
    finally:
        win.shutdown()
        assert win.wait_stopped()
    assert not win.engine.running


def test_a_window_never_started_stops_its_early_engine(qtbot: Any, tmp_path: Path) -> None:
    win = _window(qtbot, tmp_path)
    assert win.engine.running
    win.shutdown()
    assert win.wait_stopped()
    assert not win.engine.running


def test_kept_faults_reach_the_early_engine_before_its_first_batch(
    qtbot: Any, tmp_path: Path
) -> None:
    """An acknowledged fault is restored from the history store, not raised again, when the
    engine's child was spawned before the store was read (the "ready" gate, history_link.py)."""
    db = tmp_path / "h.db"
    win = _window(qtbot, tmp_path, db)
    win.start()
    try:
        rec, acked = acknowledge_a_fault(qtbot, win)
    finally:
        win.shutdown()
        assert win.wait_stopped()
    win2 = _window(qtbot, tmp_path, db)
    win2.start()
    try:
        qtbot.waitUntil(lambda: win2.sweeps_seen >= 1, timeout=WAIT_MS)
        (again,) = [r for r in win2.fault_book.records if r.key == rec.key]
        assert again.raised_at == rec.raised_at  # the same fault, not a new one
        assert again.acknowledged_at == acked.acknowledged_at
    finally:
        win2.shutdown()
        assert win2.wait_stopped()
    with HistoryReader(db) as reader:
        raised = [e for e in reader.events(None, 0, kinds=["raised"]) if e.fault == rec.key[1]]
    assert len(raised) == len({r.key for r in win.fault_book.records if r.key[1] == rec.key[1]})
