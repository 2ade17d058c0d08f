"""A cold stock-Antminer web login alone: CPU per login (Digest challenge + system info page).

    python -m benchmarks.login --miners 500 --runs 7

The simulator serves stock Antminers only; each run logs in to every miner once with a fresh
``HttpClient`` and a fresh Digest object (no challenge known: the 401 round trip is paid, as in a
cold identification), concurrency 200. The login is most of a cold identify + read of a stock
Antminer (docs/performance.md, issue 15), and this path has far less noise than the whole
identification on a shared machine. Prints the median CPU per login and how many logged in.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time

from benchmarks._common import SimProcess, cpu_s, loadavg, machine, median, raise_fd_limit
from benchmarks.identify import BASE, _targets

WEB_PORT = 24080  # the simulator's web port (as in benchmarks.identify)


def _ips(n: int, base: str = BASE) -> list[str]:
    """The simulator's addresses, as benchmarks.identify lays them out."""
    return [t.ip for t in _targets(n, base)]


async def _run(ips: list[str], concurrency: int) -> tuple[float, float, float, int]:
    from rig_monitor.core.errors import MinerError
    from rig_monitor.core.wire.http import HttpClient, digest

    http = HttpClient()
    gate = asyncio.Semaphore(concurrency)
    ok = 0

    async def one(ip: str) -> None:
        nonlocal ok
        async with gate:
            try:
                url = f"http://{ip}:{WEB_PORT}/cgi-bin/get_system_info.cgi"
                reply = await http.get(url, auth=digest("root", "root"))
            except MinerError:
                return
            ok += reply.status == 200 and "minertype" in reply.text

    s0, c0, t0 = os.times().system, cpu_s(), time.perf_counter()
    await asyncio.gather(*(one(ip) for ip in ips))
    wall, cpu, sys_cpu = time.perf_counter() - t0, cpu_s() - c0, os.times().system - s0
    await http.aclose()
    return wall, cpu / len(ips) * 1000.0, sys_cpu / len(ips) * 1000.0, ok


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--miners", type=int, default=500)
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--concurrency", type=int, default=200)
    p.add_argument("--base", default=BASE, help="first simulated address (another loopback /16)")
    args = p.parse_args(argv)
    raise_fd_limit()
    print(machine())
    sim = [
        "--base",
        args.base,
        "--count",
        str(args.miners),
        "--seed",
        "5",
        "--personas",
        "antminer",
    ]
    sim += ["--web-port", str(WEB_PORT)]
    with SimProcess(sim):
        ips = _ips(args.miners, args.base)
        cpus, syss, walls, oks = [], [], [], []
        asyncio.run(_run(ips, args.concurrency))  # warm-up: imports, caches
        for _ in range(args.runs):
            wall, cpu_ms, sys_ms, ok = asyncio.run(_run(ips, args.concurrency))
            cpus.append(cpu_ms)
            syss.append(sys_ms)
            walls.append(wall)
            oks.append(ok)
    print(
        f"login: {args.miners} stock Antminers, concurrency {args.concurrency}: CPU "
        f"{median(cpus):.3f} ms/login (runs "
        + " ".join(f"{c:.3f}" for c in cpus)
        + f"), of which kernel {median(syss):.3f}, wall "
        f"{median(walls):.2f} s, logged in {min(oks)}/{args.miners}, load {loadavg()}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
