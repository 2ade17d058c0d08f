"""The window with N live miners: event-loop stalls, one batched update of all rows, RSS.

    QT_QPA_PLATFORM=offscreen python -m benchmarks.gui --miners 5000 --seconds 60

The first sweep (detection of every miner) is measured on its own, then ``--seconds`` of steady
state. ``--poll sim`` (default) polls a simulator in another process through the real engine thread
(with the fault stage, as the app runs); ``--poll fake`` feeds synthetic snapshots with no network,
to isolate the GUI's own cost. A 10 ms QTimer heartbeat measures how late the GUI loop runs.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import os
import random
import sys
import time
from collections.abc import Callable

from benchmarks._common import SimProcess, loadavg, machine, median, raise_fd_limit, rss_mb

BASE = "127.230.0.1"
HEARTBEAT_MS = 10
WARMUP_CAP_S = 180.0  # the first sweep (detection) may take this long at most


def _targets(n: int, web_port: int | None) -> list[object]:
    from rig_monitor.core.model import Target

    out, addr = [], int(ipaddress.IPv4Address(BASE))
    while len(out) < n:
        if addr & 0xFF not in (0, 255):
            out.append(Target(str(ipaddress.IPv4Address(addr)), 4028, web_port=web_port))
        addr += 1
    return out


def _fake_poll() -> object:
    from rig_monitor.core.model import MinerSnapshot, Target

    rng = random.Random(1)

    async def poll(t: Target) -> MinerSnapshot:
        await asyncio.sleep(0)
        return MinerSnapshot(
            ip=t.ip,
            port=t.port,
            online=rng.random() > 0.02,
            make="Antminer",
            model="S19j Pro",
            hashrate_ths=100 + rng.random() * 10,
            nominal_hashrate_ths=104.0,
        )

    return poll


def run(n: int, seconds: float, poll_kind: str, interval: float) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from rig_monitor.core.config import AppConfig
    from rig_monitor.core.engine.engine import Batch, EngineConfig, SweepStats
    from rig_monitor.core.model import MinerSnapshot
    from rig_monitor.gui.app import fault_stage
    from rig_monitor.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    targets = _targets(n, 24080 if poll_kind == "sim" else None)
    window = MainWindow(
        targets,  # type: ignore[arg-type]
        config=AppConfig(interval_s=interval),
        poll=_fake_poll() if poll_kind == "fake" else None,  # type: ignore[arg-type]
        engine_config=EngineConfig(poll_budget_s=8.0),
        persist=False,
        use_tray=False,
        post_process=fault_stage(None),
    )
    window.show()
    app.processEvents()

    lateness: list[float] = []
    last = [time.perf_counter()]

    def beat() -> None:
        now = time.perf_counter()
        lateness.append(max(0.0, (now - last[0]) * 1000.0 - HEARTBEAT_MS))
        last[0] = now

    timer = QTimer()
    timer.setInterval(HEARTBEAT_MS)
    timer.timeout.connect(beat)

    sweeps = [0]
    window.bridge.batch_ready.connect(lambda b: sweeps.__setitem__(0, sweeps[0] + b.sweep_done))
    window.start()

    def measure(until: Callable[[], bool], cap_s: float) -> list[float]:
        lateness.clear()
        last[0] = time.perf_counter()
        timer.start()
        deadline = time.monotonic() + cap_s
        while time.monotonic() < deadline and not until():
            app.processEvents()
            time.sleep(0.001)
        timer.stop()
        return sorted(lateness)

    # Phase 1: the first sweep, which detects every miner (the heaviest minute of a session).
    t0 = time.monotonic()
    first = measure(lambda: sweeps[0] >= 1, WARMUP_CAP_S)
    first_s = time.monotonic() - t0
    # Phase 2: steady state, ``seconds`` long.
    before = sweeps[0]
    steady = measure(lambda: False, seconds)
    steady_sweeps = sweeps[0] - before

    # One batched update of every row, timed directly (repaint included).
    rng = random.Random(2)
    updates: list[float] = []
    for i in range(7):
        snaps = [
            MinerSnapshot(
                ip=t.ip,  # type: ignore[attr-defined]
                port=4028,
                online=True,
                make="Antminer",
                model="S21",
                hashrate_ths=190 + rng.random() * 20,
                nominal_hashrate_ths=200.0,
            )
            for t in targets
        ]
        batch = Batch(snapshots=snaps, sweep=SweepStats(sweep=1000 + i, started=time.time()))
        t0 = time.perf_counter()
        window._on_batch(batch)
        window.table.viewport().repaint()
        app.processEvents()
        updates.append((time.perf_counter() - t0) * 1000.0)
    rss = rss_mb()
    window.shutdown()
    window.close()

    def p99(xs: list[float]) -> float:
        return xs[int(len(xs) * 0.99)] if xs else float("nan")

    return {
        "first_s": first_s,
        "first_worst_ms": first[-1] if first else float("nan"),
        "first_p99_ms": p99(first),
        "worst_ms": steady[-1] if steady else float("nan"),
        "p99_ms": p99(steady),
        "beats": len(steady),
        "update_ms": median(updates[1:]),
        "update_first_ms": updates[0],
        "rss_mb": rss,
        "sweeps": steady_sweeps,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--miners", type=int, default=5000)
    p.add_argument("--seconds", type=float, default=60.0, help="steady state, after sweep 1")
    p.add_argument("--poll", choices=["sim", "fake"], default="sim")
    p.add_argument("--interval", type=float, default=10.0, help="seconds between sweep starts")
    p.add_argument(
        "--switch-interval",
        type=float,
        default=None,
        help="sys.setswitchinterval (s): how long the engine thread may keep the GIL",
    )
    args = p.parse_args(argv)
    if args.switch_interval is not None:
        sys.setswitchinterval(args.switch_interval)
    raise_fd_limit()
    print(machine())
    if args.poll == "sim":
        with SimProcess(["--base", BASE, "--count", str(args.miners), "--seed", "9"]):
            r = run(args.miners, args.seconds, "sim", args.interval)
    else:
        r = run(args.miners, args.seconds, "fake", args.interval)
    print(
        f"gui: {args.miners} miners, poll={args.poll}, {args.seconds:g} s, GIL switch "
        f"{sys.getswitchinterval() * 1000:g} ms, interval "
        f"{args.interval:g} s: first sweep (detection) {r['first_s']:.1f} s, lateness worst "
        f"{r['first_worst_ms']:.0f} ms, p99 {r['first_p99_ms']:.0f} ms; then {args.seconds:g} s "
        f"steady, {r['sweeps']:.0f} sweeps: lateness worst "
        f"{r['worst_ms']:.0f} ms, p99 {r['p99_ms']:.0f} ms ({r['beats']:.0f} beats); "
        f"batched update of {args.miners} rows {r['update_ms']:.1f} ms median of 6 "
        f"(first {r['update_first_ms']:.1f} ms); RSS {r['rss_mb']:.0f} MB; load {loadavg()}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
