"""Rollups and retention in small steps, each its own short transaction.

Rolling up a 5-minute bucket of 5,000 miners in one transaction held the writer for 0.35-0.7 s,
and a sweep handed over meanwhile waited that long in the queue. Here every step touches at most
``chunk`` miners (one slice of one bucket, or one slice of the retention pass), records how far
it got in ``meta`` in the same transaction, and returns; the recorder runs the next step only
when no sweep is waiting. A crash between steps loses nothing: the next step starts where the
last committed one ended (and re-rolling a slice only rewrites the same rows).

Progress kept in ``meta``: ``rolled_5m`` / ``rolled_1h`` (every bucket before this time, in ms,
is rolled up), ``roll_5m_at`` / ``roll_1h_at`` (the last miner id done in the bucket that starts
there), ``pruned`` (when the last retention pass over the rollup tiers finished) and
``prune_at`` (the last miner id of the pass under way).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

from rig_monitor.core.history.retention import Retention
from rig_monitor.core.history.rollup import bucketed, fleet_bucketed

MS = 1000
FIVE_MIN = 300 * MS
HOUR = 3600 * MS
CHUNK_MINERS = 250  # ~2,500 raw rows per step at 30 s: a few ms of SQLite and Python
PRUNE_EVERY = HOUR

SAMPLE_COLUMNS = (
    "miner, t, online, hashrate_mhs, nominal_mhs, chip_dc, board_dc, power_w, fans, pool, boards"
)

Step = Callable[[], None]


class Maintenance:
    """Plans and runs one bounded step of rollup or retention work on a writer connection."""

    def __init__(
        self, conn: sqlite3.Connection, retention: Retention, chunk: int | None = None
    ) -> None:
        self.conn = conn
        self.retention = retention
        self.chunk = chunk or CHUNK_MINERS

    # -- meta -------------------------------------------------------------------------------------
    def _meta(self, key: str) -> float | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return float(row[0]) if row else None

    def _set(self, key: str, value: float) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, repr(float(value))))

    # -- planning ---------------------------------------------------------------------------------
    def due(self, t: int) -> bool:
        """Whether any step is due at ``t`` (ms); cheap: a few key lookups, no lock."""
        return self._plan(t) is not None

    def step(self, t: int) -> bool:
        """Run one step due at ``t`` (ms) in its own transaction; False when nothing was due."""
        if self._plan(t) is None:
            return False
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            run = self._plan(t)  # again, inside the lock: another writer may have done it
            if run is not None:
                run()
            c.execute("COMMIT")
        except BaseException:
            if c.in_transaction:
                c.execute("ROLLBACK")
            raise
        return run is not None

    def _plan(self, t: int) -> Step | None:
        due_5m = t - t % FIVE_MIN - FIVE_MIN  # a bucket is rolled one bucket after it ended
        rolled_5m = self._meta("rolled_5m")
        if rolled_5m is None or rolled_5m < due_5m:
            return lambda: self._roll_5m(rolled_5m, due_5m)
        if self._raw_expired(t, rolled_5m):
            return lambda: self._drop_raw(t, rolled_5m)
        due_1h = min(t - t % HOUR - HOUR, int(rolled_5m) - int(rolled_5m) % HOUR)
        rolled_1h = self._meta("rolled_1h")
        if rolled_1h is None or rolled_1h < due_1h:
            return lambda: self._roll_1h(rolled_1h, due_1h)
        pruned = self._meta("pruned")
        prune_at = self._meta("prune_at") or 0
        if prune_at or pruned is None or t - pruned >= PRUNE_EVERY:
            return lambda: self._prune(t, int(prune_at), rolled_1h)
        return None

    # -- 5-minute rollup --------------------------------------------------------------------------
    def _roll_5m(self, rolled: float | None, due: int) -> None:
        c = self.conn
        at = int(self._meta("roll_5m_at") or 0)
        if rolled is None or at == 0:  # the start of a bucket: skip empty buckets at once
            row = c.execute(
                "SELECT min(b) FROM samples_raw WHERE b >= ?",
                (-1 if rolled is None else int(rolled) // FIVE_MIN,),
            ).fetchone()
            start = -1 if rolled is None else int(rolled)
            nxt = None if row[0] is None else int(row[0]) * FIVE_MIN
            if nxt is None or nxt >= due:
                self._fleet(start, due, "fleet_raw", "fleet_5m", FIVE_MIN)
                self._set("rolled_5m", due)
                return
            if start < nxt:
                self._fleet(start, nxt, "fleet_raw", "fleet_5m", FIVE_MIN)
                self._set("rolled_5m", nxt)
            rolled = nxt
        bucket = int(rolled) // FIVE_MIN
        first = c.execute(
            "SELECT miner FROM samples_raw WHERE b = ? AND miner > ? ORDER BY miner LIMIT 1",
            (bucket, at),
        ).fetchone()
        if first is None:  # every miner of this bucket is done
            end = int(rolled) + FIVE_MIN
            self._fleet(int(rolled), end, "fleet_raw", "fleet_5m", FIVE_MIN)
            self._set("rolled_5m", end)
            self._set("roll_5m_at", 0)
            return
        last = int(first[0]) + self.chunk - 1
        rows = c.execute(
            f"SELECT {SAMPLE_COLUMNS} FROM samples_raw WHERE b = ? AND miner >= ? AND miner <= ?"
            " ORDER BY miner, t",
            (bucket, int(first[0]), last),
        ).fetchall()
        c.executemany(
            "INSERT OR REPLACE INTO samples_5m VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            bucketed(rows, FIVE_MIN),
        )
        self._set("roll_5m_at", last)

    def _raw_expired(self, t: int, rolled_5m: float) -> bool:
        row = self.conn.execute("SELECT min(b) FROM samples_raw").fetchone()
        return row[0] is not None and int(row[0]) < self._raw_cut(t, rolled_5m)

    def _raw_cut(self, t: int, rolled_5m: float) -> int:
        """The first bucket kept: past retention, and never one not yet rolled up."""
        return min((t - int(self.retention.raw_s * MS)) // FIVE_MIN, int(rolled_5m) // FIVE_MIN)

    def _drop_raw(self, t: int, rolled_5m: float) -> None:
        c = self.conn
        (oldest,) = c.execute("SELECT min(b) FROM samples_raw").fetchone()
        (first,) = c.execute(
            "SELECT miner FROM samples_raw WHERE b = ? ORDER BY miner LIMIT 1", (oldest,)
        ).fetchone()
        c.execute(
            "DELETE FROM samples_raw WHERE b = ? AND miner >= ? AND miner < ?",
            (oldest, first, first + 4 * self.chunk),  # deleting is cheaper than rolling up
        )
        cut = min(t - int(self.retention.raw_s * MS), int(rolled_5m))
        c.execute("DELETE FROM fleet_raw WHERE t < ?", (cut,))

    # -- hourly rollup ----------------------------------------------------------------------------
    def _roll_1h(self, rolled: float | None, due: int) -> None:
        c = self.conn
        at = int(self._meta("roll_1h_at") or 0)
        if rolled is None or at == 0:  # skip hours without 5-minute rows (the app was off)
            start = -1 if rolled is None else int(rolled)
            row = c.execute("SELECT min(t) FROM fleet_5m WHERE t >= ?", (start,)).fetchone()
            nxt = None if row[0] is None else int(row[0]) - int(row[0]) % HOUR
            if nxt is None or nxt >= due:
                self._fleet(start, due, "fleet_5m", "fleet_1h", HOUR)
                self._set("rolled_1h", due)
                return
            if start < nxt:
                self._set("rolled_1h", nxt)
            rolled = nxt
        hour = int(rolled)
        ids = self._miner_ids(at)
        if not ids:
            self._fleet(hour, hour + HOUR, "fleet_5m", "fleet_1h", HOUR)
            self._set("rolled_1h", hour + HOUR)
            self._set("roll_1h_at", 0)
            return
        rows = c.execute(
            f"SELECT {SAMPLE_COLUMNS} FROM samples_5m WHERE miner IN ({_marks(ids)})"
            " AND t >= ? AND t < ? ORDER BY miner, t",
            (*ids, hour, hour + HOUR),
        ).fetchall()
        c.executemany(
            "INSERT OR REPLACE INTO samples_1h VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            bucketed(rows, HOUR),
        )
        self._set("roll_1h_at", ids[-1])

    # -- retention of the rollup tiers --------------------------------------------------------------
    def _prune(self, t: int, at: int, rolled_1h: float | None) -> None:
        """One slice of the hourly pass: rows past retention, per miner (keyed miner first)."""
        c = self.conn
        r = self.retention
        cut_5m = t - int(r.five_min_s * MS)
        if rolled_1h is not None:
            cut_5m = min(cut_5m, int(rolled_1h))  # never a 5-minute row not yet rolled up
        cut_1h = None if r.hourly_s is None else t - int(r.hourly_s * MS)
        if at == 0:
            c.execute("DELETE FROM fleet_5m WHERE t < ?", (cut_5m,))
            if cut_1h is not None:
                c.execute("DELETE FROM fleet_1h WHERE t < ?", (cut_1h,))
        ids = self._miner_ids(at, 4 * self.chunk)
        if not ids:
            self._set("pruned", t)
            self._set("prune_at", 0)
            return
        marks = _marks(ids)
        c.execute(f"DELETE FROM samples_5m WHERE miner IN ({marks}) AND t < ?", (*ids, cut_5m))
        if cut_1h is not None:
            c.execute(f"DELETE FROM samples_1h WHERE miner IN ({marks}) AND t < ?", (*ids, cut_1h))
        self._set("prune_at", ids[-1])

    # -- helpers ------------------------------------------------------------------------------------
    def _miner_ids(self, after: int, n: int | None = None) -> list[int]:
        return [
            int(r[0])
            for r in self.conn.execute(
                "SELECT id FROM miners WHERE id > ? ORDER BY id LIMIT ?", (after, n or self.chunk)
            )
        ]

    def _fleet(self, start: int, end: int, src: str, dst: str, size: int) -> None:
        if end <= start:
            return
        rows = self.conn.execute(
            f"SELECT * FROM {src} WHERE t >= ? AND t < ?", (start, end)
        ).fetchall()
        self.conn.executemany(
            f"INSERT OR REPLACE INTO {dst} VALUES (?,?,?,?,?,?,?,?)", fleet_bucketed(rows, size)
        )


def _marks(ids: Sequence[int]) -> str:
    return ",".join("?" * len(ids))
