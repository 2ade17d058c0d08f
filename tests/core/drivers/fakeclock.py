"""A ``time.monotonic`` the test moves by hand, for drivers that reuse replies for a while."""

from __future__ import annotations


class Clock:
    def __init__(self, t: float = 1000.0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t
