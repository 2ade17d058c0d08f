"""The same simulated fleet swept by Rig Monitor and by pyasic, in one run, with the ratio.

    python -m benchmarks.vs_pyasic --miners 500 --runs 3 [--pyasic-python /path/to/python]

pyasic is never a project dependency: it runs in its own interpreter (a throwaway venv made with
``python -m venv /tmp/pyasic-venv && /tmp/pyasic-venv/bin/pip install pyasic psutil``), in a
child process. Both sides do the same work from cold: identify every miner, then read its data
(pyasic: ``get_miner`` + ``get_data``, bounded by a semaphore; Rig Monitor: the first sweep of a
fresh poller, detection included). The sim serves the RPC on port 4028 (pyasic's fixed port);
its web UI is on 24080, so pyasic's port-80 probes are refused at once.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks._common import SimProcess, cpu_s, loadavg, machine, median, raise_fd_limit

BASE = "127.240.0.1"
DEFAULT_PYASIC_PYTHON = "/tmp/pyasic-venv/bin/python"

PYASIC_CHILD = r"""
import asyncio, json, os, sys, time, resource
import pyasic
ips = json.loads(sys.argv[1]); conc = int(sys.argv[2])
async def main():
    sem = asyncio.Semaphore(conc)
    async def one(ip):
        async with sem:
            try:
                miner = await asyncio.wait_for(pyasic.get_miner(ip), 30)
                if miner is None:
                    return "none"
                data = await asyncio.wait_for(miner.get_data(), 30)
                return "ok" if data.hashrate is not None else "nodata"
            except Exception as exc:
                return type(exc).__name__
    t0 = time.perf_counter(); c0 = sum(os.times()[:2])
    res = await asyncio.gather(*(one(ip) for ip in ips))
    wall = time.perf_counter() - t0; cpu = sum(os.times()[:2]) - c0
    counts = {}
    for r in res: counts[r] = counts.get(r, 0) + 1
    print("RESULT " + json.dumps({"wall": wall, "cpu": cpu, "counts": counts,
          "version": pyasic.__version__ if hasattr(pyasic, "__version__") else "?"}))
asyncio.run(main())
"""


def _ips(n: int) -> list[str]:
    out, addr = [], int(ipaddress.IPv4Address(BASE))
    while len(out) < n:
        if addr & 0xFF not in (0, 255):
            out.append(str(ipaddress.IPv4Address(addr)))
        addr += 1
    return out


async def rig_monitor_cold(ips: list[str], concurrency: int) -> tuple[float, float, int]:
    from rig_monitor.core.engine.engine import EngineConfig, PollEngine
    from rig_monitor.core.engine.poller import Poller
    from rig_monitor.core.model import Ports, Target

    poller = Poller(ports=Ports(web=24080))
    engine = PollEngine(
        poller.poll, lambda _b: None, EngineConfig(interval_s=0.0, concurrency=concurrency)
    )
    engine.set_targets([Target(ip, 4028, web_port=24080) for ip in ips])
    c0, t0 = cpu_s(), time.perf_counter()
    stats = await engine.sweep()
    wall, cpu = time.perf_counter() - t0, cpu_s() - c0
    await poller.aclose()
    return wall, cpu, stats.online


def pyasic_cold(python: str, ips: list[str], concurrency: int) -> dict[str, object] | str:
    try:
        out = subprocess.run(
            [python, "-c", PYASIC_CHILD, json.dumps(ips), str(concurrency)],
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"pyasic could not run: {exc}"
    line = next((x for x in out.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        return f"pyasic failed: {out.stderr[-1500:]}"
    result: dict[str, object] = json.loads(line[7:])
    return result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--miners", type=int, default=500)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--concurrency", type=int, default=200, help="both sides (pyasic's default)")
    p.add_argument(
        "--hung",
        type=int,
        default=0,
        help="the first N miners accept connections and never answer, as frozen ones do",
    )
    p.add_argument(
        "--pyasic-python", default=os.environ.get("PYASIC_PYTHON", DEFAULT_PYASIC_PYTHON)
    )
    args = p.parse_args(argv)
    raise_fd_limit()
    print(machine())
    if not Path(args.pyasic_python).exists():
        print(f"pyasic interpreter {args.pyasic_python} not found: see the module docstring")
        return 1
    ips = _ips(args.miners)
    ours_w, ours_c, theirs_w, theirs_c = [], [], [], []
    online, counts = 0, {}
    sim_args = ["--base", BASE, "--count", str(args.miners), "--port", "4028", "--seed", "3"]
    with SimProcess([*sim_args, "--hung", str(args.hung)]):
        for _ in range(args.runs):
            w, c, online = asyncio.run(rig_monitor_cold(ips, args.concurrency))
            ours_w.append(w)
            ours_c.append(c)
            r = pyasic_cold(args.pyasic_python, ips, args.concurrency)
            if isinstance(r, str):
                print(r)
                return 1
            theirs_w.append(float(r["wall"]))  # type: ignore[arg-type]
            theirs_c.append(float(r["cpu"]))  # type: ignore[arg-type]
            counts = r["counts"]
    ow, tw = median(ours_w), median(theirs_w)
    oc, tc = median(ours_c), median(theirs_c)
    print(
        f"vs_pyasic: {args.miners} miners ({args.hung} hung), concurrency {args.concurrency}, "
        "cold (identify + read), "
        f"median of {args.runs}; load {loadavg()}"
    )
    print(f"  rig-monitor: wall {ow:.2f} s, CPU {oc:.2f} s, online {online}")
    print(f"  pyasic:      wall {tw:.2f} s, CPU {tc:.2f} s, outcomes {counts}")
    print(f"  ratio (pyasic / rig-monitor): wall {tw / ow:.1f}x, CPU {tc / oc:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
