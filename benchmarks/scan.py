"""Discovery of 1,000 simulated miners spread over a /20 (4,096 addresses).

    python -m benchmarks.scan --runs 3 --silent 0 500

Variants by ``--silent``: on loopback an unused address refuses at once, kinder than a real LAN
where most unused addresses time out. ``--silent N`` makes N of the non-miner addresses drop
SYNs (a listener with a full backlog), so their connects time out as on a LAN.
"""

from __future__ import annotations

import argparse
import asyncio
import time

from benchmarks._common import (
    SimProcess,
    cpu_s,
    loadavg,
    machine,
    median,
    peak_rss_mb,
    raise_fd_limit,
)

BASE = "127.220.0.0"


async def one_scan(connect_timeout: float, concurrency: int) -> tuple[float, float, dict[str, int]]:
    from rig_monitor.core.engine.discovery import ScanReport, scan
    from rig_monitor.core.model import Ports
    from rig_monitor.core.targets import parse_targets

    targets = parse_targets(f"{BASE}/20")
    c0, t0 = cpu_s(), time.perf_counter()
    results = await scan(
        targets,
        concurrency=concurrency,
        ports=Ports(web=24080),
        connect_timeout_s=connect_timeout,
    )
    wall, cpu = time.perf_counter() - t0, cpu_s() - c0
    counts = {str(k): v for k, v in ScanReport(results).counts().items() if v}
    return wall, cpu, counts


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--miners", type=int, default=1000)
    p.add_argument("--silent", type=int, nargs="+", default=[0, 500])
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--connect-timeout", type=float, default=1.0)
    p.add_argument("--concurrency", type=int, default=2048)
    args = p.parse_args(argv)
    raise_fd_limit()
    print(machine())
    print(
        f"scan: {args.miners} miners in {BASE}/20 (4,094 hosts), pre-check timeout "
        f"{args.connect_timeout:g} s, concurrency cap {args.concurrency}, median of {args.runs}"
    )
    print(f"{'silent':>6} {'wall s':>7} {'runs s':>20} {'CPU s':>6} {'load':>5}  outcomes")
    for silent in args.silent:
        sim_args = ["--base", BASE, "--count", str(args.miners), "--spread", "4096"]
        sim_args += ["--silent", str(silent), "--seed", "7"]
        walls, cpus = [], []
        counts: dict[str, int] = {}
        with SimProcess(sim_args):
            for _ in range(args.runs):
                wall, cpu, counts = asyncio.run(one_scan(args.connect_timeout, args.concurrency))
                walls.append(wall)
                cpus.append(cpu)
        runs = " ".join(f"{w:.2f}" for w in walls)
        print(
            f"{silent:>6} {median(walls):>7.2f} {runs:>20} {median(cpus):>6.2f} {loadavg():>5}  "
            + ", ".join(f"{k}: {v}" for k, v in counts.items())
        )
    print(f"peak RSS of the scanning process: {peak_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
