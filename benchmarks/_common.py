"""Shared benchmark plumbing: a simulator in its own process, machine facts, medians.

The simulator always runs in a child process so that its CPU time never counts against the engine
being measured (on a 2-core machine they still compete for cores: the figures say so).
"""

from __future__ import annotations

import collections
import json
import os
import platform
import queue
import resource
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import psutil

if TYPE_CHECKING:
    from rig_monitor.core.model import Target

SIM_READY_TIMEOUT_S = 120.0


def sim_targets(base: str, n: int) -> list[Target]:
    """The first ``n`` addresses the simulator serves from ``base`` (it skips .0 and .255)."""
    import ipaddress

    from rig_monitor.core.targets import parse_targets

    last = ipaddress.IPv4Address(base) + n + 2 * (n // 254) + 4  # room for the skipped ones
    return [
        t
        for t in parse_targets(f"{base}-{last}")
        if int(ipaddress.IPv4Address(t.ip)) & 0xFF not in (0, 255)
    ][:n]


def raise_fd_limit(wanted: int = 65536) -> int:
    """Thousands of sockets need more than the usual soft limit of 1,024 descriptors."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else wanted
    target = min(target, wanted) if hard == resource.RLIM_INFINITY else target
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


class SimProcess:
    """``python -m benchmarks._simserver`` in a child process; ready once it prints its banner."""

    def __init__(self, args: Sequence[str], *, timeout_s: float = SIM_READY_TIMEOUT_S) -> None:
        self.args = list(args)
        self.timeout_s = timeout_s
        self.proc: subprocess.Popen[str] | None = None
        self._drain: threading.Thread | None = None
        self._truths: queue.Queue[str] = queue.Queue()
        self.output_lines = 0  # what the simulator printed after READY (its errors, mostly)
        self.output_tail: collections.deque[str] = collections.deque(maxlen=20)

    def __enter__(self) -> SimProcess:
        cmd = [sys.executable, "-m", "benchmarks._simserver", *self.args]
        self.proc = subprocess.Popen(
            cmd,
            stdin=subprocess.PIPE,  # the server stops when this closes (if we die, it goes too)
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            cwd=Path(__file__).resolve().parent.parent,
        )
        assert self.proc.stdout is not None
        deadline = time.monotonic() + self.timeout_s
        lines: list[str] = []
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            if line.startswith("READY"):
                self._drain = threading.Thread(target=self._read_output, daemon=True)
                self._drain.start()
                return self
        self.__exit__()
        raise RuntimeError("simulator did not start:\n" + "".join(lines[-20:]))

    def _read_output(self) -> None:
        """Keep reading what the simulator prints: unread, its pipe fills (64 KiB of asyncio
        error logs under a hostile client is enough) and its next write blocks its whole event
        loop, so every miner stops answering mid-benchmark."""
        assert self.proc is not None and self.proc.stdout is not None
        for line in self.proc.stdout:
            if line.startswith("TRUTH"):
                self._truths.put(line)
            else:
                self.output_lines += 1
                self.output_tail.append(line.rstrip("\n"))

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def truth(self, path: str | Path, timeout_s: float = 60.0) -> dict[str, dict[str, object]]:
        """What each miner last served, per address (the simulator was started with ``--truth
        path``): read right after a tool's run, it is the sample that tool was shown."""
        assert self.proc is not None and self.proc.stdin is not None
        self.proc.stdin.write("t")
        self.proc.stdin.flush()
        try:
            self._truths.get(timeout=timeout_s)
        except queue.Empty:
            raise RuntimeError(f"simulator wrote no truth within {timeout_s:.0f} s") from None
        data: dict[str, dict[str, object]] = json.loads(Path(path).read_text())
        return data

    def cpu_s(self) -> float:
        t = psutil.Process(self.pid).cpu_times()
        return float(t.user + t.system)

    def __exit__(self, *exc: object) -> None:
        if self.proc is None:
            return
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        if self._drain is not None:
            self._drain.join(10)  # the pipe ends with the process
            self._drain = None
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        self.proc = None


def cpu_s() -> float:
    t = os.times()
    return t.user + t.system


def peak_rss_mb() -> float:
    """Peak resident set of this process (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def rss_mb() -> float:
    return float(psutil.Process().memory_info().rss / (1024.0 * 1024.0))


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def machine() -> str:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:  # metadata only: importing PySide6 installs an import hook that slows every import after
        from importlib.metadata import version

        qt = version("PySide6-Essentials")
    except Exception:  # any failure means "not installed" here
        qt = "not installed"
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    ram = psutil.virtual_memory().total / 2**30
    return (
        f"machine: {os.cpu_count()} CPUs ({cpu}), {ram:.1f} GiB RAM, "
        f"Python {platform.python_version()}, PySide6 {qt}, {platform.system()} {platform.release()}; "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )


def loadavg() -> str:
    a = os.getloadavg()
    return f"{a[0]:.2f}"
