"""The same simulated fleet read cold by Rig Monitor, pyasic and asic-rs, in one run, with ratios.

    python -m benchmarks.vs_pyasic --miners 1000 --runs 3 [--hung N] [--hung-after-id N]

Neither pyasic nor asic-rs is a project dependency: each runs in its own throwaway venv, in a
child process (``python -m venv /tmp/pyasic-venv && /tmp/pyasic-venv/bin/pip install pyasic
psutil``; ``python -m venv /tmp/asicrs-venv && /tmp/asicrs-venv/bin/pip install pyasic-rs``;
or ``--pyasic-python`` / ``--asicrs-python``; a missing interpreter skips that tool). All three
do the same work from cold: identify every miner, then read its data (pyasic and asic-rs:
``get_miner`` + ``get_data`` under a semaphore; Rig Monitor: the first sweep of a fresh poller,
detection included). "read" counts miners identified with a hashrate in the result. The sim
serves the RPC on port 4028 (both libraries' fixed port); its web UI is on 24080, so their
port-80 probes are refused at once. ``--hung`` miners accept and never answer; ``--hung-after-id``
miners answer ``version``/``devdetails`` and hang on any data request.
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
DEFAULT_ASICRS_PYTHON = "/tmp/asicrs-venv/bin/python"

# The same timed identify+read loop for both tools, run with their own venv's python (neither
# can import this project); only how a miner object is obtained and the version differ.
_CHILD = r"""
import asyncio, json, os, sys, time
{imports}
ips = json.loads(sys.argv[1]); conc = int(sys.argv[2])
async def main():
{setup}
    sem = asyncio.Semaphore(conc)
    async def one(ip):
        async with sem:
            try:
                miner = await asyncio.wait_for({get_miner}(ip), 30)
                if miner is None:
                    return "none"
                data = await asyncio.wait_for(miner.get_data(), 30)
                return "ok" if data.hashrate is not None else "nodata"
            except Exception as exc:
                return type(exc).__name__
    t0 = time.perf_counter(); c0 = sum(os.times()[:2])
    res = await asyncio.gather(*(one(ip) for ip in ips))
    wall = time.perf_counter() - t0; cpu = sum(os.times()[:2]) - c0
    counts = {{}}
    for r in res: counts[r] = counts.get(r, 0) + 1
    print("RESULT " + json.dumps({{"wall": wall, "cpu": cpu, "counts": counts,
          "version": {version}}}))
asyncio.run(main())
"""

PYASIC_CHILD = _CHILD.format(
    imports="import pyasic",
    setup="    pass",
    get_miner="pyasic.get_miner",
    version='pyasic.__version__ if hasattr(pyasic, "__version__") else "?"',
)
ASICRS_CHILD = _CHILD.format(
    imports="from importlib.metadata import version\nfrom pyasic_rs import MinerFactory",
    setup="    factory = MinerFactory()",
    get_miner="factory.get_miner",
    version='version("pyasic-rs")',
)


def _ips(n: int) -> list[str]:
    out, addr = [], int(ipaddress.IPv4Address(BASE))
    while len(out) < n:
        if addr & 0xFF not in (0, 255):
            out.append(str(ipaddress.IPv4Address(addr)))
        addr += 1
    return out


async def rig_monitor_cold(ips: list[str], concurrency: int) -> dict[str, object]:
    from rig_monitor.core.engine.engine import Batch, EngineConfig, PollEngine
    from rig_monitor.core.engine.poller import Poller
    from rig_monitor.core.model import Ports, Target

    poller = Poller(ports=Ports(web=24080))
    counts: dict[str, int] = {}

    def on_batch(b: Batch) -> None:
        for snap in b.snapshots:
            ok = snap.online and snap.hashrate_ths is not None
            key = "ok" if ok else str(snap.error_kind or "nodata")
            counts[key] = counts.get(key, 0) + 1

    engine = PollEngine(
        poller.poll, on_batch, EngineConfig(interval_s=0.0, concurrency=concurrency)
    )
    engine.set_targets([Target(ip, 4028, web_port=24080) for ip in ips])
    c0, t0 = cpu_s(), time.perf_counter()
    await engine.sweep()
    wall, cpu = time.perf_counter() - t0, cpu_s() - c0
    await poller.aclose()
    return {"wall": wall, "cpu": cpu, "counts": counts}


def child_cold(
    name: str, python: str, code: str, ips: list[str], concurrency: int
) -> dict[str, object] | str:
    try:
        out = subprocess.run(
            [python, "-c", code, json.dumps(ips), str(concurrency)],
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"{name} could not run: {exc}"
    line = next((x for x in out.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        return f"{name} failed: {out.stderr[-1500:]}"
    result: dict[str, object] = json.loads(line[7:])
    return result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--miners", type=int, default=1000)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--concurrency", type=int, default=200, help="all sides (pyasic's default)")
    p.add_argument(
        "--hung",
        type=int,
        default=0,
        help="the first N miners accept connections and never answer, as frozen ones do",
    )
    p.add_argument(
        "--hung-after-id",
        type=int,
        default=0,
        help="the next N miners answer version/devdetails, then hang on every data request",
    )
    p.add_argument(
        "--personas",
        default=None,
        help="simulator personas, comma-separated (default: the simulator's mix)",
    )
    p.add_argument(
        "--pyasic-python", default=os.environ.get("PYASIC_PYTHON", DEFAULT_PYASIC_PYTHON)
    )
    p.add_argument(
        "--asicrs-python", default=os.environ.get("ASICRS_PYTHON", DEFAULT_ASICRS_PYTHON)
    )
    args = p.parse_args(argv)
    raise_fd_limit()
    print(machine())
    others = {
        "pyasic": (args.pyasic_python, PYASIC_CHILD),
        "asic-rs": (args.asicrs_python, ASICRS_CHILD),
    }
    for name, (python, _) in list(others.items()):
        if not Path(python).exists():
            print(f"{name} interpreter {python} not found (see the module docstring): skipped")
            del others[name]
    ips = _ips(args.miners)
    walls: dict[str, list[float]] = {"rig-monitor": [], **{n: [] for n in others}}
    cpus: dict[str, list[float]] = {n: [] for n in walls}
    outcomes: dict[str, dict[str, int]] = {}
    versions: dict[str, str] = {}
    sim_args = ["--base", BASE, "--count", str(args.miners), "--port", "4028", "--seed", "3"]
    sim_args += ["--hung", str(args.hung), "--hung-after-id", str(args.hung_after_id)]
    if args.personas:
        sim_args += ["--personas", args.personas]
    with SimProcess(sim_args):
        for _ in range(args.runs):
            results: dict[str, dict[str, object] | str] = {
                "rig-monitor": asyncio.run(rig_monitor_cold(ips, args.concurrency))
            }
            for name, (python, code) in others.items():
                results[name] = child_cold(name, python, code, ips, args.concurrency)
            for name, r in results.items():
                if isinstance(r, str):
                    print(r)
                    return 1
                walls[name].append(float(r["wall"]))  # type: ignore[arg-type]
                cpus[name].append(float(r["cpu"]))  # type: ignore[arg-type]
                outcomes[name] = r["counts"]  # type: ignore[assignment]
                versions[name] = str(r.get("version", "this tree"))
    print(
        f"vs_pyasic: {args.miners} miners ({args.hung} hung, {args.hung_after_id} hung after "
        f"identification), concurrency {args.concurrency}, cold (identify + read), "
        f"median of {args.runs}; personas {args.personas or 'default mix'}; load {loadavg()}"
    )
    ow, oc = median(walls["rig-monitor"]), median(cpus["rig-monitor"])
    for name in walls:
        w, c = median(walls[name]), median(cpus[name])
        ratio = (
            f"; {name}/rig-monitor: wall {w / ow:.1f}x, CPU {c / oc:.1f}x" if name in others else ""
        )
        print(
            f"  {name:<12} {versions[name]:<10} wall {w:6.2f} s (runs "
            + " ".join(f"{x:.2f}" for x in walls[name])
            + f"), CPU {c:6.2f} s, read {outcomes[name].get('ok', 0)}/{args.miners}, "
            + f"outcomes {outcomes[name]}{ratio}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
