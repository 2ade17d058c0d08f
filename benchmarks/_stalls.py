"""What the GUI thread was doing when its event loop ran late: a sampling stack recorder.

A helper thread records the main thread's Python stack every few milliseconds; a stall seen by the
benchmark's heartbeat is then attributed to the stacks sampled inside it. That names the slot
behind each long stall, which a whole-run profile (cProfile totals) does not: a 200 ms stall and
forty 5 ms calls look the same there. The sampler holds the GIL only to copy frame names.
"""

from __future__ import annotations

import collections
import sys
import threading
import time
from types import FrameType

Frame = tuple[str, str]  # (module-ish file tail, function)


def _stack(frame: FrameType | None, depth: int = 40) -> tuple[Frame, ...]:
    out: list[Frame] = []
    while frame is not None and len(out) < depth:
        code = frame.f_code
        path = code.co_filename
        tail = (
            path.rsplit("rig_monitor/", 1)[-1]
            if "rig_monitor/" in path
            else path.rsplit("/", 1)[-1]
        )
        out.append((tail, code.co_name))
        frame = frame.f_back
    return tuple(out)  # innermost first


class StallSampler:
    """``start()``, then ``stall(t0, t1)`` for each late heartbeat; ``report()`` at the end."""

    def __init__(self, period_s: float = 0.002) -> None:
        self.period_s = period_s
        self._main = threading.main_thread().ident
        self._samples: collections.deque[tuple[float, tuple[Frame, ...]]] = collections.deque(
            maxlen=50_000
        )
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="stall-sampler", daemon=True)
        self._stalls: list[tuple[float, collections.Counter[str]]] = []

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(2.0)

    def _run(self) -> None:
        while not self._stop.is_set():
            frame = sys._current_frames().get(self._main or 0)
            self._samples.append((time.perf_counter(), _stack(frame)))
            time.sleep(self.period_s)

    def stall(self, t0: float, t1: float) -> None:
        """The GUI thread was busy from ``t0`` to ``t1`` (perf_counter): what ran then."""
        where: collections.Counter[str] = collections.Counter()
        for t, stack in list(self._samples):
            if t0 <= t <= t1:
                where[_describe(stack)] += 1
        self._stalls.append(((t1 - t0) * 1000.0, where))

    def report(self, top: int = 8) -> str:
        """The longest stalls, each with the code paths sampled in it (count of samples)."""
        lines = []
        for ms, where in sorted(self._stalls, key=lambda s: -s[0])[:top]:
            lines.append(f"  stall {ms:.0f} ms:")
            for text, n in where.most_common(4):
                lines.append(f"    {n:4d} × {text}")
        totals: collections.Counter[str] = collections.Counter()
        for _, where in self._stalls:
            totals.update(where)
        if totals:
            lines.append("  all stalls together:")
            for text, n in totals.most_common(10):
                lines.append(f"    {n:5d} × {text}")
        return "\n".join(lines)


def _describe(stack: tuple[Frame, ...]) -> str:
    """Outermost and innermost of our own frames, and the innermost frame of all."""
    ours = [f for f in stack if not f[0].startswith(("benchmarks", "/")) and "/" in f[0]]
    inner = stack[0] if stack else ("?", "idle")
    if not ours:
        return f"(Qt/other) {inner[0]}:{inner[1]}"
    outer, innermost = ours[-1], ours[0]
    mid = ours[len(ours) // 2] if len(ours) > 2 else None
    parts = [f"{outer[0]}:{outer[1]}"]
    if mid is not None and mid not in (outer, innermost):
        parts.append(f"{mid[0]}:{mid[1]}")
    if innermost != outer:
        parts.append(f"{innermost[0]}:{innermost[1]}")
    if inner != innermost:
        parts.append(f"[{inner[0]}:{inner[1]}]")
    return " > ".join(parts)
