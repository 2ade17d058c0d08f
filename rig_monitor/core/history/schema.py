"""The database file: where it lives, its versioned schema, and migrations with a backup first.

The schema version is SQLite's ``user_version``. A file from a newer Rig Monitor is refused (never
downgraded or written); an older one is copied to ``<name>.v<N>.bak`` with SQLite's online backup
before any migration step runs, and each step runs in its own transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

from rig_monitor.core.history.errors import HistoryUnavailable
from rig_monitor.core.paths import data_dir

FILE_NAME = "history.db"
BUSY_TIMEOUT_MS = 10_000

_SAMPLE_COLUMNS = """
    miner INTEGER NOT NULL,
    t INTEGER NOT NULL,
    online REAL NOT NULL,
    hashrate_mhs INTEGER,
    nominal_mhs INTEGER,
    chip_dc INTEGER,
    board_dc INTEGER,
    power_w INTEGER,
    fans TEXT,
    pool TEXT,
    boards TEXT,
    PRIMARY KEY (miner, t)
"""

_FLEET_COLUMNS = """
    source TEXT NOT NULL,
    t INTEGER NOT NULL,
    miners REAL NOT NULL,
    online REAL NOT NULL,
    hashrate_ths REAL NOT NULL,
    nominal_ths REAL NOT NULL,
    power_w REAL NOT NULL,
    faults REAL NOT NULL,
    PRIMARY KEY (t, source)
"""

# samples_raw leads with ``b``, the 5-minute bucket (t // 300,000 ms): a sweep's rows land in the
# current bucket's few pages instead of one page per miner all over a 48 h table (which made each
# write dirty thousands of pages once the table filled); a miner's range is read with one seek per
# bucket (b IN (...)).
# MIGRATIONS[n] takes a version-n database to version n+1.
MIGRATIONS: tuple[str, ...] = (
    f"""
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
    CREATE TABLE miners (
        id INTEGER PRIMARY KEY,
        ident TEXT NOT NULL UNIQUE,
        key TEXT NOT NULL,
        serial TEXT,
        mac TEXT,
        make TEXT,
        model TEXT,
        first_seen REAL NOT NULL,
        last_seen REAL NOT NULL
    );
    CREATE INDEX miners_by_key ON miners (key, last_seen);
    CREATE TABLE samples_raw ({_SAMPLE_COLUMNS}) WITHOUT ROWID;
    CREATE TABLE samples_5m ({_SAMPLE_COLUMNS}) WITHOUT ROWID;
    CREATE TABLE samples_1h ({_SAMPLE_COLUMNS}) WITHOUT ROWID;
    CREATE TABLE fleet_raw ({_FLEET_COLUMNS}) WITHOUT ROWID;
    CREATE TABLE fleet_5m ({_FLEET_COLUMNS}) WITHOUT ROWID;
    CREATE TABLE fleet_1h ({_FLEET_COLUMNS}) WITHOUT ROWID;
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        t REAL NOT NULL,
        miner INTEGER,
        kind TEXT NOT NULL,
        fault TEXT,
        board INTEGER,
        severity TEXT,
        title TEXT,
        detail TEXT,
        operator TEXT,
        source TEXT
    );
    CREATE INDEX events_by_t ON events (t);
    CREATE INDEX events_by_miner ON events (miner, t);
    CREATE TABLE kept_faults (
        source TEXT NOT NULL,
        miner_key TEXT NOT NULL,
        fault TEXT NOT NULL,
        board INTEGER NOT NULL,
        severity TEXT NOT NULL,
        title TEXT,
        detail TEXT,
        first_seen REAL NOT NULL,
        raised_at REAL NOT NULL,
        acknowledged_at REAL,
        snoozed_until REAL,
        PRIMARY KEY (source, miner_key, fault, board)
    );
    """,
    # v2: raw samples bucket-major (see above)
    f"""
    CREATE TABLE samples_raw_v2 (
        b INTEGER NOT NULL,
        {_SAMPLE_COLUMNS.replace("PRIMARY KEY (miner, t)", "PRIMARY KEY (b, miner, t)")}
    ) WITHOUT ROWID;
    INSERT INTO samples_raw_v2
        SELECT t / 300000, miner, t, online, hashrate_mhs, nominal_mhs, chip_dc, board_dc,
               power_w, fans, pool, boards
        FROM samples_raw;
    DROP TABLE samples_raw;
    ALTER TABLE samples_raw_v2 RENAME TO samples_raw;
    """,
    # v3: fans and boards cells may be packed binary (codec.py), which v2 code cannot read; v2
    # text cells stay as they are and are still read
    """
    INSERT OR REPLACE INTO meta VALUES ('cells', 'packed');
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)


def default_path() -> Path:
    """``history.db`` in the platform's user data folder."""
    return data_dir() / FILE_NAME


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection with the settings every user of the file needs (WAL, busy timeout)."""
    if readonly:
        if not path.exists():
            raise HistoryUnavailable(f"no history database at {path} (nothing recorded yet)")
        conn = sqlite3.connect(
            f"file:{path}?mode=ro",
            uri=True,
            timeout=BUSY_TIMEOUT_MS / 1000,
            check_same_thread=False,
        )
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(
            str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def version_of(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def check_readable(conn: sqlite3.Connection, path: Path) -> int:
    """The file's schema version; refuses one from a newer Rig Monitor."""
    version = version_of(conn)
    if version > SCHEMA_VERSION:
        raise HistoryUnavailable(
            f"history database {path} was written by a newer Rig Monitor (schema v{version}; "
            f"this version reads up to v{SCHEMA_VERSION}); it is left untouched and monitoring "
            "goes on without history"
        )
    return version


def backup_path(path: Path, version: int) -> Path:
    return path.with_name(f"{path.name}.v{version}.bak")


def migrate(
    conn: sqlite3.Connection, path: Path, migrations: Sequence[str] = MIGRATIONS
) -> tuple[int, Path | None]:
    """Bring the file to the newest schema; returns (the version it had, the backup made)."""
    target = len(migrations)
    version = version_of(conn)
    if version > target:
        raise HistoryUnavailable(
            f"history database {path} was written by a newer Rig Monitor (schema v{version}; "
            f"this version reads up to v{target}); it is left untouched and monitoring "
            "goes on without history"
        )
    if version == target:
        return version, None
    conn.execute("PRAGMA journal_mode = WAL")
    backup: Path | None = None
    if version > 0:
        backup = backup_path(path, version)
        dest = sqlite3.connect(str(backup))
        try:
            conn.backup(dest)
        finally:
            dest.close()
    for n in range(version, target):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if version_of(conn) != n:  # another process migrated meanwhile
                conn.execute("ROLLBACK")
                continue
            for statement in _statements(migrations[n]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {n + 1}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return version, backup


def _statements(script: str) -> list[str]:
    """Split a migration into statements (executescript would commit our transaction)."""
    out: list[str] = []
    buf = ""
    for piece in script.split(";"):
        buf += piece + ";"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \n\t;"):
                out.append(buf.strip())
            buf = ""
    if buf.strip(" \n\t;"):
        out.append(buf.strip())
    return out
