"""A launch's CPU timeline: every process's CPU sampled from outside, cut at the window's marks.

The three processes of a warm launch (window, its engine child, the simulator) spend more CPU
to the last row than 2 cores give in its wall time, yet the wall is longer than their CPU / 2:
part of the launch leaves a core idle (the window's interpreter start and imports before the
engine child exists, the waits on the pipe, the tail of the sweep). Sampling from the parent
benchmark process (not the window, whose own CPU is what is measured) and cutting the samples at
the window's milestones says in which phase the cores were idle, and how many core-seconds.
"""

from __future__ import annotations

import bisect
import threading
import time
from dataclasses import dataclass, field

import psutil

# the phases' ends, in the order a launch normally reaches them (the window's marks and the
# engine child's; benchmarks.gui names them)
PHASE_MARKS = ("imports", "built", "shown", "spawn", "child_polling", "applied", "filled")


@dataclass(slots=True)
class Sample:
    """One reading: unix time, cumulative CPU (user + system, s) per role, host busy CPU (s)."""

    t: float
    cpu: dict[str, float]
    host_busy: float


def _host_busy() -> float:
    ct = psutil.cpu_times()
    return float(
        ct.user + ct.nice + ct.system + getattr(ct, "irq", 0.0) + getattr(ct, "softirq", 0.0)
    )


class CpuSampler:
    """Samples the CPU of ``root`` (the window), its descendants (the engine child) and
    ``others`` (the simulator) every ``interval_s`` on a thread of this process, until stopped.

    A descendant's CPU is kept at its last reading once it exits (its own children, e.g.
    multiprocessing's resource tracker, count with it as "engine")."""

    def __init__(
        self, root: int, others: dict[str, int] | None = None, interval_s: float = 0.025
    ) -> None:
        self.interval_s = interval_s
        self.samples: list[Sample] = []
        self._root = psutil.Process(root)
        self._others = {name: psutil.Process(pid) for name, pid in (others or {}).items()}
        self._kids: dict[int, psutil.Process] = {}
        self._kid_cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="cpu-sampler", daemon=True)
        self.own_cpu_s = 0.0  # what the sampling thread itself cost

    def start(self) -> CpuSampler:
        self._thread.start()
        return self

    def stop(self) -> list[Sample]:
        self._stop.set()
        self._thread.join(5.0)
        return self.samples

    @staticmethod
    def _cpu(p: psutil.Process) -> float | None:
        try:
            t = p.cpu_times()
        except psutil.Error:
            return None
        return float(t.user + t.system)

    def _run(self) -> None:
        t0 = time.thread_time()
        n = 0
        while not self._stop.is_set():
            if n % 4 == 0:  # children() scans /proc: every 4th sample (100 ms) is soon enough
                try:
                    for kid in self._root.children(recursive=True):
                        self._kids.setdefault(kid.pid, kid)
                except psutil.Error:
                    pass
            n += 1
            cpu: dict[str, float] = {}
            window = self._cpu(self._root)
            if window is not None:
                cpu["window"] = window
            for pid, kid in self._kids.items():
                c = self._cpu(kid)
                if c is not None:
                    self._kid_cpu[pid] = c
            cpu["engine"] = sum(self._kid_cpu.values())
            for name, p in self._others.items():
                c = self._cpu(p)
                if c is not None:
                    cpu[name] = c
            self.samples.append(Sample(time.time(), cpu, _host_busy()))
            self._stop.wait(self.interval_s)
        self.own_cpu_s = time.thread_time() - t0


def _series(samples: list[Sample], role: str) -> tuple[list[float], list[float]]:
    pairs = [(s.t, s.cpu[role]) for s in samples if role in s.cpu]
    return [t for t, _ in pairs], [v for _, v in pairs]


def _interp(times: list[float], vals: list[float], t: float) -> float:
    """The value at ``t``, linear between the readings around it, the first or last reading
    outside them, 0 without any."""
    if not times:
        return 0.0
    i = bisect.bisect_left(times, t)
    if i == 0:
        return vals[0]
    if i >= len(times):
        return vals[-1]
    t1, t2, v1, v2 = times[i - 1], times[i], vals[i - 1], vals[i]
    return v1 + (v2 - v1) * ((t - t1) / (t2 - t1) if t2 > t1 else 1.0)


@dataclass(slots=True)
class Phase:
    """From the previous mark to ``name``: wall seconds, CPU per role, host CPU of everyone."""

    name: str
    start: float
    end: float
    cpu: dict[str, float] = field(default_factory=dict)
    host_busy: float = 0.0

    @property
    def wall(self) -> float:
        return self.end - self.start

    @property
    def ours(self) -> float:
        return sum(self.cpu.values())

    def idle(self, ncpu: int) -> float:
        """Core-seconds none of the launch's processes used."""
        return max(0.0, self.wall * ncpu - self.ours)

    def host_idle(self, ncpu: int) -> float:
        """Core-seconds nobody on the host used (others' load counts as busy)."""
        return max(0.0, self.wall * ncpu - self.host_busy)


def phases(
    samples: list[Sample],
    marks: dict[str, float],
    start: float,
    roles: tuple[str, ...],
    born: tuple[str, ...] = ("window",),
) -> list[Phase]:
    """Cut the samples at the marks (unix times) that exist, in time order, from ``start``
    (Popen). A ``born`` role's process starts at ``start`` with no CPU (the first sample comes a
    little later); the others existed before and count from their first reading."""
    cuts = sorted((t, name) for name, t in marks.items() if name in PHASE_MARKS and t >= start)
    series: dict[str, tuple[list[float], list[float]]] = {}
    for role in roles:
        times, vals = _series(samples, role)
        if role in born:
            times, vals = [start, *times], [0.0, *vals]
        series[role] = (times, vals)
    host = ([s.t for s in samples], [s.host_busy for s in samples])
    out: list[Phase] = []
    prev = start
    for t, name in cuts:
        ph = Phase(name, prev, t)
        for role, (times, vals) in series.items():
            ph.cpu[role] = max(0.0, _interp(times, vals, t) - _interp(times, vals, prev))
        ph.host_busy = max(0.0, _interp(*host, t) - _interp(*host, prev))
        out.append(ph)
        prev = t
    return out


def text(phs: list[Phase], names: dict[str, str], ncpu: int) -> str:
    """One line per phase and a total: how busy the cores were, and the idle core-seconds."""
    lines = []
    for ph in phs:
        cpu = ", ".join(f"{r} {c:.2f}" for r, c in ph.cpu.items())
        lines.append(
            f"      → {names.get(ph.name, ph.name)} {ph.end - phs[0].start:.2f} "
            f"({ph.wall:.2f} s): {cpu} s; launch {ph.ours / max(ph.wall * ncpu, 1e-9):.0%} of "
            f"{ncpu} cores, idle {ph.idle(ncpu):.2f} core-s (host: others "
            f"{max(0.0, ph.host_busy - ph.ours):.2f}, idle {ph.host_idle(ncpu):.2f})"
        )
    if phs:
        wall = phs[-1].end - phs[0].start
        ours = sum(ph.ours for ph in phs)
        idle = sum(ph.idle(ncpu) for ph in phs)
        host_idle = sum(ph.host_idle(ncpu) for ph in phs)
        lines.append(
            f"      total {wall:.2f} s: launch CPU {ours:.2f} s = {ours / (wall * ncpu):.0%} of "
            f"{ncpu} cores, idle {idle:.2f} core-s (host idle {host_idle:.2f})"
        )
    return "\n".join(lines)
