"""The fleet filter language over N rows: compile, first filtering (subjects built), re-filtering
(subjects cached), and the rack/group helpers. No Qt, no network: synthetic snapshots.

    python -m benchmarks.filter_language --miners 5000 --runs 7

Prints the median of ``--runs`` runs for each step (milliseconds).
"""

from __future__ import annotations

import argparse
import ipaddress
import time

from benchmarks._common import machine, median
from rig_monitor.core.filterlang import compile_filter
from rig_monitor.core.model import Fault, MinerSnapshot, Pool, PoolStatus, Severity
from rig_monitor.core.racks import racks_from_addresses
from rig_monitor.gui.filter_subject import SubjectCache
from rig_monitor.gui.fleet import FleetRow
from rig_monitor.gui.grouping import group_rows

FILTERS = (
    "10.20.0.0/22",
    "10.20.1.5-200",
    "model:S19 status:critical,warning",
    "fault:fan",
    "site:north -status:ok",
    "hashboard",
)
SITES = {"north": ["10.20.0.0/23"]}


def rows(n: int) -> list[FleetRow]:
    out = []
    base = int(ipaddress.IPv4Address("10.20.0.1"))
    for i in range(n):
        ip = str(ipaddress.IPv4Address(base + i + i // 254 * 2))
        faults = (
            [Fault("fan_failed", Severity.CRITICAL, "Fan stopped", "fan 2: 0 rpm")]
            if i % 37 == 0
            else []
        )
        snap = MinerSnapshot(
            ip=ip,
            online=i % 50 != 0,
            make="Antminer",
            model=("S19j Pro", "S19 XP", "S21")[i % 3],
            firmware="bmminer",
            hostname=f"miner-{i}",
            hashrate_ths=100.0,
            nominal_hashrate_ths=104.0,
            pools=[Pool("stratum+tcp://btc.viabtc.io:3333", f"acct.w{i}", PoolStatus.ALIVE, True)],
            faults=faults,
        )
        out.append(FleetRow.from_snapshot(snap))
    return out


def timed(fn: object) -> float:
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return (time.perf_counter() - start) * 1000.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--miners", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    fleet = rows(args.miners)
    print(machine())
    print(f"{args.miners:,} rows, median of {args.runs} runs (ms)")
    for text in FILTERS:
        compiled = compile_filter(text, SITES)
        cold, warm, hits = [], [], 0
        for _ in range(args.runs):
            cache = SubjectCache()
            cold.append(timed(lambda c=cache, f=compiled: [f(c.get(r)) for r in fleet]))
            warm.append(timed(lambda c=cache, f=compiled: [f(c.get(r)) for r in fleet]))
            hits = sum(compiled(cache.get(r)) for r in fleet)
        comp = median([timed(lambda t=text: compile_filter(t, SITES)) for _ in range(args.runs)])
        print(
            f"  {text!r:40} compile {comp:6.3f}  first {median(cold):7.1f}  "
            f"again {median(warm):6.1f}  ({hits:,} match)"
        )
    for by in ("block", "model", "site"):
        ms = median([timed(lambda b=by: group_rows(fleet, b, SITES)) for _ in range(args.runs)])
        print(f"  group by {by:8} {ms:7.1f}")
    keys = [r.key for r in fleet]
    ms = median([timed(lambda: racks_from_addresses(keys, 20)) for _ in range(args.runs)])
    print(f"  racks from addresses {ms:7.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
