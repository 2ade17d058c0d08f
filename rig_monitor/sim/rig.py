"""The simulated machine's physics: values that drift smoothly and deterministically with (seed, time).

Everything a persona prints comes from one :class:`Sample`, so every persona shows the same machine
the same way and :meth:`SimMiner.truth` can say exactly what was served.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from rig_monitor.sim.hardware import HardwareSpec

REBOOT_PERIOD_S = 20.0
_TWO_32 = float(2**32)


@dataclass(slots=True)
class BoardSample:
    index: int  # 0-based
    present: bool
    rate_ghs: float
    ideal_ghs: float
    chips: int
    expected_chips: int | None
    acs: str  # Antminer chip status string, "" when the board is not detected
    pcb: list[int]  # 4 sensors, inlet side first; zeros = absent
    chip: list[int]
    pic: list[int]
    hw: int
    freq_mhz: float


@dataclass(slots=True)
class PoolSample:
    index: int
    url: str
    user: str
    status: str  # "Alive" / "Dead"
    active: bool
    accepted: int
    rejected: int
    stale: int
    diff: int
    last_share_time: int  # unix seconds, 0 = never
    getworks: int


@dataclass(slots=True)
class Sample:
    when: int  # unix seconds of the reply
    elapsed: int
    rate_5s_ghs: float
    rate_avg_ghs: float
    rate_30m_ghs: float
    ideal_ghs: float
    boards: list[BoardSample]
    fans: list[int]
    pools: list[PoolSample]
    accepted: int
    rejected: int
    stale: int
    hw: int
    diff1: int
    getworks: int
    discarded: int
    local_work: int
    best_share: int
    pool_diff: int
    idle: bool
    miner_id: str  # 16 hex digits, fixed per seed
    # The faults in force, for personas whose services react to one (web ``bad_password``).
    faults: frozenset[str] = frozenset()

    @property
    def hw_percent(self) -> float:
        total = self.hw + self.diff1
        return 100.0 * self.hw / total if total else 0.0

    @property
    def rejected_percent(self) -> float:
        total = self.accepted + self.rejected + self.stale
        return 100.0 * self.rejected / total if total else 0.0

    @property
    def stale_percent(self) -> float:
        total = self.accepted + self.rejected + self.stale
        return 100.0 * self.stale / total if total else 0.0


class _Wave:
    """Smooth noise in [-1, 1]: three sines with seeded periods (20 s – 15 min) and phases."""

    def __init__(self, rng: random.Random) -> None:
        self._terms = [
            (amp, 2 * math.pi / rng.uniform(lo, hi), rng.uniform(0, 2 * math.pi))
            for amp, lo, hi in ((1.0, 240.0, 900.0), (0.6, 60.0, 240.0), (0.3, 20.0, 60.0))
        ]
        self._norm = sum(t[0] for t in self._terms)

    def __call__(self, t: float) -> float:
        # Unrolled (the simulator evaluates ~50 waves a reply): the same sum in the same order.
        (a0, w0, p0), (a1, w1, p1), (a2, w2, p2) = self._terms
        sin = math.sin
        return (a0 * sin(w0 * t + p0) + a1 * sin(w1 * t + p1) + a2 * sin(w2 * t + p2)) / self._norm


@dataclass(slots=True)
class _Counters:
    accepted: float = 0.0
    rejected: float = 0.0
    stale: float = 0.0
    hw: float = 0.0
    diff1: float = 0.0
    getworks: float = 0.0
    discarded: float = 0.0
    local_work: float = 0.0
    pool_accepted: list[float] = field(default_factory=list)


class Rig:
    """Hardware state of one machine. Call :meth:`sample` with the current time to read it."""

    def __init__(
        self, spec: HardwareSpec, seed: int, start: float, *, pools: list[tuple[str, str]]
    ):
        self.spec = spec
        self._pool_diff = spec.pool_difficulty  # a loop in the spec: read once, not per reply
        rng = random.Random(f"rig:{seed}")
        self._start = start
        self._boot_at = start - rng.uniform(2 * 3600, 20 * 86400)
        self._board_waves = [_Wave(rng) for _ in range(spec.boards)]
        self._acs_text: dict[tuple[int, tuple[int, ...]], str] = {}  # see _acs
        self._temp_waves = [_Wave(rng) for _ in range(spec.boards)]
        self._fan_waves = [_Wave(rng) for _ in range(spec.fans)]
        self._avg_wave = _Wave(rng)
        self._board_ideal = [
            spec.nominal_ths * 1000.0 / spec.boards * rng.uniform(0.99, 1.01)
            for _ in range(spec.boards)
        ]
        self._board_hw_weight = [rng.uniform(0.5, 1.5) for _ in range(spec.boards)]
        self._reject_ratio = rng.uniform(0.001, 0.006)
        self._stale_ratio = rng.uniform(0.0002, 0.002)
        # Which board/fan/chips a fault hits is fixed per miner, so repeated polls agree.
        self.fault_board = rng.randrange(spec.boards)
        self.fault_fan = rng.randrange(spec.fans) if spec.fans else 0
        chips = spec.chips_per_board or 0
        self._missing = rng.randint(3, 12) if chips else 0
        self._x_chips = sorted(rng.sample(range(chips), k=min(3, chips))) if chips else []
        self.miner_id = f"{rng.getrandbits(64):016x}"
        self._best_share = int(self._pool_diff * rng.uniform(50, 5000))
        self._pools = list(pools)
        self.active_pool = 0  # which pool is Stratum Active (switchpool moves it)
        # Realistic spread between healthy units of one model, from a stream of its own so the
        # draws above (which board a fault hits, …) stay what they were: a unit's spot in the
        # rack shifts its temperatures a little and its fans more (fan control holds the
        # temperature), every reading carries sensor noise, rejects come in small bursts.
        noise = random.Random(f"noise:{seed}")
        self._noise = noise
        self._temp_offset = noise.uniform(-1.5, 1.5)
        self._fan_scale = noise.uniform(0.92, 1.08)
        self._counters = _Counters(pool_accepted=[0.0] * len(pools))
        self._injected: dict[str, float] = {}  # when each fault began (slow failures grow)
        self._flaky_zero = False
        self._now = start
        self._last = start
        self._accumulate(start - self._boot_at, frozenset(), self._board_ideal_total)

    @property
    def _board_ideal_total(self) -> float:
        return sum(self._board_ideal)

    def minutes_since(self, fault: str, now: float) -> float:
        """How long a slow failure has been developing (0 before it was injected)."""
        at = self._injected.get(fault)
        return 0.0 if at is None else max(0.0, (now - at) / 60.0)

    def on_inject(self, fault: str, now: float) -> None:
        self._injected[fault] = now
        if fault == "reboot":
            self._reboot(now)
        elif fault in ("rejects", "hw_errors"):
            # A persistent problem (bad pool route, degrading chips) has usually been there since
            # the last restart: the lifetime counters read that way, as a one-shot poll sees them.
            self._counters = _Counters(pool_accepted=[0.0] * len(self._pools))
            self._accumulate(now - self._boot_at, frozenset({fault}), self._board_ideal_total)
            self._last = now

    @property
    def pools(self) -> list[tuple[str, str]]:
        return list(self._pools)

    def set_pools(self, pools: list[tuple[str, str]], active: int = 0) -> None:
        """A control command changed the pool list (per-pool counters restart, as on firmware)."""
        self._pools = list(pools)
        self.active_pool = active if 0 <= active < len(pools) else 0
        self._counters.pool_accepted = [0.0] * len(self._pools)

    def reboot_now(self, at: float) -> None:
        """An operator's reboot/restart: uptime and counters start again from ``at``."""
        self._reboot(at)

    def _reboot(self, at: float) -> None:
        self._boot_at = at
        self._counters = _Counters(pool_accepted=[0.0] * len(self._pools))
        self._last = at

    def _accumulate(self, dt: float, faults: frozenset[str], rate_ghs: float) -> None:
        if dt <= 0:
            return
        c = self._counters
        diff1 = rate_ghs * 1e9 / _TWO_32 * dt
        c.diff1 += diff1
        c.hw += diff1 * (0.03 if "hw_errors" in faults else 2e-7)
        c.local_work += dt * 1.1
        c.discarded += dt * 0.4
        if "pools_dead" in faults:
            return
        c.getworks += dt / 30.0
        shares = diff1 / self._pool_diff
        burst = self._noise.uniform(0.0, 2.0)  # rejects arrive in bursts, not as a steady trickle
        reject = 0.08 if "rejects" in faults else self._reject_ratio * burst
        if "reject_creep" in faults:
            reject += min(0.1, 0.002 * self.minutes_since("reject_creep", self._now))
        accepted = shares * (1 - reject - self._stale_ratio)
        c.accepted += accepted
        c.rejected += shares * reject
        c.stale += shares * self._stale_ratio
        if c.pool_accepted:
            c.pool_accepted[min(self.active_pool, len(c.pool_accepted) - 1)] += accepted

    def _board_health(self, i: int, faults: frozenset[str]) -> float:
        if "idle" in faults or ("dead_board" in faults and i == self.fault_board):
            return 0.0
        health = 0.6 if "low_hashrate" in faults else 1.0
        if "hash_fade" in faults:
            health *= max(0.5, 1.0 - 0.004 * self.minutes_since("hash_fade", self._now))
        chips = self.spec.chips_per_board
        if chips and i == self.fault_board:
            if "chips_fading" in faults:
                health *= (chips - self._faded()) / chips
            if "missing_chips" in faults:
                health *= (chips - self._missing - 2) / chips
            elif "chip_x" in faults:
                health *= (chips - len(self._x_chips)) / chips
        return health

    def _acs(self, i: int, faults: frozenset[str]) -> tuple[int, str]:
        chips = self.spec.chips_per_board or 0
        if not chips or ("dead_board" in faults and i == self.fault_board):
            return 0, ""
        count, bad = chips, []
        if i == self.fault_board and "chips_fading" in faults:
            count = chips - self._faded()
        if i == self.fault_board and "missing_chips" in faults:
            count = chips - self._missing
            bad = [count - 2, count - 1]  # the chips just before the break answer badly
        elif i == self.fault_board and "chip_x" in faults:
            bad = self._x_chips
        key = (count, tuple(bad))
        text = self._acs_text.get(key)
        if text is None:  # the same few chip maps every reply: built once each
            states = ["x" if n in bad else "o" for n in range(count)]
            g = self.spec.acs_group
            groups = ["".join(states[n : n + g]) for n in range(0, count, g)]
            text = self._acs_text[key] = " " + " ".join(groups)
        return count, text

    def _temps(
        self, i: int, t: float, faults: frozenset[str]
    ) -> tuple[list[int], list[int], list[int]]:
        if "dead_board" in faults and i == self.fault_board:
            return [0] * 4, [0] * 4, [0] * 4
        wobble = 1.5 * self._temp_waves[i](t) + self._temp_offset + self._noise.uniform(-0.6, 0.6)
        if "idle" in faults:
            hot = 30.0 + wobble
            pcb = [hot - 2, hot - 3, hot, hot]
            return [round(v) for v in pcb], [round(v + 2) for v in pcb], [round(v - 1) for v in pcb]
        hot = self.spec.pcb_temp_c + wobble
        if "heat_creep" in faults:
            hot += min(30.0, 0.3 * self.minutes_since("heat_creep", self._now))
        delta = self.spec.chip_delta_c
        if "overheat" in faults and i == self.fault_board:
            hot, delta = 85.0 + wobble / 3, 15.0
        pcb = [hot - 14, hot - 15, hot - 1, hot]
        chip = [round(v + delta) for v in pcb]
        if "sensor_255" in faults and i == self.fault_board:
            chip = [255] * len(chip)  # a dead sensor reads its full scale
        return ([round(v) for v in pcb], chip, [round(v - 10) for v in pcb])

    def _fans(self, t: float, faults: frozenset[str]) -> list[int]:
        base = (
            1500
            if "idle" in faults
            else self.spec.fan_rpm * self._fan_scale + (600 if "overheat" in faults else 0)
        )
        fans = [round((base + 90 * w(t)) / 60.0) * 60 for w in self._fan_waves]
        if "fan_stopped" in faults and fans:
            fans[self.fault_fan] = 0
        if "fan_flaky" in faults and fans:
            # a tach drop-out: about one reading in three, never two in a row (a stop is fan_failed)
            self._flaky_zero = not self._flaky_zero and self._noise.random() < 0.45
            if self._flaky_zero:
                fans[self.fault_fan] = 0
        return fans

    def _faded(self) -> int:
        chips = self.spec.chips_per_board or 0
        return min(chips // 2, int(self.minutes_since("chips_fading", self._now) / 5))

    def sample(self, now: float, faults: frozenset[str]) -> Sample:
        self._now = now
        if "reboot" in faults and now - self._boot_at >= REBOOT_PERIOD_S:
            cycles = math.floor((now - self._boot_at) / REBOOT_PERIOD_S)
            self._reboot(self._boot_at + cycles * REBOOT_PERIOD_S)
        t = now - self._start
        boards: list[BoardSample] = []
        healths = [self._board_health(i, faults) for i in range(self.spec.boards)]
        for i, health in enumerate(healths):
            rate = self._board_ideal[i] * health * (1 + 0.02 * self._board_waves[i](t))
            chips, acs = self._acs(i, faults)
            pcb, chip, pic = self._temps(i, t, faults)
            boards.append(
                BoardSample(
                    index=i,
                    present=not ("dead_board" in faults and i == self.fault_board),
                    rate_ghs=round(rate, 2),
                    ideal_ghs=round(self._board_ideal[i], 2),
                    chips=chips,
                    expected_chips=self.spec.chips_per_board,
                    acs=acs,
                    pcb=pcb,
                    chip=chip,
                    pic=pic,
                    hw=0,
                    freq_mhz=self.spec.freq_mhz if health else 0.0,
                )
            )
        steady = sum(
            [ideal * health for ideal, health in zip(self._board_ideal, healths, strict=True)]
        )
        self._accumulate(now - max(self._last, self._boot_at), faults, steady)
        self._last = now
        c = self._counters
        hw = int(c.hw)
        weights = [
            w if b.present else 0.0 for w, b in zip(self._board_hw_weight, boards, strict=True)
        ]
        total_w = sum(weights) or 1.0
        for b, w in zip(boards, weights, strict=True):
            b.hw = int(hw * w / total_w)
        rate_5s = round(sum(b.rate_ghs for b in boards), 2)
        return Sample(
            when=int(now),
            elapsed=int(now - self._boot_at),
            rate_5s_ghs=rate_5s,
            rate_avg_ghs=round(steady * (1 + 0.004 * self._avg_wave(t)), 2),
            rate_30m_ghs=round(steady * (1 + 0.003 * self._avg_wave(t + 900)), 2),
            ideal_ghs=round(sum(self._board_ideal), 2),
            boards=boards,
            fans=self._fans(t, faults),
            pools=self._pool_samples(now, faults),
            accepted=int(c.accepted),
            rejected=int(c.rejected),
            stale=int(c.stale),
            hw=hw,
            diff1=int(c.diff1),
            getworks=int(c.getworks),
            discarded=int(c.discarded),
            local_work=int(c.local_work),
            best_share=self._best_share,
            pool_diff=self._pool_diff,
            idle="idle" in faults,
            miner_id=self.miner_id,
            faults=faults,
        )

    def _pool_samples(self, now: float, faults: frozenset[str]) -> list[PoolSample]:
        c = self._counters
        dead = "pools_dead" in faults
        out = []
        for n, (url, user) in enumerate(self._pools):
            first = n == self.active_pool
            out.append(
                PoolSample(
                    index=n,
                    url=url,
                    user=user,
                    status="Dead" if dead else "Alive",
                    active=first and not dead,
                    accepted=int(c.pool_accepted[n]),
                    rejected=int(c.rejected) if first else 0,
                    stale=int(c.stale) if first else 0,
                    diff=self._pool_diff if first else 0,
                    last_share_time=int(now) - 3 if first and c.accepted >= 1 and not dead else 0,
                    getworks=int(c.getworks) if first else 1,
                )
            )
        return out
