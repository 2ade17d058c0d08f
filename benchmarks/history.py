"""History store figures (issue 11): sweep write, bytes per miner per day, chart draw, fleet total.

    QT_QPA_PLATFORM=offscreen python -m benchmarks.history [--miners 5000] [--runs 7]

No network: the store's cost does not depend on how snapshots were polled, so synthetic snapshots
(3 boards, 4 fans, one pool, values with noise) are written through the real store.

1. One 5,000-miner sweep written by the writer (HistoryStore.write: one transaction), median of
   ``--runs`` after 40 untimed sweeps (20 minutes) are in the table; the rollup that runs once
   per 5-minute bucket is timed on its own, step by step (each step its own transaction).
   Then the queue wait: sweeps handed to the real HistoryRecorder while it works through a
   40-minute backlog of rollups (the longest a sweep waited behind a maintenance step).
2. Bytes per miner per day at a 30 s interval: 50 miners x 24 h of 30 s sweeps, rolled up; the
   size of each tier's table (SQLite's dbstat) per miner per day.
3. One miner's 24 h chart (2,880 points): the query on the worker, and the draw on the GUI thread
   (setData on every curve plus a full repaint via grab()).
4. A 5,000-miner fleet's 30-day total: the fleet query over 30 days of 5-minute fleet rows and
   48 h of per-sweep rows (what the fleet chart asks for).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from benchmarks._common import loadavg, machine, median

INTERVAL = 30.0
CPU: dict[
    str, float
] = {}  # thread CPU time (ms) of the same steps: what the figure is without the other load


def _snaps(n: int, t: float, rng: random.Random) -> list[object]:
    from rig_monitor.core.model import Board, MinerSnapshot, Pool, PoolStatus

    out = []
    for i in range(n):
        s = MinerSnapshot(
            ip=f"10.{i // 65536}.{(i // 256) % 256}.{i % 256}",
            online=rng.random() > 0.01,
            timestamp=t + i * 0.002,
        )
        s.serial = f"SN{i:06d}"
        if s.online:
            s.make, s.model = "Antminer", "S19j Pro"
            s.hashrate_ths = 104 * rng.uniform(0.95, 1.03)
            s.nominal_hashrate_ths = 104.0
            s.power_w = 3250 * rng.uniform(0.97, 1.03)
            s.temp_chip_max_c = rng.uniform(65, 80)
            s.temp_board_max_c = s.temp_chip_max_c - 12
            s.fans_rpm = [round(rng.uniform(5800, 6200)) for _ in range(4)]
            s.boards = [
                Board(
                    b,
                    hashrate_ths=s.hashrate_ths / 3 * rng.uniform(0.97, 1.03),
                    temp_chip_c=s.temp_chip_max_c - b,
                    temp_board_c=s.temp_board_max_c - b,
                )
                for b in range(3)
            ]
            s.pools = [
                Pool("stratum+tcp://pool.example:3333", status=PoolStatus.ALIVE, active=True)
            ]
        out.append(s)
    return out


def bench_write(miners: int, runs: int, tmp: Path, fill: int = 40) -> dict[str, float]:
    from rig_monitor.core.history import HistoryStore
    from rig_monitor.core.history.store import SweepWrite

    rng = random.Random(1)
    store = HistoryStore(tmp / "write.db", auto_maintain=False)  # as the recorder opens it
    t0 = time.time() - 3600
    t0 -= t0 % 3600  # start of an hour: no rollup falls inside the timed sweeps
    store.maintain(t0)
    base = _snaps(miners, t0, rng)
    for k in range(fill):  # the table holds 20 min of sweeps before the timed ones
        for snap in base:
            snap.timestamp += INTERVAL  # type: ignore[attr-defined]
        store.write(SweepWrite(base, t=t0 + k * INTERVAL))  # type: ignore[arg-type]
    t0 += fill * INTERVAL
    store.maintain(t0)  # roll up what is due now, so no rollup falls inside the timed sweeps
    times, cpu = [], []
    for r in range(runs):
        snaps = _snaps(miners, t0 + r * INTERVAL, rng)
        sweep = SweepWrite(snaps, t=t0 + r * INTERVAL)  # type: ignore[arg-type]
        start, c0 = time.perf_counter(), time.thread_time()
        store.write(sweep)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.thread_time() - c0) * 1000)
    out = {"write": median(times), "write_cpu": median(cpu), "write_max": max(times)}
    # the rollup of those sweeps' two buckets, once due, step by step as the recorder runs it
    steps, step_cpu = [], []
    start, c0 = time.perf_counter(), time.thread_time()
    while True:
        s0, sc0 = time.perf_counter(), time.thread_time()
        if not store.maintain_step(t0 + 600):
            break
        steps.append((time.perf_counter() - s0) * 1000)
        step_cpu.append((time.thread_time() - sc0) * 1000)
    out["rollup"] = (time.perf_counter() - start) * 1000
    out["rollup_cpu"] = (time.thread_time() - c0) * 1000
    out["steps"] = len(steps)
    out["step_max"], out["step_med"] = max(steps), median(steps)
    out["step_cpu_max"], out["step_cpu_med"] = max(step_cpu), median(step_cpu)
    store.close()
    return out


def bench_wait(miners: int, tmp: Path, sweeps: int = 12, gap: float = 0.25) -> dict[str, float]:
    """Sweeps handed to the real recorder while a backlog of rollups is due: their queue wait.

    The file holds 40 minutes of 5,000-miner sweeps, none rolled up; the recorder starts rolling
    them up at once, and a sweep (built on this thread, as the window's hand-over would) arrives
    every ``gap`` seconds.
    """
    from rig_monitor.core.history import HistoryRecorder, HistoryStore, Retention
    from rig_monitor.core.history.store import SweepWrite

    rng = random.Random(5)
    db = tmp / "wait.db"
    store = HistoryStore(db, auto_maintain=False)
    now = time.time()
    t0 = now - 3000 - now % 300
    store.maintain(t0 - 1)  # nothing before: the backlog is exactly these sweeps
    base = _snaps(miners, t0, rng)
    for k in range(80):
        for snap in base:
            snap.timestamp += INTERVAL  # type: ignore[attr-defined]
        store.write(SweepWrite(base, t=t0 + k * INTERVAL))  # type: ignore[arg-type]
    store.close()
    rec = HistoryRecorder(db, retention=Retention())
    rec.start()
    assert rec.wait_ready()
    for _ in range(sweeps):
        time.sleep(gap)
        rec.add_batch(_snaps(miners, time.time(), rng), sweep_done=True)  # type: ignore[arg-type]
    assert rec.flush(60)
    st = rec.stats
    rec.close()
    return {
        "wait_max": st.max_wait_ms,
        "wait_med": median(st.wait_ms),
        "steps": st.maintenance_steps,
        "step_max": st.max_step_ms,
        "sweeps": st.sweeps_written,
    }


def bench_bytes(tmp: Path, miners: int = 50) -> dict[str, float]:
    import sqlite3

    from rig_monitor.core.history import HistoryStore
    from rig_monitor.core.history.store import SweepWrite

    rng = random.Random(2)
    db = tmp / "bytes.db"
    store = HistoryStore(db)
    day = 86400
    t0 = time.time() - 3 * day
    t0 -= t0 % 3600
    store.maintain(t0)
    sweeps = int(day / INTERVAL)
    for k in range(sweeps):
        store.write(SweepWrite(_snaps(miners, t0 + k * INTERVAL, rng), t=t0 + k * INTERVAL))  # type: ignore[arg-type]
    store.maintain(t0 + day + 2 * 3600)  # everything rolled up (raw kept: within 48 h)
    store.close()
    with sqlite3.connect(db) as c:
        c.execute("VACUUM")
        sizes = dict(c.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall())
    per = {
        name: sizes.get(name, 0) / miners for name in ("samples_raw", "samples_5m", "samples_1h")
    }
    per["file"] = db.stat().st_size / miners
    return per


def bench_chart(tmp: Path, runs: int) -> tuple[float, float]:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from rig_monitor.core.history import HistoryReader, HistoryStore
    from rig_monitor.core.history.store import SweepWrite
    from rig_monitor.gui.history_charts import MinerHistoryView
    from rig_monitor.gui.history_data import load_miner

    rng = random.Random(3)
    db = tmp / "chart.db"
    store = HistoryStore(db)
    now = time.time()
    for k in range(int(86400 / INTERVAL)):
        t = now - 86400 + k * INTERVAL
        store.write(SweepWrite(_snaps(1, t, rng), t=t))  # type: ignore[arg-type]
    store.close()
    app = QApplication.instance() or QApplication([])
    view = MinerHistoryView(None)
    view.resize(1400, 700)
    view.show()
    app.processEvents()
    query, draw, draw_cpu = [], [], []
    key = "10.0.0.0:4028"
    view.key = key
    for _ in range(runs):
        start = time.perf_counter()
        with HistoryReader(db) as r:
            data = load_miner(key, 86400)(r)
        query.append((time.perf_counter() - start) * 1000)
        assert len(data.t) >= 2870
        view.chart = None
        start, c0 = time.perf_counter(), time.thread_time()
        view.draw(data)
        view.grab()  # a full repaint of every plot
        draw.append((time.perf_counter() - start) * 1000)
        draw_cpu.append((time.thread_time() - c0) * 1000)
    CPU["draw"] = median(draw_cpu)
    CPU["first_draw"] = draw[0]
    view.close()
    view.deleteLater()  # before the interpreter tears Qt down (else a crash at exit)
    app.processEvents()
    del view
    return median(query), median(draw)


def bench_fleet(tmp: Path, miners: int, runs: int) -> tuple[float, int]:
    import sqlite3

    from rig_monitor.core.history import HistoryReader, HistoryStore

    db = tmp / "fleet.db"
    HistoryStore(db).close()
    now = int(time.time())
    rng = random.Random(4)
    rows5 = []
    for k in range(30 * 288):
        t = (now - 30 * 86400 + k * 300) // 300 * 300
        rows5.append(
            (
                "gui",
                t * 1000,
                miners,
                miners * 0.99,
                miners * 100 * rng.uniform(0.97, 1.0),
                miners * 104.0,
                miners * 3250.0,
                rng.randint(0, 40),
            )
        )
    raw = []
    for k in range(int(2 * 86400 / INTERVAL)):
        t = now - 2 * 86400 + k * INTERVAL
        raw.append(
            (
                "gui",
                round(t * 1000),
                miners,
                miners * 0.99,
                miners * 100.0,
                miners * 104.0,
                miners * 3250.0,
                12,
            )
        )
    with sqlite3.connect(db) as c:
        c.executemany("INSERT INTO fleet_5m VALUES (?,?,?,?,?,?,?,?)", rows5)
        c.executemany("INSERT INTO fleet_raw VALUES (?,?,?,?,?,?,?,?)", raw)
    times, cpu = [], []
    n = 0
    for _ in range(runs):
        start, c0 = time.perf_counter(), time.thread_time()
        with HistoryReader(db) as r:
            pts = r.fleet(now - 30 * 86400)
        total = sum(p.hashrate_ths for p in pts)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.thread_time() - c0) * 1000)
        n = len(pts)
        assert total > 0
    CPU["fleet"] = median(cpu)
    return median(times), n


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--miners", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    print(f"machine: {machine()}; load {loadavg()}")
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        w = bench_write(args.miners, args.runs, tmp)
        print(
            f"sweep write, {args.miners:,} miners: median {w['write']:.1f} ms (slowest"
            f" {w['write_max']:.0f}); target < 50 ms; thread CPU {w['write_cpu']:.1f} ms"
        )
        print(
            f"rollup of two 5-minute buckets ({args.miners:,} miners x {10 + args.runs} sweeps):"
            f" {w['rollup']:.0f} ms, thread CPU {w['rollup_cpu']:.0f} ms in {w['steps']:.0f} steps;"
            f" one step: median {w['step_med']:.1f} ms, longest {w['step_max']:.1f} ms"
            f" (thread CPU median {w['step_cpu_med']:.1f}, longest {w['step_cpu_max']:.1f} ms)"
        )
        q = bench_wait(args.miners, tmp)
        print(
            f"sweeps handed over during a 40-minute rollup backlog: {q['sweeps']:.0f} written,"
            f" queue wait median {q['wait_med']:.1f} ms, longest {q['wait_max']:.1f} ms;"
            f" {q['steps']:.0f} maintenance steps, longest {q['step_max']:.1f} ms"
        )
        per = bench_bytes(tmp)
        settled = per["samples_5m"] + per["samples_1h"]
        print(
            "bytes per miner per day at 30 s: raw {:,.0f} (kept 48 h only), 5-min {:,.0f}, hourly {:,.0f};"
            " kept per day once rolled up: {:,.0f} (target < 100 KB)".format(
                per["samples_raw"], per["samples_5m"], per["samples_1h"], settled
            )
        )
        q, draw = bench_chart(tmp, args.runs)
        print(
            f"one miner's 24 h chart (2,880 points): query {q:.1f} ms (worker), draw {draw:.1f} ms (GUI thread;"
            f" thread CPU {CPU['draw']:.1f} ms; first draw {CPU['first_draw']:.0f} ms); target < 50 ms"
        )
        f, n = bench_fleet(tmp, args.miners, args.runs)
        print(
            f"{args.miners:,}-miner fleet 30-day total ({n:,} points): {f:.1f} ms"
            f" (thread CPU {CPU['fleet']:.1f} ms); target < 300 ms"
        )


if __name__ == "__main__":
    main()
