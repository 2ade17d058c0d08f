"""A randomized fleet run through the real :class:`FaultStage`, and what it concluded, as JSON.

Why: the stage was made cheaper (issue 15: a known fleet on screen within 5 s) with the promise
that every verdict stays the same. ``stage_verdicts.json`` holds the verdicts of the tree
*before* that work (main at ``b7ff3e5``), made by running this file there::

    cd /tmp/stage2-before && PYTHONPATH=/tmp/stage2-before \\
        python /path/to/tests/core/faults/stage_verdicts.py > stage_verdicts.json

``test_stage_verdicts.py`` replays the same inputs through the current code and compares every
batch: each miner's faults (id, severity, title, evidence, board, since) and notes, the report's
events, open records and incidents. Inputs come from a seeded generator (this file, not the
simulator): 240 miners of eight kinds (three Antminers, two Whatsminers, an Avalon without chip
counts, a hydro model, an unknown model), 16 sweeps a simulated minute apart fed in batches of
37, and per miner a condition that changes now and then among every trouble the rules know:
offline, dead or missing fans, hot and warm boards (band), missing chips and bad chip marks,
slow, stopped and idle miners, a board at zero, dead pools and rejects, restarts, impossible and
missing readings, vendor error codes, no identity.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import sys
import time
from dataclasses import dataclass
from typing import Any

from rig_monitor.core.faults.stage import FaultReport, FaultStage
from rig_monitor.core.model import Board, MinerSnapshot, Pool, PoolStatus, VendorError

T0 = 1_780_000_000.0
SWEEP_S = 60.0
MINERS = 240
SWEEPS = 16
BATCH = 37
SEED = 20261203


@dataclass(frozen=True)
class _Kind:
    make: str
    model: str
    family: str
    boards: int
    chips: int | None
    fans: int
    ths: float
    watts: float
    pcb_c: float


KINDS = (
    _Kind("Antminer", "S19j Pro", "antminer", 3, 126, 4, 104, 3068, 62),
    _Kind("Antminer", "S19 XP", "antminer", 3, 110, 4, 140, 3010, 60),
    _Kind("Antminer", "S21", "antminer", 3, 108, 4, 200, 3500, 58),
    _Kind("Whatsminer", "M50S", "whatsminer", 3, None, 2, 126, 3276, 66),
    _Kind("Whatsminer", "M30S+", "whatsminer", 3, None, 2, 100, 3400, 68),
    _Kind("Avalon", "A1246", "avalon", 4, None, 4, 90, 3420, 70),
    _Kind("Antminer", "S19 XP Hyd.", "antminer", 3, 110, 0, 255, 5304, 45),
    _Kind("Antminer", "S99 Future", "antminer", 3, 100, 4, 300, 3000, 60),
)
CONDITIONS = (
    "ok", "offline", "fan0", "fans_all0", "fan_lost", "fan_fast", "hot", "warm", "chips",
    "marks", "slow", "very_slow", "stopped", "idle", "board0", "board_gone", "pools_dead",
    "rejects", "reboot", "nan", "no_hashrate", "code", "anon", "inlet_hot", "throttle",
)  # fmt: skip


@dataclass
class _Unit:
    ip: str
    kind: _Kind
    speed: float
    warmth: float
    uptime0: int
    condition: str = "ok"
    booted: float = 0.0  # sweep-relative restart time when condition == "reboot"


def fleet(rng: random.Random) -> list[_Unit]:
    out = []
    for i in range(MINERS):
        unit = _Unit(
            f"10.7.{i // 60}.{i % 60 + 2}",
            KINDS[i % len(KINDS)] if i < 16 else rng.choice(KINDS),
            rng.gauss(1.0, 0.015),
            rng.gauss(0.0, 2.0),
            rng.randrange(600, 20 * 86400),
        )
        if rng.random() < 0.3:
            unit.condition = rng.choice(CONDITIONS)
        out.append(unit)
    # a /26 of dark miners (a switch), for the site incident
    for u in out[60:80]:
        u.condition = "offline"
    return out


def _acs(ok: int, x: int = 0, dash: int = 0) -> str:
    chars = "o" * ok + "x" * x + "-" * dash
    return " ".join(chars[i : i + 8] for i in range(0, len(chars), 8))


def snapshot(u: _Unit, sweep: int, t: float, rng: random.Random) -> MinerSnapshot:
    k, c = u.kind, u.condition
    if c == "offline":
        return MinerSnapshot(ip=u.ip, online=False, timestamp=t, error="timed out after 3.0 s")
    speed = u.speed * {"slow": 0.85, "very_slow": 0.5, "stopped": 0.0}.get(c, 1.0)
    if c == "throttle":
        speed *= 0.92
    per_board = k.ths * speed / k.boards
    boards = []
    for b in range(k.boards):
        if c == "board_gone" and b == 1:
            continue
        pcb = k.pcb_c + u.warmth + rng.gauss(0, 0.6)
        pcb += {"hot": 40, "warm": 18}.get(c, 0) if b == 1 else 0
        chips = k.chips
        status = _acs(chips) if chips is not None else None
        if chips is not None and c == "chips" and b == 2:
            chips -= 3
            status = _acs(chips, 3)
        if chips is not None and c == "marks" and b == 0:
            status = _acs(chips - 4, 2, 2)
        rate = round(per_board * rng.gauss(1.0, 0.01), 2)
        if c == "board0" and b == 2:
            rate, chips, status = 0.0, 0 if chips is not None else None, "" if chips else None
        boards.append(
            Board(
                index=b,
                hashrate_ths=rate,
                nominal_hashrate_ths=round(k.ths / k.boards, 2),
                chips=chips,
                expected_chips=k.chips,
                temp_board_c=math.nan if c == "nan" and b == 0 else round(pcb, 1),
                temp_chip_c=round(pcb + 15, 1),
                chip_status=status,
                hw_errors=100 + sweep * (40 if c == "rejects" else 1),
                frequency_mhz=400.0 if c == "throttle" else 545.0,
                voltage_v=13.6,
            )
        )
    fans = [int(rng.gauss(5800, 60)) for _ in range(k.fans)]
    if c == "fan0" and fans:
        fans[-1] = 0
    if c == "fans_all0":
        fans = [0] * len(fans)
    if c == "fan_lost" and fans:
        fans = fans[:-1]
    if c == "fan_fast" and fans:
        fans[0] = 16000
    up = u.uptime0 + int(sweep * SWEEP_S)
    if c == "reboot":
        up = max(5, int(t - u.booted))
    acc = up // 6
    rej = acc // (20 if c == "rejects" else 800)
    rate = sum(b.hashrate_ths or 0 for b in boards)
    dead = c == "pools_dead"
    pools = [
        Pool(
            url="stratum+tcp://btc.pool.example:3333",
            user="site.w",
            status=PoolStatus.DEAD if dead else PoolStatus.ALIVE,
            active=not dead,
            priority=0,
            accepted=acc,
            rejected=rej,
            last_share_time=t - 5,
            last_share_age_s=5.0,
        ),
        Pool(
            url="stratum+tcp://backup.pool.example:443",
            user="site.w",
            status=PoolStatus.DEAD if dead else PoolStatus.ALIVE,
            active=False,
            priority=1,
            accepted=0,
            rejected=0,
        ),
    ]
    anon = c == "anon"
    return MinerSnapshot(
        ip=u.ip,
        online=True,
        timestamp=t,
        make=None if anon else k.make,
        model=None if anon else k.model,
        family=k.family,
        firmware=None if anon else "bmminer",
        hashrate_ths=None if c == "no_hashrate" else round(rate, 2),
        hashrate_avg_ths=None if c == "no_hashrate" else round(k.ths * speed, 2),
        hashrate_5s_ths=None if c == "no_hashrate" else round(rate * rng.gauss(1.0, 0.02), 2),
        nominal_hashrate_ths=float(k.ths) if k.make == "Antminer" else None,
        power_w=k.watts * rng.gauss(1.0, 0.01) * (1.4 if c == "hot" else 1.0),
        temp_chip_max_c=max((b.temp_chip_c or 0 for b in boards), default=None),
        temp_board_max_c=max(
            (b.temp_board_c for b in boards if b.temp_board_c == b.temp_board_c), default=None
        ),
        temp_inlet_c=round((38 if c == "inlet_hot" else 24) + rng.gauss(0, 0.3), 1),
        fans_rpm=fans,
        expected_fans=k.fans if k.make == "Antminer" else None,
        boards=boards,
        expected_boards=k.boards,
        pools=pools,
        uptime_s=up,
        hw_errors=300 + sweep * (400 if c == "rejects" else 1),
        accepted=acc,
        rejected=rej,
        stale=1,
        idle=c == "idle",
        error_codes=[VendorError("0x0102", "fan lost", 1)] if c == "code" else [],
    )


def _fault(f: Any) -> list[Any]:
    return [f.id, str(f.severity), f.title, f.detail, f.board, f.since]


def _report(r: FaultReport | None) -> dict[str, Any] | None:
    if r is None:
        return None
    return {
        "events": [[str(e.kind), e.miner, *_fault(e.fault), e.at] for e in r.events],
        "records": [
            [x.miner, *_fault(x.fault), x.first_seen, x.raised_at, x.model, x.incident]
            for x in r.records
        ],
        "incidents": [
            [i.id, str(i.severity), i.title, i.detail, i.miners, i.fault_id, i.scope, i.since]
            for i in r.incidents
        ],
    }


def run() -> list[dict[str, Any]]:
    """Every batch's verdicts, in order (the inputs are rebuilt from the seed each time)."""
    rng = random.Random(SEED)
    units = fleet(rng)
    clock = [T0]
    stage = FaultStage(clock=lambda: clock[0])
    out: list[dict[str, Any]] = []
    for sweep in range(SWEEPS):
        for u in units:
            if rng.random() < 0.12:
                u.condition = rng.choice(CONDITIONS) if rng.random() < 0.6 else "ok"
                if u.condition == "reboot":
                    u.booted = T0 + sweep * SWEEP_S - rng.randrange(0, 400)
        for at in range(0, len(units), BATCH):
            clock[0] = T0 + sweep * SWEEP_S + at / BATCH * 0.5
            snaps = [snapshot(u, sweep, clock[0], rng) for u in units[at : at + BATCH]]
            report = _report(stage(snaps))
            if report is not None and (sweep % 4 != 3 or at + BATCH < len(units)):
                # every open fault of the site, each batch: in full four times, else a digest
                # (the file stays ~0.4 MB; a difference still shows, and where)
                text = json.dumps(report["records"], separators=(",", ":"), allow_nan=True)
                report["records"] = "sha256:" + hashlib.sha256(text.encode()).hexdigest()
            out.append(
                {
                    "sweep": sweep,
                    "miners": [
                        [s.key, [_fault(f) for f in s.faults], list(s.notes)]
                        for s in snaps
                        if s.faults or s.notes
                    ],
                    "report": report,
                }
            )
    return out


def canonical(value: Any) -> Any:
    """JSON's view of the verdicts (tuples become lists, NaN stays comparable as text)."""
    return json.loads(json.dumps(value, allow_nan=True))


if __name__ == "__main__":
    time.localtime = time.gmtime  # incidents say "since 14:05" in local time: UTC here
    import rig_monitor

    print("verdicts of", rig_monitor.__file__, file=sys.stderr)
    json.dump(run(), sys.stdout, separators=(",", ":"), allow_nan=True)
    sys.stdout.write("\n")
