"""User-space instructions per steady miner-poll, per persona, counted by callgrind.

    python -m benchmarks.poll_instructions --personas whatsminer avalon "antminer:S19j Pro"
    python -m benchmarks.poll_instructions --miners 100 --rounds 3      # the default mix's personas

Why instructions: this host's two cores are shared, and CPU time per poll moves by more than
the changes being judged (``persona_cost`` reads the same tree 30 % apart in back-to-back runs).
Callgrind's count of the engine's user-space instructions is the same at any load (±1–2 %: the
event loop's passes depend on timing); the kernel's loopback TCP is not in it.

Each persona runs in its own ``valgrind --tool=callgrind`` process: a simulator (not under
valgrind) serves ``--miners``, the engine sweeps once with detection, then ``--rounds`` steady
sweeps run inside ``functools.reduce`` and only those are counted (``--toggle-collect``: the
engine never calls ``reduce``). The figure is the count divided by the polls.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks._common import loadavg, machine

BASE = "127.221.0.1"  # apart from the other benchmarks' fleets (they may run at once)
TOGGLE = "functools_reduce"


def inner(persona: str, n: int, rounds: int, base: str, concurrency: int) -> int:
    """Runs under valgrind: one fleet, the steady sweeps inside ``reduce``; prints the polls."""
    from benchmarks._common import SimProcess, raise_fd_limit, sim_targets
    from rig_monitor.core.engine.engine import EngineConfig, PollEngine, collector_fit_for_polling
    from rig_monitor.core.engine.poller import Poller

    raise_fd_limit()
    extra = [] if persona == "mix" else ["--personas", persona]
    loop = asyncio.new_event_loop()
    with SimProcess(["--base", base, "--count", str(n), "--seed", "5", *extra]) as _sim:
        targets = sim_targets(base, n)
        for t in targets:
            t.web_port = 24080  # the simulator's web UI (Antminer drivers may read it)
        poller = Poller()
        engine = PollEngine(
            poller.poll, lambda _b: None, EngineConfig(interval_s=0.0, concurrency=concurrency)
        )
        engine.set_targets(targets)
        loop.run_until_complete(engine.sweep())  # detection: not counted
        online = n
        with collector_fit_for_polling():

            def steady(polled: int, _round: int) -> int:
                nonlocal online
                stats = loop.run_until_complete(engine.sweep())
                online = min(online, stats.online)
                return polled + stats.polled

            polled = functools.reduce(steady, range(rounds), 0)
        loop.run_until_complete(poller.aclose())
    loop.close()
    print(f"POLLED {polled} ONLINE {online}")
    return 0


def count(
    persona: str, n: int, rounds: int, base: str, concurrency: int, keep: Path | None = None
) -> tuple[int, int, int]:
    """(instructions, polls, online) of one persona's steady sweeps under callgrind; ``keep``:
    a folder for callgrind's output file (for ``callgrind_annotate``)."""
    with tempfile.TemporaryDirectory() as tmp:
        name = re.sub(r"[^\w.-]+", "_", persona) + ".callgrind.out"
        out = (keep or Path(tmp)) / name
        cmd = [
            "valgrind",
            "--tool=callgrind",
            f"--toggle-collect={TOGGLE}",
            f"--callgrind-out-file={out}",
            sys.executable,
            "-m",
            "benchmarks.poll_instructions",
            "--inner",
            persona,
            "--miners",
            str(n),
            "--rounds",
            str(rounds),
            "--base",
            base,
            "--concurrency",
            str(concurrency),
        ]
        done = subprocess.run(
            cmd,
            capture_output=True,
            text=True,
            cwd=Path(__file__).resolve().parent.parent,
            env=os.environ,
            check=False,
        )
        m = re.search(r"POLLED (\d+) ONLINE (\d+)", done.stdout)
        if done.returncode != 0 or m is None:
            raise RuntimeError(f"{persona}: callgrind run failed\n{done.stdout}\n{done.stderr}")
        totals = re.search(r"^(?:summary|totals): (\d+)", out.read_text(), re.MULTILINE)
        if totals is None:
            raise RuntimeError(f"{persona}: no totals in callgrind's output")
        return int(totals.group(1)), int(m.group(1)), int(m.group(2))


def main(argv: list[str] | None = None) -> int:
    from rig_monitor.sim import DEFAULT_PERSONA_MIX

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--personas", nargs="+", default=None, help="persona specs; default the mix's")
    p.add_argument("--miners", type=int, default=100)
    p.add_argument("--rounds", type=int, default=3, help="steady sweeps counted")
    p.add_argument("--base", default=BASE, help="the fleet's first loopback address")
    p.add_argument(
        "--concurrency",
        type=int,
        default=8,
        help="polls in flight (valgrind runs the engine ~50x slower: more miss their deadlines)",
    )
    p.add_argument("--keep", type=Path, help="keep callgrind's output files in this folder")
    p.add_argument("--inner", metavar="PERSONA", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.inner:
        return inner(args.inner, args.miners, args.rounds, args.base, args.concurrency)
    personas: list[str] = args.personas or list(DEFAULT_PERSONA_MIX)
    print(machine())
    print(
        f"poll_instructions: {args.miners} miners per persona, {args.rounds} steady sweeps, "
        "user-space instructions per miner-poll (callgrind)"
    )
    print(
        f"{'persona':<22} {'weight':>6} {'instr/poll':>11} {'polls':>6} {'online':>6} {'load':>5}"
    )
    weighted = weights = 0.0
    for persona in personas:
        load = loadavg()
        instr, polls, online = count(
            persona, args.miners, args.rounds, args.base, args.concurrency, args.keep
        )
        per = instr / max(1, polls)
        w = DEFAULT_PERSONA_MIX.get(persona, 0.0)
        if w:
            weighted += w * per
            weights += w
        print(f"{persona:<22} {w:>6g} {per:>11,.0f} {polls:>6} {online:>6} {load:>5}", flush=True)
        if online < args.miners:
            print(f"  ({args.miners - online} offline in a sweep: not a steady figure)", flush=True)
    if weights:
        print(f"weighted average of the {weights:g} weight measured: {weighted / weights:,.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
