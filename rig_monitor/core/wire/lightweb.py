"""A lighter httpx transport for plain-HTTP miner pages: h11 on asyncio streams, one request per
connection.

Why: on a cold sweep most of the engine's CPU went to httpx's default transport (httpcore's pool,
anyio streams and locks) — about two thirds of the cost of a request to a miner's tiny web server
(benchmarks/identify.py, cProfile). Miners' web servers get one request per connection anyway
(no pool: the one exception is a Digest answer sent on its challenge's connection, Exchange.again),
so a pool buys nothing. httpx stays the client: Digest auth, redirects,
URLs and the response model are its; only the wire under it changes. h11 (httpx's own HTTP/1.1
parser) does the parsing. HTTPS goes to httpx's normal transport.

Failures are raised as the httpx exceptions http.py already maps to the operator's words.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import AsyncIterator
from typing import Any, Protocol

import h11
import httpx

# The bare-socket helpers the RPC client drives every poll with (one connection per request,
# the loop asked only when the socket is writable or readable).
from rig_monitor.core.wire.sockio import bare_ok, connect_now, connected, recv, send_all

READ_CHUNK = 65536
# What httpx logs for its own requests (at INFO, held at WARNING by logsafe): the light path says it
# at DEBUG, through the same redacting filter, so a debug log still shows every page asked.
log = logging.getLogger(__name__)


def _timeouts(request: httpx.Request) -> tuple[float | None, float | None]:
    t: dict[str, Any] = request.extensions.get("timeout", {})
    return t.get("connect"), t.get("read")


class _Body(httpx.AsyncByteStream):
    """The response body, read as the caller iterates; closing it closes the connection."""

    def __init__(
        self,
        conn: h11.Connection,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        read_timeout: float | None,
        first: list[bytes],
    ) -> None:
        self._conn = conn
        self._reader = reader
        self._writer = writer
        self._read_timeout = read_timeout
        self._first = first
        self._closed = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self._first:
            yield chunk
        self._first = []
        try:
            while True:
                event = await _next_event(self._conn, self._reader, self._read_timeout)
                if isinstance(event, h11.Data):
                    yield bytes(event.data)
                elif isinstance(event, h11.EndOfMessage | h11.ConnectionClosed):
                    return
        finally:
            await self.aclose()

    async def aclose(self) -> None:
        if not self._closed:
            self._closed = True
            self._writer.close()


class _Reader(Protocol):
    async def read(self, n: int) -> bytes: ...


class _SockReader:
    """``StreamReader.read`` for a bare non-blocking socket."""

    __slots__ = ("_loop", "_sock")

    def __init__(self, loop: asyncio.AbstractEventLoop, sock: socket.socket) -> None:
        self._loop = loop
        self._sock = sock

    async def read(self, n: int) -> bytes:
        return await recv(self._loop, self._sock)

    async def read_within(self, wait_s: float | None, *, wait_first: bool) -> bytes:
        """The next chunk, DeadlinePassed (a TimeoutError) after ``wait_s`` of waiting.

        The deadline is the socket wait's own timer, armed only if the loop is asked (no
        ``asyncio.timeout`` context per read); ``wait_first``: just after a request the reply
        is not there yet (the server has to run first), so the loop is asked before a recv
        that would fail with EAGAIN (each ~2 % of a stock login's CPU: py-spy of
        benchmarks.identify, 2026-12-03)."""
        deadline = None if wait_s is None else self._loop.time() + wait_s
        return await recv(self._loop, self._sock, deadline, wait_first=wait_first)


async def _next_event(
    conn: h11.Connection, reader: _Reader, read_timeout: float | None, *, fresh: bool = False
) -> Any:
    """h11's next event, reading as it needs. ``fresh``: a request has just been sent."""
    while True:
        try:
            event = conn.next_event()
        except h11.RemoteProtocolError as exc:
            raise httpx.RemoteProtocolError(str(exc)) from exc
        if event is not h11.NEED_DATA:
            return event
        try:
            if isinstance(reader, _SockReader):
                data = await reader.read_within(read_timeout, wait_first=fresh)
                fresh = False
            else:
                async with asyncio.timeout(read_timeout):
                    data = await reader.read(READ_CHUNK)
        except TimeoutError:
            raise httpx.ReadTimeout("no complete reply in time") from None
        except OSError as exc:
            raise httpx.ReadError(str(exc)) from exc
        conn.receive_data(data)


class LightTransport(httpx.AsyncBaseTransport):
    """Plain HTTP on asyncio streams; anything else goes to ``fallback``."""

    def __init__(self, fallback: httpx.AsyncBaseTransport) -> None:
        self._fallback = fallback

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.scheme != "http":
            return await self._fallback.handle_async_request(request)
        connect_timeout, read_timeout = _timeouts(request)
        host = request.url.host
        port = request.url.port or 80
        try:
            async with asyncio.timeout(connect_timeout):
                reader, writer = await asyncio.open_connection(host, port)
        except TimeoutError:
            raise httpx.ConnectTimeout(f"no TCP answer from {host}:{port}") from None
        except OSError as exc:
            raise httpx.ConnectError(str(exc)) from exc
        try:
            return await self._exchange(request, reader, writer, read_timeout)
        except BaseException:
            writer.close()  # cancelled or failed: never leave the socket behind
            raise

    async def _exchange(
        self,
        request: httpx.Request,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        read_timeout: float | None,
    ) -> httpx.Response:
        conn = h11.Connection(h11.CLIENT)
        # httpx says keep-alive; this transport closes after each reply, so say so
        headers = [(k, v) for k, v in request.headers.raw if k.lower() != b"connection"]
        headers.append((b"Connection", b"close"))
        body = await request.aread()
        out = conn.send(
            h11.Request(method=request.method, target=request.url.raw_path, headers=headers)
        )
        if body:
            out += conn.send(h11.Data(data=body))
        out += conn.send(h11.EndOfMessage())
        try:
            writer.write(out)
            async with asyncio.timeout(read_timeout):
                await writer.drain()
        except TimeoutError:
            raise httpx.WriteTimeout("the request could not be sent in time") from None
        except OSError as exc:
            raise httpx.WriteError(str(exc)) from exc
        first: list[bytes] = []
        while True:
            event = await _next_event(conn, reader, read_timeout)
            if isinstance(event, h11.Response):
                break
            if isinstance(event, h11.ConnectionClosed):
                raise httpx.RemoteProtocolError("the server closed the connection without a reply")
            # h11.InformationalResponse (100 Continue …): wait for the real one
        return httpx.Response(
            event.status_code,
            headers=event.headers.raw_items(),
            stream=_Body(conn, reader, writer, read_timeout, first),
            request=request,
        )

    async def aclose(self) -> None:
        with contextlib.suppress(Exception):
            await self._fallback.aclose()


class Exchange:
    """One plain-HTTP request on its own connection, without httpx's client around it (and a
    second one on the same connection where the server keeps it open: a Digest answer after
    its challenge, see ``again``).

    Why: a request through ``httpx.AsyncClient`` (URL and header models, the auth and redirect
    machinery, cookies, the response model) cost ~0.55 ms of CPU on loopback against ~0.15 ms
    for the same bytes on asyncio streams (2,000 requests to the simulator's web port), and a
    cold identify + read of a stock Antminer makes three of them. HttpClient sends its plain
    GETs (with or without Digest, whose arithmetic stays httpx's) through this; h11 still parses
    every reply. Failures are raised as the httpx exceptions http.py already maps to the
    operator's words, and the socket is closed however the exchange ends (also when cancelled).
    """

    __slots__ = (
        "_body_bytes",
        "_conn",
        "_connect_timeout",
        "_host",
        "_loop",
        "_port",
        "_read_timeout",
        "_reader",
        "_request",
        "_sock",
        "_writer",
    )

    def __init__(
        self,
        host: str,
        port: int,
        request: h11.Request,
        connect_timeout: float | None,
        read_timeout: float | None,
        body: bytes = b"",
    ) -> None:
        self._body_bytes = body  # the first request's (a POST's form or JSON)
        self._host = host
        self._port = port
        self._request = request
        self._connect_timeout = connect_timeout
        self._read_timeout = read_timeout
        self._writer: asyncio.StreamWriter | None = None
        self._sock: socket.socket | None = None
        self._conn: h11.Connection | None = None
        self._reader: _Reader | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    async def __aenter__(self) -> tuple[int, list[tuple[bytes, bytes]], AsyncIterator[bytes]]:
        host, port = self._host, self._port
        loop = asyncio.get_running_loop()
        # IPv4 literals on a selector loop (every miner address; not Windows' proactor loop):
        # a bare socket, as the RPC client does. asyncio's streams (a transport, a protocol, a
        # reader and a writer per connection) were ~half of a light request's CPU (cProfile of
        # benchmarks.identify: open_connection 0.14 of 0.31 s in Exchange.__aenter__).
        bare = bare_ok(host, loop)
        try:
            if bare:
                sock = self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                sock.setblocking(False)
                if not connect_now(sock, host, port):  # on loopback it has finished already
                    async with asyncio.timeout(self._connect_timeout):
                        await connected(loop, sock)
                reader: _Reader = _SockReader(loop, sock)
            else:
                async with asyncio.timeout(self._connect_timeout):
                    reader, self._writer = await asyncio.open_connection(host, port)
        except TimeoutError:
            self._close()
            raise httpx.ConnectTimeout(f"no TCP answer from {host}:{port}") from None
        except OSError as exc:
            self._close()
            raise httpx.ConnectError(str(exc)) from exc
        except BaseException:
            self._close()
            raise
        self._loop, self._reader, self._conn = loop, reader, h11.Connection(h11.CLIENT)
        try:
            return await self._start(self._request, self._body_bytes)
        except BaseException:
            self._close()  # __aexit__ does not run when __aenter__ fails
            raise

    def reusable(self) -> bool:
        """Whether the last reply has been read to its end and both sides left the connection
        open (HTTP/1.1 without ``Connection: close``; h11 keeps the score)."""
        conn = self._conn
        return conn is not None and conn.our_state is h11.DONE and conn.their_state is h11.DONE

    async def again(
        self, request: h11.Request
    ) -> tuple[int, list[tuple[bytes, bytes]], AsyncIterator[bytes]]:
        """``request`` on the same connection (only when ``reusable``). A server that closed it
        meanwhile shows as the usual httpx network or protocol error before any reply byte;
        the caller then asks on a new connection (a GET may be repeated)."""
        assert self._conn is not None and self.reusable()
        self._conn.start_next_cycle()
        return await self._start(request)

    def _close(self) -> None:
        if self._sock is not None:
            self._sock.close()
        if self._writer is not None:
            self._writer.close()

    async def _send(self, loop: asyncio.AbstractEventLoop, out: bytes) -> None:
        if self._sock is not None:
            await send_all(loop, self._sock, out)
        elif self._writer is not None:
            self._writer.write(out)
            await self._writer.drain()

    async def _start(
        self, request: h11.Request, body: bytes = b""
    ) -> tuple[int, list[tuple[bytes, bytes]], AsyncIterator[bytes]]:
        conn, reader, loop = self._conn, self._reader, self._loop
        assert conn is not None and reader is not None and loop is not None
        try:
            out = conn.send(request)
            if body:
                out += conn.send(h11.Data(data=body))
            out += conn.send(h11.EndOfMessage())
        except h11.LocalProtocolError as exc:
            raise httpx.LocalProtocolError(str(exc)) from exc
        try:
            if self._sock is not None:
                with contextlib.suppress(BlockingIOError, InterruptedError):
                    out = out[self._sock.send(out) :]  # a request fits the socket's buffer
            if out:
                async with asyncio.timeout(self._read_timeout):
                    await self._send(loop, out)
        except TimeoutError:
            raise httpx.WriteTimeout("the request could not be sent in time") from None
        except OSError as exc:
            raise httpx.WriteError(str(exc)) from exc
        fresh = True
        while True:
            event = await _next_event(conn, reader, self._read_timeout, fresh=fresh)
            fresh = False
            if isinstance(event, h11.Response):
                break
            if isinstance(event, h11.ConnectionClosed):
                raise httpx.RemoteProtocolError("the server closed the connection without a reply")
        if log.isEnabledFor(logging.DEBUG):
            log.debug(
                "HTTP %s http://%s:%d%s -> %d",
                request.method.decode("ascii", "replace"),
                self._host,
                self._port,
                request.target.decode("ascii", "replace"),
                event.status_code,
            )
        return event.status_code, list(event.headers), self._body(conn, reader)

    async def _body(self, conn: h11.Connection, reader: _Reader) -> AsyncIterator[bytes]:
        while True:
            event = await _next_event(conn, reader, self._read_timeout)
            if isinstance(event, h11.Data):
                yield bytes(event.data)
            elif isinstance(event, h11.EndOfMessage | h11.ConnectionClosed):
                return

    async def __aexit__(self, *exc: object) -> None:
        self._close()
