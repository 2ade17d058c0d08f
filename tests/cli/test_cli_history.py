"""watch --record, history, export, note, handover and report on a simulated fleet (loopback only).

Antminer personas only: they answer on the CGMiner port alone, so no web port is needed.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from rig_monitor.cli import main
from rig_monitor.core.history import HistoryReader, HistoryRecorder, KeptFault
from rig_monitor.core.model import Severity
from rig_monitor.sim.fleet import SimFleet
from rig_monitor.sim.thread import SimFleetThread

PORT = 24211
BASE = "127.111.0.1"
SAMPLE_KEYS = {
    "t",
    "online",
    "hashrate_ths",
    "temp_chip_max_c",
    "temp_board_max_c",
    "power_w",
    "fans_rpm",
}
EVENT_KEYS = {"t", "fault", "event", "severity", "detail"}


@pytest.fixture(scope="module")
def fleet() -> Iterator[SimFleet]:
    f = SimFleet.build(base=BASE, count=200, seed=5, port=PORT, personas=["antminer"])
    with SimFleetThread(f):
        yield f


def run(*argv: str) -> str:
    out = io.StringIO()
    assert main(list(argv), out) == 0
    return out.getvalue()


def test_watch_record_then_history_json(fleet: SimFleet, tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    run("watch", f"{BASE}-5:{PORT}", "--sweeps", "3", "--interval", "1.1", "--timeout", "3",
        "--record", "--db", str(db))  # fmt: skip
    doc = json.loads(
        run("history", f"{BASE}-5:{PORT}", "--since", "10m", "--json", "--db", str(db))
    )
    assert [m["ip"] for m in doc] == [f"127.111.0.{i}:{PORT}" for i in range(1, 6)]
    for m in doc:
        truth = fleet.miner(m["ip"].split(":")[0], PORT).truth()
        assert len(m["samples"]) == 3
        for s in m["samples"]:
            assert set(s) == SAMPLE_KEYS
            assert s["online"] is True
            assert s["hashrate_ths"] == pytest.approx(truth.hashrate_ths, rel=0.05)
            assert len(s["fans_rpm"]) == truth.expected_fans
        for e in m["events"]:
            assert set(e) == EVENT_KEYS
    text = run("history", f"{BASE}:{PORT}", "--since", "10m", "--db", str(db))
    assert "3 samples (raw)" in text and "online 100 %" in text


def test_note_export_and_handover(fleet: SimFleet, tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    # --db implies --record
    run("watch", f"{BASE}-3:{PORT}", "--sweeps", "2", "--interval", "1.1", "--timeout", "3",
        "--db", str(db))  # fmt: skip
    said = run("note", f"{BASE}:{PORT}", "board 2 swapped", "--db", str(db))
    assert "board 2 swapped" in said
    doc = json.loads(run("history", f"{BASE}:{PORT}", "--since", "1h", "--json", "--db", str(db)))
    notes = [e for e in doc[0]["events"] if e["event"] == "note"]
    assert len(notes) == 1 and notes[0]["detail"].startswith("board 2 swapped (")

    out_file = tmp_path / "x.csv"
    run("export", f"{BASE}-3:{PORT}", "--since", "1h", "--format", "csv", "--out", str(out_file),
        "--db", str(db))  # fmt: skip
    rows = list(csv.DictReader(out_file.open(encoding="utf-8")))
    assert len(rows) == 6 and {r["ip"] for r in rows} == {
        f"127.111.0.{i}:{PORT}" for i in (1, 2, 3)
    }
    assert all(float(r["hashrate_ths"]) > 0 and r["online"] == "1.0" for r in rows)
    as_json = json.loads(run("export", "--since", "1h", "--format", "json", "--db", str(db)))
    assert len(as_json) == 3  # no TARGET: every recorded miner

    hand = json.loads(run("handover", "--since", "1h", "--format", "json", "--db", str(db)))
    assert [(h["section"], h["text"]) for h in hand if h["event"] == "note"] == [
        ("Notes", "board 2 swapped")
    ]
    report = run("report", "--day", time.strftime("%Y-%m-%d", time.gmtime()), "--db", str(db))
    lines = list(csv.reader(io.StringIO(report)))
    assert lines[0][:3] == ["miner", "serial", "model"] and len(lines) == 4
    assert all(float(r[5]) == 100.0 for r in lines[1:])  # uptime %


def test_history_without_database_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = io.StringIO()
    assert main(["history", "10.0.0.5", "--db", str(tmp_path / "none.db")], out) == 1
    assert "no history database" in capsys.readouterr().err
    assert out.getvalue() == ""


def test_bad_since_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["history", "--since", "yesterday", "--db", str(tmp_path / "h.db")], io.StringIO())
        == 2
    )
    assert "10m, 24h, 30d" in capsys.readouterr().err


def test_watch_record_keeps_acknowledgement_across_restart(fleet: SimFleet, tmp_path: Path) -> None:
    """A fault open and acknowledged when watch stopped is the same fault after a restart."""
    db = tmp_path / "h.db"
    key = f"{BASE}:{PORT}"
    rec = HistoryRecorder(db, source="watch")
    rec.start()
    assert rec.wait_ready()
    t0 = time.time() - 3600
    kept = KeptFault(
        key, "fan_failed", None, Severity.CRITICAL, "Fan failed", "fan 1 0 rpm", t0, t0 + 5, t0 + 60
    )
    rec.add_batch([], sweep_done=True, kept=[kept])
    rec.close()
    # The simulated miner is healthy: the kept fault clears through the normal dwell, and the
    # "cleared" event names the original fault. Until then it kept raised_at and the ack.
    import argparse

    from rig_monitor.cli.history import SweepHook
    from rig_monitor.core.faults import FaultTracker

    tracker = FaultTracker()
    hook = SweepHook(argparse.Namespace(record=True, db=str(db)), tracker)
    (act,) = tracker.active_for(key)
    assert (act.raised_at, act.acknowledged_at, act.first_seen) == (t0 + 5, t0 + 60, t0)
    hook.close()


def _count(db: Path) -> tuple[str, int, int]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10) as c:
        ok = c.execute("PRAGMA integrity_check").fetchone()[0]
        sweeps = c.execute("SELECT count(*) FROM fleet_raw").fetchone()[0]
        rows = c.execute("SELECT count(*) FROM samples_raw").fetchone()[0]
    return ok, sweeps, rows


def _recorder(db: Path, *extra: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "rig_monitor",
            "watch",
            f"{BASE}-200:{PORT}",
            "--interval",
            "1.05",
            "--timeout",
            "3",
            "--record",
            "--db",
            str(db),
            *extra,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )


def test_sigkill_mid_write_leaves_an_intact_database(fleet: SimFleet, tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    for round_ in range(3):
        proc = _recorder(db)
        printed = 0
        assert proc.stdout is not None
        deadline = time.monotonic() + 60
        for line in proc.stdout:
            if line.startswith("== sweep"):
                printed += 1
            if printed >= 3 or time.monotonic() > deadline:
                break
        # the next sweep is being polled or written now: kill without warning
        time.sleep(0.05 * round_)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        before = _count(db) if db.exists() else ("ok", 0, 0)
        ok, sweeps, rows = before
        assert ok == "ok"
        assert rows == 200 * sweeps  # whole sweeps only: none half-written
        if round_ == 0:
            assert sweeps >= printed - 1  # at most the sweep in flight is missing
        last = sweeps
    # a restart goes on writing into the same file
    proc = _recorder(db, "--sweeps", "2")
    proc.communicate(timeout=60)
    ok, sweeps, rows = _count(db)
    assert ok == "ok" and sweeps == last + 2 and rows == 200 * sweeps
    with HistoryReader(db) as r:
        assert len(r.miners()) == 200
