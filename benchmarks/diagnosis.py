"""``python -m benchmarks.diagnosis``: can an operator trust the alarms? (issue 9)

Three measurements on the simulator, through the same poller, engine and fault stage as
``rig-monitor watch``, with simulated time (one sweep = one simulated minute; see _watchsim):

1. false alarms: a healthy mixed fleet (default 1,000 miners, realistic per-unit noise) over
   at least one simulated hour -> % of miners that showed any warning or critical fault
   (target <= 1 %);
2. early warning: each slow failure injected on 3 % of a 300-miner fleet -> % of cases whose
   early-warning fault came before any critical fault on that miner (target >= 90 %), and the
   minutes from injection to the warning;
3. incidents: a dead rack (a /26 going dark), a block pool outage, a hot block -> the number of
   incidents and the sweeps from "observable" to the incident (target: exactly one, within two).

Loopback only. Prints figures; asserts nothing (targets are checked by reading them).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections import Counter

from benchmarks._common import raise_fd_limit
from benchmarks._watchsim import SimClock, Sweep, visible, watch
from rig_monitor.core.model import Severity
from rig_monitor.sim.faults import SLOW_FAULTS
from rig_monitor.sim.fleet import SimFleet
from rig_monitor.sim.thread import SimFleetThread

PORT, WEB, V3 = 24811, 24911, 24711
INJECT_AT = 3  # sweep after which faults are injected (the stage has seen a healthy fleet)


def _fleet(base: str, count: int, seed: int, clock: SimClock) -> SimFleet:
    return SimFleet.build(
        base=base, count=count, seed=seed, port=PORT, web_port=WEB, v3_port=V3, clock=clock
    )


def _run(fleet: SimFleet, clock: SimClock, sweeps: int, on: object) -> list[Sweep]:
    with SimFleetThread(fleet):
        return watch(fleet, clock, sweeps, web_port=WEB, v3_port=V3, on_sweep=on)  # type: ignore[arg-type]


def false_alarms(count: int, sweeps: int, seed: int) -> tuple[float, Counter[str], float]:
    clock = SimClock()
    fleet = _fleet("127.120.0.1", count, seed, clock)
    flagged: set[str] = set()
    ids: Counter[str] = Counter()

    def on(sw: Sweep) -> None:
        for key, found in visible(sw).items():
            if found and key not in flagged:
                flagged.add(key)
                ids.update(found)

    t0 = time.monotonic()
    _run(fleet, clock, sweeps, on)
    return 100.0 * len(flagged) / count, ids, time.monotonic() - t0


def early_warning(
    count: int, sweeps: int, seed: int, share: float
) -> dict[str, tuple[int, int, list[float]]]:
    """Per slow failure: (cases, warned before any critical, minutes injection -> warning)."""
    clock = SimClock()
    fleet = _fleet("127.121.0.1", count, seed, clock)
    rng = random.Random(f"slow:{seed}")
    order = list(range(count))
    rng.shuffle(order)
    per = max(1, round(count * share))
    plan: dict[str, str] = {}
    for fault in SLOW_FAULTS:
        picked = [i for i in order if fault in fleet.miners[i].supported_faults()][:per]
        for i in picked:
            order.remove(i)
            m = fleet.miners[i]
            plan[f"{m.ip}:{m.port}"] = fault
    warned: dict[str, int] = {}
    critical: dict[str, int] = {}

    def on(sw: Sweep) -> None:
        if sw.n == INJECT_AT:
            for key, fault in plan.items():
                ip = key.rsplit(":", 1)[0]
                fleet.miner(ip, PORT).inject(fault)
            return
        if sw.n < INJECT_AT:
            return
        for s in sw.snaps:
            fault = plan.get(s.key)
            if fault is None:
                continue
            for f in s.faults:
                if f.id == SLOW_FAULTS[fault]:
                    warned.setdefault(s.key, sw.n)
                elif f.severity is Severity.CRITICAL:
                    critical.setdefault(s.key, sw.n)

    _run(fleet, clock, sweeps, on)
    out: dict[str, tuple[int, int, list[float]]] = {}
    for fault in SLOW_FAULTS:
        keys = [k for k, f in plan.items() if f == fault]
        early = [k for k in keys if k in warned and warned[k] < critical.get(k, 10**9)]
        minutes = [float(warned[k] - INJECT_AT) for k in keys if k in warned]
        out[fault] = (len(keys), len(early), minutes)
    return out


SCENARIOS = {
    # fault, which miners, sweeps to run, sweeps until observable after injection
    "dead rack (/26 dark)": ("offline", "rack", 8, 1.0),
    "block pool outage (/24)": ("pools_dead", "block", 8, 1.0),
    "hot block (/24, +0.3 °C/min)": ("heat_creep", "block", 25, 4 / 0.3),
}


def incidents(seed: int) -> dict[str, tuple[int, float | None, list[str]]]:
    """Per scenario: (distinct incidents seen, sweeps from observable to the first, their ids)."""
    out: dict[str, tuple[int, float | None, list[str]]] = {}
    for name, (fault, where, sweeps, observable_after) in SCENARIOS.items():
        clock = SimClock()
        fleet = _fleet("127.122.0.151", 150, seed, clock)  # .151–.254 and 127.122.1.1–.46
        if where == "rack":
            group = [m for m in fleet.miners if m.ip.startswith("127.122.0.")]
            group = [m for m in group if int(m.ip.rsplit(".", 1)[1]) >= 192]
        else:
            group = [m for m in fleet.miners if m.ip.startswith("127.122.1.")]
        group = [m for m in group if fault in m.supported_faults()]
        seen: dict[str, int] = {}

        def on(sw: Sweep, group: list = group, fault: str = fault, seen: dict = seen) -> None:  # type: ignore[type-arg]
            if sw.n == INJECT_AT:
                for m in group:
                    m.inject(fault)
            if sw.report is not None:
                for inc in sw.report.incidents:
                    seen.setdefault(f"{inc.id} {inc.scope}", sw.n)

        _run(fleet, clock, sweeps, on)
        first = min(seen.values(), default=None)
        lag = None if first is None else first - (INJECT_AT + observable_after)
        out[name] = (len(seen), lag, sorted(seen))
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--healthy", type=int, default=1000, help="healthy fleet size (default 1000)")
    p.add_argument("--minutes", type=int, default=61, help="simulated minutes (default 61)")
    p.add_argument("--slow-fleet", type=int, default=300, help="fleet for slow failures")
    p.add_argument("--slow-minutes", type=int, default=60, help="minutes after injection")
    p.add_argument("--runs", type=int, default=1, help="seeds per measurement (median quoted)")
    p.add_argument("--first-seed", type=int, default=1, help="first seed (default 1)")
    p.add_argument("--skip", default="", help="comma list of parts to skip: healthy,slow,incidents")
    args = p.parse_args()
    raise_fd_limit()
    skip = set(filter(None, args.skip.split(",")))
    seeds = list(range(args.first_seed, args.first_seed + args.runs))

    if "healthy" not in skip:
        pcts, walls, all_ids = [], [], Counter[str]()
        for seed in seeds:
            pct, ids, wall = false_alarms(args.healthy, args.minutes + 1, seed)
            pcts.append(pct)
            walls.append(wall)
            all_ids.update(ids)
        print(
            f"false alarms: {args.healthy} healthy miners, {args.minutes} simulated minutes, "
            f"{len(seeds)} seed(s): miners with any warning = {statistics.median(pcts):.2f} % "
            f"(runs: {', '.join(f'{x:.2f}' for x in pcts)}; target <= 1 %); "
            f"wall {statistics.median(walls):.0f} s"
        )
        if all_ids:
            print("  fault ids on healthy miners:", dict(all_ids.most_common()))

    if "slow" not in skip:
        totals: dict[str, list[float]] = {f: [] for f in SLOW_FAULTS}
        mins: dict[str, list[float]] = {f: [] for f in SLOW_FAULTS}
        n_cases = 0
        for seed in seeds:
            res = early_warning(args.slow_fleet, INJECT_AT + args.slow_minutes + 1, seed, 0.03)
            for fault, (cases, early, minutes) in res.items():
                totals[fault].append(100.0 * early / cases if cases else float("nan"))
                mins[fault].extend(minutes)
                n_cases = max(n_cases, cases)
        print(
            f"early warning: each slow failure on 3 % of {args.slow_fleet} miners "
            f"({n_cases} each), {args.slow_minutes} simulated minutes (target >= 90 % before "
            "any critical):"
        )
        for fault, pcts in totals.items():
            m = mins[fault]
            when = f"median {statistics.median(m):.0f} min after injection" if m else "never"
            print(
                f"  {fault:13s} -> {SLOW_FAULTS[fault]:19s} {statistics.median(pcts):5.1f} % "
                f"before any critical ({when})"
            )

    if "incidents" not in skip:
        print("incidents (150 miners; target: exactly one, within two sweeps of observable):")
        for seed in seeds:
            for name, (n, lag, ids) in incidents(seed).items():
                shown = "—" if lag is None else f"{lag:+.0f} sweeps"
                print(f"  seed {seed} {name:30s} incidents={n} first at {shown}: {ids}")


if __name__ == "__main__":
    main()
