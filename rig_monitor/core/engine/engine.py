"""The polling engine: sweeps every target on an asyncio loop in its own thread.

Why a thread with its own loop (Electrum's pattern) rather than qasync: a slow parse or a flood of
replies must never stall the GUI's event loop. The engine hands results out in batches through one
callback; the GUI turns that callback into one queued Qt signal.

Design points:
- every poll runs under a hard budget (``poll_budget_s``) so a hung miner costs one budget, never
  a sweep;
- concurrency is bounded by a pool of worker tasks (one per slot, each polling target after
  target), so 5,000 targets never open 5,000 sockets at once;
- offline miners back off exponentially (capped) and are re-checked at once when they answer;
- results are flushed every ``batch_interval_s`` and at the end of every sweep.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import functools
import gc
import logging
import threading
import time
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass, field

from rig_monitor.core.credentials import Credential, Credentials, for_this_user, miner_key
from rig_monitor.core.engine.loops import close_loop
from rig_monitor.core.errors import crash_message
from rig_monitor.core.logsafe import redact
from rig_monitor.core.model import ErrorKind, MinerSnapshot, Ports, Target
from rig_monitor.core.netinfo import raise_fd_limit

log = logging.getLogger(__name__)

PollFn = Callable[[Target], Awaitable[MinerSnapshot]]
ADAPT_START = 64  # polls in flight when a sweep starts; grows while the loop keeps up
ADAPT_FLOOR = 16
LAG_TICK_S = 0.1
LAG_HIGH_S = 0.25  # loop lag that means "saturated" whatever the CPU share says
BUSY_HIGH = 0.85  # CPU share of the engine thread above which fewer polls go in flight
BUSY_LOW = 0.6  # below which more may, if some are waiting
SUSPECT_SHARE = 0.25  # most of the slots a sweep gives to miners that failed their last poll
# Net new container objects that start a young-generation collection while polling (Python's
# default is 700). One poll's parse allocates thousands of dicts and lists that die moments
# later, so at 700 nearly every poll started a collection, and every tenth of those an older
# one: at 5,000 miners ~320 young, ~30 middle and 2-3 full collections per sweep, 13-15 % of the
# engine's CPU (gc.callbacks, 2026-12-03). At 20,000: 3-5 young collections a sweep, no full one.
GC_YOUNG_THRESHOLD = 20_000
# Runs on the engine thread on each batch before it is handed out; may set ``snapshot.faults``.
# What it returns travels with the batch as ``Batch.extra`` (one signal per batch, still).
PostProcess = Callable[[list[MinerSnapshot]], object]


@dataclass(slots=True)
class EngineConfig:
    interval_s: float = 30.0  # time between sweep starts
    poll_budget_s: float = 8.0  # hard ceiling for one miner's poll, detection included
    concurrency: int = 500
    batch_interval_s: float = 0.5  # how often partial results are handed out during a sweep
    backoff_base_s: float = 30.0  # first wait once an offline miner starts backing off
    backoff_max_s: float = 300.0  # longest wait before re-checking an offline miner
    adaptive: bool = True  # size the answering miners' share by event-loop lag (AdaptiveGate)


@dataclass(slots=True)
class SweepStats:
    sweep: int
    started: float
    finished: float | None = None
    polled: int = 0
    online: int = 0
    skipped_backoff: int = 0
    concurrency_low: int | None = None  # the smallest in-flight limit the sweep adapted down to
    loop_lag_max_ms: float | None = None  # the worst event-loop lag the sweep saw

    @property
    def duration_s(self) -> float | None:
        return None if self.finished is None else self.finished - self.started


@dataclass(slots=True)
class Batch:
    """What the engine hands out: new snapshots, and the sweep's stats once it is done."""

    snapshots: list[MinerSnapshot]
    sweep: SweepStats
    sweep_done: bool = False
    removed: list[str] = field(default_factory=list)  # target keys no longer polled
    extra: object = None  # what ``post_process`` returned for these snapshots (e.g. fault report)


BatchCallback = Callable[[Batch], None]


@dataclass(slots=True)
class _Backoff:
    failures: int = 0
    next_due: float = 0.0


class AdaptiveGate:
    """A semaphore whose size follows the event loop's lag (AIMD), between a floor and ``cap``.

    Starts at ``ADAPT_START`` (or ``cap`` if smaller); every ``LAG_TICK_S`` it measures the
    engine thread's CPU share: over ``BUSY_HIGH`` (or a loop lag over ``LAG_HIGH_S``) the limit
    shrinks by a quarter, under ``BUSY_LOW`` with polls waiting it grows by an eighth. With
    ``adaptive=False`` it is a plain semaphore.
    """

    def __init__(self, cap: int, *, adaptive: bool = True) -> None:
        self.cap = max(1, cap)
        self.adaptive = adaptive
        self.floor = min(self.cap, ADAPT_FLOOR)
        self.limit = min(self.cap, ADAPT_START) if adaptive else self.cap
        self.low = self.limit
        self.lag_max_s = 0.0
        self.active = 0
        self._waiters: collections.deque[asyncio.Future[None]] = collections.deque()
        # Pool mode (PollEngine.sweep): the polls waiting are a queue of targets rather than
        # futures, and a raised limit starts workers through ``on_room``.
        self.queue: collections.deque[Target] | None = None
        self.on_room: Callable[[], None] | None = None

    async def __aenter__(self) -> None:
        if self.active < self.limit and not self._waiters:
            self.active += 1
            return
        fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append(fut)
        try:
            await fut  # the releaser counted us in before waking us
        except asyncio.CancelledError:
            if fut.done() and not fut.cancelled():
                self._release()
            else:
                with contextlib.suppress(ValueError):
                    self._waiters.remove(fut)
            raise

    async def __aexit__(self, *exc: object) -> None:
        self._release()

    def _release(self) -> None:
        self.active -= 1
        self._wake()

    def _wake(self) -> None:
        while self._waiters and self.active < self.limit:
            fut = self._waiters.popleft()
            if not fut.done():
                self.active += 1
                fut.set_result(None)
        if self.on_room is not None and self.active < self.limit:
            self.on_room()

    def waiting(self) -> bool:
        return bool(self._waiters or self.queue)

    def set_limit(self, limit: int) -> None:
        self.limit = max(self.floor, min(self.cap, limit))
        self.low = min(self.low, self.limit)
        self._wake()

    async def watch_lag(self) -> None:
        """Adapt to how busy this thread is: CPU seconds spent per wall second, every tick.

        Loop lag alone does not show saturation (each loop pass stays short while every poll
        waits for hundreds of passes), so the thread's CPU share decides, and lag is recorded.
        """
        loop = asyncio.get_running_loop()
        while True:
            t0, c0 = loop.time(), time.thread_time()
            await asyncio.sleep(LAG_TICK_S)
            wall = loop.time() - t0
            busy = (time.thread_time() - c0) / wall if wall > 0 else 0.0
            self.lag_max_s = max(self.lag_max_s, wall - LAG_TICK_S)
            if not self.adaptive:
                continue
            if busy > BUSY_HIGH or wall - LAG_TICK_S > LAG_HIGH_S:
                self.set_limit(self.limit * 3 // 4)
            elif busy < BUSY_LOW and self.waiting():
                self.set_limit(self.limit + max(1, self.limit // 8))


_polling = 0  # sweeps under way in this process (engines may share one)
_saved_threshold: tuple[int, int, int] | None = None


@contextlib.contextmanager
def collector_fit_for_polling() -> Iterator[None]:
    """While a sweep runs, raise the young-generation threshold of the cycle collector (see
    GC_YOUNG_THRESHOLD); the process's own setting comes back when the last sweep ends.

    Only while automatic collection is on: the window switches it off and runs its own
    collector on the GUI thread (gui/collector.py), which this must not change. Never lowers a
    threshold someone set higher. What it costs: up to 20,000 young objects wait for their
    collection instead of 700 (cyclic garbage is rare here: the fleet's data is acyclic and is
    freed by reference counting as before). Restored afterwards because the CLI and tests run
    the engine inside a process that has other work (and other collectors) to do.
    """
    global _polling, _saved_threshold
    if _polling == 0 and gc.isenabled():
        young, middle, old = gc.get_threshold()
        if young < GC_YOUNG_THRESHOLD:
            _saved_threshold = (young, middle, old)
            gc.set_threshold(GC_YOUNG_THRESHOLD, middle, old)
    _polling += 1
    try:
        yield
    finally:
        _polling -= 1
        if _polling == 0 and _saved_threshold is not None:
            if gc.get_threshold()[0] == GC_YOUNG_THRESHOLD:  # nobody changed it meanwhile
                gc.set_threshold(*_saved_threshold)
            _saved_threshold = None


class PollEngine:
    """Runs sweeps on the current asyncio loop. Use :class:`EngineThread` from a GUI."""

    def __init__(
        self,
        poll: PollFn,
        on_batch: BatchCallback,
        config: EngineConfig | None = None,
        *,
        post_process: PostProcess | None = None,
    ) -> None:
        self._poll = poll
        self._on_batch = on_batch
        self.config = config or EngineConfig()
        self._post_process = post_process
        self._targets: dict[str, Target] = {}
        self._backoff: dict[str, _Backoff] = {}
        self._wake = asyncio.Event()
        self._stopping = False
        self._sweep_no = 0
        self._removed: list[str] = []
        self._crash_logged: set[str] = set()  # one traceback per miner, not one per sweep

    # -- target management (call on the engine's loop) ---------------------------------------
    def set_targets(self, targets: Iterable[Target]) -> None:
        new = {t.key: t for t in targets}
        self._removed.extend(k for k in self._targets if k not in new)
        self._targets = new
        self._backoff = {k: v for k, v in self._backoff.items() if k in new}

    def add_targets(self, targets: Iterable[Target]) -> None:
        for t in targets:
            self._targets[t.key] = t
            self._backoff.pop(t.key, None)

    def remove_targets(self, keys: Iterable[str]) -> None:
        for k in keys:
            if self._targets.pop(k, None) is not None:
                self._removed.append(k)
            self._backoff.pop(k, None)

    @property
    def targets(self) -> list[Target]:
        return list(self._targets.values())

    def poll_later(self, keys: Iterable[str]) -> None:
        """Give these miners the share of the slots that miners which failed their last poll
        get (SUSPECT_SHARE) until they answer. At a warm launch: the ones the identity cache
        does not know (detection, the dearest poll) or knew as not answering (a hung one holds
        a slot for its whole budget), so the known, answering fleet is read first."""
        for key in keys:
            if key in self._targets:
                self._backoff.setdefault(key, _Backoff())

    def poll_now(self) -> None:
        """Start the next sweep at once, and re-check backed-off miners too."""
        for b in self._backoff.values():
            b.next_due = 0.0
        self._wake.set()

    def stop(self) -> None:
        self._stopping = True
        self._wake.set()

    # -- sweeping ---------------------------------------------------------------------------
    async def run(self, sweeps: int | None = None) -> None:
        """Sweep forever (or ``sweeps`` times), ``interval_s`` apart start to start."""
        done = 0
        while not self._stopping and (sweeps is None or done < sweeps):
            started = time.monotonic()
            # Cleared before the sweep, not after it: a poll-now or a miner added while a sweep
            # runs must start the next sweep as soon as this one ends, not an interval later.
            self._wake.clear()
            await self.sweep()
            done += 1
            if sweeps is not None and done >= sweeps:
                break
            delay = max(0.0, self.config.interval_s - (time.monotonic() - started))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=delay)

    async def sweep(self) -> SweepStats:
        with collector_fit_for_polling():
            return await self._sweep()

    async def _sweep(self) -> SweepStats:
        self._sweep_no += 1
        stats = SweepStats(sweep=self._sweep_no, started=time.time())
        now = time.monotonic()
        due: list[Target] = []
        for key, target in self._targets.items():
            b = self._backoff.get(key)
            if b is not None and b.next_due > now:
                stats.skipped_backoff += 1
            else:
                due.append(target)

        pending: list[MinerSnapshot] = []
        # Miners that failed last time (offline, hung, timing out) get their own, smaller share of
        # the slots, so a flood of dead addresses that each hold a slot for a whole timeout never
        # starves the answering miners; those are polled first within their share.
        due.sort(key=lambda t: t.key in self._backoff)  # stable: answering ones first
        suspects = sum(1 for t in due if t.key in self._backoff)
        concurrency = max(1, self.config.concurrency)
        suspect_slots = min(suspects, max(1, int(concurrency * SUSPECT_SHARE)))
        # The answering miners' limit adapts to the event loop's lag: polls cost CPU, and once the
        # loop is saturated more polls in flight add no throughput, only latency, until healthy
        # miners blow their budget and read as "timed out" (measured at 5,000 miners: 500 in
        # flight, 1,205 false timeouts; 100 in flight, none and a faster sweep).
        if suspect_slots >= concurrency or suspects == len(due):
            healthy = AdaptiveGate(concurrency, adaptive=self.config.adaptive)
            suspect_gate = healthy
        else:
            healthy = AdaptiveGate(concurrency - suspect_slots, adaptive=self.config.adaptive)
            suspect_gate = AdaptiveGate(max(1, suspect_slots), adaptive=False)

        # One worker task per slot, each polling targets from its gate's queue until it is empty
        # (or the gate's limit has shrunk below the workers it has): no task, gate future and
        # gather callback per poll.
        done = asyncio.get_running_loop().create_future()
        left = len(due)
        workers: set[asyncio.Task[None]] = set()

        async def work(
            gate: AdaptiveGate, queue: collections.deque[Target], target: Target
        ) -> None:
            nonlocal left
            try:
                while True:
                    snap = await self._poll_guarded(target)
                    self._note_result(target, snap)
                    stats.polled += 1
                    if snap.online:
                        stats.online += 1
                    pending.append(snap)
                    left -= 1
                    if not queue or gate.active > gate.limit:
                        break  # nothing left, or the limit went down: this slot closes
                    target = queue.popleft()
            finally:
                gate.active -= 1
            if not left and not done.done():
                done.set_result(None)

        def ended(task: asyncio.Task[None]) -> None:
            workers.discard(task)
            if not task.cancelled() and not done.done():
                exc = task.exception()
                if exc is not None:
                    done.set_exception(exc)

        def start_workers(gate: AdaptiveGate, queue: collections.deque[Target]) -> None:
            while queue and gate.active < gate.limit:
                gate.active += 1
                task = asyncio.ensure_future(work(gate, queue, queue.popleft()))
                workers.add(task)
                task.add_done_callback(ended)

        if suspect_gate is healthy:
            queues = [(healthy, collections.deque(due))]
        else:
            queues = [
                (healthy, collections.deque(t for t in due if t.key not in self._backoff)),
                (suspect_gate, collections.deque(t for t in due if t.key in self._backoff)),
            ]
        for gate, queue in queues:
            gate.queue = queue
            gate.on_room = functools.partial(start_workers, gate, queue)
            start_workers(gate, queue)
        flusher = asyncio.ensure_future(self._flush_periodically(pending, stats))
        monitor = asyncio.ensure_future(healthy.watch_lag())
        try:
            if left:
                await done
        finally:
            for helper in (flusher, monitor):
                helper.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await helper
            for gate in (healthy, suspect_gate):
                gate.on_room = None
            for w in list(workers):
                w.cancel()
        stats.concurrency_low = healthy.low
        stats.loop_lag_max_ms = healthy.lag_max_s * 1000.0
        stats.finished = time.time()
        self._flush(pending, stats, done=True)
        return stats

    async def _poll_guarded(self, target: Target) -> MinerSnapshot:
        budget = self.config.poll_budget_s
        t0 = time.monotonic()
        try:
            # asyncio.timeout, not wait_for: no extra Task per poll (3.11)
            async with asyncio.timeout(budget):
                snap = await self._poll(target)
        except TimeoutError:
            snap = MinerSnapshot.offline(
                target, ErrorKind.TIMEOUT, f"timed out: no complete answer in {budget:g} s"
            )
        except Exception as exc:  # a driver bug must cost one miner, not the sweep
            if target.key not in self._crash_logged:
                self._crash_logged.add(target.key)
                log.exception("poll of %s crashed (logged once per miner)", target)
            snap = MinerSnapshot.offline(target, ErrorKind.BAD_REPLY, redact(crash_message(exc)))
        snap.poll_ms = (time.monotonic() - t0) * 1000.0
        return snap

    def _note_result(self, target: Target, snap: MinerSnapshot) -> None:
        if snap.online or snap.error_kind is ErrorKind.AUTH_FAILED:
            self._backoff.pop(target.key, None)
            return
        b = self._backoff.setdefault(target.key, _Backoff())
        b.failures += 1
        # Three quick retries (one per sweep) before backing off: a blip should not hide a miner.
        if b.failures > 3:
            base = max(self.config.interval_s, self.config.backoff_base_s)
            wait = min(self.config.backoff_max_s, base * 2 ** (b.failures - 4))
            b.next_due = time.monotonic() + wait

    async def _flush_periodically(self, pending: list[MinerSnapshot], stats: SweepStats) -> None:
        while True:
            await asyncio.sleep(self.config.batch_interval_s)
            self._flush(pending, stats, done=False)

    def _flush(self, pending: list[MinerSnapshot], stats: SweepStats, *, done: bool) -> None:
        if not pending and not done and not self._removed:
            return
        snaps = pending[:]
        pending.clear()
        extra: object = None
        if self._post_process is not None and snaps:
            extra = self._post_process(snaps)
        removed, self._removed = self._removed, []
        try:
            self._on_batch(
                Batch(snapshots=snaps, sweep=stats, sweep_done=done, removed=removed, extra=extra)
            )
        except Exception:
            log.exception("batch consumer failed")


class EngineThread:
    """Owns a PollEngine on a private asyncio loop in a daemon thread.

    All methods are thread-safe; ``on_batch`` is called on the engine thread.
    """

    def __init__(
        self,
        on_batch: BatchCallback,
        config: EngineConfig | None = None,
        *,
        poll: PollFn | None = None,
        post_process: PostProcess | None = None,
        ports: Ports | None = None,
    ) -> None:
        self._on_batch = on_batch
        self._config = config or EngineConfig()
        self._poll = poll
        self._ports = ports  # where the miners' web/v3 APIs listen when not the defaults (serve)
        self._post_process = post_process
        self._loop: asyncio.AbstractEventLoop | None = None
        self._engine: PollEngine | None = None
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rig-monitor-engine", daemon=True)
        self._initial: list[Target] = []
        self._main: asyncio.Task[None] | None = None
        # The passwords the engine polls with. Opened on the engine thread (keyring may talk
        # D-Bus); the GUI writes overrides into it from a worker thread.
        self.credentials: Credentials | None = None

    @property
    def config(self) -> EngineConfig:
        return self._config

    @property
    def secrets_persistent(self) -> bool | None:
        """Whether passwords go to the OS keyring (None until the engine has started)."""
        creds = self.credentials
        return None if creds is None else creds.store.persistent

    def set_miner_password(self, ip: str, port: int, user: str, password: str) -> None:
        """Keep ``user``/``password`` for one miner (may block on the keyring: not on the GUI
        thread). Does nothing before :meth:`start`."""
        creds = self.credentials
        if creds is None:
            log.warning("engine not started: password for %s:%d not kept", ip, port)
            return
        creds.set_for_miner(ip, port, Credential(user, password))

    def confirm_miner_identity(self, ip: str, port: int) -> None:
        """The operator trusts the new device at this address with its saved password."""
        creds = self.credentials
        if creds is not None:
            creds.confirm_identity(ip, port)
        self.poll_now()

    def start(self, targets: Iterable[Target] = ()) -> None:
        self._initial = list(targets)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("engine thread did not start")

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        asyncio.set_event_loop(loop)
        poll = self._poll
        closer: Callable[[], Awaitable[None]] | None = None
        self.credentials = for_this_user()  # keyring + saved sites as groups
        # Every keyring read a sweep needs, now, before the loop runs (they block).
        self.credentials.warm_for([(t.ip, t.port) for t in self._initial])
        if poll is None:
            from rig_monitor.core.engine.poller import Poller

            poller = Poller(credentials=self.credentials, ports=self._ports)
            poll, closer = poller.poll, poller.aclose
        self._engine = PollEngine(
            poll, self._on_batch, self._config, post_process=self._post_process
        )
        self._engine.set_targets(self._initial)
        # Each poll may hold a few sockets (RPC and web); the usual soft limit of 1,024 would turn
        # a large fleet into "too many open files".
        raise_fd_limit(max(1, self._config.concurrency) * 6 + 256)
        self._ready.set()
        try:
            self._main = loop.create_task(self._engine.run())
            with contextlib.suppress(asyncio.CancelledError):
                loop.run_until_complete(self._main)
            if closer is not None:
                loop.run_until_complete(closer())
        finally:
            close_loop(loop)

    def _call(self, fn: Callable[[PollEngine], None]) -> None:
        loop, engine = self._loop, self._engine
        if loop is None or engine is None or loop.is_closed():
            return
        loop.call_soon_threadsafe(fn, engine)

    def set_targets(self, targets: Iterable[Target]) -> None:
        items = list(targets)
        self._call(lambda e: e.set_targets(items))

    def add_targets(self, targets: Iterable[Target]) -> None:
        items = list(targets)
        creds = self.credentials

        def add(engine: PollEngine) -> None:
            engine.add_targets(items)
            if creds is None or self._loop is None:
                engine.poll_now()
                return
            # Their keyring reads on a worker thread (neither the caller, maybe the GUI, nor the
            # polling loop), then the sweep that polls them.
            keys = [miner_key(t.ip, t.port) for t in items]
            done = self._loop.run_in_executor(None, creds.warm, keys)
            done.add_done_callback(lambda _f: engine.poll_now())

        self._call(add)

    def remove_targets(self, keys: Iterable[str]) -> None:
        items = list(keys)
        self._call(lambda e: e.remove_targets(items))

    def set_interval(self, seconds: float) -> None:
        self._config.interval_s = max(1.0, float(seconds))
        self._call(lambda e: e.poll_now())

    def poll_now(self) -> None:
        self._call(lambda e: e.poll_now())

    def stop(self, timeout: float = 10.0) -> None:
        """Stop now: the sweep under way is cancelled (its sockets closed), not waited for, so
        closing the window never waits out a hung miner's budget."""

        def cancel(engine: PollEngine) -> None:
            engine.stop()
            if self._main is not None:
                self._main.cancel()

        self._call(cancel)
        if self._thread.is_alive():
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()
