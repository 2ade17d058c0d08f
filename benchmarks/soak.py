"""Soak: 2,000 simulated miners, 20 % of them hostile, for 10 minutes.

    python -m benchmarks.soak                       # 2,000 miners, 600 s, a sweep every 30 s
    python -m benchmarks.soak --seconds 120 --miners 500 --interval 10

The hostile fifth is split evenly between the simulator's wire faults: ~2 MB of never-closed
JSON (malformed), binary garbage, replies cut short, hung (accept, never answer), slow (dribbled
over 2 s) and huge (3 MB). The engine runs as the app runs it (default budget, backoff and
concurrency, the fault stage as post-processing) in this process; the simulator in another.

Per sweep it prints the wall time, healthy miners read, this process's RSS, its open TCP sockets
and descriptors just before the sweep starts (i.e. between sweeps), and CPU. At the end: first
third against last third (medians) for memory, sockets and sweep time, and every sweep in which a
healthy miner was not read.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import gc
import tempfile
import time
from pathlib import Path

import psutil

from benchmarks._common import SimProcess, cpu_s, machine, median, raise_fd_limit, rss_mb
from benchmarks.hostile import WEB_PORT, read_addresses

BASE = "127.231.0.1"
HOSTILE_KINDS = ("malformed", "garbage", "truncated", "hung", "slow", "huge")


def _sockets() -> int:
    return sum(
        1 for c in psutil.Process().net_connections(kind="tcp") if c.status != psutil.CONN_LISTEN
    )


async def soak(miners: int, hostile_pct: float, seconds: float, interval: float) -> int:
    from rig_monitor.core.engine.engine import Batch, EngineConfig, PollEngine
    from rig_monitor.core.engine.poller import Poller
    from rig_monitor.core.faults.stage import FaultStage
    from rig_monitor.core.model import Target

    hostile = round(miners * hostile_pct / 100)
    per_kind = [hostile // len(HOSTILE_KINDS)] * len(HOSTILE_KINDS)
    for i in range(hostile - sum(per_kind)):
        per_kind[i] += 1
    with tempfile.TemporaryDirectory() as tmp:
        addresses = Path(tmp) / "addresses"
        args = [
            "--base",
            BASE,
            "--count",
            str(miners),
            "--seed",
            "9",
            "--addresses",
            str(addresses),
        ]
        args += ["--max-seconds", str(seconds + 600)]
        for kind, n in zip(HOSTILE_KINDS, per_kind, strict=True):
            args += ["--inject", f"{kind}={n}"]
        with SimProcess(args) as sim:
            served = read_addresses(addresses)
            targets = [Target(ip, port, web_port=WEB_PORT) for ip, port, _ in served]
            bad = {f"{ip}:{port}" for ip, port, h in served if h}
            healthy_n = len(targets) - len(bad)
            print(
                f"soak: {len(targets)} miners, {len(bad)} hostile "
                f"({', '.join(f'{k} {n}' for k, n in zip(HOSTILE_KINDS, per_kind, strict=True))}), "
                f"{seconds:g} s, a sweep every {interval:g} s"
            )
            print(
                f"{'sweep':>5} {'at s':>6} {'sweep s':>8} {'healthy read':>13} {'RSS MB':>7} "
                f"{'sockets':>7} {'fds':>5} {'CPU s':>6} {'sim CPU s':>9} {'lag ms':>7}"
            )
            read: collections.Counter[int] = collections.Counter()
            missed: dict[int, collections.Counter[str]] = {}
            n_sweep = 0

            def on_batch(b: Batch) -> None:
                for s in b.snapshots:
                    if s.key in bad:
                        continue
                    if s.online:
                        read[n_sweep] += 1
                    else:
                        missed.setdefault(n_sweep, collections.Counter())[
                            (s.error or "?")[:50]
                        ] += 1

            poller = Poller()
            engine = PollEngine(poller.poll, on_batch, EngineConfig(), post_process=FaultStage())
            engine.set_targets(targets)
            rows: list[tuple[float, float, float, int]] = []  # wall, rss, sockets, read
            t_start = time.monotonic()
            while time.monotonic() - t_start < seconds:
                n_sweep += 1
                gc.collect()
                rss, socks, fds = rss_mb(), _sockets(), psutil.Process().num_fds()
                s0, c0, t0 = sim.cpu_s(), cpu_s(), time.monotonic()
                stats = await engine.sweep()
                wall = time.monotonic() - t0
                rows.append((wall, rss, socks, read[n_sweep]))
                print(
                    f"{n_sweep:>5} {t0 - t_start:>6.0f} {wall:>8.2f} "
                    f"{read[n_sweep]:>6}/{healthy_n:<6} {rss:>7.0f} {socks:>7} {fds:>5} "
                    f"{cpu_s() - c0:>6.2f} {sim.cpu_s() - s0:>9.2f} "
                    f"{stats.loop_lag_max_ms or 0:>7.0f}",
                    flush=True,
                )
                await asyncio.sleep(max(0.0, interval - wall))
            await poller.aclose()
    third = max(1, len(rows) // 3)
    steady = rows[1:]  # sweep 1 detects every miner
    first, last = steady[:third], steady[-third:]
    for name, i in (("sweep s", 0), ("RSS MB", 1), ("sockets between sweeps", 2)):
        a, b = median([r[i] for r in first]), median([r[i] for r in last])
        print(
            f"{name}: first third {a:.2f}, last third {b:.2f} ({b / a if a else float('nan'):.2f}x)"
        )
    short = {n: c for n, c in missed.items()}
    print(
        f"healthy miners read in every sweep: {'yes' if not short else 'NO'}"
        + (f"; not read: {short}" if short else "")
    )
    return 0 if not short else 1


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--miners", type=int, default=2000)
    p.add_argument("--hostile-pct", type=float, default=20.0)
    p.add_argument("--seconds", type=float, default=600.0)
    p.add_argument("--interval", type=float, default=30.0)
    args = p.parse_args(argv)
    raise_fd_limit()
    print(machine())
    return asyncio.run(soak(args.miners, args.hostile_pct, args.seconds, args.interval))


if __name__ == "__main__":
    raise SystemExit(main())
