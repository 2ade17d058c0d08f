"""A lighter httpx transport for plain-HTTP miner pages: httptools (llhttp) on bare sockets or
asyncio streams, one request per connection.

Why: on a cold sweep most of the engine's CPU went to httpx's default transport (httpcore's pool,
anyio streams and locks) — about two thirds of the cost of a request to a miner's tiny web server
(benchmarks/identify.py, cProfile). Miners' web servers get one request per connection anyway
(no pool: the one exception is a Digest answer sent on its challenge's connection, Exchange.again),
so a pool buys nothing. httpx stays the client: Digest auth, redirects,
URLs and the response model are its; only the wire under it changes. Replies are parsed by
httptools (uvicorn's C binding of llhttp, Node.js's HTTP parser): h11, httpx's own pure-Python
parser, was ~150 µs of a stock Antminer's two-reply login against ~8 µs for httptools (timeit) and
16 % of a cold identification's CPU (py-spy, docs/performance.md "Sixth pass at identification").
HTTPS goes to httpx's normal transport.

Failures are raised as the httpx exceptions http.py already maps to the operator's words.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import socket
from collections.abc import AsyncIterator, Iterable
from typing import Any, Protocol

import httptools
import httpx

# The bare-socket helpers the RPC client drives every poll with (one connection per request,
# the loop asked only when the socket is writable or readable).
from rig_monitor.core.wire.sockio import bare_ok, connect_now, connected, recv, send_all

READ_CHUNK = 65536
# What httpx logs for its own requests (at INFO, held at WARNING by logsafe): the light path says it
# at DEBUG, through the same redacting filter, so a debug log still shows every page asked.
log = logging.getLogger(__name__)


# The most a reply's status line and headers may take before they are complete: h11's default
# (``max_incomplete_event_size``, 16 KiB), kept when httptools replaced it. llhttp has no limit of
# its own, and a server that streams one endless header would otherwise fill memory until the
# read deadline. A real miner's headers are a few hundred bytes.
HEAD_LIMIT = 16 * 1024

# What a request's parts may hold (RFC 9110 §5.1 token for names; values and the target without
# CR, LF, NUL or other controls): checked as h11 checked them, so a header or a path that could
# split the request is refused before anything is sent (httpx.LocalProtocolError).
_TOKEN = re.compile(rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_VALUE = re.compile(rb"[\t\x20-\x7e\x80-\xff]*")
_TARGET = re.compile(rb"[\x21-\x7e\x80-\xff]+")


def request_head(method: str, target: str, headers: Iterable[tuple[str, str]]) -> bytes:
    """A request's head, ready to send (HTTP/1.1). httptools parses, it does not write: this
    only joins the request line and the headers after checking each part (see _TOKEN)."""
    m, t = method.encode("ascii"), target.encode("latin-1")
    if not _TOKEN.fullmatch(m) or not _TARGET.fullmatch(t):
        raise httpx.LocalProtocolError(f"refused to send an invalid request line ({method})")
    lines = [b"%s %s HTTP/1.1" % (m, t)]
    for name, value in headers:
        k, v = name.encode("latin-1"), value.encode("latin-1").strip(b" \t")
        if not _TOKEN.fullmatch(k) or not _VALUE.fullmatch(v):
            raise httpx.LocalProtocolError(f"refused to send an invalid header ({name})")
        lines.append(b"%s: %s" % (k, v))
    lines.append(b"\r\n")
    return b"\r\n".join(lines)


class _Complete(Exception):
    """Raised from the reply's last callback: parsing stops at the end of the reply."""


class _Reply:
    """One HTTP response as llhttp (httptools) reads it: status, headers, body chunks.

    llhttp runs strict, with two of its leniencies on so that it reads what h11 read before it:
    bare LF line ends (``lenient_optional_cr_before_lf``; small embedded servers write them) and
    ``Content-Length`` beside ``Transfer-Encoding: chunked`` (``lenient_chunked_length``: the
    chunks win, as RFC 9112 §6.3 and h11 have it). Still refused where h11 read them: folded
    header lines, control characters in a header value, a version llhttp does not know
    (``HTTP/1.2``), two ``Content-Length`` headers even when equal. The size of the head is
    bounded here (HEAD_LIMIT), the body by HttpClient's cap (tests/core/wire/test_lightweb.py)."""

    __slots__ = (
        "_fed",
        "_parser",
        "chunks",
        "done",
        "framed",
        "head_done",
        "headers",
        "keep",
        "status",
    )

    def __init__(self) -> None:
        parser = self._parser = httptools.HttpResponseParser(self)
        parser.set_dangerous_leniencies(
            lenient_optional_cr_before_lf=True, lenient_chunked_length=True
        )
        self.status = 0
        self.headers: list[tuple[bytes, bytes]] = []  # names lower-cased, as h11 gave them
        self.chunks: list[bytes] = []  # body bytes parsed and not yet taken
        self.head_done = False
        self.done = False
        self.keep = False  # the server leaves the connection open after this reply
        self.framed = False  # the body has a length or chunks (else it runs until the close)
        self._fed = 0

    # llhttp's callbacks (httptools looks them up by name)
    def on_header(self, name: bytes, value: bytes) -> None:
        name = name.lower()
        if name in (b"content-length", b"transfer-encoding"):
            self.framed = True
        self.headers.append((name, value))

    def on_headers_complete(self) -> None:
        self.status = self._parser.get_status_code()
        self.head_done = self.status >= 200

    def on_body(self, body: bytes) -> None:
        self.chunks.append(body)

    def on_message_complete(self) -> None:
        if self.status < 200:  # 100 Continue and the like: the real reply follows
            self.headers, self.framed = [], False
            return
        self.keep = self._parser.should_keep_alive()
        self.done = True
        raise _Complete  # anything after the reply is not read (as with h11)

    def feed(self, data: bytes) -> None:
        """Parse ``data`` (``b""``: the server closed its end). Raises httpx.RemoteProtocolError
        for what is not an HTTP reply, is cut short, or has a head over HEAD_LIMIT."""
        if not data:
            if self.done:
                return
            if self.head_done and not self.framed:
                self.done = True  # a body delimited by the close (HTTP/1.0 style)
                return
            if self.head_done:
                raise httpx.RemoteProtocolError("the connection closed in the middle of the body")
            if self._fed:
                raise httpx.RemoteProtocolError("the connection closed in the middle of the head")
            raise httpx.RemoteProtocolError("the server closed the connection without a reply")
        if self.done:
            return
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserCallbackError as exc:
            if not isinstance(exc.__context__, _Complete):
                raise httpx.RemoteProtocolError(f"bad HTTP reply: {exc}") from exc
        except (httptools.HttpParserError, httptools.HttpParserUpgrade) as exc:
            raise httpx.RemoteProtocolError(f"bad HTTP reply: {exc or type(exc).__name__}") from exc
        if not self.head_done:
            self._fed += len(data)
            if self._fed > HEAD_LIMIT:
                raise httpx.RemoteProtocolError(
                    f"bad HTTP reply: no end of headers within {HEAD_LIMIT // 1024} KiB"
                )


def _timeouts(request: httpx.Request) -> tuple[float | None, float | None]:
    t: dict[str, Any] = request.extensions.get("timeout", {})
    return t.get("connect"), t.get("read")


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


async def _read_more(
    reply: _Reply, reader: _Reader, read_timeout: float | None, *, fresh: bool = False
) -> None:
    """One more chunk from the server into ``reply``. ``fresh``: a request has just been sent."""
    try:
        if isinstance(reader, _SockReader):
            data = await reader.read_within(read_timeout, wait_first=fresh)
        else:
            async with asyncio.timeout(read_timeout):
                data = await reader.read(READ_CHUNK)
    except TimeoutError:
        raise httpx.ReadTimeout("no complete reply in time") from None
    except OSError as exc:
        raise httpx.ReadError(str(exc)) from exc
    reply.feed(data)


async def _read_head(reply: _Reply, reader: _Reader, read_timeout: float | None) -> None:
    fresh = True
    while not reply.head_done:
        await _read_more(reply, reader, read_timeout, fresh=fresh)
        fresh = False


async def _body_of(
    reply: _Reply, reader: _Reader, read_timeout: float | None
) -> AsyncIterator[bytes]:
    """The body as it arrives; ends at the reply's end (its length, last chunk or the close)."""
    while True:
        if reply.chunks:
            chunks, reply.chunks = reply.chunks, []
            for chunk in chunks:
                yield chunk
        if reply.done:
            return
        await _read_more(reply, reader, read_timeout)


class _Body(httpx.AsyncByteStream):
    """The response body, read as the caller iterates; closing it closes the connection."""

    def __init__(
        self,
        reply: _Reply,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        read_timeout: float | None,
    ) -> None:
        self._reply = reply
        self._reader = reader
        self._writer = writer
        self._read_timeout = read_timeout
        self._closed = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in _body_of(self._reply, self._reader, self._read_timeout):
                yield chunk
        finally:
            await self.aclose()

    async def aclose(self) -> None:
        if not self._closed:
            self._closed = True
            self._writer.close()


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
        # httpx says keep-alive; this transport closes after each reply, so say so. The body is
        # read whole and sent with its length (httpx says "chunked" for a streamed body, which
        # would need chunk framing that request_head does not write).
        framing = (b"content-length", b"transfer-encoding")
        headers = [
            (k.decode("latin-1"), v.decode("latin-1"))
            for k, v in request.headers.raw
            if k.lower() != b"connection" and k.lower() not in framing
        ]
        headers.append(("Connection", "close"))
        body = await request.aread()
        if body or any(k.lower() in framing for k, _ in request.headers.raw):
            headers.append(("Content-Length", str(len(body))))
        out = request_head(request.method, request.url.raw_path.decode("ascii"), headers) + body
        try:
            writer.write(out)
            async with asyncio.timeout(read_timeout):
                await writer.drain()
        except TimeoutError:
            raise httpx.WriteTimeout("the request could not be sent in time") from None
        except OSError as exc:
            raise httpx.WriteError(str(exc)) from exc
        reply = _Reply()
        await _read_head(reply, reader, read_timeout)
        return httpx.Response(
            reply.status,
            headers=reply.headers,
            stream=_Body(reply, reader, writer, read_timeout),
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
    GETs (with or without Digest, whose arithmetic stays httpx's) through this; httptools parses
    every reply (_Reply). ``head`` is a request's head from ``request_head``; ``closing``: it
    asks the server to close after its reply. Failures are raised as the httpx exceptions
    http.py already maps to the operator's words, and the socket is closed however the exchange
    ends (also when cancelled).
    """

    __slots__ = (
        "_body_bytes",
        "_closing",
        "_connect_timeout",
        "_head",
        "_host",
        "_loop",
        "_port",
        "_read_timeout",
        "_reader",
        "_reply",
        "_sock",
        "_writer",
    )

    def __init__(
        self,
        host: str,
        port: int,
        head: bytes,
        connect_timeout: float | None,
        read_timeout: float | None,
        body: bytes = b"",
        *,
        closing: bool = True,
    ) -> None:
        self._body_bytes = body  # the first request's (a POST's form or JSON)
        self._host = host
        self._port = port
        self._head = head
        self._closing = closing
        self._connect_timeout = connect_timeout
        self._read_timeout = read_timeout
        self._writer: asyncio.StreamWriter | None = None
        self._sock: socket.socket | None = None
        self._reply: _Reply | None = None
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
        self._loop, self._reader = loop, reader
        try:
            return await self._start(self._head, self._body_bytes)
        except BaseException:
            self._close()  # __aexit__ does not run when __aenter__ fails
            raise

    def reusable(self) -> bool:
        """Whether the last reply has been read to its end and both sides left the connection
        open (HTTP/1.1 without ``Connection: close`` on either side)."""
        reply = self._reply
        return reply is not None and reply.done and reply.keep and not self._closing

    async def again(
        self, head: bytes, *, closing: bool = True
    ) -> tuple[int, list[tuple[bytes, bytes]], AsyncIterator[bytes]]:
        """The request ``head`` on the same connection (only when ``reusable``). A server that
        closed it meanwhile shows as the usual httpx network or protocol error before any reply
        byte; the caller then asks on a new connection (a GET may be repeated)."""
        assert self.reusable()
        self._closing = closing
        return await self._start(head)

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
        self, head: bytes, body: bytes = b""
    ) -> tuple[int, list[tuple[bytes, bytes]], AsyncIterator[bytes]]:
        reader, loop = self._reader, self._loop
        assert reader is not None and loop is not None
        out = head + body if body else head
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
        reply = self._reply = _Reply()
        await _read_head(reply, reader, self._read_timeout)
        if log.isEnabledFor(logging.DEBUG):
            method, target = head.decode("latin-1").split(" ", 2)[:2]
            log.debug(
                "HTTP %s http://%s:%d%s -> %d", method, self._host, self._port, target, reply.status
            )
        return reply.status, reply.headers, _body_of(reply, reader, self._read_timeout)

    async def __aexit__(self, *exc: object) -> None:
        self._close()
