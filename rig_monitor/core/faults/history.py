"""Per-miner memory for the stateful rules: just enough to compute windows and detect resets.

Kept deliberately small because the tracker holds one per miner (5,000 on a large site): one
sample a minute at most, trimmed to the longest rule window, plain tuples, no snapshot copies.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from rig_monitor.core.model import MinerSnapshot

# (time, hashrate TH/s, inlet °C, hw errors, accepted, rejected, hottest board °C, hottest chip °C,
#  chips per board (board index order))
Sample = tuple[
    float,
    float | None,
    float | None,
    int | None,
    int | None,
    int | None,
    float | None,
    float | None,
    tuple[int | None, ...],
]

SAMPLE_SPACING_S = 55.0


@dataclass(slots=True)
class Reset:
    """The last restart seen: when, the uptime before and after, how long it was unreachable."""

    at: float
    uptime: int
    was: int
    gap_s: float | None


def _inlet(snap: MinerSnapshot) -> float | None:
    if snap.temp_inlet_c is not None:
        return snap.temp_inlet_c
    values = [b.temp_inlet_c for b in snap.boards if b.temp_inlet_c is not None]
    return max(values) if values else None


def _counters(snap: MinerSnapshot) -> tuple[int | None, int | None]:
    acc, rej = snap.accepted, snap.rejected
    if acc is None and snap.pools and all(p.accepted is not None for p in snap.pools):
        acc = sum(p.accepted or 0 for p in snap.pools)
    if rej is None and snap.pools and all(p.rejected is not None for p in snap.pools):
        rej = sum(p.rejected or 0 for p in snap.pools)
    return acc, rej


def _hottest(snap: MinerSnapshot, board_attr: str, snap_attr: str) -> float | None:
    values = [getattr(b, board_attr) for b in snap.boards if getattr(b, board_attr) is not None]
    if values:
        return float(max(values))
    value = getattr(snap, snap_attr)
    return None if value is None else float(value)


def sample_of(snap: MinerSnapshot, t: float) -> Sample:
    acc, rej = _counters(snap)
    boards = sorted(snap.boards, key=lambda b: b.index)
    return (
        t,
        snap.hashrate_now_ths,
        _inlet(snap),
        snap.hw_errors,
        acc,
        rej,
        _hottest(snap, "temp_board_c", "temp_board_max_c"),
        _hottest(snap, "temp_chip_c", "temp_chip_max_c"),
        tuple(b.chips for b in boards),
    )


def _from_first_kept(times: list[float], cutoff: float) -> list[float]:
    """``times`` from the first one at or after ``cutoff`` on (a deque's pops from the left)."""
    for i, t in enumerate(times):
        if t >= cutoff:
            return times[i:]
    return []


def _decreased(new: int | None, old: int | None) -> bool:
    return new is not None and old is not None and new < old


class MinerHistory:
    __slots__ = (
        "drops",
        "expect_reboot_until",
        "fan_polls",
        "freq_base",
        "last_online",
        "last_reset",
        "last_uptime",
        "offline_since",
        "reboots",
        "samples",
        "session_start",
    )

    def __init__(self) -> None:
        self.samples: deque[Sample] = deque()
        # Rare events, a few at most within their keep times: lists, not deques. An empty deque
        # allocates its first 64-slot block at once (~0.7 KB), two of them 7 MB at 5,000 miners
        # for nothing (issue 15: RSS of window + engine < 300 MB).
        self.drops: list[float] = []  # times the miner went from answering to silent
        self.fan_polls: deque[tuple[float, tuple[int, ...]]] = deque()  # every poll's fan rpm
        self.reboots: list[float] = []
        self.freq_base: dict[int, float] = {}
        self.last_uptime: int | None = None
        self.last_online: float | None = None
        self.offline_since: float | None = None
        self.last_reset: Reset | None = None
        self.expect_reboot_until = 0.0
        self.session_start: float | None = None  # first sample since the last counter reset

    def observe(
        self,
        snap: MinerSnapshot,
        now: float,
        *,
        keep_s: float,
        slack_s: float,
        reboot_keep_s: float,
        drop_keep_s: float = 3600.0,
        sample: Sample | None = None,
    ) -> bool:
        """Record one poll; True when it shows an unexpected restart since the previous one.

        ``sample``: ``sample_of(snap, now)`` when the caller already has it (the rules read it too).
        """
        if self.drops and self.drops[0] < now - drop_keep_s:
            self.drops = _from_first_kept(self.drops, now - drop_keep_s)
        if not snap.online:
            if self.offline_since is None:
                self.offline_since = now
                if self.last_online is not None:
                    self.drops.append(now)
            return False
        self.fan_polls.append((now, tuple(snap.fans_rpm)))
        while self.fan_polls and self.fan_polls[0][0] < now - drop_keep_s:
            self.fan_polls.popleft()
        unexpected = False
        up = snap.uptime_s
        if up is not None and self.last_uptime is not None and self.last_online is not None:
            dt = now - self.last_online
            if up < self.last_uptime or up + slack_s < self.last_uptime + dt:
                self._reset_session()
                if now > self.expect_reboot_until:
                    unexpected = True
                    self.reboots.append(now)
                    gap = now - self.offline_since if self.offline_since is not None else None
                    self.last_reset = Reset(now, up, self.last_uptime, gap)
                self.expect_reboot_until = 0.0
        if sample is None:
            sample = sample_of(snap, now)
        if self.samples:
            last = self.samples[-1]
            if (
                _decreased(sample[3], last[3])
                or _decreased(sample[4], last[4])
                or _decreased(sample[5], last[5])
            ):
                self._reset_session()
        if self.reboots and self.reboots[0] < now - reboot_keep_s:
            self.reboots = _from_first_kept(self.reboots, now - reboot_keep_s)
        if not self.samples or now - self.samples[-1][0] >= SAMPLE_SPACING_S:
            self.samples.append(sample)
        while len(self.samples) > 1 and self.samples[0][0] < now - keep_s:
            self.samples.popleft()
        if self.session_start is None:
            self.session_start = now
        self.last_uptime = up
        self.last_online = now
        self.offline_since = None
        return unexpected

    def _reset_session(self) -> None:
        self.samples.clear()
        self.freq_base.clear()
        self.session_start = None

    def window(self, now: float, window_s: float, current: Sample) -> list[Sample]:
        """Samples no older than ``window_s``, ending with the current poll's values."""
        out = [s for s in self.samples if s[0] >= now - window_s and s[0] < current[0]]
        out.append(current)
        return out

    def reboots_within(self, now: float, window_s: float) -> int:
        return sum(1 for t in self.reboots if t >= now - window_s)
