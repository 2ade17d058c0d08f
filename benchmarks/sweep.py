"""Full poll sweeps of N simulated miners: wall time, engine CPU per miner-poll, peak RSS.

    python -m benchmarks.sweep --miners 500 2000 5000 --runs 5

Each N runs in a fresh child process (so peak RSS is that N's), against a simulator in another
process (so its CPU is not counted). Sweep 1 includes detection (two probes per miner); the
figures are the median of the ``--runs`` steady sweeps after it.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import json
import os
import pstats
import subprocess
import sys
import time

from benchmarks._common import (
    SimProcess,
    cpu_s,
    loadavg,
    machine,
    median,
    peak_rss_mb,
    raise_fd_limit,
    sim_targets,
)

BASE = "127.210.0.1"


async def _sweeps(
    n: int, runs: int, concurrency: int, faults: float, profile: int = 0
) -> dict[str, object]:
    from rig_monitor.core.engine.engine import Batch, EngineConfig, PollEngine
    from rig_monitor.core.engine.poller import Poller

    with SimProcess(
        ["--base", BASE, "--count", str(n), "--faults", str(faults), "--seed", "5"]
    ) as sim:
        targets = sim_targets(BASE, n)
        # web_port: the sim serves the web UI on 24080 (Antminer drivers may read it)
        for t in targets:
            t.web_port = 24080
        poller = Poller()
        online: list[int] = []
        errors: dict[str, int] = {}

        def on_batch(b: Batch) -> None:
            if b.sweep_done:
                online.append(b.sweep.online)
            if b.sweep.sweep > 1:
                for s in b.snapshots:
                    if not s.online:
                        errors[str(s.error_kind)] = errors.get(str(s.error_kind), 0) + 1

        engine = PollEngine(
            poller.poll, on_batch, EngineConfig(interval_s=0.0, concurrency=concurrency)
        )
        engine.set_targets(targets)
        walls: list[float] = []
        cpus: list[float] = []
        sim_cpus: list[float] = []
        syss: list[float] = []  # the kernel's share: loopback connect/send/recv/close
        lows: list[int] = []
        lags: list[float] = []
        prof = cProfile.Profile() if profile else None
        for i in range(runs + 1):
            if prof is not None and i == 1:
                prof.enable()  # steady sweeps only
            s0, c0, k0, t0 = sim.cpu_s(), cpu_s(), os.times().system, time.perf_counter()
            stats = await engine.sweep()
            wall, cpu = time.perf_counter() - t0, cpu_s() - c0
            kernel = os.times().system - k0
            if i:
                sim_cpus.append(sim.cpu_s() - s0)
                lows.append(stats.concurrency_low or 0)
                lags.append(stats.loop_lag_max_ms or 0.0)
            if i == 0:
                first = (wall, cpu / max(1, stats.polled))
            else:
                walls.append(wall)
                cpus.append(cpu / max(1, stats.polled))
                syss.append(kernel / max(1, stats.polled))
        await poller.aclose()
        if prof is not None:
            prof.disable()
            dump = os.environ.get("RIG_MONITOR_PROFILE_OUT")  # for pstats: callers, cumulative
            if dump:
                prof.dump_stats(dump)
            out = io.StringIO()
            pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(profile)
            print(out.getvalue(), file=sys.stderr)
    return {
        "n": n,
        "first_wall_s": first[0],
        "first_cpu_ms": first[1] * 1000,
        "wall_s": median(walls),
        "wall_all": walls,
        "cpu_ms_per_poll": median(cpus) * 1000,
        "sys_ms_per_poll": median(syss) * 1000,
        "online": online,
        "errors": errors,
        "sim_cpu_s": median(sim_cpus),
        "in_flight_low": min(lows) if lows else 0,
        "lag_ms": median(lags),
        "peak_rss_mb": peak_rss_mb(),
        "load": loadavg(),
    }


def child(n: int, runs: int, concurrency: int, faults: float, profile: int = 0) -> None:
    raise_fd_limit()
    result = asyncio.run(_sweeps(n, runs, concurrency, faults, profile))
    print("RESULT " + json.dumps(result), flush=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--miners", type=int, nargs="+", default=[500, 2000, 5000])
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--concurrency", type=int, default=500)
    p.add_argument("--faults", type=float, default=0.0, help="percent of miners with a fault")
    p.add_argument(
        "--profile", type=int, default=0, metavar="N", help="cProfile of the steady sweeps, N rows"
    )
    p.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child is not None:
        child(args.child, args.runs, args.concurrency, args.faults, args.profile)
        return 0
    print(machine())
    print(
        f"sweep: concurrency {args.concurrency}, faults {args.faults:g} %, "
        f"median of {args.runs} steady sweeps (after one sweep with detection)"
    )
    print(
        f"{'miners':>7} {'sweep s':>8} {'runs s':>26} {'CPU ms/poll':>12} {'1st sweep s':>12} "
        f"{'1st CPU ms':>11} {'online':>7} {'peak RSS MB':>12} {'sim CPU s':>9} {'load':>5}"
    )
    for n in args.miners:
        cmd = [
            sys.executable,
            "-m",
            "benchmarks.sweep",
            "--child",
            str(n),
            "--runs",
            str(args.runs),
        ]
        cmd += ["--concurrency", str(args.concurrency), "--faults", str(args.faults)]
        cmd += ["--profile", str(args.profile)]
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=900, check=False)
        line = next((x for x in out.stdout.splitlines() if x.startswith("RESULT ")), None)
        if args.profile:
            print(out.stderr)
        if line is None:
            print(f"{n:>7} failed:\n{out.stdout[-2000:]}\n{out.stderr[-2000:]}")
            continue
        r = json.loads(line[7:])
        runs = " ".join(f"{w:.2f}" for w in r["wall_all"])
        print(
            f"{n:>7} {r['wall_s']:>8.2f} {runs:>26} {r['cpu_ms_per_poll']:>12.3f} "
            f"{r['first_wall_s']:>12.2f} {r['first_cpu_ms']:>11.3f} {min(r['online']):>7} "
            f"{r['peak_rss_mb']:>12.0f} {r['sim_cpu_s']:>9.2f} {r['load']:>5}"
            + f"  (of the CPU, system {r['sys_ms_per_poll']:.3f} ms/poll;"
            + f" in flight adapted down to {r['in_flight_low']}, loop lag max {r['lag_ms']:.0f} ms)"
            + (f"  offline in steady sweeps: {r['errors']}" if r["errors"] else "")
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
