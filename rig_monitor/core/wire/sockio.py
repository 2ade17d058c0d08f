"""Non-blocking socket steps on a selector loop, shared by the CGMiner client and the light
HTTP exchange.

Why not asyncio's streams: miners close the connection after every reply, so each request pays
a connection, and streams add a transport, a protocol, a reader, a writer and a close handshake
to each (docs/performance.md, issue 15). Here the loop is only asked when a socket is writable
or readable. Errors are left as OSError for the caller to put in the operator's words.
"""

from __future__ import annotations

import asyncio
import errno
import functools
import os
import socket


@functools.lru_cache(maxsize=65536)
def is_ipv4(host: str) -> bool:
    try:
        socket.inet_pton(socket.AF_INET, host)
    except OSError:
        return False
    return True


def bare_ok(host: str, loop: asyncio.AbstractEventLoop) -> bool:
    """Whether these helpers may carry a connection to ``host``: an IPv4 literal (every miner
    address) on a selector loop (add_reader/add_writer, POSIX connect errnos). Host names, IPv6
    and Windows' default proactor loop take asyncio's own paths instead."""
    return is_ipv4(host) and isinstance(loop, asyncio.SelectorEventLoop)


# Linux creates the socket non-blocking in the same call (one syscall less per request).
_NONBLOCK = getattr(socket, "SOCK_NONBLOCK", 0)


def tcp_socket() -> socket.socket:
    """A non-blocking IPv4 TCP socket: one per request (miners close after each reply)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM | _NONBLOCK)
    if not _NONBLOCK:
        sock.setblocking(False)
    return sock


_PENDING = {errno.EINPROGRESS, errno.EALREADY, errno.EAGAIN, errno.EWOULDBLOCK, errno.EINTR}


def connect_now(sock: socket.socket, host: str, port: int) -> bool:
    """Start the connect; True when it has already completed, an OSError when it failed.

    On loopback Linux answers the non-blocking connect with EINPROGRESS but has finished the
    handshake before the call returns: asking again (one syscall) returns 0 then, which saves
    registering a writer, a future and a trip through the loop on every request. A connect
    still under way answers EALREADY and is waited for as before.
    """
    addr = (host, port)
    err = sock.connect_ex(addr)
    if err in _PENDING:
        err = sock.connect_ex(addr)
        if err in _PENDING:
            return False
    if err in (0, errno.EISCONN):
        return True
    raise OSError(err, os.strerror(err))  # the errno's own subclass (ConnectionRefusedError…)


def _wake(fut: asyncio.Future[None]) -> None:
    if not fut.done():
        fut.set_result(None)


class DeadlinePassed(TimeoutError):
    """A wait's own deadline passed (unlike a kernel's ETIMEDOUT, also a TimeoutError)."""


def _expire(fut: asyncio.Future[None]) -> None:
    if not fut.done():
        fut.set_exception(DeadlinePassed())


async def _ready(
    loop: asyncio.AbstractEventLoop, fd: int, deadline: float | None, *, write: bool
) -> None:
    """Wait until ``fd`` is writable/readable; DeadlinePassed at ``deadline`` (the loop's clock).

    The deadline is one timer on the wait itself rather than an ``asyncio.timeout`` around the
    request: no context object, no task look-up, no cancellation to undo (issue 15: a request is
    the steady sweep's unit of work, ~1.4 per miner-poll)."""
    fut = loop.create_future()
    if write:
        loop.add_writer(fd, _wake, fut)
    else:
        loop.add_reader(fd, _wake, fut)
    timer = None if deadline is None else loop.call_at(deadline, _expire, fut)
    try:
        await fut
    finally:
        if write:  # before the socket is closed, even when cancelled
            loop.remove_writer(fd)
        else:
            loop.remove_reader(fd)
        if timer is not None:
            timer.cancel()


async def writable(loop: asyncio.AbstractEventLoop, fd: int, deadline: float | None = None) -> None:
    await _ready(loop, fd, deadline, write=True)


async def readable(loop: asyncio.AbstractEventLoop, fd: int, deadline: float | None = None) -> None:
    await _ready(loop, fd, deadline, write=False)


async def connected(
    loop: asyncio.AbstractEventLoop, sock: socket.socket, deadline: float | None = None
) -> None:
    """Wait for a pending connect to finish; its failure as an OSError."""
    await writable(loop, sock.fileno(), deadline)
    err = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
    if err:
        raise OSError(err, os.strerror(err)) from None  # the errno's own subclass


async def send_all(
    loop: asyncio.AbstractEventLoop,
    sock: socket.socket,
    data: bytes,
    deadline: float | None = None,
) -> None:
    try:
        sent = sock.send(data)  # a request fits the socket's buffer: one call, no view
    except (BlockingIOError, InterruptedError):
        sent = 0
    if sent == len(data):
        return
    view = memoryview(data)[sent:]
    while view:
        try:
            view = view[sock.send(view) :]
        except (BlockingIOError, InterruptedError):
            await writable(loop, sock.fileno(), deadline)


async def recv(
    loop: asyncio.AbstractEventLoop,
    sock: socket.socket,
    deadline: float | None = None,
    *,
    wait_first: bool = False,
) -> bytes:
    """The next chunk (b"" at the close). ``wait_first``: just after a request the answer is
    almost never there yet, so ask the loop first instead of a recv that fails with EAGAIN."""
    if wait_first:
        await readable(loop, sock.fileno(), deadline)
    while True:
        try:
            return sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            await readable(loop, sock.fileno(), deadline)


async def connect(
    loop: asyncio.AbstractEventLoop, sock: socket.socket, host: str, port: int
) -> None:
    """Connect, waiting only when the connect is still under way; failure as an OSError."""
    if not connect_now(sock, host, port):
        await connected(loop, sock)
