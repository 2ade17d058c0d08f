"""The store: sweeps, identity across address changes, rollups, retention, kept faults."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from rig_monitor.core.history import (
    EventIn,
    HistoryReader,
    HistoryStore,
    HistoryUnavailable,
    KeptFault,
    Retention,
)
from rig_monitor.core.history.schema import MIGRATIONS, SCHEMA_VERSION, backup_path
from rig_monitor.core.history.store import SweepWrite
from rig_monitor.core.model import Severity

from .helpers import snap

T0 = 1_800_000_000  # a round time: bucket arithmetic is easy to check


def test_sweep_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    store = HistoryStore(db)
    store.write(SweepWrite([snap("10.0.0.5", T0, serial="A1", hashrate=101.5, chip=71.3)], t=T0))
    store.write(SweepWrite([snap("10.0.0.5", T0 + 30, serial="A1", online=False)], t=T0 + 30))
    store.close()
    with HistoryReader(db) as r:
        (m,) = r.miners(["10.0.0.5:4028"])
        assert m.serial == "A1"
        pts = r.samples(m.id, T0 - 1, T0 + 60, tier="raw")
    assert [p.online for p in pts] == [1.0, 0.0]
    assert pts[0].hashrate_ths == pytest.approx(101.5)
    assert pts[0].temp_chip_max_c == pytest.approx(71.3)
    assert pts[0].fans_rpm == [6000, 6060, 5940, 6000]
    assert [b[0] for b in pts[0].boards] == [0, 1, 2]
    assert pts[0].boards[0][1] == pytest.approx(101.5 / 3, rel=1e-6)
    assert pts[0].pool == "alive"
    assert pts[1].hashrate_ths is None


def test_history_follows_serial_across_ip_change(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    store = HistoryStore(db)
    store.write(SweepWrite([snap("10.0.0.5", T0, serial="SN9")], t=T0))
    store.write(SweepWrite([snap("10.0.0.5", T0 + 30, online=False)], t=T0 + 30))  # DHCP moved it
    store.write(SweepWrite([snap("10.0.0.77", T0 + 60, serial="SN9")], t=T0 + 60))
    store.close()
    with HistoryReader(db) as r:
        (m,) = r.miners(["10.0.0.77:4028"])
        assert r.miners(["10.0.0.5:4028"]) == []  # the address no longer names it
        assert [p.t for p in r.samples(m.id, T0 - 1, T0 + 90, tier="raw")] == [
            T0,
            T0 + 30,
            T0 + 60,
        ]


def test_rollups_and_retention(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    store = HistoryStore(db, retention=Retention(raw_s=3600, five_min_s=86400))
    # 20 minutes at 30 s: hashrate alternates 90/110 (mean 100), chip peaks at 80 once per bucket
    for i in range(40):
        t = T0 + 30 * i
        chip = 80.0 if i % 10 == 3 else 70.0
        online = i != 7
        store.write(
            SweepWrite(
                [
                    snap(
                        "10.0.0.5",
                        t,
                        serial="A",
                        hashrate=90 + 20 * (i % 2),
                        chip=chip,
                        online=online,
                    )
                ],
                t=t,
            )
        )
    # two hours later: the 5-minute buckets are rolled up, the raw rows are past retention
    store.maintain(T0 + 2 * 3600 + 10)
    store.close()
    with HistoryReader(db) as r:
        (m,) = r.miners(["10.0.0.5:4028"])
        assert r.samples(m.id, T0 - 1, T0 + 1200, tier="raw") == []
        five = r.samples(m.id, T0 - 1, T0 + 1200, tier="5m")
        hourly = r.samples(m.id, T0 - 3600, T0 + 3600, tier="1h")
        fleet5 = r.fleet(T0 - 1, T0 + 1200, tier="5m")
    assert [p.t for p in five] == [T0, T0 + 300, T0 + 600, T0 + 900]
    assert five[0].online == pytest.approx(0.9)  # one of ten polls offline
    assert five[1].online == 1.0
    assert five[1].hashrate_ths == pytest.approx(100.0)
    assert five[0].temp_chip_max_c == pytest.approx(80.0)
    assert len(hourly) == 1 and hourly[0].hashrate_ths == pytest.approx(100.0, rel=0.01)
    assert [p.t for p in fleet5] == [T0, T0 + 300, T0 + 600, T0 + 900]
    assert fleet5[1].online == pytest.approx(1.0)


def test_events_and_kept_faults(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    store = HistoryStore(db, source="gui")
    kept = [
        KeptFault(
            "10.0.0.5:4028",
            "fan_failed",
            None,
            Severity.CRITICAL,
            "Fan failed",
            "fan 2 0 rpm",
            T0,
            T0 + 60,
            T0 + 90,
            None,
        ),
        KeptFault(
            "10.0.0.5:4028",
            "board_hot",
            1,
            Severity.WARNING,
            "Board hot",
            "91 °C",
            T0,
            T0,
            None,
            T0 + 9999,
        ),
    ]
    ev = EventIn(
        T0 + 60,
        "10.0.0.5:4028",
        "raised",
        "fan_failed",
        None,
        "critical",
        "Fan failed",
        "fan 2 0 rpm",
    )
    store.write(SweepWrite([snap("10.0.0.5", T0, serial="A")], [ev], kept, t=T0))
    assert sorted(store.kept_faults(), key=lambda k: k.fault) == sorted(kept, key=lambda k: k.fault)
    other = HistoryStore(db, source="watch")
    assert other.kept_faults() == []  # each recorder keeps its own
    store.write(SweepWrite([snap("10.0.0.5", T0 + 30, serial="A")], (), [], t=T0 + 30))
    assert store.kept_faults() == []
    store.close()
    other.close()
    with HistoryReader(db) as r:
        (e,) = r.events(None, T0 - 1, T0 + 100)
    assert (e.kind, e.fault, e.severity) == ("raised", "fan_failed", "critical")


def test_newer_schema_is_refused_and_untouched(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    HistoryStore(db).close()
    with sqlite3.connect(db) as c:
        c.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = db.read_bytes()
    with pytest.raises(HistoryUnavailable, match="newer Rig Monitor"):
        HistoryStore(db)
    with pytest.raises(HistoryUnavailable, match="newer Rig Monitor"):
        HistoryReader(db)
    assert db.read_bytes() == before


def test_corrupt_file_is_refused_and_untouched(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    db.write_bytes(b"this is not sqlite" * 100)
    before = db.read_bytes()
    with pytest.raises(sqlite3.DatabaseError):
        HistoryStore(db)
    assert db.read_bytes() == before


def test_migration_backs_up_first(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    store = HistoryStore(db)
    store.write(SweepWrite([snap("10.0.0.5", T0, serial="A")], t=T0))
    store.close()
    v2 = (*MIGRATIONS, "CREATE TABLE extra (x INTEGER);")
    store = HistoryStore(db, migrations=v2)
    assert store.migrated_from == SCHEMA_VERSION
    assert store.backup == backup_path(db, SCHEMA_VERSION)
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    store.close()
    with sqlite3.connect(backup_path(db, SCHEMA_VERSION)) as c:  # the backup is the old file
        assert c.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert c.execute("SELECT count(*) FROM samples_raw").fetchone()[0] == 1


def test_failed_migration_leaves_the_old_version(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    HistoryStore(db).close()
    bad = (*MIGRATIONS, "CREATE TABLE extra (x INTEGER); SELECT * FROM no_such_table;")
    with pytest.raises(sqlite3.OperationalError):
        HistoryStore(db, migrations=bad)
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert (
            c.execute("SELECT count(*) FROM sqlite_master WHERE name = 'extra'").fetchone()[0] == 0
        )


def test_retention_file(tmp_path: Path) -> None:
    from rig_monitor.core.history.retention import load_retention

    p = tmp_path / "history.json"
    assert load_retention(p) == Retention()
    p.write_text('{"raw_hours": 24, "five_min_days": 30, "hourly_days": 365}', encoding="utf-8")
    assert load_retention(p) == Retention(24 * 3600, 30 * 86400, 365 * 86400)
    p.write_text('{"raw_hours": "lots"}', encoding="utf-8")
    assert load_retention(p) == Retention()  # a typo never shortens retention


def test_v1_file_is_migrated_to_bucketed_raw_rows_with_a_backup(tmp_path: Path) -> None:
    """A v1 file (raw rows keyed by miner first) keeps every row after the upgrade."""
    from rig_monitor.core.history.schema import migrate

    db = tmp_path / "h.db"
    conn = sqlite3.connect(db, isolation_level=None)
    migrate(conn, db, MIGRATIONS[:1])
    conn.execute(
        "INSERT INTO miners VALUES (1, 'sn:A', '10.0.0.5:4028', 'A', NULL, NULL, NULL, 0, 0)"
    )
    conn.execute(
        "INSERT INTO samples_raw VALUES (1, ?, 1.0, 101500000, 104000000, 713, 603, 3250,"
        " '6000,6000', 'alive', '0:33800000:713:603')",
        (T0 * 1000,),
    )
    conn.close()
    HistoryStore(db).close()
    assert backup_path(db, 1).exists()
    with HistoryReader(db) as r:
        (p,) = r.samples(1, T0 - 1, T0 + 1, tier="raw")
    assert p.hashrate_ths == pytest.approx(101.5) and p.boards[0][1] == pytest.approx(33.8)


def test_two_programs_creating_one_new_file_at_once_both_open_it(tmp_path: Path) -> None:
    """The window and `watch --record` started together on a fresh history file: switching it
    to WAL answered "database is locked" at once (about 1 open in 10 here), and that program
    ran without history for its whole session."""
    import threading

    failures: list[str] = []
    for n in range(60):
        path = tmp_path / f"h{n}.db"
        start = threading.Barrier(2)

        def open_it(source: str, path: Path = path, start: threading.Barrier = start) -> None:
            start.wait()
            try:
                HistoryStore(
                    path, source=source, retention=Retention(), auto_maintain=False
                ).close()
            except sqlite3.Error as exc:
                failures.append(f"{path.name}: {exc}")

        threads = [threading.Thread(target=open_it, args=(s,)) for s in ("gui", "watch")]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert failures == []
