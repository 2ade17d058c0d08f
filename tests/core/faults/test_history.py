"""A miner's fault history: the rare-event lists (drops, reboots) trimmed as a deque was, and
what a quiet miner's history costs in memory (issue 15: window + engine under 300 MB)."""

from __future__ import annotations

import sys
from collections import deque

from rig_monitor.core.faults.history import MinerHistory
from tests.core.faults.factory import T0, offline, s19

IP = "10.10.1.37"
KEEP = {"keep_s": 3600.0, "slack_s": 120.0, "reboot_keep_s": 3600.0, "drop_keep_s": 600.0}


def _online(h: MinerHistory, t: float, uptime_s: int) -> bool:
    return h.observe(s19(IP, timestamp=t, uptime_s=uptime_s), t, **KEEP)


def test_drops_are_kept_within_their_window_and_trimmed_from_the_oldest() -> None:
    h = MinerHistory()
    t = T0
    for _ in range(3):  # answering, then silent: one drop each time
        _online(h, t, 10_000 + int(t - T0))
        h.observe(offline(IP, t + 10), t + 10, **KEEP)
        t += 100
    assert list(h.drops) == [T0 + 10, T0 + 110, T0 + 210]
    _online(h, T0 + 700, 10_700)  # 600 s keep: the first drop (T0+10) is past it
    assert list(h.drops) == [T0 + 110, T0 + 210]
    _online(h, T0 + 2000, 12_000)
    assert list(h.drops) == []


def test_reboots_are_counted_within_a_window_and_trimmed_from_the_oldest() -> None:
    h = MinerHistory()
    up = 50_000
    for i in range(3):  # uptime falls back each time: an unexpected restart
        t = T0 + i * 600
        _online(h, t, up)
        assert _online(h, t + 30, 20) is True
    assert list(h.reboots) == [T0 + 30, T0 + 630, T0 + 1230]
    assert h.reboots_within(T0 + 1300, 700) == 2
    _online(h, T0 + 3700, 2500)  # 3600 s keep: the first restart is past it
    assert list(h.reboots) == [T0 + 630, T0 + 1230]


def test_a_quiet_miners_history_does_not_hold_a_deque_per_rare_event() -> None:
    # Only the per-poll series (samples, fan readings) are deques; an empty deque already holds
    # a 64-slot block, so four of them cost ~2.5 KB a miner, 12 MB at 5,000.
    h = MinerHistory()
    _online(h, T0, 10_000)
    containers = (h.samples, h.drops, h.fan_polls, h.reboots, h.freq_base)
    held = sum(sys.getsizeof(c) for c in containers)
    assert held <= 2 * sys.getsizeof(deque()) + 3 * sys.getsizeof([]) + sys.getsizeof({}) + 64
