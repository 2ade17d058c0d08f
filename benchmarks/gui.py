"""The window with N live miners: event-loop stalls, launch to every row filled, RSS.

    QT_QPA_PLATFORM=offscreen python -m benchmarks.gui --miners 5000 --seconds 60

Runs the window as the app does: ``MainWindow`` with the fault stage, the engine in its child
process (``EngineProcess``), the event loop in ``QEventLoop.exec``. A 10 ms precise QTimer
heartbeat measures how late the GUI loop runs ("stall" = gap minus 10 ms).

Phases, ``--poll sim`` (default; a simulator in another process, ``--faults`` % of it faulty):

1. cold launch in this process: the first sweep (detection of every miner), then ``--seconds``
   of steady sweeping: worst stall, p99, RSS of the window process plus the engine child;
2. one batched update of every row (synthetic, timed directly, repaint included);
3. ``--launches`` warm launches, each a fresh process (``python -m benchmarks.gui --child``)
   sharing the identity cache the cold run saved: wall time from ``Popen`` to every row filled
   (interpreter start and imports included), the stalls until then, RSS.

``--poll fake`` polls synthetic miners in the engine child (no network) to isolate the GUI's
cost; ``--engine thread`` runs the engine on a thread in the GUI process (as before the child
process existed). ``--profile N`` prints a cProfile of the GUI thread over the steady phase;
``--stalls`` samples the GUI thread's stack and names what ran in the longest stalls.
``--child-profile PATH`` writes a cProfile of each warm launch's engine child (to its first
sweep's end); ``--pyc`` lets the processes cache bytecode as an installed app does (a
``PYTHONDONTWRITEBYTECODE=1`` environment otherwise has each compile ``rig_monitor`` anew: ~0.15-0.2 s
of CPU in the engine child alone).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import gc
import inspect
import ipaddress
import json
import os
import pstats
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil

from benchmarks import _timeline
from benchmarks._common import SimProcess, loadavg, machine, median, raise_fd_limit

BASE = "127.230.0.1"
HEARTBEAT_MS = 10
WARMUP_CAP_S = 240.0  # the first sweep (detection) may take this long at most
LAUNCH_CAP_S = 120.0


def _targets(n: int, web_port: int | None, base: str = BASE) -> list[Any]:
    from rig_monitor.core.model import Target

    out: list[Any] = []
    addr = int(ipaddress.IPv4Address(base))
    while len(out) < n:
        if addr & 0xFF not in (0, 255):
            out.append(Target(str(ipaddress.IPv4Address(addr)), 4028, web_port=web_port))
        addr += 1
    return out


class FakePoll:
    """Synthetic miners, no network: a picklable poll factory for the engine child."""

    def __call__(self, _credentials: object = None) -> Callable[[Any], Any]:
        from rig_monitor.core.model import MinerSnapshot, Target

        rng = random.Random(1)

        async def poll(t: Target) -> MinerSnapshot:
            await asyncio.sleep(0)
            return MinerSnapshot(
                ip=t.ip,
                port=t.port,
                online=rng.random() > 0.02,
                make="Antminer",
                model="S19j Pro",
                hashrate_ths=100 + rng.random() * 10,
                nominal_hashrate_ths=104.0,
            )

        return poll


def _rss_mb(pids: list[int | None]) -> float:
    import psutil

    total = 0
    for pid in pids:
        if pid is None:
            continue
        with contextlib.suppress(psutil.Error):  # the engine child already gone
            total += psutil.Process(pid).memory_info().rss
    return total / 2**20


def _hwm_mb(pid: int | None) -> float | None:
    """The process's own peak RSS (Linux's VmHWM); None where /proc does not tell."""
    if pid is None:
        return None
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _own_peaks(peaks: tuple[float | None, float | None]) -> str:
    window, engine = peaks
    if window is None or engine is None:
        return ""
    return f"; each process's own peak: window {window:.0f} MB, engine {engine:.0f} MB"


def _p99(xs: list[float]) -> float:
    return xs[min(len(xs) - 1, int(len(xs) * 0.99))] if xs else float("nan")


class ThreadClocks:
    """CPU time of the window process's other threads (reader of the engine pipe, history
    writer, preloads), per heartbeat gap: a thread that holds the GIL stalls the GUI thread even
    when the GUI thread has nothing to do, and ``time.thread_time`` of the GUI thread cannot see
    it. Read from ``/proc/self/task/<tid>/schedstat`` (nanoseconds on a CPU), which is safe for a
    thread that just ended, unlike ``pthread_getcpuclockid`` on a stale handle."""

    def __init__(self) -> None:
        self._last: dict[int, int] = {}
        self._main = threading.main_thread().native_id

    @staticmethod
    def _ns(tid: int) -> int | None:
        try:
            with open(f"/proc/self/task/{tid}/schedstat", "rb") as f:
                return int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def delta(self) -> tuple[float, str]:
        """Milliseconds of CPU the other threads used since the last call, and the busiest."""
        total = 0
        top, top_ns = "", 0
        now: dict[int, int] = {}
        for th in threading.enumerate():
            tid = th.native_id
            if tid is None or tid == self._main:
                continue
            ns = self._ns(tid)
            if ns is None:
                continue
            now[tid] = ns
            d = ns - self._last.get(tid, ns)
            total += d
            if d > top_ns:
                top, top_ns = th.name, d
        self._last = now
        return total / 1e6, (f"{top} {top_ns / 1e6:.0f} ms" if top else "none")


class Stalls:
    """Heartbeat lateness (wall) and the GUI thread's own CPU time in each gap.

    On a loaded machine a gap can be long while the thread is not running at all (the scheduler
    gave the core to another process, or another thread held the GIL): ``cpu`` tells those apart
    from the window's own work, ``others`` is the CPU of the process's other threads in the gap
    (GIL holders among them)."""

    def __init__(
        self, late: list[float], busy: list[float], others: list[tuple[float, str]]
    ) -> None:
        self.late = list(late)
        self.busy = list(busy)
        order = sorted(self.late)
        self.worst = order[-1] if order else float("nan")
        self.p99 = _p99(order)
        self.beats = len(order)
        i = max(range(len(self.late)), key=self.late.__getitem__) if self.late else None
        self.cpu_in_worst = self.busy[i] if i is not None else float("nan")
        self.others_in_worst = others[i] if i is not None and i < len(others) else (0.0, "none")
        self.cpu_worst = max(self.busy) if self.busy else float("nan")

    def text(self) -> str:
        other_ms, top = self.others_in_worst
        return (
            f"stall worst {self.worst:.0f} ms (GUI-thread CPU in it {self.cpu_in_worst:.0f} ms, "
            f"other threads {other_ms:.0f} ms, busiest {top}), "
            f"p99 {self.p99:.0f} ms; most GUI-thread CPU in one gap {self.cpu_worst:.0f} ms "
            f"({self.beats} beats)"
        )

    def as_dict(self) -> dict[str, float]:
        return {
            "worst_ms": self.worst,
            "p99_ms": self.p99,
            "cpu_in_worst_ms": self.cpu_in_worst,
            "others_in_worst_ms": self.others_in_worst[0],
            "cpu_worst_ms": self.cpu_worst,
        }


class Harness:
    """The window, its heartbeat, RSS sampling and the optional stack sampler / profiler."""

    def __init__(self, args: argparse.Namespace) -> None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        if args.engine == "thread":
            os.environ["RIG_MONITOR_ENGINE"] = "thread"
        from PySide6.QtCore import QEventLoop, Qt, QTimer

        from rig_monitor.core.config import AppConfig
        from rig_monitor.core.engine.engine import EngineConfig
        from rig_monitor.gui.app import _application, fault_stage
        from rig_monitor.gui.main_window import MainWindow

        self.marks: dict[str, float] = {"imports": time.time()}  # the launch timeline
        self.args = args
        self.slots: dict[str, list[float]] = {}
        if args.stalls:
            self._time_slots(MainWindow)
        # as the app makes it: the cycle collector runs on the GUI thread's timer
        self.app = _application(["rig-monitor-bench"])
        self.gc_pauses: list[tuple[int, float, bool]] = []  # generation, ms, on the GUI thread
        self.gc_found = [0, 0, 0]  # unreachable objects found, per generation
        self._gc_t0 = 0.0
        gc.callbacks.append(self._on_gc)
        sim = args.poll == "sim"
        self.targets = _targets(args.miners, 24080 if sim else None, args.base)
        fake = None if sim else FakePoll()
        early: dict[str, bool] = {}
        if "engine_early" in inspect.signature(MainWindow).parameters:  # a tree before it: no
            # run_app spawns the engine's child at start(); --engine-early: with the window
            early["engine_early"] = args.engine_early
        self.window = MainWindow(
            self.targets,
            config=AppConfig(interval_s=args.interval),
            poll=fake() if fake is not None and args.engine == "thread" else None,
            child_poll=fake if args.engine == "process" else None,
            engine_config=EngineConfig(poll_budget_s=8.0),
            persist=False,
            use_tray=False,
            post_process=fault_stage(None),
            **early,
        )
        self.marks["built"] = time.time()
        self.window.show()
        self._loop_cls = QEventLoop
        self.lateness: list[float] = []
        self.busy: list[float] = []  # GUI-thread CPU within each gap (ms): own work, not waiting
        self.others: list[tuple[float, str]] = []  # other threads' CPU in each gap, busiest
        self._clocks = ThreadClocks()
        self._last = time.perf_counter()
        self._last_cpu = time.thread_time()
        self.heart = QTimer()
        self.heart.setTimerType(Qt.TimerType.PreciseTimer)
        self.heart.setInterval(HEARTBEAT_MS)
        self.heart.timeout.connect(self._beat)
        self.rss_peak = 0.0
        self._rss_timer = QTimer()
        self._rss_timer.setInterval(1000)
        self._rss_timer.timeout.connect(self._sample_rss)
        self._rss_timer.start()
        self.sweeps = 0
        self.first_seen: dict[str, tuple[float, bool]] = {}  # key -> (time.time(), online)
        self.window.bridge.batch_ready.connect(self._on_batch)
        self.sampler: Any = None
        if args.stalls:
            from benchmarks._stalls import StallSampler

            self.sampler = StallSampler()
            self.sampler.start()

    def _time_slots(self, cls: Any) -> None:
        """Wrap the window's batch, re-sort and totals slots (on the class, before the window
        connects them) to record how long each call took: the longest ones name the work."""
        import functools

        names = ("_drain_backlog", "_resort", "_finish_resort", "_refresh_totals")
        for name in (*names, "_on_faults_changed"):
            fn = getattr(cls, name, None)
            if fn is None:  # a tree without that step (the re-sort's second turn)
                continue

            def timed(self_: Any, *a: Any, _fn: Any = fn, _name: str = name) -> Any:
                t0 = time.perf_counter()
                try:
                    return _fn(self_, *a)
                finally:
                    ms = (time.perf_counter() - t0) * 1000.0
                    self.slots.setdefault(_name, []).append(ms)

            setattr(cls, name, functools.wraps(fn)(timed))

    def slots_text(self) -> str:
        parts = []
        for name, xs in sorted(self.slots.items()):
            top = sorted(xs)[-3:][::-1]
            parts.append(f"{name} {len(xs)}× longest {', '.join(f'{x:.0f}' for x in top)} ms")
        return "slot calls (wall): " + ("; ".join(parts) or "none")

    def _on_gc(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._gc_t0 = time.perf_counter()
        else:
            ms = (time.perf_counter() - self._gc_t0) * 1000.0
            main = threading.current_thread() is threading.main_thread()
            self.gc_pauses.append((info["generation"], ms, main))
            self.gc_found[info["generation"]] += info.get("collected", 0)

    def gc_text(self) -> str:
        parts = []
        for gen in (0, 1, 2):
            xs = [ms for g, ms, _ in self.gc_pauses if g == gen]
            off = sum(1 for g, _, main in self.gc_pauses if g == gen and not main)
            if xs:
                parts.append(
                    f"gen{gen} {len(xs)}× worst {max(xs):.0f} ms, {self.gc_found[gen]} objects "
                    f"freed ({off} off the GUI thread)"
                )
        tracked = len(gc.get_objects())
        return f"cycle collections: {', '.join(parts) or 'none'}; {tracked:,} objects tracked"

    def _on_batch(self, batch: Any) -> None:
        self.sweeps += int(batch.sweep_done)
        now = time.time()
        for s in batch.snapshots:
            self.first_seen.setdefault(s.key, (now, s.online))

    def _beat(self) -> None:
        now = time.perf_counter()
        late = max(0.0, (now - self._last) * 1000.0 - HEARTBEAT_MS)
        cpu = time.thread_time()
        self.lateness.append(late)
        self.busy.append((cpu - self._last_cpu) * 1000.0)
        self.others.append(self._clocks.delta())
        self._last_cpu = cpu
        if self.sampler is not None and late >= 30.0:
            self.sampler.stall(self._last, now)
        self._last = now

    def pids(self) -> list[int | None]:
        return [os.getpid(), getattr(self.window.engine, "pid", None)]

    def _sample_rss(self) -> None:
        self.rss_peak = max(self.rss_peak, _rss_mb(self.pids()))

    def rss_now(self) -> float:
        return _rss_mb(self.pids())

    def measure(self, until: Callable[[], bool], cap_s: float) -> Stalls:
        """Run the event loop (as ``app.exec`` would) until ``until()`` or ``cap_s``."""
        from PySide6.QtCore import QTimer

        loop = self._loop_cls()
        deadline = time.monotonic() + cap_s
        check = QTimer()
        check.setInterval(20)
        check.timeout.connect(
            lambda: loop.quit() if until() or time.monotonic() > deadline else None
        )
        self.lateness.clear()
        self.busy.clear()
        self.others.clear()
        self._clocks.delta()
        self._last = time.perf_counter()
        self._last_cpu = time.thread_time()
        self.heart.start()
        check.start()
        loop.exec()
        check.stop()
        self.heart.stop()
        return Stalls(self.lateness, self.busy, self.others)

    def all_rows_filled(self) -> bool:
        """Checked every 20 ms through a launch: until every target has come in a batch (counted
        by the benchmark's own batch slot) the rows are not walked. Walking them on each check
        cost the window process ~0.3-0.5 s of CPU per launch of 5,000 (3.6 M row visits), which
        the launch's "window CPU" counted as the window's."""
        if len(self.first_seen) < len(self.targets):
            return False
        model = self.window.model
        return model.rowCount() >= len(self.targets) and all(
            r.snap is not None for r in model.rows()
        )

    def close(self) -> None:
        if self.sampler is not None:
            self.sampler.stop()
        self._rss_timer.stop()
        self.window.shutdown()
        self.window.wait_stopped()
        self.window.close()


def _batched_update(h: Harness) -> tuple[float, float, float]:
    """One synthetic update of every row, timed directly until applied in full (repaint
    included): median of 6, the first, and the longest single event-loop turn of them all (the
    window applies a large batch over several turns)."""
    from rig_monitor.core.engine.engine import Batch, SweepStats
    from rig_monitor.core.model import MinerSnapshot

    rng = random.Random(2)
    updates: list[float] = []
    longest = 0.0
    for i in range(7):
        snaps = [
            MinerSnapshot(
                ip=t.ip,
                port=4028,
                online=True,
                make="Antminer",
                model="S21",
                hashrate_ths=190 + rng.random() * 20,
                nominal_hashrate_ths=200.0,
            )
            for t in h.targets
        ]
        batch = Batch(snapshots=snaps, sweep=SweepStats(sweep=1000 + i, started=time.time()))
        t0 = time.perf_counter()
        turn = time.perf_counter()
        h.window._on_batch(batch)
        longest = max(longest, time.perf_counter() - turn)
        while getattr(h.window, "batches_pending", 0):
            turn = time.perf_counter()
            h.app.processEvents()
            longest = max(longest, time.perf_counter() - turn)
        turn = time.perf_counter()
        h.window.table.viewport().repaint()
        h.app.processEvents()
        longest = max(longest, time.perf_counter() - turn)
        updates.append((time.perf_counter() - t0) * 1000.0)
    return median(updates[1:]), updates[0], longest * 1000.0


def cold(args: argparse.Namespace) -> dict[str, Any]:
    h = Harness(args)
    h.window.start()
    t0 = time.monotonic()
    first = h.measure(lambda: h.sweeps >= 1, WARMUP_CAP_S)
    first_s = time.monotonic() - t0
    before = h.sweeps
    prof = cProfile.Profile() if args.profile else None
    if prof is not None:
        prof.enable()  # this thread only: the GUI thread
    cold_slots = h.slots_text()
    h.slots.clear()
    steady = h.measure(lambda: False, args.seconds)
    steady_slots = h.slots_text()
    if prof is not None:
        prof.disable()
    steady_sweeps = h.sweeps - before
    rss = h.rss_now()
    engine_pid = getattr(h.window.engine, "pid", None)
    engine_rss = _rss_mb([engine_pid]) if engine_pid else 0.0
    peaks = (_hwm_mb(os.getpid()), _hwm_mb(engine_pid))
    update_ms, update_first_ms, update_turn_ms = _batched_update(h)
    if h.sampler is not None:
        print("stalls (GUI thread stacks sampled every 2 ms):")
        print(h.sampler.report())
        print("cold first sweep " + cold_slots)
        print("steady " + steady_slots)
    gc_text = h.gc_text()
    h.close()
    if prof is not None:
        st = pstats.Stats(prof).strip_dirs()
        print(f"cProfile of the GUI thread, steady {args.seconds:g} s, by cumulative time:")
        st.sort_stats("cumulative").print_stats(args.profile)
        print("by own time:")
        st.sort_stats("tottime").print_stats(args.profile)
    return {
        "first_s": first_s,
        "first": first,
        "steady": steady,
        "sweeps": steady_sweeps,
        "rss_mb": rss,
        "engine_rss_mb": engine_rss,
        "rss_peak_mb": h.rss_peak,
        "own_peaks_mb": peaks,
        "update_ms": update_ms,
        "update_first_ms": update_first_ms,
        "update_turn_ms": update_turn_ms,
        "gc": gc_text,
    }


def child(args: argparse.Namespace) -> None:
    """A warm launch (fresh process): from ``--launched-at`` (the parent's clock before Popen)
    to every row filled; prints one JSON line."""
    h = Harness(args)
    import psutil

    h.app.processEvents()
    shown = time.time() - args.launched_at
    h.marks["shown"] = time.time()
    me = psutil.Process()
    cpu_shown = sum(me.cpu_times()[:2])
    h.window.start()
    stalls = h.measure(h.all_rows_filled, LAUNCH_CAP_S)
    filled_at = time.time()  # within the 20 ms check of the last row being filled
    # CPU (user + system) up to the last row: the window's own since shown and in all, and the
    # engine child's since its spawn, what each takes of the shared cores
    cpu = {"window_sweep": sum(me.cpu_times()[:2]) - cpu_shown, "window": sum(me.cpu_times()[:2])}
    cpu["threads"] = _thread_cpu()  # type: ignore[assignment]
    with contextlib.suppress(psutil.Error, TypeError):
        cpu["engine"] = sum(psutil.Process(h.window.engine.pid).cpu_times()[:2])  # type: ignore[attr-defined]
    ok = h.all_rows_filled()
    h.app.processEvents()  # the benchmark's own batch slot runs after the window's
    seen = h.first_seen.values()
    answered = [t for t, online in seen if online]
    rss = h.rss_now()
    gc_text = h.gc_text()
    timeline = {**h.marks, **getattr(h.window.engine, "timeline", {})}
    if h.first_seen:
        timeline["applied"] = min(t for t, _ in h.first_seen.values())  # first batch, GUI
    timeline["filled"] = filled_at
    if h.sampler is not None:
        print("stalls (GUI thread stacks sampled every 2 ms):", file=sys.stderr)
        print(h.sampler.report(), file=sys.stderr)
    h.close()
    result = {
        "shown_s": shown,
        "filled_s": filled_at - args.launched_at if ok else float("nan"),
        "answered_s": max(answered) - args.launched_at if answered else float("nan"),
        "answered": len(answered),
        "rows": len(h.targets),
        "rss_mb": rss,
        "rss_peak_mb": h.rss_peak,
        "gc": gc_text,
        "cpu": cpu,
        "timeline": {k: v - args.launched_at for k, v in sorted(timeline.items(), key=_second)},
        **stalls.as_dict(),
    }
    print("RESULT " + json.dumps(result), flush=True)


def _second(item: tuple[str, float]) -> float:
    return item[1]


TIMELINE_NAMES = {
    "imports": "window imports done",
    "spawn": "engine child spawn",
    "spawned": "spawned",
    "created": "child process created",
    "child_entered": "child in its target",
    "child_imports": "child imports done",
    "child_cache_read": "identity cache read",
    "built": "window built",
    "shown": "shown",
    "child_polling": "first poll",
    "child_first_batch": "first batch sent",
    "received": "received",
    "applied": "applied",
    "filled": "last row",
}


def timeline_text(timeline: dict[str, float]) -> str:
    """The launch, seconds after ``Popen``, in the order things happened."""
    return ", ".join(f"{TIMELINE_NAMES.get(k, k)} {v:.2f}" for k, v in timeline.items())


def _thread_cpu() -> dict[str, float]:
    """The window process's CPU per thread (s, user + system, from /proc): the GUI thread's own
    work apart from the engine pipe's reader (which unpickles every batch) and Qt's threads."""
    names = {th.native_id: th.name for th in threading.enumerate()}
    main = threading.main_thread().native_id
    tick = os.sysconf("SC_CLK_TCK")
    out: dict[str, float] = {}
    try:
        tids = os.listdir("/proc/self/task")
    except OSError:
        return out
    for tid in tids:
        try:
            with open(f"/proc/self/task/{tid}/stat", encoding="ascii") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        name = "GUI" if int(tid) == main else names.get(int(tid), "Qt/other")
        name = name.split("-")[0] if name.startswith("Thread") else name
        out[name] = out.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / tick
    return out


def cpu_text(cpu: dict[str, Any], sim: float | None) -> str:
    threads = cpu.get("threads") or {}
    by_thread = ", ".join(
        f"{n} {c:.2f}" for n, c in sorted(threads.items(), key=lambda kv: -kv[1]) if c >= 0.01
    )
    parts = [
        f"window {cpu.get('window', float('nan')):.2f} s "
        f"({cpu.get('window_sweep', float('nan')):.2f} s of it after shown"
        + (f"; by thread: {by_thread}" if by_thread else "")
        + ")",
        f"engine child {cpu.get('engine', float('nan')):.2f} s",
    ]
    if sim is not None:
        parts.append(f"simulator {sim:.2f} s (Popen to exit)")
    return ", ".join(parts)


def _cpu_s(pid: int | None) -> float | None:
    import psutil

    if pid is None:
        return None
    try:
        return float(sum(psutil.Process(pid).cpu_times()[:2]))
    except psutil.Error:
        return None


def warm_launches(args: argparse.Namespace, sim_pid: int | None = None) -> list[dict[str, Any]]:
    out = []
    for i in range(args.launches):
        env = dict(os.environ)
        if args.child_profile:
            from rig_monitor.core.engine.engine_process import PROFILE_ENV

            env[PROFILE_ENV] = f"{args.child_profile}.{i}"
        cmd = [
            sys.executable,
            "-m",
            "benchmarks.gui",
            "--child",
            "--miners",
            str(args.miners),
            "--poll",
            args.poll,
            "--engine",
            args.engine,
            "--interval",
            str(args.interval),
            "--base",
            args.base,
        ]
        if args.engine_early:
            cmd.append("--engine-early")
        if args.stalls:
            cmd.append("--stalls")
        sim0 = _cpu_s(sim_pid)
        t0 = time.time()
        proc = subprocess.Popen(
            [*cmd, "--launched-at", repr(t0)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).resolve().parent.parent,
            env=env,
        )
        sampler = None
        if args.timeline:
            others = {"sim": sim_pid} if sim_pid is not None else {}
            sampler = _timeline.CpuSampler(proc.pid, others, args.timeline / 1000.0).start()
        try:
            stdout, stderr = proc.communicate(timeout=LAUNCH_CAP_S + 60)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
        finally:
            samples = sampler.stop() if sampler is not None else []
        lines = [ln for ln in stdout.splitlines() if ln.startswith("RESULT ")]
        if args.stalls:
            print(stderr.split("stalls (GUI", 1)[-1][:4000])
        if not lines:
            raise RuntimeError(f"warm launch failed:\n{stdout[-2000:]}\n{stderr[-4000:]}")
        result = json.loads(lines[-1][len("RESULT ") :])
        sim1 = _cpu_s(sim_pid)
        if sim0 is not None and sim1 is not None:
            result["sim_cpu_s"] = sim1 - sim0  # the launch, its shutdown included
        if sampler is not None:
            marks = {k: t0 + v for k, v in result.get("timeline", {}).items()}
            roles = ("window", "engine", "sim") if sim_pid is not None else ("window", "engine")
            phs = _timeline.phases(samples, marks, t0, roles)
            result["phases"] = _timeline.text(phs, TIMELINE_NAMES, psutil.cpu_count() or 1)
            result["idle_core_s"] = sum(ph.idle(psutil.cpu_count() or 1) for ph in phs)
            result["sampler"] = (
                f"{len(samples)} samples, the sampler's CPU {sampler.own_cpu_s:.2f} s"
            )
        out.append(result)
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--miners", type=int, default=5000)
    p.add_argument("--seconds", type=float, default=60.0, help="steady state, after sweep 1")
    p.add_argument("--poll", choices=["sim", "fake"], default="sim")
    p.add_argument("--engine", choices=["process", "thread"], default="process")
    p.add_argument("--interval", type=float, default=10.0, help="seconds between sweep starts")
    p.add_argument("--faults", type=float, default=8.0, help="%% of simulated miners with faults")
    p.add_argument("--launches", type=int, default=3, help="warm launches (0: none)")
    p.add_argument("--profile", type=int, default=0, help="cProfile the GUI thread: top N")
    p.add_argument("--stalls", action="store_true", help="name what ran in the longest stalls")
    p.add_argument(
        "--base", default=BASE, help="the simulated fleet's first loopback address (127.x.y.z)"
    )
    p.add_argument(
        "--engine-early",
        action="store_true",
        help="spawn the engine child while the window is built (MainWindow(engine_early=True))",
    )
    p.add_argument(
        "--child-profile",
        metavar="PATH",
        help="cProfile each warm launch's engine child to its first sweep's end: PATH.0, PATH.1...",
    )
    p.add_argument(
        "--pyc",
        action="store_true",
        help="let the processes started here cache bytecode (in a private directory, nothing "
        "written into the tree), as an installed app has it; by default a "
        "PYTHONDONTWRITEBYTECODE=1 environment makes every process compile rig_monitor anew",
    )
    p.add_argument(
        "--timeline",
        type=float,
        nargs="?",
        const=25.0,
        default=0.0,
        metavar="MS",
        help="sample every process's CPU each MS (25) through each warm launch: how busy the "
        "cores were per phase, idle core-seconds",
    )
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--launched-at", type=float, default=0.0, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if not ipaddress.IPv4Address(args.base).is_loopback:
        p.error("--base must be a loopback address (127.0.0.0/8): benchmarks never leave the host")
    raise_fd_limit()
    if args.child:
        child(args)
        return 0
    print(machine())
    with tempfile.TemporaryDirectory(prefix="rig-gui-bench-") as tmp:
        # the identity cache (warm start) of this run only, which the launches below share; no
        # thresholds or config of the user's own
        os.environ["RIG_MONITOR_CONFIG_DIR"] = str(Path(tmp) / "config")
        os.environ["RIG_MONITOR_CACHE_DIR"] = str(Path(tmp) / "cache")
        if args.pyc:
            # the simulator and the cold run's processes write it, the warm launches read it
            os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
            os.environ["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pyc")
        sim_args = ["--base", args.base, "--count", str(args.miners), "--seed", "9"]
        sim_args += ["--faults", str(args.faults)]
        with SimProcess(sim_args) if args.poll == "sim" else _nothing() as sim:
            r = cold(args)
            sim_pid = sim.proc.pid if sim is not None and sim.proc is not None else None
            launches = warm_launches(args, sim_pid) if args.launches else []
    first, steady = r["first"], r["steady"]
    print(
        f"gui: {args.miners} miners, poll={args.poll}, engine={args.engine}, faults "
        f"{args.faults:g} %, interval {args.interval:g} s\n"
        f"  cold first sweep (detection) {r['first_s']:.1f} s: {first.text()}\n"
        f"  steady {args.seconds:g} s, {r['sweeps']:.0f} sweeps: {steady.text()}\n"
        f"  RSS window {r['rss_mb'] - r['engine_rss_mb']:.0f} MB + engine "
        f"{r['engine_rss_mb']:.0f} MB = {r['rss_mb']:.0f} MB (peak of the sum "
        f"{r['rss_peak_mb']:.0f} MB{_own_peaks(r['own_peaks_mb'])})\n"
        f"  batched update of {args.miners} rows {r['update_ms']:.1f} ms median of 6 "
        f"(first {r['update_first_ms']:.1f} ms; longest event-loop turn "
        f"{r['update_turn_ms']:.1f} ms)\n"
        f"  {r['gc']}"
    )
    for i, w in enumerate(launches, 1):
        print(
            f"  warm launch {i}: window shown {w['shown_s']:.2f} s, every answering miner read "
            f"{w['answered_s']:.2f} s ({w['answered']} of {w['rows']}), every row filled "
            f"{w['filled_s']:.2f} s after Popen; stall worst {w['worst_ms']:.0f} ms (GUI-thread "
            f"CPU in it {w['cpu_in_worst_ms']:.0f} ms, other threads "
            f"{w.get('others_in_worst_ms', 0.0):.0f} ms), p99 {w['p99_ms']:.0f} ms; RSS "
            f"{w['rss_mb']:.0f} MB (peak {w['rss_peak_mb']:.0f}); {w['gc']}\n"
            f"    timeline (s after Popen): {timeline_text(w.get('timeline', {}))}\n"
            f"    CPU to the last row: {cpu_text(w.get('cpu', {}), w.get('sim_cpu_s'))}"
        )
        if "phases" in w:
            print(f"    CPU by phase ({w['sampler']}), s after Popen:\n{w['phases']}")
    if launches:
        print(
            f"  warm launch median of {len(launches)}: every answering miner read "
            f"{median([w['answered_s'] for w in launches]):.2f} s, every row filled "
            f"{median([w['filled_s'] for w in launches]):.2f} s, stall worst "
            f"{median([w['worst_ms'] for w in launches]):.0f} ms; window CPU "
            f"{median([w.get('cpu', {}).get('window', float('nan')) for w in launches]):.2f} s"
            + (
                f", idle core-s {median([w['idle_core_s'] for w in launches]):.2f}"
                if all("idle_core_s" in w for w in launches)
                else ""
            )
        )
    print(f"  load {loadavg()}")
    return 0


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


if __name__ == "__main__":
    raise SystemExit(main())
