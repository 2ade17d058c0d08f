"""Find miners among many addresses and say, for every address, why it is or is not one.

A scan is staged, because on a real LAN most addresses of a range are silent and a silent address
costs a whole timeout: first a bare TCP connect to the API port with a short timeout (no request
sent, so a socket is held for at most ``connect_timeout_s``); only the hosts that accepted, or that
refused the API port but accept the web or Whatsminer v3 port, are identified, with the longer
identification limits and their own, smaller, concurrency.

Concurrency adapts: it starts high for large ranges (asic-rs does the same) and halves whenever the
*desktop* runs short (too many open files, no buffer space, no free local port); the address that
hit the shortage is retried, so it is reported for what it is, never as "no answer". It creeps back
up after a run of clean connects. Refusals and timeouts are answers from the network, not pressure.

Results stream (:func:`scan_iter` is an async generator; :func:`scan` takes callbacks) so a window
can show miners while the scan runs; :class:`ScanReport` explains every miss.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import enum
import errno
import ipaddress
import os
import socket
import time
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from dataclasses import dataclass, field

from rig_monitor.core.credentials import Credentials
from rig_monitor.core.drivers import driver_for
from rig_monitor.core.drivers.base import Session
from rig_monitor.core.drivers.detect import detect
from rig_monitor.core.errors import MinerError
from rig_monitor.core.model import ErrorKind, Identity, Ports, Target
from rig_monitor.core.netinfo import socket_budget
from rig_monitor.core.wire import sockio
from rig_monitor.core.wire.cgminer import CGMinerClient, Limits
from rig_monitor.core.wire.http import HttpClient

SCAN_LIMITS = Limits(connect_timeout_s=1.5, read_timeout_s=3.0, max_bytes=1024 * 1024)
PRECHECK_TIMEOUT_S = 1.0  # a LAN host answers a SYN in milliseconds; a second is generous
IDENTIFY_CONCURRENCY = 256  # each identification holds up to ~5 sockets (2 RPC, web, v3)
MIN_CONCURRENCY = 16
MAX_CONCURRENCY = 2048
LOCAL_RETRIES = 4  # tries of one address that keeps hitting a local shortage
GROW_AFTER = 256  # clean connects before the limit grows again

# Errors that say the desktop ran short, not that the address is silent.
PRESSURE_ERRNOS = frozenset(
    {errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM, errno.EAGAIN, errno.EADDRNOTAVAIL}
)


class ScanOutcome(enum.StrEnum):
    FOUND = "miner found"
    CLOSED = "port closed"
    NO_ANSWER = "no answer"
    NOT_A_MINER = "not a miner"
    BAD_REPLY = "bad reply"
    AUTH_FAILED = "auth failed"
    NOT_CHECKED = "not checked"  # the scan was stopped, or the desktop kept running short


_OUTCOME = {
    ErrorKind.REFUSED: ScanOutcome.CLOSED,
    ErrorKind.TIMEOUT: ScanOutcome.NO_ANSWER,
    ErrorKind.UNREACHABLE: ScanOutcome.NO_ANSWER,
    ErrorKind.NOT_A_MINER: ScanOutcome.NOT_A_MINER,
    ErrorKind.BAD_REPLY: ScanOutcome.BAD_REPLY,
    ErrorKind.TOO_LARGE: ScanOutcome.BAD_REPLY,
    ErrorKind.AUTH_FAILED: ScanOutcome.AUTH_FAILED,
}

# What the operator should do about each miss (the report's words).
ADVICE: dict[ScanOutcome, str] = {
    ScanOutcome.CLOSED: "the host is up, but nothing listens on the miner ports",
    ScanOutcome.NO_ANSWER: "no host answered (nothing there, powered off, or a firewall)",
    ScanOutcome.NOT_A_MINER: "something answered, but it is not a miner (a PC, printer, switch…)",
    ScanOutcome.BAD_REPLY: "a miner API answered with something unreadable: check its firmware",
    ScanOutcome.AUTH_FAILED: "a miner, but it refused the password: set the password for this "
    "miner or its group",
    ScanOutcome.NOT_CHECKED: "not checked: the scan was stopped or this computer ran out of "
    "sockets",
}


@dataclass(slots=True)
class ScanResult:
    target: Target
    outcome: ScanOutcome
    identity: Identity | None = None
    detail: str | None = None
    open_ports: tuple[int, ...] = ()  # ports that accepted a TCP connect in the pre-check
    elapsed_ms: float | None = None

    @property
    def is_miner(self) -> bool:
        """Found, or a miner that needs its password set: both belong in the fleet."""
        return self.outcome in (ScanOutcome.FOUND, ScanOutcome.AUTH_FAILED)

    def explain(self) -> str:
        """One line for the per-address report."""
        if self.outcome is ScanOutcome.FOUND and self.identity is not None:
            ident = self.identity
            name = " ".join(x for x in (ident.make, ident.model) if x) or ident.family
            return f"{self.target}: miner found: {name} ({ident.firmware or ident.family})"
        text = f"{self.target}: {self.outcome}: {ADVICE.get(self.outcome, '')}"
        return f"{text} ({self.detail})" if self.detail else text


@dataclass(frozen=True, slots=True)
class ScanProgress:
    done: int
    total: int
    found: int  # miners, auth-failed ones included
    in_flight: int
    concurrency: int  # the adaptive limit now in force
    backoffs: int  # times the limit was lowered because the desktop ran short


@dataclass(slots=True)
class ScanOptions:
    connect_timeout_s: float = PRECHECK_TIMEOUT_S
    limits: Limits = SCAN_LIMITS  # identification limits
    max_concurrency: int = MAX_CONCURRENCY
    min_concurrency: int = MIN_CONCURRENCY
    identify_concurrency: int = IDENTIFY_CONCURRENCY
    ports: Ports = field(default_factory=Ports)
    credentials: Credentials | None = None
    other_ports: bool = True  # pre-check web and v3 ports when the API port is refused


def initial_concurrency(n: int, cap: int = MAX_CONCURRENCY) -> int:
    """Start high for large ranges (asic-rs: 1,000 to 10,000 by range size), low for a few IPs."""
    if n <= 256:
        want = max(1, n)
    elif n <= 1024:
        want = 512
    else:
        want = 1024
    return max(1, min(cap, want))


class AdaptiveLimit:
    """Additive-increase, multiplicative-decrease on local shortages (EMFILE, ENOBUFS, …)."""

    def __init__(self, start: int, floor: int, cap: int) -> None:
        self.cap = max(1, cap)
        self.floor = max(1, min(floor, self.cap))
        self.value = max(self.floor, min(start, self.cap))
        self.backoffs = 0
        self._clean = 0

    def pressure(self) -> None:
        self._clean = 0
        new = max(self.floor, self.value // 2)
        if new < self.value:
            self.backoffs += 1
        self.value = new

    def ok(self) -> None:
        self._clean += 1
        if self._clean >= GROW_AFTER and self.value < self.cap:
            self._clean = 0
            self.value = min(self.cap, self.value + max(1, self.value // 8))


class _Pressure(Exception):
    """The desktop, not the address, failed: retry later at a lower concurrency."""


async def tcp_check(ip: str, port: int, timeout_s: float) -> ErrorKind | None:
    """None if ``ip:port`` accepts a connection, else why not. Raises _Pressure on shortages."""
    return (await tcp_checks(ip, (port,), timeout_s))[0]


class _Waiting:
    """A connect still under way after its first two syscalls (a LAN host, not loopback)."""


_WAITING = _Waiting()


async def tcp_checks(ip: str, ports: Sequence[int], timeout_s: float) -> list[ErrorKind | None]:
    """Per port, None if it accepts a connection, else why not; all connects at once, one
    deadline. Raises _Pressure on shortages.

    Bare non-blocking sockets (sockio.connect_now): nothing sent, every socket closed on every
    path, and no task, future or selector registration for a connect that settles at once (on
    loopback, and a LAN host's refusal answers within a round trip). A /20 scan is ~10,000
    such connects (a closed address costs three: API, web, v3): asyncio's ``sock_connect``
    under ``wait_for`` cost a task, a future, a timer and two selector calls each
    (benchmarks/scan.py, docs/performance.md issue 15).
    """
    if not sockio.bare_ok(ip, asyncio.get_running_loop()):
        return list(await asyncio.gather(*(_tcp_check_loop(ip, p, timeout_s) for p in ports)))
    socks: list[socket.socket] = []
    results: list[ErrorKind | _Waiting | None] = []
    try:
        for port in ports:
            try:
                sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            except OSError as exc:
                raise _Pressure(str(exc)) from None
            socks.append(sock)
            sock.setblocking(False)
            try:
                results.append(None if sockio.connect_now(sock, ip, port) else _WAITING)
            except OSError as exc:
                results.append(_refusal(exc))
        if any(r is _WAITING for r in results):
            loop = asyncio.get_running_loop()
            deadline = loop.time() + timeout_s
            for i, sock in enumerate(socks):
                if results[i] is not _WAITING:
                    continue
                try:
                    async with asyncio.timeout_at(deadline):
                        await sockio.connected(loop, sock)
                    results[i] = None
                except TimeoutError:
                    results[i] = _settled_late(sock, ip, ports[i])
                except OSError as exc:
                    results[i] = _refusal(exc)
        return [r if isinstance(r, ErrorKind) else None for r in results]
    finally:
        for sock in socks:
            sock.close()


async def _tcp_check_loop(ip: str, port: int, timeout_s: float) -> ErrorKind | None:
    """The pre-check through the loop's own ``sock_connect``, for loops without add_writer."""
    try:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    except OSError as exc:
        raise _Pressure(str(exc)) from None
    try:
        sock.setblocking(False)
        loop = asyncio.get_running_loop()
        try:
            await asyncio.wait_for(loop.sock_connect(sock, (ip, port)), timeout_s)
        except TimeoutError:
            return ErrorKind.TIMEOUT
        except OSError as exc:
            return _refusal(exc)
        return None
    finally:
        sock.close()


def _refusal(exc: OSError) -> ErrorKind:
    if isinstance(exc, ConnectionRefusedError):
        return ErrorKind.REFUSED
    if exc.errno in PRESSURE_ERRNOS:
        raise _Pressure(str(exc)) from None
    return ErrorKind.UNREACHABLE  # no route, host down, or anything else the network said


def _settled_late(sock: socket.socket, ip: str, port: int) -> ErrorKind | None:
    """After the deadline: a connect that finished meanwhile (a later port of the same address
    whose wait started past the deadline) is taken for what it is; one still under way timed
    out. SO_ERROR first, so a failed connect is not started again by asking."""
    err = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
    if not err:
        err = sock.connect_ex((ip, port))
        if err in (0, errno.EISCONN):
            return None
        if err in (errno.EALREADY, errno.EINPROGRESS):
            return ErrorKind.TIMEOUT
    return _refusal(OSError(err, os.strerror(err)))


async def scan_one(
    target: Target,
    limits: Limits = SCAN_LIMITS,
    *,
    http: HttpClient | None = None,
    ports: Ports | None = None,
    credentials: Credentials | None = None,
) -> ScanResult:
    """Identify one address (no pre-check): its API port and its web port race."""
    ports = ports or Ports()
    own_http = http is None
    client_http = HttpClient(limits) if http is None else http
    client = CGMinerClient(target.ip, target.port, limits)
    t0 = time.monotonic()
    try:
        identity = await detect(
            client,
            ports.whatsminer_v3,
            http=client_http,
            web_port=target.web_port or ports.web,
            credentials=credentials,
        )
        if identity.model is None and identity.family != "generic":
            # Detection named the family from a page that does not say the model (AxeOS, ePIC's
            # dashboard…): one read by the family's driver does, and scan promises the model.
            with contextlib.suppress(MinerError):
                session = Session(target, client, identity, client_http, credentials, ports)
                snap = await driver_for(identity.family).poll(session)
                identity.model = snap.model
                identity.make = snap.make or identity.make  # the device's own word wins
    except MinerError as exc:
        return ScanResult(
            target,
            _OUTCOME.get(exc.kind, ScanOutcome.BAD_REPLY),
            detail=exc.message,
            elapsed_ms=(time.monotonic() - t0) * 1000.0,
        )
    finally:
        if own_http:
            await client_http.aclose()
    return ScanResult(
        target, ScanOutcome.FOUND, identity, elapsed_ms=(time.monotonic() - t0) * 1000.0
    )


async def scan_iter(
    targets: Iterable[Target],
    options: ScanOptions | None = None,
    *,
    on_progress: Callable[[ScanProgress], None] | None = None,
) -> AsyncIterator[ScanResult]:
    """Yield one :class:`ScanResult` per target, as each is settled (not in target order).

    Closing the generator early (``break``, ``aclose()``, task cancellation) stops the scan and
    closes every socket it opened.
    """
    opts = options or ScanOptions()
    items = list(targets)
    queue: asyncio.Queue[ScanResult | None] = asyncio.Queue()
    runner = asyncio.ensure_future(_run(items, opts, queue.put_nowait, on_progress))
    runner.add_done_callback(lambda _t: queue.put_nowait(None))
    try:
        while True:
            item = await queue.get()
            if item is None:
                break
            yield item
        await runner  # re-raise a crash of the runner
    finally:
        if not runner.done():
            runner.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await runner


async def _run(
    items: Sequence[Target],
    opts: ScanOptions,
    emit: Callable[[ScanResult], None],
    on_progress: Callable[[ScanProgress], None] | None,
) -> None:
    ports = opts.ports
    identify_n = max(1, opts.identify_concurrency)
    # Keep room for identification's sockets (~5 each) within what the process may open.
    budget = socket_budget()
    cap = opts.max_concurrency
    if budget is not None:
        cap = max(opts.min_concurrency, min(cap, budget - 5 * identify_n))
    limit = AdaptiveLimit(initial_concurrency(len(items), cap), opts.min_concurrency, cap)
    identify_sem = asyncio.Semaphore(identify_n)
    http = HttpClient(opts.limits, max_connections=identify_n * 4)
    pending: collections.deque[tuple[Target, int]] = collections.deque((t, 0) for t in items)
    slot = asyncio.Event()
    state = {"in_flight": 0, "done": 0, "found": 0}
    identifying: set[asyncio.Task[None]] = set()
    checking: set[asyncio.Task[None]] = set()
    total = len(items)

    def finish(result: ScanResult) -> None:
        state["done"] += 1
        state["found"] += result.is_miner
        emit(result)
        if on_progress is not None:
            on_progress(
                ScanProgress(
                    done=state["done"],
                    total=total,
                    found=state["found"],
                    in_flight=state["in_flight"] + len(identifying),
                    concurrency=limit.value,
                    backoffs=limit.backoffs,
                )
            )

    async def identify(target: Target, open_ports: tuple[int, ...], t0: float) -> None:
        async with identify_sem:
            result = await scan_one(
                target, opts.limits, http=http, ports=ports, credentials=opts.credentials
            )
        result.open_ports = open_ports
        result.elapsed_ms = (time.monotonic() - t0) * 1000.0
        if result.outcome is ScanOutcome.CLOSED and open_ports:
            # The pre-check got in but identification was refused: the service went away, or
            # only a port that is no miner's answered.
            result.outcome = ScanOutcome.NOT_A_MINER
        finish(result)

    async def check(target: Target, attempt: int) -> None:
        t0 = time.monotonic()
        try:
            open_ports, miss = await _precheck(target, opts)
        except _Pressure as exc:
            limit.pressure()
            if attempt + 1 < LOCAL_RETRIES:
                pending.append((target, attempt + 1))
            else:
                finish(ScanResult(target, ScanOutcome.NOT_CHECKED, detail=f"local error: {exc}"))
            return
        finally:
            state["in_flight"] -= 1
            slot.set()
        limit.ok()
        if miss is not None:
            detail = {
                ErrorKind.REFUSED: f"refused on port {target.port}"
                + (f" and on ports {ports.web}, {ports.whatsminer_v3}" if opts.other_ports else ""),
                ErrorKind.TIMEOUT: f"no TCP answer in {opts.connect_timeout_s:g} s",
                ErrorKind.UNREACHABLE: "unreachable (no route, or the host is down)",
            }.get(miss)
            finish(
                ScanResult(
                    target,
                    _OUTCOME[miss],
                    detail=detail,
                    elapsed_ms=(time.monotonic() - t0) * 1000.0,
                )
            )
            return
        task = asyncio.ensure_future(identify(target, open_ports, t0))
        identifying.add(task)
        task.add_done_callback(identifying.discard)

    try:
        while True:
            if pending and state["in_flight"] < limit.value:
                target, attempt = pending.popleft()
                state["in_flight"] += 1
                task = asyncio.ensure_future(check(target, attempt))
                checking.add(task)
                task.add_done_callback(checking.discard)
                if attempt:  # a retry after a shortage: give the desktop a moment
                    await asyncio.sleep(0.05)
                continue
            if not pending and state["in_flight"] == 0:
                break
            slot.clear()
            await slot.wait()
        while identifying:
            await asyncio.gather(*list(identifying), return_exceptions=True)
    finally:
        leftovers = list(checking) + list(identifying)
        for task in leftovers:
            task.cancel()
        if leftovers:
            await asyncio.gather(*leftovers, return_exceptions=True)
        await http.aclose()


async def _precheck(target: Target, opts: ScanOptions) -> tuple[tuple[int, ...], ErrorKind | None]:
    """Which miner ports accept a connect; the API port's failure if none does.

    The other ports are only tried when the API port *refused*: the host is up, so they answer
    at once. A silent API port means a silent host; its other ports are not worth a timeout each.
    """
    miss = await tcp_check(target.ip, target.port, opts.connect_timeout_s)
    if miss is None:
        return (target.port,), None
    if miss is not ErrorKind.REFUSED or not opts.other_ports:
        return (), miss
    others = [target.web_port or opts.ports.web, opts.ports.whatsminer_v3]
    others = [p for p in dict.fromkeys(others) if p != target.port]
    results = await tcp_checks(target.ip, others, opts.connect_timeout_s)
    accepted = tuple(p for p, r in zip(others, results, strict=True) if r is None)
    return (accepted, None) if accepted else ((), ErrorKind.REFUSED)


async def scan(
    targets: Iterable[Target],
    *,
    concurrency: int = 512,
    limits: Limits = SCAN_LIMITS,
    on_result: Callable[[ScanResult], None] | None = None,
    ports: Ports | None = None,
    credentials: Credentials | None = None,
    on_progress: Callable[[ScanProgress], None] | None = None,
    connect_timeout_s: float | None = None,
) -> list[ScanResult]:
    """Scan every target; results in target order. ``concurrency`` caps the adaptive limit."""
    items = list(targets)
    opts = ScanOptions(
        connect_timeout_s=(
            connect_timeout_s
            if connect_timeout_s is not None
            else min(PRECHECK_TIMEOUT_S, limits.connect_timeout_s)
        ),
        limits=limits,
        max_concurrency=max(1, concurrency),
        min_concurrency=min(MIN_CONCURRENCY, max(1, concurrency)),
        identify_concurrency=min(IDENTIFY_CONCURRENCY, max(1, concurrency)),
        ports=ports or Ports(),
        credentials=credentials,
    )
    by_key: dict[str, ScanResult] = {}
    async for result in scan_iter(items, opts, on_progress=on_progress):
        by_key[result.target.key] = result
        if on_result is not None:
            on_result(result)
    return [by_key[t.key] for t in items if t.key in by_key]


@dataclass(slots=True)
class ScanReport:
    """Every address's outcome, and the sentence an operator reads at the end of a scan."""

    results: list[ScanResult]

    def counts(self) -> dict[ScanOutcome, int]:
        out: dict[ScanOutcome, int] = dict.fromkeys(ScanOutcome, 0)
        for r in self.results:
            out[r.outcome] += 1
        return out

    @property
    def miners(self) -> list[ScanResult]:
        return [r for r in self.results if r.is_miner]

    def summary(self) -> str:
        c = self.counts()
        parts = [f"{c[ScanOutcome.FOUND]:,} {_plural(c[ScanOutcome.FOUND], 'miner')} found"]
        if c[ScanOutcome.NOT_A_MINER]:
            n = c[ScanOutcome.NOT_A_MINER]
            parts.append(f"{n:,} answered but {'is not a miner' if n == 1 else 'are not miners'}")
        if c[ScanOutcome.AUTH_FAILED]:
            n = c[ScanOutcome.AUTH_FAILED]
            who = "this miner or its group" if n == 1 else "these miners or their group"
            parts.append(f"{n:,} auth failed: set the password for {who}")
        if c[ScanOutcome.BAD_REPLY]:
            parts.append(f"{c[ScanOutcome.BAD_REPLY]:,} answered with unreadable replies")
        quiet = c[ScanOutcome.CLOSED] + c[ScanOutcome.NO_ANSWER]
        if quiet:
            parts.append(
                f"{quiet:,} {_plural(quiet, 'address')} with no miner "
                f"({c[ScanOutcome.CLOSED]:,} closed, {c[ScanOutcome.NO_ANSWER]:,} no answer)"
            )
        if c[ScanOutcome.NOT_CHECKED]:
            parts.append(f"{c[ScanOutcome.NOT_CHECKED]:,} not checked")
        return ", ".join(parts)

    def lines(self, *, include_quiet: bool = True) -> list[str]:
        """One line per address in address order; ``include_quiet=False`` drops closed/no answer."""
        quiet = (ScanOutcome.CLOSED, ScanOutcome.NO_ANSWER)
        rows = [r for r in self.results if include_quiet or r.outcome not in quiet]
        rows.sort(key=lambda r: (int(ipaddress.IPv4Address(r.target.ip)), r.target.port))
        return [r.explain() for r in rows]


def _plural(n: int, word: str) -> str:
    if n == 1:
        return word
    return word + ("es" if word.endswith("ss") else "s")
