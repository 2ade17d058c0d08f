"""When actions may go out: waves by address block, and a per-miner cooldown.

A rack shares a PDU or a breaker, and racks usually share an address block, so a bulk reboot
sends at most ``per_block`` miners of one block per wave, waves ``wave_gap_s`` apart: 200 miners
coming back and spinning fans up at once is how breakers trip. A miner rebooted a minute ago is
not rebooted again until its cooldown is over (a script or a double click must not boot-loop it).
Time comes from an injected clock so tests never sleep.
"""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")
Clock = Callable[[], float]


@dataclass(frozen=True, slots=True)
class Pacing:
    per_block: int = 10  # disruptive actions at once per address block
    block_prefix: int = 24  # what "one block" is: a /24 by default (one rack row)
    wave_gap_s: float = 10.0  # pause between waves of disruptive actions
    cooldown_s: float = 300.0  # the same disruptive action on one miner at most this often
    concurrency: int = 100  # miners handled at once (locate, dry runs and each wave)
    miner_timeout_s: float = 30.0  # one miner's whole action, identification included

    def __post_init__(self) -> None:
        if self.per_block < 1:
            raise ValueError("per_block must be at least 1")
        if not 8 <= self.block_prefix <= 32:
            raise ValueError("block_prefix must be between 8 and 32")
        if self.wave_gap_s < 0 or self.cooldown_s < 0 or self.miner_timeout_s <= 0:
            raise ValueError("times must not be negative")
        if self.concurrency < 1:
            raise ValueError("concurrency must be at least 1")


def block_of(ip: str, prefix: int = 24) -> str:
    try:
        return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))
    except ValueError:
        return ip  # a host name: its own block


def waves(
    items: Sequence[T], ip_of: Callable[[T], str], per_block: int, prefix: int
) -> list[list[T]]:
    """Wave ``i`` holds the ``i``-th slice of ``per_block`` miners of every block, in input order."""
    blocks: dict[str, list[T]] = {}
    for item in items:
        blocks.setdefault(block_of(ip_of(item), prefix), []).append(item)
    out: list[list[T]] = []
    for members in blocks.values():
        for i in range(0, len(members), per_block):
            n = i // per_block
            while len(out) <= n:
                out.append([])
            out[n].extend(members[i : i + per_block])
    return out


class Cooldown:
    """Per (miner, action) last-sent times; seeded from the action log so it holds across runs."""

    def __init__(self, cooldown_s: float, clock: Clock = time.time) -> None:
        self.cooldown_s = cooldown_s
        self.clock = clock
        self._last: dict[tuple[str, str], float] = {}

    def seed(self, records: Iterable[dict[str, Any]]) -> None:
        for rec in records:
            if rec.get("dry_run") or rec.get("ok") is not True:
                continue
            key = (f"{rec.get('ip')}:{rec.get('port')}", str(rec.get("action")))
            when = rec.get("when")
            if isinstance(when, int | float):
                self._last[key] = max(self._last.get(key, 0.0), float(when))

    def wait_left(self, miner: str, action: str) -> float:
        last = self._last.get((miner, action))
        if last is None:
            return 0.0
        return max(0.0, last + self.cooldown_s - self.clock())

    def note(self, miner: str, action: str) -> None:
        self._last[(miner, action)] = self.clock()
