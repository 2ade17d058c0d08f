"""The engine pipe's parts: a batch's snapshots travel pickled in parts and arrive whole.

Why parts: one ``pickle.loads`` of a 400-snapshot batch held the window's GIL 10-15 ms on the
reader thread (issue 15, GUI worst stall). These tests check that splitting loses nothing,
keeps the order, and leaves the batch's own fields (sweep end, removals, fault report) as one.
Loopback only (127.91.x.y), ports >= 1024.
"""

from __future__ import annotations

import pickle
import threading
import time
from collections.abc import Iterator

import pytest

from rig_monitor.core.engine.engine import Batch, EngineConfig, SweepStats
from rig_monitor.core.engine.engine_process import (
    PART_SNAPSHOTS,
    EngineProcess,
    PackedBatch,
    pack_batch,
    unpack_batch,
)
from rig_monitor.core.faults.stage import FaultReport, FaultStage
from rig_monitor.core.model import ErrorKind, MinerSnapshot, Target
from rig_monitor.sim import SimFleet, SimFleetThread
from tests.core.engine.test_engine_scale import free_ports


def _snaps(n: int) -> list[MinerSnapshot]:
    out = []
    for i in range(n):
        t = Target(ip=f"127.91.{i // 250}.{i % 250 + 1}", port=4028)
        s = (
            MinerSnapshot.offline(t, ErrorKind.TIMEOUT, f"timed out #{i}")
            if i % 7 == 0
            else MinerSnapshot(ip=t.ip, port=t.port, online=True, make="Antminer")
        )
        out.append(s)
    return out


def test_a_big_batch_travels_in_parts_and_arrives_whole_in_order() -> None:
    snaps = _snaps(2 * PART_SNAPSHOTS + 5)
    report = {"faults": ["one"]}  # stands for the fault report: any picklable object
    batch = Batch(snaps, SweepStats(sweep=3, started=1.0), True, ["127.91.9.9:4028"], report)

    packed = pack_batch(batch)
    assert len(packed.parts) == 3  # 64 + 64 + 5
    assert [len(pickle.loads(p)) for p in packed.parts] == [PART_SNAPSHOTS, PART_SNAPSHOTS, 5]
    assert packed.batch.snapshots == []  # the message itself carries no snapshot
    assert batch.snapshots is snaps and len(snaps) == 2 * PART_SNAPSHOTS + 5  # not consumed

    # through the pipe as the queue sends it: one message, unpickled by the reader
    got = unpack_batch(pickle.loads(pickle.dumps(packed)))
    assert [s.key for s in got.snapshots] == [s.key for s in snaps]
    assert got.snapshots == snaps
    assert got.sweep_done is True and got.sweep.sweep == 3
    assert got.removed == ["127.91.9.9:4028"]
    assert got.extra == report


def test_a_batch_without_snapshots_has_no_parts() -> None:
    batch = Batch([], SweepStats(sweep=1, started=0.0), False, ["127.91.0.1:4028"])
    packed = pack_batch(batch)
    assert packed.parts == []
    got = unpack_batch(packed)
    assert got.snapshots == [] and got.removed == ["127.91.0.1:4028"] and not got.sweep_done


def test_a_part_size_below_one_still_sends_every_snapshot() -> None:
    snaps = _snaps(3)
    packed = pack_batch(Batch(snaps, SweepStats(sweep=1, started=0.0)), part=0)
    assert isinstance(packed, PackedBatch) and len(packed.parts) == 3
    assert unpack_batch(packed).snapshots == snaps


@pytest.fixture
def fleet() -> Iterator[SimFleetThread]:
    base = "127.91.0.1"
    port, web = free_ports(base)
    count = 2 * PART_SNAPSHOTS + 12  # more than two parts in one batch
    thread = SimFleetThread(SimFleet.build(base=base, count=count, port=port, web_port=web, seed=8))
    thread.start()
    yield thread
    thread.stop()


def test_the_window_gets_a_split_sweep_as_one_batch_with_its_report_once(
    fleet: SimFleetThread,
) -> None:
    batches: list[Batch] = []
    lock = threading.Lock()

    def on_batch(b: Batch) -> None:
        with lock:
            batches.append(b)

    # No flush before the sweep ends: the whole fleet comes in one batch, so in several parts.
    config = EngineConfig(interval_s=600.0, poll_budget_s=5.0, batch_interval_s=600.0)
    engine = EngineProcess(on_batch, config, post_process=FaultStage())
    engine.start(fleet.fleet.targets)
    try:
        deadline = time.monotonic() + 60.0
        while not any(b.sweep_done for b in batches):
            assert time.monotonic() < deadline, "no end of sweep"
            time.sleep(0.05)
    finally:
        engine.stop()
    done = [b for b in batches if b.sweep_done]
    assert len(done) == 1
    keys = [s.key for b in batches for s in b.snapshots]
    assert sorted(keys) == sorted(t.key for t in fleet.fleet.targets)  # each miner once
    assert len(done[0].snapshots) > 2 * PART_SNAPSHOTS
    reports = [b.extra for b in batches if isinstance(b.extra, FaultReport)]
    assert len(reports) == 1 and done[0].extra is reports[0]
