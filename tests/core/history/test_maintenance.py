"""Rollups and retention in small steps: same result as in one go, resumable, between sweeps."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from rig_monitor.core.history import HistoryRecorder, HistoryStore, Retention
from rig_monitor.core.history.store import SweepWrite

from .helpers import snap

T0 = 1_800_000_000  # a round hour
MINERS = 7
TABLES = ("samples_5m", "samples_1h", "fleet_5m", "fleet_1h", "samples_raw", "fleet_raw")


def _fill(db: Path, minutes: int = 130, retention: Retention | None = None, t0: float = T0) -> None:
    """``minutes`` of 60 s sweeps of MINERS miners (values vary per miner and sweep)."""
    store = HistoryStore(db, retention=retention, auto_maintain=False)
    for k in range(minutes):
        t = t0 + 60 * k
        store.write(
            SweepWrite(
                [
                    snap(
                        f"10.0.0.{i + 1}",
                        t,
                        serial=f"S{i}",
                        hashrate=90 + (k * 7 + i * 3) % 20,
                        chip=65 + (k + i) % 9,
                        online=(k + i) % 17 != 0,
                    )
                    for i in range(MINERS)
                ],
                t=t,
            )
        )
    store.close()


def _tables(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {t: c.execute(f"SELECT * FROM {t} ORDER BY 1, 2, 3").fetchall() for t in TABLES}


def _maintained(db: Path, now: float, chunk: int, retention: Retention | None = None) -> int:
    store = HistoryStore(db, retention=retention, auto_maintain=False)
    store._maintenance.chunk = chunk
    steps = 0
    while store.maintain_step(now):
        steps += 1
    store.close()
    return steps


def test_small_steps_give_the_same_rollups_as_one_big_step(tmp_path: Path) -> None:
    now = T0 + 4 * 3600
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    _fill(a)
    _fill(b)
    big = _maintained(a, now, chunk=1000)
    small = _maintained(b, now, chunk=2)
    assert small >= big + 3 * 26  # each of the 26 buckets in four slices of two miners, not one
    ta, tb = _tables(a), _tables(b)
    assert ta == tb
    assert len(ta["samples_5m"]) == MINERS * 26  # 130 minutes: 26 buckets per miner
    assert len(ta["samples_1h"]) == MINERS * 3  # hours 0-2 (the fourth is not over an hour ago)
    assert len(ta["fleet_5m"]) == 26


def test_a_crash_between_steps_resumes_where_it_stopped(tmp_path: Path) -> None:
    now = T0 + 4 * 3600
    ref, db = tmp_path / "ref.db", tmp_path / "h.db"
    _fill(ref)
    _fill(db)
    _maintained(ref, now, chunk=1000)
    store = HistoryStore(db, auto_maintain=False)
    store._maintenance.chunk = 3
    for _ in range(11):  # partway through a bucket, then the process dies
        assert store.maintain_step(now)
    store.conn.close()  # no clean shutdown: only committed steps are in the file
    assert _maintained(db, now, chunk=3) > 0
    assert _tables(db) == _tables(ref)


def test_raw_rows_are_never_dropped_before_they_are_rolled_up(tmp_path: Path) -> None:
    """Back after a day off with a 1 h raw retention: every old bucket is rolled, then dropped."""
    keep = Retention(raw_s=3600)
    db = tmp_path / "h.db"
    _fill(db, retention=keep)
    _maintained(db, T0 + 86400, chunk=2, retention=keep)
    t = _tables(db)
    assert t["samples_raw"] == [] and t["fleet_raw"] == []
    assert len(t["samples_5m"]) == MINERS * 26


def test_a_sweep_between_steps_is_kept_and_rolled_later(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    _fill(db, minutes=20)
    store = HistoryStore(db, auto_maintain=False)
    store._maintenance.chunk = 2
    now = T0 + 1200 + 600
    assert store.maintain_step(now)
    store.write(SweepWrite([snap("10.0.0.99", T0 + 1230, serial="LATE")], t=T0 + 1230))
    store.maintain(T0 + 1800 + 600)
    rows = store.conn.execute(
        "SELECT s.t FROM samples_5m s JOIN miners m ON m.id = s.miner WHERE m.serial = 'LATE'"
    ).fetchall()
    store.close()
    assert rows == [((T0 + 1200) * 1000,)]


def test_recorder_writes_a_waiting_sweep_before_the_next_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Maintenance yields to sweeps: a sweep queued during a step is written right after it."""
    db = tmp_path / "h.db"
    now = time.time()
    _fill(db, minutes=30, t0=now - 3600 - now % 3600)  # the recorder rolls up as of now
    order: list[str] = []
    first_step = threading.Event()
    release = threading.Event()
    step, write = HistoryStore.maintain_step, HistoryStore.write

    def slow_step(self: HistoryStore, now: float | None = None) -> bool:
        self._maintenance.chunk = 1
        if not first_step.is_set():
            first_step.set()
            assert release.wait(10)
        did = step(self, now)
        if did:
            order.append("step")
        return did

    def logged_write(self: HistoryStore, sweep: SweepWrite) -> None:
        write(self, sweep)
        order.append("sweep")

    monkeypatch.setattr(HistoryStore, "maintain_step", slow_step)
    monkeypatch.setattr(HistoryStore, "write", logged_write)
    rec = HistoryRecorder(db, retention=Retention())
    rec.start()
    assert rec.wait_ready() and first_step.wait(10)
    rec.add_batch([snap("10.0.0.1", time.time(), serial="S0")], sweep_done=True)
    release.set()
    assert rec.flush()

    def all_done() -> bool:
        due: list[bool] = []
        rec.call(lambda store: due.append(store.maintenance_due()))
        assert rec.flush()
        return not due[0]

    deadline = time.monotonic() + 20
    while not all_done() and time.monotonic() < deadline:
        time.sleep(0.02)  # the recorder steps on while its queue is empty
    rec.close()
    assert order[:2] == ["step", "sweep"]  # not after every due step
    assert order.count("step") > 10  # 30 minutes of 7 miners, one miner a step
    assert rec.stats.maintenance_steps == order.count("step")
    assert rec.stats.max_step_ms > 0 and rec.stats.wait_ms


def test_no_step_scans_a_whole_tier(tmp_path: Path) -> None:
    """Each statement a step runs seeks by key: a scan of 90 days of 5-minute rows every five
    minutes was what the hourly rollup and retention did when they filtered on time alone."""
    db = tmp_path / "h.db"
    _fill(db, minutes=130)
    store = HistoryStore(db, retention=Retention(raw_s=3600, five_min_s=7200, hourly_s=86400))
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    store.maintain(T0 + 6 * 3600)
    store.conn.set_trace_callback(None)
    plans = {
        s: " ".join(str(row[3]) for row in store.conn.execute("EXPLAIN QUERY PLAN " + s))
        for s in statements
        if s.lstrip().upper().startswith(("SELECT", "DELETE", "INSERT")) and "samples_" in s
    }
    store.close()
    assert any("samples_1h" in s for s in plans) and any(
        "DELETE FROM samples_5m" in s for s in plans
    )
    scans = {s: p for s, p in plans.items() if "SCAN samples_" in p}
    assert scans == {}
