"""Engine CPU per steady miner-poll for a fleet of one persona at a time, and the mix's average.

    python -m benchmarks.persona_cost                       # every persona of the default mix
    python -m benchmarks.persona_cost --personas whatsminer avalon "antminer:S19" mix
    python -m benchmarks.persona_cost --personas avalon --profile 25   # cProfile, 25 rows

Why per persona: the mix's figure (``benchmarks.sweep``) is a weighted average of families that
cost from ~0.3 to over 1 ms a poll, so a change to one driver disappears in the mix's noise.
Here each persona gets its own fleet of ``--miners`` (a simulator in another process, so its CPU
is counted apart), one sweep with detection, then ``--rounds`` steady sweeps; the figure is the
median of the steady sweeps' engine CPU (user and system from ``getrusage``) divided by the
polls, with the simulator's CPU per poll beside it. The weighted average uses the default mix's
weights (``rig_monitor.sim.DEFAULT_PERSONA_MIX``) over the personas measured in this run.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import os
import pstats
import resource
import sys

from benchmarks._common import (
    SimProcess,
    loadavg,
    machine,
    median,
    raise_fd_limit,
    sim_targets,
)

BASE = "127.218.0.1"  # apart from the other benchmarks' fleets (they may run at once)


async def one(
    persona: str, n: int, rounds: int, profile: int, base: str = BASE
) -> dict[str, float]:
    """One persona's fleet (``mix``: the simulator's default mix): medians per miner-poll."""
    from rig_monitor.core.engine.engine import EngineConfig, PollEngine, collector_fit_for_polling
    from rig_monitor.core.engine.poller import Poller

    extra = [] if persona == "mix" else ["--personas", persona]
    with SimProcess(["--base", base, "--count", str(n), "--seed", "5", *extra]) as sim:
        targets = sim_targets(base, n)
        for t in targets:
            t.web_port = 24080  # the simulator's web UI (Antminer drivers may read it)
        poller = Poller()
        engine = PollEngine(
            poller.poll, lambda _b: None, EngineConfig(interval_s=0.0, concurrency=64)
        )
        engine.set_targets(targets)
        await engine.sweep()  # detection: not measured
        users: list[float] = []
        systems: list[float] = []
        sims: list[float] = []
        online = n
        prof = cProfile.Profile() if profile else None
        with collector_fit_for_polling():
            for _ in range(rounds):
                s0 = sim.cpu_s()
                r0 = resource.getrusage(resource.RUSAGE_SELF)
                if prof is not None:
                    prof.enable()
                stats = await engine.sweep()
                if prof is not None:
                    prof.disable()
                r1 = resource.getrusage(resource.RUSAGE_SELF)
                polled = max(1, stats.polled)
                users.append((r1.ru_utime - r0.ru_utime) / polled)
                systems.append((r1.ru_stime - r0.ru_stime) / polled)
                sims.append((sim.cpu_s() - s0) / polled)
                online = min(online, stats.online)
        await poller.aclose()
    if prof is not None:
        dump = os.environ.get("RIG_MONITOR_PROFILE_OUT")  # for pstats: callers, cumulative
        if dump:
            prof.dump_stats(dump)
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(profile)
        print(out.getvalue(), file=sys.stderr)
    user, system = median(users) * 1e6, median(systems) * 1e6
    return {
        "user": user,
        "sys": system,
        "total": user + system,
        "sim": median(sims) * 1e6,
        "online": float(online),
    }


def main(argv: list[str] | None = None) -> int:
    from rig_monitor.sim import DEFAULT_PERSONA_MIX

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "--personas",
        nargs="+",
        default=None,
        help='persona specs ("whatsminer", "antminer:S19"…) or "mix"; default the mix\'s personas',
    )
    p.add_argument("--miners", type=int, default=500)
    p.add_argument("--base", default=BASE, help="the fleet's first loopback address")
    p.add_argument("--rounds", type=int, default=3, help="steady sweeps per persona (median)")
    p.add_argument(
        "--profile", type=int, default=0, metavar="N", help="cProfile of the steady sweeps, N rows"
    )
    args = p.parse_args(argv)
    personas: list[str] = args.personas or list(DEFAULT_PERSONA_MIX)
    raise_fd_limit()
    print(machine())
    print(
        f"persona_cost: {args.miners} miners per persona, median of {args.rounds} steady sweeps, "
        "µs of CPU per miner-poll"
    )
    print(
        f"{'persona':<22} {'weight':>6} {'user':>6} {'sys':>5} {'total':>6} {'sim':>6} "
        f"{'online':>6} {'load':>5}"
    )
    weighted = 0.0
    weights = 0.0
    for persona in personas:
        load = loadavg()
        r = asyncio.run(one(persona, args.miners, args.rounds, args.profile, args.base))
        w = DEFAULT_PERSONA_MIX.get(persona, 0.0)
        if w:
            weighted += w * r["total"]
            weights += w
        print(
            f"{persona:<22} {w:>6g} {r['user']:>6.0f} {r['sys']:>5.0f} {r['total']:>6.0f} "
            f"{r['sim']:>6.0f} {r['online']:>6.0f} {load:>5}",
            flush=True,
        )
    if weights:
        print(
            f"weighted average of the {weights:g} weight measured: {weighted / weights:.0f} µs "
            f"per miner-poll (load now {loadavg()})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
