"""Cost of the Prometheus exporter at fleet scale: building a view at the end of a sweep (on the
engine thread) and rendering one scrape (on the metrics thread), for N synthetic miners with three
boards and four fans each, and one open fault on every tenth.

    python -m benchmarks.metrics [--miners 5000] [--runs 7]

Prints medians (and min/max) of ``--runs`` runs. No network: the scrape is rendered in-process
with prometheus_client's ``generate_latest``, which is what its HTTP handler calls.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import time

from prometheus_client import CollectorRegistry, generate_latest

from rig_monitor.core.engine.engine import Batch, SweepStats
from rig_monitor.core.model import Board, MinerSnapshot
from rig_monitor.core.serve.accumulate import SweepAccumulator
from rig_monitor.core.serve.metrics import FaultLine, FleetCollector


def fleet(n: int) -> list[MinerSnapshot]:
    out = []
    for i in range(n):
        ip = f"10.{i // 65536 % 256}.{i // 256 % 256}.{i % 256}"
        out.append(
            MinerSnapshot(
                ip, online=i % 50 != 0, make="Antminer", model="S19j Pro",
                hashrate_ths=100.0 + i % 7, nominal_hashrate_ths=104.0, power_w=3050.0,
                temp_chip_max_c=75.0, temp_board_max_c=62.0, temp_inlet_c=28.0,
                fans_rpm=[5400, 5460, 5380, 5420], uptime_s=86400, poll_ms=40.0,
                boards=[Board(b, hashrate_ths=33.3, temp_chip_c=75.0, temp_board_c=62.0,
                              chips=126, hw_errors=12) for b in range(3)],
            )
        )  # fmt: skip
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--miners", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=7)
    a = ap.parse_args()
    snaps = fleet(a.miners)
    collector = FleetCollector("bench")
    reg = CollectorRegistry(auto_describe=False)
    reg.register(collector)
    build, render, size, lines = [], [], 0, 0
    for run in range(a.runs):
        acc = SweepAccumulator(collector, "bench")
        stats = SweepStats(
            sweep=run + 1, started=time.time(), finished=time.time() + 1, polled=a.miners
        )
        acc.on_batch(Batch(snapshots=snaps, sweep=stats, sweep_done=False))
        t0 = time.perf_counter()
        view = acc.on_batch(Batch(snapshots=[], sweep=stats, sweep_done=True))
        build.append(time.perf_counter() - t0)
        assert view is not None
        faults = tuple(FaultLine(s.key, "fan_failed", "critical") for s in snaps[::10])
        collector.publish(dataclasses.replace(view, faults=faults))
        t0 = time.perf_counter()
        text = generate_latest(reg)
        render.append(time.perf_counter() - t0)
        size, lines = len(text), text.count(b"\n")

    def fmt(xs: list[float]) -> str:
        return f"median {statistics.median(xs) * 1000:.1f} ms (min {min(xs) * 1000:.1f}, max {max(xs) * 1000:.1f})"

    print(f"miners: {a.miners:,}, runs: {a.runs}")
    print(f"view at sweep end (engine thread): {fmt(build)}")
    print(
        f"one scrape rendered (metrics thread): {fmt(render)}; {size / 1e6:.1f} MB, {lines:,} lines"
    )


if __name__ == "__main__":
    main()
