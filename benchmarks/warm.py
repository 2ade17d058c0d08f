"""Cold vs warm first sweep: a fresh poller identifying every miner, against one seeded with the
identities the cold sweep saved (what ``poll``/``watch`` and the window do at launch).

    python -m benchmarks.warm --miners 1000 5000 --runs 3
    python -m benchmarks.warm --cli --miners 1000 --runs 3   # whole `rig-monitor poll` processes
    python -m benchmarks.warm --miners 5000 --runs 1 --faults 8   # with hung, slow, … miners

Each run: a cold sweep of a fresh poller (detection + first read), its identities saved and
loaded back through identity_cache (the real file round trip), then a warm sweep of another
fresh poller seeded from them. Wall time until every miner is on screen (the sweep's end) and
engine CPU per miner; the simulator runs in its own process (its CPU is not counted in the
engine's, and is printed apart as "sim CPU s": the simulator's CPU during the warm sweeps, which on
a real site the miners' own hardware spends).
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks._common import SimProcess, cpu_s, loadavg, machine, median, raise_fd_limit

BASE = "127.214.0.1"


def _targets(n: int) -> list[Any]:
    from rig_monitor.core.targets import parse_targets

    last = ipaddress.IPv4Address(BASE) + n + 2 * (n // 254) + 4  # room for the skipped .0 and .255
    out = [
        t
        for t in parse_targets(f"{BASE}-{last}")
        if int(ipaddress.IPv4Address(t.ip)) & 0xFF not in (0, 255)
    ][:n]
    for t in out:
        t.web_port = 24080
    return out


async def _sweep(
    targets: list[Any], seed: dict[str, Any] | None, later: bool = True
) -> tuple[float, float, int, Any, float]:
    """(wall until every row has a reading or an error, engine CPU ms per miner, online,
    identities, wall until the last answering miner was read). ``later``: the unknown and
    failing miners after the known answering ones, as a launch does (False: address order)."""
    from rig_monitor.core.engine.engine import EngineConfig, PollEngine
    from rig_monitor.core.engine.identity_cache import polled_later
    from rig_monitor.core.engine.poller import Poller
    from rig_monitor.core.model import MinerSnapshot, Target

    poller = Poller()
    answered = [0.0]

    async def poll(t: Target) -> MinerSnapshot:
        snap = await poller.poll(t)
        if snap.online:
            answered[0] = time.perf_counter()
        return snap

    if seed is not None:
        poller.seed(targets, seed)
    engine = PollEngine(poll, lambda _b: None, EngineConfig(interval_s=0.0, concurrency=500))
    engine.set_targets(targets)
    if seed is not None and later:
        engine.poll_later(polled_later(targets, seed))
    c0, t0 = cpu_s(), time.perf_counter()
    stats = await engine.sweep()
    wall, cpu = time.perf_counter() - t0, cpu_s() - c0
    identities = poller.identities()
    await poller.aclose()
    return wall, cpu / len(targets) * 1000.0, stats.online, identities, answered[0] - t0


def _cli(n: int, runs: int) -> None:
    """`rig-monitor poll RANGE` as a user runs it: a fresh process each time, cold (--cold) and
    warm (the cache the previous run saved). Wall and CPU of the whole process (child rusage)."""
    import os
    import resource
    import subprocess
    import sys

    targets = _targets(n)
    spec = f"{targets[0].ip}-{targets[-1].ip}"
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "RIG_MONITOR_CACHE_DIR": cache}
        # As a user runs it: an installed package has its bytecode cached. With
        # PYTHONDONTWRITEBYTECODE (set on some build machines) every process compiled the
        # package's ~90 modules again, ~0.3 s of CPU per run; the unmeasured first run writes them.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        cmd = [sys.executable, "-m", "rig_monitor", "poll", spec, "--web-port", "24080", "--json"]

        def one(extra: list[str]) -> tuple[float, float, int]:
            r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            out = subprocess.run(cmd + extra, capture_output=True, text=True, env=env, check=True)
            wall = time.perf_counter() - t0
            r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
            online = out.stdout.count('"online": true')
            return wall, cpu, online

        with SimProcess(["--base", BASE, "--count", str(n), "--seed", "5"]):
            one([])  # writes the cache
            cold = [one(["--cold"]) for _ in range(runs)]
            warm = [one([]) for _ in range(runs)]
    cw, ww = median([c[0] for c in cold]), median([w[0] for w in warm])
    print(
        f"poll of {n} ({spec}), whole process, median of {runs}: cold {cw:.2f} s wall / "
        f"{median([c[1] for c in cold]):.2f} s CPU, warm {ww:.2f} s / "
        f"{median([w[1] for w in warm]):.2f} s CPU, wall ratio {cw / ww:.1f}x; online cold "
        f"{min(c[2] for c in cold)}, warm {min(w[2] for w in warm)}; runs "
        + " ".join(f"{c[0]:.2f}" for c in cold)
        + " / "
        + " ".join(f"{w[0]:.2f}" for w in warm)
        + f"; load {loadavg()}"
    )


def main(argv: list[str] | None = None) -> int:
    from rig_monitor.core.engine import identity_cache

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--miners", type=int, nargs="+", default=[1000, 5000])
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--cli", action="store_true", help="time whole `rig-monitor poll` processes")
    p.add_argument("--faults", type=float, default=0.0, help="percent of miners with a fault")
    p.add_argument(
        "--seed", type=int, default=5, help="the simulated fleet's mix (benchmarks.gui uses 9)"
    )
    p.add_argument(
        "--flat", action="store_true", help="warm sweep in address order (no known-first order)"
    )
    args = p.parse_args(argv)
    raise_fd_limit()
    print(machine())
    if args.cli:
        for n in args.miners:
            _cli(n, args.runs)
        return 0
    print(f"{'miners':>7} {'cold s':>7} {'warm s':>7} {'ratio':>6} {'cold CPU ms':>12} "
          f"{'warm CPU ms':>12} {'online c/w':>11} {'sim CPU s':>9} {'load':>5}  "
          "runs (cold/warm s, warm: every answering miner read s)")  # fmt: skip
    for n in args.miners:
        targets = _targets(n)
        colds, warms, ccpu, wcpu, runs = [], [], [], [], []
        sim_cpu: list[float] = []
        online = (0, 0)
        sim_args = ["--base", BASE, "--count", str(n), "--seed", str(args.seed)]
        sim_args += ["--faults", str(args.faults)]
        with SimProcess(sim_args) as sim:
            for _ in range(args.runs):
                cw, cc, con, ids, _ = asyncio.run(_sweep(targets, None))
                with tempfile.TemporaryDirectory() as tmp:
                    path = Path(tmp) / "ids.json"
                    identity_cache.save(path, ids)
                    seed = identity_cache.load(path)
                s0 = sim.cpu_s()
                ww, wc, won, _, wa = asyncio.run(_sweep(targets, seed, not args.flat))
                sim_cpu.append(sim.cpu_s() - s0)
                colds.append(cw)
                warms.append(ww)
                ccpu.append(cc)
                wcpu.append(wc)
                runs.append(f"{cw:.2f}/{ww:.2f} ({wa:.2f})")
                online = (con, won)
        cm, wm = median(colds), median(warms)
        print(
            f"{n:>7} {cm:>7.2f} {wm:>7.2f} {cm / wm:>5.1f}x {median(ccpu):>12.2f} "
            f"{median(wcpu):>12.2f} {online[0]:>5}/{online[1]:<5} {median(sim_cpu):>9.2f} "
            f"{loadavg():>5}  {' '.join(runs)}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
