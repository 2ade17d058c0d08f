"""How long one action takes on a large selection: dry run (identify + plan) and locate-on.

Six firmware families in equal odds (cgminer, stock Antminer, Avalon, LuxOS, ePIC, Whatsminer v3),
simulator in its own process, a fresh poller per run (identification included, as the CLI does).
Locate is not staggered (disruptive actions are, by design, paced by waves; see pacing.py), so
this measures the protocol work, not the waiting.

    python -m benchmarks.actions [--count 500] [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from benchmarks._common import SimProcess, machine, median, raise_fd_limit

BASE = "127.210.0.1"
PERSONAS = "cgminer,antminer,avalon,luxos,epic,whatsminer:M60_VK40"


async def _once(targets: list, dry_run: bool) -> tuple[float, int, int]:
    from rig_monitor.core.actions.pacing import Pacing
    from rig_monitor.core.actions.runner import ActionRunner
    from rig_monitor.core.drivers.control import Action
    from rig_monitor.core.engine.poller import Poller

    poller = Poller()
    runner = ActionRunner(poller, Pacing(concurrency=500, cooldown_s=0.0), record=lambda **_: None)
    t0 = time.perf_counter()
    try:
        results = await runner.run(targets, Action.LOCATE_ON, dry_run=dry_run)
    finally:
        await poller.aclose()
    took = time.perf_counter() - t0
    ok = sum(1 for r in results if (r.ok if not dry_run else r.supported))
    return took, ok, len(results)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--count", type=int, default=500)
    p.add_argument("--runs", type=int, default=5)
    args = p.parse_args()
    raise_fd_limit()
    from rig_monitor.core.targets import parse_targets

    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "addresses.txt"
        sim_args = ["--base", BASE, "--count", str(args.count), "--personas", PERSONAS]
        with SimProcess([*sim_args, "--addresses", str(listing)]):
            lines = listing.read_text().splitlines()
            targets = parse_targets([ln.split()[1] for ln in lines if ln.startswith("miner ")])
            for t in targets:
                t.web_port = 24080
            print(machine())
            for label, dry in (("dry run (identify + plan)", True), ("locate-on", False)):
                times, oks = [], []
                for _ in range(args.runs):
                    took, ok, n = asyncio.run(_once(targets, dry))
                    times.append(took)
                    oks.append(ok)
                print(
                    f"{label}: {n} miners, median {median(times):.2f} s "
                    f"(runs: {', '.join(f'{t:.2f}' for t in times)}), able/ok {oks}"
                )


if __name__ == "__main__":
    main()
