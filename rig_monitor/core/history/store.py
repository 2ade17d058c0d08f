"""The writer's side of the history database: one connection, one transaction per sweep.

A miner is keyed by its serial number, else its MAC address, else its address, so its history
follows it when DHCP hands it another IP. An offline poll (which carries no serial) is filed under
the miner last seen at that address.
"""

from __future__ import annotations

import getpass
import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rig_monitor.core.history import codec
from rig_monitor.core.history.maintenance import FIVE_MIN, MS, Maintenance
from rig_monitor.core.history.records import EventIn, KeptFault
from rig_monitor.core.history.retention import Retention
from rig_monitor.core.history.schema import BUSY_TIMEOUT_MS, check_readable, connect, migrate
from rig_monitor.core.model import MinerSnapshot, Severity

# times are stored in milliseconds (MS): sweeps seconds apart never share a key


def operator_name() -> str:
    """Who is at the keyboard, from the OS account (notes and actions carry it)."""
    try:
        return getpass.getuser()
    except Exception:  # no login name (some services, containers)
        return "unknown"


def ident_of(snap: MinerSnapshot) -> str | None:
    """The miner's lasting identity when the poll tells one: serial, else MAC."""
    if snap.serial and snap.serial.strip():
        return "sn:" + snap.serial.strip()
    if snap.mac and snap.mac.strip():
        return "mac:" + snap.mac.strip().lower()
    return None


@dataclass(frozen=True, slots=True)
class SweepWrite:
    """What a recorder writes in one transaction."""

    snapshots: Sequence[MinerSnapshot]
    events: Sequence[EventIn] = ()
    kept: Sequence[KeptFault] | None = None  # None: unchanged
    open_faults: int | None = None  # fleet fault count (None: counted from the snapshots)
    t: float | None = None
    queued: float | None = None  # perf_counter when the recorder was handed it (its wait)


def _sample_row(miner: int, s: MinerSnapshot, t: int) -> tuple[Any, ...]:
    """A ``samples_raw`` row, bucket first (the hot path: every miner, every sweep)."""
    if not s.online:
        return (
            t // FIVE_MIN,
            miner,
            t,
            0.0,
            None,
            codec.mhs(s.nominal_hashrate_ths),
            None,
            None,
            None,
            None,
            None,
            None,
        )
    pool = s.active_pool
    h, c, b, p = s.hashrate_ths, s.temp_chip_max_c, s.temp_board_max_c, s.power_w
    n = s.nominal_hashrate_ths
    return (
        t // FIVE_MIN,
        miner,
        t,
        1.0,
        None if h is None else round(h * 1e6),
        None if n is None else round(n * 1e6),
        None if c is None else round(c * 10),
        None if b is None else round(b * 10),
        None if p is None else round(p),
        codec.fans_packed(s.fans_rpm),
        None if pool is None else str(pool.status),
        codec.board_objects_packed(s.boards),
    )


LAST_SEEN_EVERY_S = 300.0  # miners.last_seen is for "who is at this address": minutes suffice


class HistoryStore:
    """Writes and maintains the database. Use from one thread (the recorder's)."""

    def __init__(
        self,
        path: Path,
        *,
        source: str = "gui",
        retention: Retention | None = None,
        migrations: Sequence[str] | None = None,
        auto_maintain: bool = True,
    ) -> None:
        """``auto_maintain=False``: :meth:`write` leaves rollups to :meth:`maintain_step` (the
        recorder runs them between sweeps); otherwise every write runs what is due."""
        self.path = path
        self.source = source
        self.retention = retention or Retention()
        # Two programs creating the same new file at once (the window and `watch --record`):
        # switching a fresh file to WAL answers "database is locked" at once, without waiting
        # for the busy timeout (15 of 150 simultaneous opens here); the open is tried again,
        # for as long as the busy timeout would have waited.
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                self.conn = self._open(path, migrations)
                break
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc).lower() or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        self._by_ident: dict[str, int] = {}
        self._by_key: dict[str, int] = {}
        self._ident_key: dict[int, str] = {}
        self._last_seen: dict[int, float] = {}
        self._fast: dict[str, tuple[str | None, str | None, int]] = {}
        self.auto_maintain = auto_maintain
        self._maintenance = Maintenance(self.conn, self.retention)

    def _open(self, path: Path, migrations: Sequence[str] | None) -> sqlite3.Connection:
        conn = connect(path)
        try:
            check_readable(conn, path)
            self.migrated_from, self.backup = (
                migrate(conn, path) if migrations is None else migrate(conn, path, migrations)
            )
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")  # WAL: durable up to the last sync
            conn.execute("SELECT count(*) FROM miners").fetchone()  # a damaged file fails here
        except BaseException:
            conn.close()
            raise
        return conn

    def close(self) -> None:
        self.conn.close()

    def _forget(self) -> None:
        """Drop the identity caches: a rolled-back transaction may have taken miners they name."""
        self._by_ident.clear()
        self._by_key.clear()
        self._ident_key.clear()
        self._last_seen.clear()
        self._fast.clear()

    # -- miners -----------------------------------------------------------------------------------
    def _miner_id(self, s: MinerSnapshot, t: float) -> int:
        key = s.key
        fast = self._fast.get(key)
        if fast is not None and fast[0] == s.serial and fast[1] == s.mac:
            return fast[2]  # same address, same identity as last sweep: the common case
        mid = self._resolve(s, key, t)
        self._fast[key] = (s.serial, s.mac, mid)
        return mid

    def _resolve(self, s: MinerSnapshot, key: str, t: float) -> int:
        ident = ident_of(s)
        c = self.conn
        if ident is None:
            mid = self._by_key.get(key)
            if mid is None:
                row = c.execute(
                    "SELECT id FROM miners WHERE key = ? ORDER BY last_seen DESC LIMIT 1", (key,)
                ).fetchone()
                if row is None:
                    ident = "ip:" + key
                else:
                    mid = int(row[0])
                    self._by_key[key] = mid
            if mid is not None:
                return mid
        assert ident is not None
        mid = self._by_ident.get(ident)
        if mid is None:
            row = c.execute("SELECT id, key FROM miners WHERE ident = ?", (ident,)).fetchone()
            if row is None:
                cur = c.execute(
                    "INSERT INTO miners (ident, key, serial, mac, make, model, first_seen, last_seen)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (ident, key, s.serial, s.mac, s.make, s.model, t, t),
                )
                mid = int(cur.lastrowid or 0)
                self._ident_key[mid] = key
            else:
                mid = int(row[0])
                self._ident_key[mid] = str(row[1])
            self._by_ident[ident] = mid
        if self._ident_key.get(mid) != key:  # moved to another address (or first seen here)
            c.execute(
                "UPDATE miners SET key = ?, make = coalesce(?, make), model = coalesce(?, model),"
                " serial = coalesce(?, serial), mac = coalesce(?, mac) WHERE id = ?",
                (key, s.make, s.model, s.serial, s.mac, mid),
            )
            self._ident_key[mid] = key
        self._by_key[key] = mid
        return mid

    def miner_for_key(self, key: str, t: float | None = None) -> int:
        """The miner last seen at ``key``, created when the address is new (for notes)."""
        row = self.conn.execute(
            "SELECT id FROM miners WHERE key = ? ORDER BY last_seen DESC LIMIT 1", (key,)
        ).fetchone()
        if row is not None:
            return int(row[0])
        now = time.time() if t is None else t
        ip, _, port = key.rpartition(":")
        snap = MinerSnapshot(ip=ip, port=int(port) if port.isdigit() else 4028)
        return self._miner_id(snap, now)

    # -- writing ------------------------------------------------------------------------------------
    def write(self, sweep: SweepWrite) -> None:
        """One sweep (snapshots, events, kept state) in one transaction, then any due rollup."""
        now = time.time() if sweep.t is None else sweep.t
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            rows = []
            stale: list[int] = []
            seen: list[int] = []
            online = hashrate = nominal = power = 0.0
            faulty = 0
            fast = self._fast
            for s in sweep.snapshots:
                ts = s.timestamp
                known = fast.get(s.key)  # _miner_id's common case, inlined (5,000 calls a sweep)
                if known is not None and known[0] == s.serial and known[1] == s.mac:
                    mid = known[2]
                else:
                    mid = self._miner_id(s, ts)
                seen.append(mid)
                rows.append(_sample_row(mid, s, round(ts * MS)))
                if s.online:
                    online += 1
                    hashrate += s.hashrate_ths or 0.0
                    nominal += s.nominal_hashrate_ths or 0.0
                    power += s.power_w or 0.0
                    faulty += 1 if s.faults else 0
            c.executemany(
                "INSERT OR REPLACE INTO samples_raw VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows
            )
            if seen:
                swept = max(r[2] for r in rows) / MS  # data time: sweeps never share it
                # every sweep would rewrite 5,000 rows and their (key, last_seen) index entries
                ls = self._last_seen
                stale = [
                    m for m in set(seen) if now - ls.get(m, -LAST_SEEN_EVERY_S) >= LAST_SEEN_EVERY_S
                ]
                if stale:
                    c.executemany(
                        "UPDATE miners SET last_seen = ? WHERE id = ?", [(now, m) for m in stale]
                    )
                faults = float(sweep.open_faults if sweep.open_faults is not None else faulty)
                c.execute(
                    "INSERT OR REPLACE INTO fleet_raw VALUES (?,?,?,?,?,?,?,?)",
                    (
                        self.source,
                        round(swept * MS),
                        float(len(rows)),
                        online,
                        hashrate,
                        nominal,
                        power,
                        faults,
                    ),
                )
            self._insert_events(sweep.events)
            if sweep.kept is not None:
                self._replace_kept(sweep.kept)
            c.execute("COMMIT")
        except BaseException:
            if c.in_transaction:
                c.execute("ROLLBACK")
            self._forget()
            raise
        for m in stale:
            self._last_seen[m] = now
        if self.auto_maintain:
            self.maintain(now)

    def _insert_events(self, events: Iterable[EventIn]) -> None:
        rows = [
            (
                e.t,
                self.miner_for_key(e.miner_key, e.t),
                e.kind,
                e.fault,
                e.board,
                e.severity,
                e.title,
                e.detail,
                e.operator,
                self.source,
            )
            for e in events
        ]
        self.conn.executemany(
            "INSERT INTO events (t, miner, kind, fault, board, severity, title, detail, operator,"
            " source) VALUES (?,?,?,?,?,?,?,?,?,?)",
            rows,
        )

    def add_events(self, events: Sequence[EventIn]) -> None:
        """Events alone (a note, an action, an acknowledgement between sweeps)."""
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            self._insert_events(events)
            c.execute("COMMIT")
        except BaseException:
            if c.in_transaction:
                c.execute("ROLLBACK")
            raise

    def _replace_kept(self, kept: Sequence[KeptFault]) -> None:
        c = self.conn
        c.execute("DELETE FROM kept_faults WHERE source = ?", (self.source,))
        c.executemany(
            "INSERT OR REPLACE INTO kept_faults VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    self.source,
                    k.miner,
                    k.fault,
                    -1 if k.board is None else k.board,
                    str(k.severity),
                    k.title,
                    k.detail,
                    k.first_seen,
                    k.raised_at,
                    k.acknowledged_at,
                    k.snoozed_until,
                )
                for k in kept
            ],
        )

    def kept_faults(self) -> list[KeptFault]:
        """Open faults this source had when it last recorded (for the tracker at start-up)."""
        rows = self.conn.execute(
            "SELECT miner_key, fault, board, severity, title, detail, first_seen, raised_at,"
            " acknowledged_at, snoozed_until FROM kept_faults WHERE source = ?",
            (self.source,),
        ).fetchall()
        out = []
        for r in rows:
            try:
                sev = Severity(r[3])
            except ValueError:
                sev = Severity.WARNING
            out.append(
                KeptFault(
                    r[0],
                    r[1],
                    None if r[2] == -1 else int(r[2]),
                    sev,
                    r[4] or r[1],
                    r[5] or "",
                    float(r[6]),
                    float(r[7]),
                    r[8],
                    r[9],
                )
            )
        return out

    # -- rollups and retention ------------------------------------------------------------------------
    def maintenance_due(self, now: float | None = None) -> bool:
        """Whether a rollup or retention step is due (cheap: no lock taken)."""
        return self._maintenance.due(_ms(now))

    def maintain_step(self, now: float | None = None) -> bool:
        """One bounded step of rollup or retention work (its own short transaction).

        The recorder runs steps only while no sweep is waiting, so a sweep never waits for more
        than one step; False when nothing was due.
        """
        return self._maintenance.step(_ms(now))

    def maintain(self, now: float | None = None) -> bool:
        """Every due step, one after another; True when it did anything.

        A bucket is rolled up one bucket after it ended, so a sweep that was still being written
        (or another recorder's late sweep) is in it.
        """
        t = _ms(now)
        did = False
        while self._maintenance.step(t):
            did = True
        return did


def _ms(now: float | None) -> int:
    return round((time.time() if now is None else now) * MS)
