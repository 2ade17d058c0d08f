"""Microseconds of CPU per driver parse on real replies (the steady sweep's parse share).

    python -m benchmarks.parse --runs 5

Each real reply set with a ``stats`` reply (tests/captures, tests/fixtures/antminer) is parsed
by its family's driver (decoded once, outside the timing); the figure is the median of ``--runs``
runs of ``--loops`` parses each. Run the same file in an older tree for an A/B.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from benchmarks._common import loadavg, machine, median

TESTS = Path(__file__).resolve().parents[1] / "tests"


def _sets() -> list[tuple[str, str, dict[str, Any]]]:
    from rig_monitor.core.wire.cgminer import parse_reply

    out: list[tuple[str, str, dict[str, Any]]] = []
    for rpc in sorted((TESTS / "captures").glob("*/*/rpc")):
        replies = {
            f.stem: parse_reply(f.read_bytes())
            for f in sorted(rpc.iterdir())
            if f.suffix in (".json", ".raw")
        }
        family = rpc.parent.parent.name
        if "stats" in replies and family in ("antminer", "hiveon", "luxos", "vnish", "cgminer"):
            out.append((f"{family}/{rpc.parent.name}", family, replies))
    fix = TESTS / "fixtures" / "antminer"
    for prefix in ("s19jpro", "s9"):
        replies = {
            f.stem.split("_", 1)[1]: parse_reply(f.read_bytes())
            for f in sorted(fix.glob(f"{prefix}_*.raw"))
        }
        out.append((f"fixtures/{prefix}", "antminer", replies))
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--loops", type=int, default=2000)
    args = p.parse_args(argv)
    from rig_monitor.core.drivers import driver_for
    from rig_monitor.core.model import Identity, Target

    print(machine())
    print(f"parse: median of {args.runs} runs x {args.loops} parses, us of CPU per parse")
    target = Target("10.0.0.1")
    for name, family, replies in _sets():
        driver = driver_for(family)
        identity = Identity(family)
        for _ in range(50):  # warm: memos, caches
            driver.parse(target, replies, identity)
        runs = []
        for _ in range(args.runs):
            c0 = time.process_time()
            for _ in range(args.loops):
                driver.parse(target, replies, identity)
            runs.append((time.process_time() - c0) / args.loops * 1e6)
        print(f"{name:<48} {median(runs):8.1f} us  (runs {min(runs):.1f}-{max(runs):.1f})")
    print(f"load {loadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
