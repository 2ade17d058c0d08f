"""``python -m benchmarks.stage``: CPU cost of the fault stage per miner per sweep (issue 15).

    python -m benchmarks.stage --miners 5000 --runs 5 [--sweeps 8] [--profile 30]

No network: a realistic mixed fleet of :class:`MinerSnapshot` is built in memory (the models,
board counts, chip counts and temperatures of the simulator's personas and models.json, with
per-unit noise; ~2 % offline, ~4 % with a fault: a dead fan, a hot board, a missing chip, a
low hashrate), and every sweep goes through the real :class:`FaultStage` — the engine's
``post_process``: ``FaultTracker.update`` (sanity, peers, rules, dwell) and the fleet diagnosis.
Time advances a simulated minute per sweep; uptimes and share counters advance with it.

Prints, per run, the median CPU time per miner per sweep of the warm sweeps (every sweep after
the first), the first sweep apart (model lookups, threshold resolution), and the share of the
tracker update alone; then the median of the runs. ``--profile N`` adds a cProfile top-N of
one warm run. Snapshot building is outside the timed region. Asserts nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import time
from collections.abc import Iterable
from dataclasses import dataclass

from benchmarks._common import loadavg, machine, median
from rig_monitor.core.faults import FaultEvent, FaultTracker
from rig_monitor.core.faults.stage import FaultStage
from rig_monitor.core.model import Board, MinerSnapshot, Pool, PoolStatus

T0 = 1_780_000_000.0
SWEEP_S = 60.0


@dataclass(frozen=True)
class _Kind:
    make: str
    model: str
    family: str
    firmware: str
    boards: int
    chips: int | None  # None: the firmware reports no chip count (Whatsminer)
    fans: int
    ths: float
    watts: float
    freq: float
    pcb_c: float
    chip_delta_c: float
    weight: float


KINDS = (
    _Kind("Antminer", "S19j Pro", "antminer", "bmminer", 3, 126, 4, 104, 3068, 545, 62, 15, 0.30),
    _Kind("Antminer", "S19 XP", "antminer", "bmminer", 3, 110, 4, 140, 3010, 525, 60, 14, 0.15),
    _Kind("Antminer", "S21", "antminer", "bmminer", 3, 108, 4, 200, 3500, 490, 58, 20, 0.20),
    _Kind("Whatsminer", "M50S", "whatsminer", "btminer", 3, None, 2, 126, 3276, 620, 66, 8, 0.20),
    _Kind("Whatsminer", "M30S+", "whatsminer", "btminer", 3, None, 2, 100, 3400, 600, 68, 8, 0.15),
)


def _acs(ok: int, x: int = 0) -> str:
    chars = "o" * ok + "x" * x
    return " ".join(chars[i : i + 8] for i in range(0, len(chars), 8))


@dataclass
class _Unit:
    ip: str
    kind: _Kind
    speed: float  # this unit's hashrate against nominal
    warmth: float  # °C above the model's typical
    uptime0: int
    offline: bool = False
    fault: str = ""  # "", "fan", "hot", "chip", "slow"


def _fleet(n: int, seed: int) -> list[_Unit]:
    rng = random.Random(seed)
    weights = [k.weight for k in KINDS]
    out = []
    for i in range(n):
        ip = f"10.{20 + i // 65024}.{(i // 254) % 256}.{i % 254 + 1}"
        unit = _Unit(
            ip,
            rng.choices(KINDS, weights)[0],
            rng.gauss(1.0, 0.015),
            rng.gauss(0.0, 2.0),
            rng.randrange(3600, 20 * 86400),
        )
        r = rng.random()
        if r < 0.02:
            unit.offline = True
        elif r < 0.06:
            unit.fault = rng.choice(("fan", "hot", "chip", "slow"))
        out.append(unit)
    return out


def _snapshot(u: _Unit, sweep: int, rng: random.Random) -> MinerSnapshot:
    k = u.kind
    t = T0 + sweep * SWEEP_S
    if u.offline:
        return MinerSnapshot(ip=u.ip, online=False, timestamp=t, error="timed out after 3.0 s")
    speed = u.speed * (0.85 if u.fault == "slow" else 1.0)
    per_board = k.ths * speed / k.boards
    boards = []
    for b in range(k.boards):
        pcb = k.pcb_c + u.warmth + rng.gauss(0, 0.6) + (30 if u.fault == "hot" and b == 1 else 0)
        chips = k.chips
        if chips is not None and u.fault == "chip" and b == 2:
            chips -= 3
        boards.append(
            Board(
                index=b,
                hashrate_ths=round(per_board * rng.gauss(1.0, 0.01), 2),
                nominal_hashrate_ths=round(k.ths / k.boards, 2),
                chips=chips,
                expected_chips=k.chips,
                temp_board_c=round(pcb, 1),
                temp_chip_c=round(pcb + k.chip_delta_c, 1),
                chip_status=_acs(chips) if chips is not None else None,
                hw_errors=100 + sweep,
                frequency_mhz=k.freq,
                voltage_v=13.6,
            )
        )
    fans = [int(rng.gauss(5800, 60)) for _ in range(k.fans)]
    if u.fault == "fan":
        fans[-1] = 0
    up = u.uptime0 + int(sweep * SWEEP_S)
    acc = up // 6
    rej = acc // 800
    rate = sum(b.hashrate_ths or 0 for b in boards)
    return MinerSnapshot(
        ip=u.ip,
        online=True,
        timestamp=t,
        make=k.make,
        model=k.model,
        family=k.family,
        firmware=k.firmware,
        hashrate_ths=round(rate, 2),
        hashrate_avg_ths=round(k.ths * speed, 2),
        hashrate_5s_ths=round(rate * rng.gauss(1.0, 0.02), 2),
        nominal_hashrate_ths=float(k.ths),
        power_w=k.watts * rng.gauss(1.0, 0.01),
        temp_chip_max_c=max(b.temp_chip_c or 0 for b in boards),
        temp_board_max_c=max(b.temp_board_c or 0 for b in boards),
        temp_inlet_c=round(24 + rng.gauss(0, 0.3), 1),
        fans_rpm=fans,
        expected_fans=k.fans,
        boards=boards,
        expected_boards=k.boards,
        pools=[
            Pool(
                url="stratum+tcp://btc.pool.example:3333",
                user="site.w",
                status=PoolStatus.ALIVE,
                active=True,
                priority=0,
                accepted=acc,
                rejected=rej,
                last_share_time=t - 5,
                last_share_age_s=5.0,
            ),
            Pool(
                url="stratum+tcp://backup.pool.example:443",
                user="site.w",
                status=PoolStatus.ALIVE,
                active=False,
                priority=1,
                accepted=0,
                rejected=0,
            ),
        ],
        uptime_s=up,
        hw_errors=300 + sweep,
        accepted=acc,
        rejected=rej,
        stale=1,
        idle=False,
    )


def _sweeps(units: list[_Unit], sweeps: int, seed: int) -> list[list[MinerSnapshot]]:
    rng = random.Random(seed + 1)
    return [[_snapshot(u, s, rng) for u in units] for s in range(sweeps)]


def one_run(
    miners: int,
    sweeps: int,
    seed: int,
    profile: cProfile.Profile | None = None,
    batch_size: int = 0,
) -> tuple[float, float, float, int]:
    """(first sweep ms/miner, warm median ms/miner, warm tracker-only median ms/miner, faults).

    ``batch_size``: each sweep reaches the stage in batches of that many miners, as the engine
    hands them out every 0.5 s while a sweep runs (0: the whole sweep at once)."""
    units = _fleet(miners, seed)
    batches = _sweeps(units, sweeps, seed)
    clock = [T0]
    spent = [0.0]

    class _Timed(FaultTracker):
        """The stock tracker, with the CPU of its ``update`` counted apart."""

        def update(
            self, snapshots: Iterable[MinerSnapshot], now: float | None = None
        ) -> list[FaultEvent]:
            c = time.process_time()
            try:
                return super().update(snapshots, now)
            finally:
                spent[0] += time.process_time() - c

    stage = FaultStage(clock=lambda: clock[0], tracker_factory=_Timed)
    per_sweep: list[float] = []
    tracker_share: list[float] = []
    for i, batch in enumerate(batches):
        clock[0] = T0 + i * SWEEP_S
        spent[0] = 0.0
        if profile is not None and i > 0:
            profile.enable()
        size = batch_size if batch_size > 0 else len(batch)
        c0 = time.process_time()
        for at in range(0, len(batch), size):
            stage(batch[at : at + size])
        cpu = time.process_time() - c0
        if profile is not None:
            profile.disable()
        per_sweep.append(1000 * cpu / miners)
        tracker_share.append(1000 * spent[0] / miners)
    faults = sum(1 for s in batches[-1] if s.faults)
    return per_sweep[0], median(per_sweep[1:]), median(tracker_share[1:]), faults


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--miners", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sweeps", type=int, default=8, help="sweeps per run (first is cold)")
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="cProfile top N")
    ap.add_argument(
        "--batch",
        type=int,
        default=0,
        metavar="N",
        help="feed each sweep in batches of N miners (a 5,000-miner warm launch: ~170, 0.5 s each)",
    )
    args = ap.parse_args(argv)
    print(machine())
    print(f"load average before: {loadavg()}")
    print(
        f"fault stage, {args.miners} miners, {args.sweeps} sweeps per run, {args.runs} runs, "
        f"batches of {args.batch or args.miners}"
    )
    firsts, warms, trackers = [], [], []
    for r in range(args.runs):
        first, warm, trk, faults = one_run(
            args.miners, args.sweeps, args.seed + r, batch_size=args.batch
        )
        firsts.append(first)
        warms.append(warm)
        trackers.append(trk)
        print(
            f"  run {r + 1}: first sweep {first:.3f} ms/miner, warm {warm:.3f} ms/miner "
            f"(tracker.update {trk:.3f}), {faults} miners with faults"
        )
    print(
        f"median: first sweep {median(firsts):.3f} ms/miner, warm sweep {median(warms):.3f} "
        f"ms/miner = {median(warms) * args.miners / 1000:.2f} s CPU per sweep of "
        f"{args.miners}; tracker.update alone {median(trackers):.3f} ms/miner"
    )
    print(f"load average after: {loadavg()}")
    if args.profile:
        prof = cProfile.Profile()
        one_run(args.miners, args.sweeps, args.seed, prof, args.batch)
        print(f"\ncProfile of the warm sweeps of one run (top {args.profile} by own time):")
        pstats.Stats(prof).sort_stats("tottime").print_stats(args.profile)


if __name__ == "__main__":
    main()
