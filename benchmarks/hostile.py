"""40 miners sending ~2 MB of never-closed JSON full of trailing commas, among 200 healthy ones.

    python -m benchmarks.hostile --runs 5 --repeat 3

Issue 10 measured, before the fix: 3 s of CPU and ~345 MB per such reply, the event loop blocked
for up to 14 s, 38 polls past their budget, healthy miners timed out, 3.4 GB. Targets: the sweep
takes at most 2x the healthy fleet's sweep, peak memory < 500 MB, every healthy miner read.

Each phase runs in a fresh child process (its own peak RSS) against the simulator in another
process (``--inject malformed=40``). Backoff is off, so the hostile miners are asked every sweep
(the worst case; the app would back them off after three failures). Sweep 1 (detection) is
reported apart; the figures are medians over the steady sweeps, then over ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._common import (
    SimProcess,
    cpu_s,
    loadavg,
    machine,
    median,
    peak_rss_mb,
    raise_fd_limit,
)

BASE = "127.230.0.1"
WEB_PORT = 24080


def read_addresses(path: Path) -> list[tuple[str, int, bool]]:
    """(ip, port, hostile) for every simulated miner, from _simserver's --addresses file."""
    out = []
    for line in path.read_text().splitlines():
        if line.startswith("miner "):
            fields = line.split()
            ip, _, port = fields[1].rpartition(":")
            out.append((ip, int(port), fields[-1] != "-"))
    return out


async def _phase(healthy: int, hostile: int, runs: int) -> dict[str, object]:
    from rig_monitor.core.engine.engine import Batch, EngineConfig, PollEngine
    from rig_monitor.core.engine.poller import Poller
    from rig_monitor.core.model import Target

    with tempfile.TemporaryDirectory() as tmp:
        addresses = Path(tmp) / "addresses"
        args = ["--base", BASE, "--count", str(healthy + hostile), "--seed", "7"]
        args += ["--personas", "antminer,whatsminer,braiins,avalon,cgminer"]
        args += ["--inject", f"malformed={hostile}", "--addresses", str(addresses)]
        with SimProcess(args) as sim:  # writes the addresses file before it says READY
            served = read_addresses(addresses)
            targets = [Target(ip, port, web_port=WEB_PORT) for ip, port, _ in served]
            bad = {f"{ip}:{port}" for ip, port, h in served if h}
            poller = Poller()
            per_sweep: list[dict[str, object]] = []
            current: dict[str, object] = {}

            def on_batch(b: Batch) -> None:
                for s in b.snapshots:
                    if s.key in bad:
                        errs = current.setdefault("hostile_errors", collections.Counter())
                        assert isinstance(errs, collections.Counter)
                        errs[(s.error or "online")[:60]] += 1
                    elif s.online:
                        current["healthy_read"] = int(current.get("healthy_read", 0)) + 1  # type: ignore[call-overload]
                    else:
                        missed = current.setdefault("healthy_missed", collections.Counter())
                        assert isinstance(missed, collections.Counter)
                        missed[(s.error or "?")[:60]] += 1

            config = EngineConfig(interval_s=0.0, backoff_base_s=0.0, backoff_max_s=0.0)
            engine = PollEngine(poller.poll, on_batch, config)
            engine.set_targets(targets)
            for _ in range(runs + 1):
                current = {}
                s0, c0, t0 = sim.cpu_s(), cpu_s(), time.perf_counter()
                stats = await engine.sweep()
                current.update(
                    wall_s=time.perf_counter() - t0,
                    cpu_s=cpu_s() - c0,
                    sim_cpu_s=sim.cpu_s() - s0,
                    lag_ms=stats.loop_lag_max_ms or 0.0,
                    polled=stats.polled,
                )
                per_sweep.append(current)
            await poller.aclose()
    steady = per_sweep[1:]
    return {
        "healthy": healthy,
        "hostile": hostile,
        "first_wall_s": per_sweep[0]["wall_s"],
        "walls": [s["wall_s"] for s in steady],
        "wall_s": median([float(s["wall_s"]) for s in steady]),  # type: ignore[arg-type]
        "cpu_s": median([float(s["cpu_s"]) for s in steady]),  # type: ignore[arg-type]
        "sim_cpu_s": median([float(s["sim_cpu_s"]) for s in steady]),  # type: ignore[arg-type]
        "lag_ms_max": max(float(s["lag_ms"]) for s in steady),  # type: ignore[arg-type]
        "healthy_read_min": min(int(s.get("healthy_read", 0)) for s in per_sweep),  # type: ignore[call-overload]
        "healthy_missed": sum(
            (collections.Counter(s.get("healthy_missed", {})) for s in per_sweep),
            collections.Counter(),
        ),
        "hostile_errors": sum(
            (collections.Counter(s.get("hostile_errors", {})) for s in steady),
            collections.Counter(),
        ),
        "peak_rss_mb": peak_rss_mb(),
        "load": loadavg(),
    }


def child(healthy: int, hostile: int, runs: int) -> None:
    raise_fd_limit()
    print("RESULT " + json.dumps(asyncio.run(_phase(healthy, hostile, runs))), flush=True)


def _run_child(healthy: int, hostile: int, runs: int) -> dict[str, object] | None:
    cmd = [sys.executable, "-m", "benchmarks.hostile", "--child", str(healthy), str(hostile)]
    out = subprocess.run(
        [*cmd, "--runs", str(runs)], capture_output=True, text=True, timeout=1800, check=False
    )
    line = next((x for x in out.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        print(f"child failed:\n{out.stdout[-2000:]}\n{out.stderr[-2000:]}")
        return None
    result: dict[str, object] = json.loads(line[7:])
    return result


def hostile_shapes() -> dict[str, bytes]:
    """2 MB replies a broken or hostile firmware can send (each under the 2 MiB reply cap)."""
    mb2 = 2_000_000
    unit = '{"a":[1,2,],"b":{"c":3,},},'
    return {
        "trailing commas, never closed (issue 10)": (
            '{"STATUS":[{"STATUS":"S"}],"STATS":[' + unit * (mb2 // len(unit))
        ).encode(),
        "long string, never closed": b'{"STATUS":[{"Msg":"' + b"x" * mb2,
        "broken, few objects (one strict parse)": b'{"Msg":"'
        + b"log line, " * (mb2 // 10)
        + b'",}',
        "open brackets": b"[" * mb2,
        "quotes": b'{"' + b'"' * mb2,
        "invalid UTF-8": b'{"a":"' + b"\xff\xfe" * (mb2 // 2) + b'"}',
        "valid, 2 MB of small objects": (
            '{"STATUS":[{"STATUS":"S"}],"STATS":[' + '{"a":1},' * (mb2 // 8) + '{"a":1}]}'
        ).encode(),
        "valid, one 2 MB string": b'{"STATUS":[{"STATUS":"S"}],"LOG":"' + b"y" * mb2 + b'"}',
        "250 KB broken, repaired (worst repairable)": (
            '{"STATUS":[{"STATUS":"S"}],"STATS":['
            + '{"Elapsed":86520,"GHS 5s":"95430.12",},' * (250_000 // 41)
        ).encode(),
    }


def parse_costs(repeat: int) -> None:
    """CPU of reading each hostile shape once (decode, repairs, refusal), in this process."""
    from rig_monitor.core.errors import MinerError
    from rig_monitor.core.wire.cgminer import parse_reply

    print(f"parse: median of {repeat} reads of each reply (time.thread_time, ms)")
    for name, raw in hostile_shapes().items():
        times = []
        outcome = "read"
        for _ in range(repeat):
            t0 = time.thread_time()
            try:
                parse_reply(raw)
            except MinerError as exc:
                outcome = exc.message[:70]
            times.append((time.thread_time() - t0) * 1000)
        print(f"  {name:<42} {len(raw) / 1e6:4.1f} MB {median(times):7.1f} ms  {outcome}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--healthy", type=int, default=200)
    p.add_argument("--hostile", type=int, default=40)
    p.add_argument("--runs", type=int, default=5, help="steady sweeps per phase")
    p.add_argument("--repeat", type=int, default=3, help="phases run this many times each")
    p.add_argument(
        "--parse-only", action="store_true", help="only the CPU of reading each hostile reply"
    )
    p.add_argument("--child", type=int, nargs=2, default=None, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child is not None:
        child(args.child[0], args.child[1], args.runs)
        return 0
    print(machine())
    parse_costs(max(5, args.runs))
    if args.parse_only:
        return 0
    print(
        f"hostile: {args.healthy} healthy miners alone, then with {args.hostile} sending ~2 MB of "
        f"never-closed JSON full of trailing commas; {args.runs} steady sweeps per phase, "
        f"{args.repeat} runs; backoff off (hostile ones asked every sweep)"
    )
    header = (
        f"{'phase':>16} {'sweep s':>8} {'sweeps s':>32} {'1st s':>6} {'CPU s':>6} "
        f"{'sim CPU s':>9} {'lag max ms':>10} {'healthy read':>12} {'peak RSS MB':>11} {'load':>5}"
    )
    print(header)
    results: dict[str, list[dict[str, object]]] = {"healthy": [], "with hostile": []}
    for _ in range(args.repeat):
        for name, hostile in (("healthy", 0), ("with hostile", args.hostile)):
            r = _run_child(args.healthy, hostile, args.runs)
            if r is None:
                return 1
            results[name].append(r)
            walls = " ".join(f"{float(w):.2f}" for w in r["walls"])  # type: ignore[attr-defined]
            print(
                f"{name:>16} {float(r['wall_s']):>8.2f} {walls:>32} {float(r['first_wall_s']):>6.2f} "  # type: ignore[arg-type]
                f"{float(r['cpu_s']):>6.2f} {float(r['sim_cpu_s']):>9.2f} "  # type: ignore[arg-type]
                f"{float(r['lag_ms_max']):>10.0f} {r['healthy_read_min']:>5}/{args.healthy:<6} "  # type: ignore[arg-type]
                f"{float(r['peak_rss_mb']):>11.0f} {r['load']:>5}"  # type: ignore[arg-type]
            )
            if r["healthy_missed"]:
                print(f"{'':>16} healthy miners not read: {r['healthy_missed']}")
            if hostile:
                print(f"{'':>16} hostile miners' errors: {r['hostile_errors']}")
    h = median([float(r["wall_s"]) for r in results["healthy"]])  # type: ignore[arg-type]
    x = median([float(r["wall_s"]) for r in results["with hostile"]])  # type: ignore[arg-type]
    hc = median([float(r["cpu_s"]) for r in results["healthy"]])  # type: ignore[arg-type]
    xc = median([float(r["cpu_s"]) for r in results["with hostile"]])  # type: ignore[arg-type]
    rss = max(float(r["peak_rss_mb"]) for r in results["with hostile"])  # type: ignore[arg-type]
    read = min(int(r["healthy_read_min"]) for r in results["with hostile"])  # type: ignore[call-overload]
    print(
        f"median sweep: healthy {h:.2f} s, with {args.hostile} hostile {x:.2f} s = {x / h:.2f}x "
        f"(target <= 2x: {'met' if x <= 2 * h else 'MISSED'}); peak RSS {rss:.0f} MB "
        f"(target < 500: {'met' if rss < 500 else 'MISSED'}); healthy read in every sweep: "
        f"{read}/{args.healthy} ({'met' if read == args.healthy else 'MISSED'})"
    )
    if hc > 0 and args.hostile:
        # CPU is the steadier figure on a shared machine (wall waits for the other processes)
        print(
            f"median engine CPU a sweep: healthy {hc:.3f} s, with {args.hostile} hostile "
            f"{xc:.3f} s = {xc / hc:.2f}x; {(xc - hc) / args.hostile * 1000:.2f} ms per hostile miner"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
