"""The writer thread: full disk, a lock held by another writer, two writers on one file."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from rig_monitor.core.history import HistoryReader, HistoryRecorder, HistoryStore, Retention, schema

from .helpers import snap


def _rows(db: Path) -> int:
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return int(c.execute("SELECT count(*) FROM samples_raw").fetchone()[0])


def test_full_disk_is_reported_and_keeps_what_was_recorded(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    problems: list[str | None] = []
    rec = HistoryRecorder(db, retention=Retention(), on_problem=problems.append)
    rec.start()
    assert rec.wait_ready()
    t = time.time()
    rec.add_batch([snap(f"10.0.{i // 200}.{i % 200}", t) for i in range(400)], sweep_done=True)
    assert rec.flush()
    assert _rows(db) == 400

    def cap(store: HistoryStore) -> None:  # the disk fills up: no page can be added
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages}")

    rec.call(cap)
    for k in range(1, 4):
        rec.add_batch(
            [snap(f"10.0.{i // 200}.{i % 200}", t + 30 * k) for i in range(400)], sweep_done=True
        )
    assert rec.flush()
    assert rec.problem is not None and "disk full" in rec.problem
    rec.close()
    assert _rows(db) == 400  # the first sweep intact; nothing half-written


def test_a_lock_held_by_another_writer_delays_but_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(schema, "BUSY_TIMEOUT_MS", 100)
    db = tmp_path / "h.db"
    HistoryStore(db).close()
    rec = HistoryRecorder(db, retention=Retention())
    rec.start()
    assert rec.wait_ready()
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    t = time.time()
    rec.add_batch([snap("10.0.0.1", t)], sweep_done=True)
    rec.add_batch([snap("10.0.0.1", t + 30)], sweep_done=True)
    deadline = time.monotonic() + 5
    while rec.problem is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert rec.problem is not None and "busy" in rec.problem
    other.execute("COMMIT")
    other.close()
    deadline = time.monotonic() + 10
    while rec.stats.sweeps_written < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    rec.close()
    assert _rows(db) == 2
    assert rec.problem is None  # cleared once writing worked again


def test_two_recorders_on_one_file_keep_each_others_rows(tmp_path: Path) -> None:
    """The window and `watch --record` at once: every sweep of both is in the file."""
    db = tmp_path / "h.db"
    a = HistoryRecorder(db, source="gui", retention=Retention())
    b = HistoryRecorder(db, source="watch", retention=Retention())
    a.start()
    b.start()
    assert a.wait_ready() and b.wait_ready()
    t = time.time()
    for k in range(20):
        a.add_batch([snap(f"10.1.0.{i}", t + k) for i in range(1, 51)], sweep_done=True)
        b.add_batch([snap(f"10.2.0.{i}", t + k) for i in range(1, 51)], sweep_done=True)
    a.close()
    b.close()
    assert _rows(db) == 2 * 20 * 50
    with HistoryReader(db) as r:
        assert len(r.miners()) == 100
        for source in ("gui", "watch"):  # each recorder's fleet totals, kept apart
            pts = r.fleet(t - 60, t + 60, tier="raw", source=source)
            assert len(pts) == 20 and {p.miners for p in pts} == {50.0}
