"""Queries for charts, the history/export commands, the handover and the daily report.

A reader opens its own read-only connection: in WAL mode it never waits on the writer and never
blocks it. Each query picks the finest tier that still holds the whole range (raw for the last
48 h, 5-minute rollups up to 90 days, hourly beyond) unless told otherwise.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rig_monitor.core.history import codec
from rig_monitor.core.history.codec import BoardValues
from rig_monitor.core.history.errors import HistoryUnavailable
from rig_monitor.core.history.retention import Retention
from rig_monitor.core.history.schema import SCHEMA_VERSION, check_readable, connect

MS = 1000  # stored times are milliseconds
_BUCKET = 300 * MS
_COLS = "t, online, hashrate_mhs, nominal_mhs, chip_dc, board_dc, power_w, fans, pool, boards"

TIERS = ("raw", "5m", "1h")
_CHUNK = 500  # SQLite's default limit on ? parameters is 999 (older builds) / 32766


@dataclass(frozen=True, slots=True)
class MinerRow:
    id: int
    ident: str
    key: str
    serial: str | None
    mac: str | None
    make: str | None
    model: str | None
    first_seen: float
    last_seen: float

    @property
    def ip(self) -> str:
        return self.key.rpartition(":")[0]

    @property
    def port(self) -> int:
        p = self.key.rpartition(":")[2]
        return int(p) if p.isdigit() else 4028


@dataclass(frozen=True, slots=True)
class SamplePoint:
    t: float
    online: float  # 1/0 raw; the online fraction in a rollup
    hashrate_ths: float | None
    nominal_ths: float | None
    temp_chip_max_c: float | None
    temp_board_max_c: float | None
    power_w: float | None
    fans_rpm: list[int]
    pool: str | None
    boards: list[BoardValues]


@dataclass(frozen=True, slots=True)
class FleetPoint:
    t: float
    miners: float
    online: float
    hashrate_ths: float
    nominal_ths: float
    power_w: float
    faults: float


@dataclass(frozen=True, slots=True)
class EventRow:
    t: float
    miner: int | None
    kind: str
    fault: str | None
    board: int | None
    severity: str | None
    title: str | None
    detail: str | None
    operator: str | None


def pick_tier(since: float, now: float, retention: Retention) -> str:
    if now - since <= retention.raw_s:
        return "raw"
    if now - since <= retention.five_min_s:
        return "5m"
    return "1h"


class HistoryReader:
    """Read-only access to the history file. Safe to create on any worker thread."""

    def __init__(self, path: Path, retention: Retention | None = None) -> None:
        self.path = path
        self.retention = retention or Retention()
        self.conn: sqlite3.Connection = connect(path, readonly=True)
        try:
            version = check_readable(self.conn, path)
            if version < SCHEMA_VERSION:
                raise HistoryUnavailable(
                    f"history database {path} is from an older Rig Monitor (schema v{version});"
                    " it is upgraded (with a backup) when the window or `watch --record` opens it"
                )
        except BaseException:
            self.conn.close()
            raise

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> HistoryReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- miners -------------------------------------------------------------------------------------
    def miners(self, keys: Sequence[str] | None = None) -> list[MinerRow]:
        """Miners now (last) at these ``ip:port`` keys, or every miner; in key order given."""
        q = "SELECT id, ident, key, serial, mac, make, model, first_seen, last_seen FROM miners"
        if keys is None:
            return [MinerRow(*r) for r in self.conn.execute(q + " ORDER BY key")]
        found: dict[str, MinerRow] = {}
        for i in range(0, len(keys), _CHUNK):
            part = list(keys[i : i + _CHUNK])
            marks = ",".join("?" * len(part))
            for r in self.conn.execute(q + f" WHERE key IN ({marks}) ORDER BY last_seen", part):
                found[r[2]] = MinerRow(*r)  # the most recently seen miner at that address wins
        return [found[k] for k in keys if k in found]

    # -- samples ------------------------------------------------------------------------------------
    def samples(
        self,
        miner: int,
        since: float,
        until: float | None = None,
        tier: str | None = None,
    ) -> list[SamplePoint]:
        now = time.time() if until is None else until
        tier = tier or pick_tier(since, time.time(), self.retention)
        if tier not in TIERS:
            raise ValueError(f"unknown tier {tier!r}")
        if tier == "raw":
            rows = self._raw(miner, since * MS, now * MS)
        else:
            rows = self.conn.execute(
                f"SELECT {_COLS} FROM samples_{tier} WHERE miner = ? AND t >= ? AND t <= ?"
                " ORDER BY t",
                (miner, round(since * MS), round(now * MS) + 1),
            ).fetchall()
            rows += self._fresh_tail(f"samples_{tier}", rows, miner, since, now)
        return [
            SamplePoint(
                r[0] / MS,
                float(r[1]),
                codec.ths(r[2]),
                codec.ths(r[3]),
                codec.celsius(r[4]),
                codec.celsius(r[5]),
                None if r[6] is None else float(r[6]),
                codec.fans_list(r[7]),
                r[8],
                codec.boards_list(r[9]),
            )
            for r in rows
        ]

    def _fresh_tail(
        self, table: str, rows: list[tuple[Any, ...]], miner: int, since: float, until: float
    ) -> list[tuple[Any, ...]]:
        """Raw rows newer than the last rollup, so a 7-day chart reaches up to now."""
        last = rows[-1][0] if rows else None
        if last is None:
            row = self.conn.execute(
                f"SELECT max(t) FROM {table} WHERE miner = ?", (miner,)
            ).fetchone()
            last = row[0] if row else None
        size = (300 if table.endswith("5m") else 3600) * MS
        start = round(since * MS)
        if isinstance(last, int | float):
            start = max(start, int(last) + size)
        return self._raw(miner, start, until * MS)

    def _raw(self, miner: int, lo_ms: float, hi_ms: float) -> list[tuple[Any, ...]]:
        """One seek per 5-minute bucket (the raw table is bucket-major)."""
        lo, hi = max(0, round(lo_ms)), round(hi_ms) + 1
        buckets = list(range(lo // _BUCKET, hi // _BUCKET + 1))
        out: list[tuple[Any, ...]] = []
        for i in range(0, len(buckets), _CHUNK):
            part = buckets[i : i + _CHUNK]
            out += self.conn.execute(
                f"SELECT {_COLS} FROM samples_raw WHERE b IN ({','.join('?' * len(part))})"
                " AND miner = ? AND t >= ? AND t <= ? ORDER BY t",
                (*part, miner, lo, hi),
            ).fetchall()
        return out

    def fleet(
        self,
        since: float,
        until: float | None = None,
        tier: str | None = None,
        source: str = "gui",
    ) -> list[FleetPoint]:
        """Fleet totals over time as one recorder saw them (``gui``: the window, ``watch``:
        ``watch --record``): two recorders may watch the same miners or different ones, so
        their totals are kept apart rather than added."""
        now = time.time() if until is None else until
        tier = tier or pick_tier(since, time.time(), self.retention)
        if tier not in TIERS:
            raise ValueError(f"unknown tier {tier!r}")
        q = (
            "SELECT t, miners, online, hashrate_ths, nominal_ths, power_w, faults FROM fleet_{}"
            " WHERE source = ? AND t >= ? AND t <= ? ORDER BY t"
        )
        rows = self.conn.execute(
            q.format(tier), (source, round(since * MS), round(now * MS) + 1)
        ).fetchall()
        if tier != "raw":
            size = (300 if tier == "5m" else 3600) * MS
            start = int(rows[-1][0]) + size if rows else round(since * MS)
            rows += self.conn.execute(
                q.format("raw"), (source, start, round(now * MS) + 1)
            ).fetchall()
        return [FleetPoint(r[0] / MS, *(float(x) for x in r[1:])) for r in rows]

    def fleet_sources(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT DISTINCT source FROM fleet_raw")]

    # -- events -------------------------------------------------------------------------------------
    def events(
        self,
        miners: Iterable[int] | None,
        since: float,
        until: float | None = None,
        kinds: Sequence[str] | None = None,
    ) -> list[EventRow]:
        now = time.time() if until is None else until
        q = (
            "SELECT t, miner, kind, fault, board, severity, title, detail, operator FROM events"
            " WHERE t >= ? AND t <= ?"
        )
        params: list[object] = [since, now]
        if kinds:
            q += f" AND kind IN ({','.join('?' * len(kinds))})"
            params += list(kinds)
        out: list[EventRow] = []
        if miners is None:
            out = [EventRow(*r) for r in self.conn.execute(q + " ORDER BY t, id", params)]
        else:
            ids = list(miners)
            for i in range(0, len(ids), _CHUNK):
                part = ids[i : i + _CHUNK]
                out += [
                    EventRow(*r)
                    for r in self.conn.execute(
                        q + f" AND miner IN ({','.join('?' * len(part))}) ORDER BY t, id",
                        params + part,
                    )
                ]
            out.sort(key=lambda e: e.t)
        return out

    def miner_names(self) -> dict[int, MinerRow]:
        return {m.id: m for m in self.miners()}

    def bytes_on_disk(self) -> int:
        total = 0
        for suffix in ("", "-wal", "-shm"):
            p = Path(str(self.path) + suffix)
            if p.exists():
                total += p.stat().st_size
        return total
