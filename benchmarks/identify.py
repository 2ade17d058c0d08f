"""Cold identification (and identify + first read) of N simulated miners: CPU per miner, profile.

    python -m benchmarks.identify --miners 1000 --runs 5 [--profile 25]
    python -m benchmarks.identify --personas cgminer [--no-fallback]

``--personas`` limits the simulated fleet (e.g. ``cgminer``: plain cgminers, which detection's
fast path leaves "generic", so they pay the fallback stage, detect_more); ``--no-fallback``
switches that stage off, for the figure without it.

Each run uses a fresh Poller (no identities known, no warm cache) against one simulator process
(its CPU is not counted). ``identify`` is ``Poller.identify`` alone; ``identify+read`` is the
first ``Poller.poll`` of every miner (what the first sweep does). ``--profile N`` prints the N
costliest functions of one extra identify+read run (cProfile, cumulative and own time).
"of which kernel" is the system CPU (``os.times``): loopback TCP work no Python change removes.
``--engine-gc``: the young-generation threshold the engine's sweeps set (identification runs
inside the first sweep); without it Python's default (700), as in the figures before 2026-12-03.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import io
import ipaddress
import os
import pstats
import time
from collections.abc import Awaitable, Callable
from typing import Any

from benchmarks._common import SimProcess, cpu_s, loadavg, machine, median, raise_fd_limit

BASE = "127.212.0.1"


def _targets(n: int, base: str = BASE) -> list[Any]:
    from rig_monitor.core.targets import parse_targets

    last = ipaddress.IPv4Address(base) + n + 2 * (n // 254) + 4  # room for the skipped .0 and .255
    out = [
        t
        for t in parse_targets(f"{base}-{last}")
        if int(ipaddress.IPv4Address(t.ip)) & 0xFF not in (0, 255)
    ][:n]
    for t in out:
        t.web_port = 24080
    return out


async def _run(
    n: int, concurrency: int, read: bool, base: str = BASE, engine_gc: bool = False
) -> tuple[float, float, float, int]:
    from rig_monitor.core.engine.engine import collector_fit_for_polling
    from rig_monitor.core.engine.poller import Poller

    targets = _targets(n, base)
    poller = Poller()
    gate = asyncio.Semaphore(concurrency)
    ok = 0

    async def one(t: Any) -> None:
        nonlocal ok
        async with gate:
            if read:
                snap = await poller.poll(t)
                ok += bool(snap.online)
            else:
                try:
                    await poller.identify(t)
                    ok += 1
                except Exception:  # counted as not identified
                    pass

    gc_setting = collector_fit_for_polling() if engine_gc else contextlib.nullcontext()
    s0, c0, t0 = os.times().system, cpu_s(), time.perf_counter()
    with gc_setting:
        await asyncio.gather(*(one(t) for t in targets))
    wall, cpu, sys_cpu = time.perf_counter() - t0, cpu_s() - c0, os.times().system - s0
    await poller.aclose()
    return wall, cpu / n * 1000.0, sys_cpu / n * 1000.0, ok


def _profile(fn: Callable[[], Awaitable[Any]], top: int) -> str:
    prof = cProfile.Profile()
    prof.enable()
    asyncio.run(fn())  # type: ignore[arg-type]
    prof.disable()
    out = io.StringIO()
    st = pstats.Stats(prof, stream=out)
    st.sort_stats("cumulative").print_stats(top)
    st.sort_stats("tottime").print_stats(top)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--miners", type=int, default=1000)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--concurrency", type=int, default=200)
    p.add_argument("--profile", type=int, default=0, metavar="N")
    p.add_argument("--base", default=BASE, help="first simulated address (another loopback /16)")
    p.add_argument(
        "--engine-gc",
        action="store_true",
        help="the cycle collector's threshold as the engine's sweeps set it (engine.py)",
    )
    p.add_argument("--personas", default=None, help="comma-separated simulator personas")
    p.add_argument("--no-fallback", action="store_true", help="detection without detect_more")
    args = p.parse_args(argv)
    if args.no_fallback:
        import rig_monitor.core.drivers.detect as detect_module

        async def no_fallback(*_args: Any, **_kw: Any) -> None:
            return None

        detect_module.detect_more = no_fallback  # type: ignore[assignment]
    raise_fd_limit()
    print(machine())
    print(
        f"identify: {args.miners} miners, concurrency {args.concurrency}, median of {args.runs}"
        + (f", personas {args.personas}" if args.personas else "")
        + (", fallback stage off" if args.no_fallback else "")
        + (", the engine's GC threshold" if args.engine_gc else "")
    )
    sim = ["--base", args.base, "--count", str(args.miners), "--seed", "5"]
    if args.personas:
        sim += ["--personas", args.personas]
    with SimProcess(sim):
        for read in (False, True):
            walls, cpus, syss, oks = [], [], [], []
            for _ in range(args.runs):
                wall, cpu_ms, sys_ms, ok = asyncio.run(
                    _run(args.miners, args.concurrency, read, args.base, args.engine_gc)
                )
                walls.append(wall)
                cpus.append(cpu_ms)
                syss.append(sys_ms)
                oks.append(ok)
            label = "identify+read" if read else "identify"
            print(
                f"{label:>14}: CPU {median(cpus):.3f} ms/miner (runs "
                + " ".join(f"{c:.2f}" for c in cpus)
                + f"), of which kernel {median(syss):.3f}"
                + f", wall {median(walls):.2f} s, ok {min(oks)}/{args.miners}, load {loadavg()}"
            )
        if args.profile:
            for read in (False, True):
                print("cProfile of one " + ("identify+read" if read else "identify") + " run")
                print(
                    _profile(
                        lambda r=read: _run(
                            args.miners, args.concurrency, r, args.base, args.engine_gc
                        ),
                        args.profile,
                    )
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
