"""One delivery thread per channel, fed through a bounded queue.

``Notifier.submit`` is what the engine thread calls: a filter and a ``put_nowait`` per channel,
never a wait. Each worker groups what arrives within ``group_s`` into one message (folding miner
events into the incident that explains them), holds messages back past the rate limit (they merge
into the next one), and retries failed deliveries with exponential back-off. Failures are logged
and counted (``status()``; the exporter shows them as ``rig_monitor_notifications_*_total``).
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rig_monitor.core.notify.channels import Channel, DeliveryError
from rig_monitor.core.notify.events import AlertEvent, fold
from rig_monitor.core.notify.policy import Policy, RateLimiter

log = logging.getLogger(__name__)

QUEUE_ITEMS = 256  # submits waiting per channel; beyond that the oldest work is dropped
MAX_EVENTS_PER_MESSAGE = 500
RETRY_BASE_S = 2.0
RETRY_MAX_S = 300.0
RETRIES = 6  # attempts after the first, then the message is dropped (and counted)


@dataclass(slots=True)
class ChannelStatus:
    name: str
    kind: str
    sent: int = 0  # messages delivered
    failed: int = 0  # failed attempts
    dropped: int = 0  # events given up on
    pending: int = 0  # events waiting or being retried
    last_error: str | None = None
    last_error_at: float | None = None
    last_ok_at: float | None = None

    def counters(self) -> dict[str, int]:
        return {"sent": self.sent, "failed": self.failed, "dropped": self.dropped}


_STOP = object()


@dataclass(slots=True)
class _Worker:
    channel: Channel
    policy: Policy
    retry_base_s: float = RETRY_BASE_S
    retries: int = RETRIES
    status: ChannelStatus = field(init=False)
    q: queue.Queue[object] = field(init=False)
    stopping: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    limiter: RateLimiter = field(init=False)
    on_change: Callable[[ChannelStatus], None] | None = None

    def __post_init__(self) -> None:
        self.status = ChannelStatus(self.channel.name, self.channel.kind)
        self.q = queue.Queue(maxsize=QUEUE_ITEMS)
        self.limiter = RateLimiter(self.policy.max_per_hour)

    # -- any thread -------------------------------------------------------------------------------
    def offer(self, events: Sequence[AlertEvent]) -> None:
        admitted = self.policy.admit(events)
        if not admitted:
            return
        try:
            self.q.put_nowait(admitted)
        except queue.Full:
            with self.lock:
                self.status.dropped += len(admitted)
            log.warning(
                "notify %s: queue full (deliveries are failing?); %d event(s) dropped",
                self.channel.name,
                len(admitted),
            )
            return
        with self.lock:
            self.status.pending += len(admitted)

    # -- the worker thread ------------------------------------------------------------------------
    def run(self) -> None:
        while not self.stopping.is_set():
            item = self.q.get()
            if item is _STOP:
                return
            assert isinstance(item, list)
            batch: list[AlertEvent] = list(item)
            self._gather(batch, self.policy.group_s)
            wait = self.limiter.wait_s()
            if wait > 0:
                log.info("notify %s: rate limit; next message in %.0f s", self.channel.name, wait)
            while wait > 0 and not self.stopping.is_set():  # what arrives meanwhile merges in
                self._gather(batch, min(wait, 1.0))
                wait = self.limiter.wait_s()
            if self.stopping.is_set():
                # stopping inside the grouping window: one attempt, no retries, rather than
                # losing what was gathered (the owner's stop() waits only briefly for it)
                if wait <= 0:
                    self._deliver(batch, retries=0)
                return
            self._deliver(batch)

    def _gather(self, batch: list[AlertEvent], seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0 and not self.stopping.is_set():
            try:
                item = self.q.get(timeout=min(left, 0.5))
            except queue.Empty:
                continue
            if item is _STOP:
                self.stopping.set()
                return
            assert isinstance(item, list)
            batch.extend(item)

    def _deliver(self, batch: list[AlertEvent], retries: int | None = None) -> None:
        retries = self.retries if retries is None else retries
        events = fold(batch)
        extra = events[MAX_EVENTS_PER_MESSAGE:]
        events = events[:MAX_EVENTS_PER_MESSAGE]
        if extra:
            with self.lock:
                self.status.dropped += len(extra)
        attempt = 0
        while True:
            try:
                self.channel.send(events)
            except DeliveryError as exc:
                self._failed(str(exc))
                if exc.permanent or attempt >= retries:
                    why = "refused for good" if exc.permanent else f"{attempt + 1} attempts"
                    log.error(
                        "notify %s: gave up on %d event(s) (%s)",
                        self.channel.name,
                        len(events),
                        why,
                    )
                    self._done(len(batch), dropped=len(events))
                    return
                delay = min(RETRY_MAX_S, self.retry_base_s * 2**attempt)
                attempt += 1
                log.warning("notify %s: retry %d in %.0f s", self.channel.name, attempt, delay)
                if self.stopping.wait(delay):
                    self._done(len(batch), dropped=len(events))
                    return
            except Exception as exc:  # a channel bug must not kill the thread
                log.exception("notify %s: delivery crashed", self.channel.name)
                self._failed(f"{type(exc).__name__}: {exc}")
                self._done(len(batch), dropped=len(events))
                return
            else:
                self.limiter.note()
                with self.lock:
                    self.status.sent += 1
                    self.status.last_ok_at = time.time()
                self._done(len(batch), dropped=0)
                log.info("notify %s: delivered %d event(s)", self.channel.name, len(events))
                return

    def _failed(self, message: str) -> None:
        log.warning("notify %s: %s", self.channel.name, message)
        with self.lock:
            self.status.failed += 1
            self.status.last_error = message
            self.status.last_error_at = time.time()

    def _done(self, n: int, *, dropped: int) -> None:
        with self.lock:
            self.status.pending = max(0, self.status.pending - n)
            self.status.dropped += dropped

    def snapshot(self) -> ChannelStatus:
        with self.lock:
            s = self.status
            return ChannelStatus(
                s.name, s.kind, s.sent, s.failed, s.dropped, s.pending,
                s.last_error, s.last_error_at, s.last_ok_at,
            )  # fmt: skip


class Notifier:
    """All channels. ``submit`` from the engine thread; ``start``/``stop`` from the owner."""

    def __init__(self) -> None:
        self._workers: list[_Worker] = []

    def add(
        self,
        channel: Channel,
        policy: Policy | None = None,
        *,
        retry_base_s: float = RETRY_BASE_S,
        retries: int = RETRIES,
    ) -> None:
        self._workers.append(_Worker(channel, policy or Policy(), retry_base_s, retries))

    @property
    def channels(self) -> list[str]:
        return [w.channel.name for w in self._workers]

    def start(self) -> None:
        for w in self._workers:
            if w.thread is None:
                w.thread = threading.Thread(
                    target=w.run, name=f"rig-monitor-notify-{w.channel.name}", daemon=True
                )
                w.thread.start()

    def submit(self, events: Sequence[AlertEvent]) -> None:
        """Never blocks: each channel filters and queues (or drops and counts) at once."""
        if not events:
            return
        for w in self._workers:
            w.offer(events)

    def status(self) -> list[ChannelStatus]:
        return [w.snapshot() for w in self._workers]

    def counters(self) -> dict[str, dict[str, int]]:
        return {s.name: s.counters() for s in self.status()}

    def stop(self, timeout: float = 3.0) -> None:
        """Stop the workers; a delivery under way gets until ``timeout`` (daemon threads after)."""
        for w in self._workers:
            w.stopping.set()
            with contextlib.suppress(queue.Full):
                w.q.put_nowait(_STOP)
        deadline = time.monotonic() + timeout
        for w in self._workers:
            if w.thread is not None:
                w.thread.join(max(0.0, deadline - time.monotonic()))
