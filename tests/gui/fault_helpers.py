"""A window with fault tracking (a real FaultStage) over scripted fake miners: no network."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from rig_monitor.core.config import AppConfig
from rig_monitor.core.engine.engine import EngineConfig
from rig_monitor.core.faults.stage import FaultRecord, FaultStage
from rig_monitor.core.model import Board, ErrorKind, MinerSnapshot, Target
from rig_monitor.gui.main_window import MainWindow
from tests.gui.fakes import snapshot, target_list

WAIT_MS = 15_000
Shape = Callable[[int, MinerSnapshot], MinerSnapshot]


def chips_missing(snap: MinerSnapshot) -> MinerSnapshot:
    """Board 2 (index 1) reads 98/126 chips, 28 x in one block."""
    b = snap.boards[1]
    snap.boards[1] = Board(1, 25.0, 36.6, 98, 126, 64.0, 79.0, chip_status="o" * 98 + "x" * 28)
    snap.hashrate_ths = (snap.hashrate_ths or 0.0) - (b.hashrate_ths or 0.0) + 25.0
    return snap


def fan_stopped(snap: MinerSnapshot) -> MinerSnapshot:
    snap.fans_rpm = [0, 6000, 6000, 6000]
    return snap


def chip_temp(snap: MinerSnapshot, c: float) -> MinerSnapshot:
    for b in snap.boards:
        b.temp_chip_c = c
    snap.temp_chip_max_c = c
    return snap


class ScriptedFleet:
    """``poll`` answers ``shape(i, healthy snapshot)``; ``offline`` keys do not answer."""

    def __init__(self, targets: list[Target], shape: Shape | None = None) -> None:
        self.index = {t.key: i for i, t in enumerate(targets)}
        self.shape = shape
        self.offline: set[str] = set()
        self.refused: set[str] = set()  # answer with the engine's words for a closed port

    async def poll(self, target: Target) -> MinerSnapshot:
        await asyncio.sleep(0)
        if target.key in self.refused:
            reason = f"refused: nothing listens on port {target.port}"  # core/wire/cgminer.py
            return MinerSnapshot.offline(target, ErrorKind.REFUSED, reason)
        if target.key in self.offline:
            return MinerSnapshot.offline(
                target, ErrorKind.TIMEOUT, "timed out: no TCP answer in 3 s"
            )
        i = self.index.get(target.key, 0)
        snap = snapshot(target, i)
        return self.shape(i, snap) if self.shape is not None else snap


MakeWindow = Callable[..., tuple[MainWindow, ScriptedFleet]]


@pytest.fixture
def fault_window(qtbot: Any, tmp_path: Path) -> Iterator[MakeWindow]:
    windows: list[MainWindow] = []

    def make(
        count: int = 20,
        shape: Shape | None = None,
        *,
        base: str = "127.0.0",
        stage: FaultStage | None = None,
    ) -> tuple[MainWindow, ScriptedFleet]:
        targets = target_list(count, base)
        fake = ScriptedFleet(targets, shape)
        win = MainWindow(
            targets,
            config=AppConfig(targets=[str(t) for t in targets], interval_s=3600),
            poll=fake.poll,
            engine_config=EngineConfig(batch_interval_s=0.05, poll_budget_s=5.0),
            config_path=tmp_path / "config.json",
            post_process=stage if stage is not None else FaultStage(),
        )
        windows.append(win)
        qtbot.addWidget(win)
        win.show()
        win.start()
        return win, fake

    yield make
    for win in windows:
        win.shutdown()
        assert win.wait_stopped()  # the window stops its engine off the GUI thread
        assert not win.engine.running


def sweeps(qtbot: Any, win: MainWindow, n: int) -> None:
    """Wait for ``n`` more complete sweeps, each *started* after the wait began (the interval is
    an hour: each one is asked for, again until it starts). A sweep already under way does not
    count: the poll-now requests of the last wait may have started one, which then ran before
    whatever the test did since (an acknowledgement it must carry, say)."""
    for _ in range(n):
        asked_at = time.time()

        def done(asked_at: float = asked_at) -> bool:
            last = win._last_sweep
            if last is not None and last.started >= asked_at:
                return True
            win.engine.poll_now()
            return False

        qtbot.waitUntil(done, timeout=WAIT_MS)


def acknowledge_a_fault(
    qtbot: Any, win: MainWindow, miner: str | None = None
) -> tuple[FaultRecord, FaultRecord]:
    """Sweep until a fault (of ``miner``, or any) is raised, acknowledge it and sweep until the
    acknowledgement shows: (the record as raised, as acknowledged)."""
    found: list[FaultRecord] = []
    for _ in range(8):  # a fault is raised after its dwell
        sweeps(qtbot, win, 1)
        found = [r for r in win.fault_book.records if miner is None or r.miner == miner]
        if found:
            break
    assert found and (miner is None or len(found) == 1), found
    rec = found[0]
    assert win.fault_stage is not None
    win.fault_stage.acknowledge(rec.key)
    sweeps(qtbot, win, 2)
    (acked,) = [r for r in win.fault_book.records if r.key == rec.key]
    assert acked.acknowledged_at is not None
    return rec, acked
