"""Per-channel rules: which events go out, when, and how often."""

from __future__ import annotations

import collections
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rig_monitor.core.model import Severity
from rig_monitor.core.notify.events import AlertEvent


def _minutes(text: str) -> int:
    h, sep, m = text.strip().partition(":")
    if not sep or not h.isdigit() or not m.isdigit() or int(h) > 23 or int(m) > 59:
        raise ValueError(f"{text!r}: expected HH:MM")
    return int(h) * 60 + int(m)


def parse_quiet_hours(text: str | None) -> tuple[int, int] | None:
    """ "22:00-07:00" -> (1320, 420) minutes of the day; may wrap past midnight."""
    if not text:
        return None
    start, sep, end = text.partition("-")
    if not sep:
        raise ValueError(f"quiet_hours {text!r}: expected HH:MM-HH:MM, e.g. 22:00-07:00")
    return _minutes(start), _minutes(end)


@dataclass(slots=True)
class Policy:
    min_severity: Severity = Severity.WARNING
    quiet_hours: tuple[int, int] | None = None  # local time; only ``quiet_min_severity`` then
    quiet_min_severity: Severity = Severity.CRITICAL
    group_s: float = 30.0  # events within this window after the first go out as one message
    max_per_hour: int = 20  # beyond this, events wait and merge into the next allowed message
    send_cleared: bool = True
    clock: Callable[[], float] = field(default=time.time, repr=False)

    def in_quiet_hours(self, t: float | None = None) -> bool:
        if self.quiet_hours is None:
            return False
        lt = time.localtime(self.clock() if t is None else t)
        now = lt.tm_hour * 60 + lt.tm_min
        start, end = self.quiet_hours
        if start <= end:
            return start <= now < end
        return now >= start or now < end

    def admit(self, events: Sequence[AlertEvent]) -> list[AlertEvent]:
        """The events this channel should hear about now."""
        floor = self.min_severity.rank
        if self.in_quiet_hours():
            floor = max(floor, self.quiet_min_severity.rank)
        return [
            e
            for e in events
            if e.severity.rank >= floor and (self.send_cleared or e.event != "cleared")
        ]


class RateLimiter:
    """At most ``per_hour`` messages in any rolling hour."""

    def __init__(self, per_hour: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_hour = max(1, per_hour)
        self._sent: collections.deque[float] = collections.deque()
        self._clock = clock

    def wait_s(self) -> float:
        now = self._clock()
        while self._sent and now - self._sent[0] >= 3600.0:
            self._sent.popleft()
        if len(self._sent) < self.per_hour:
            return 0.0
        return 3600.0 - (now - self._sent[0])

    def note(self) -> None:
        self._sent.append(self._clock())
