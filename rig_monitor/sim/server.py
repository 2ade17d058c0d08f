"""One TCP listener per simulated miner and service: one request per connection, reply, close.

Services: "rpc" (the CGMiner API, like cgminer; or HTTP when the persona's 4028 speaks HTTP, like
ePIC), "http" (the web port) and "btminer_v3" (length-prefixed JSON frames, several per connection).
Also where the timing faults live, for every service alike: ``offline`` closes the listening socket,
``hung`` reads and then waits forever, ``slow`` dribbles the reply.

The plain RPC service of a healthy miner takes a short path (:class:`_PlainRpc`): raw non-blocking
sockets on the event loop, no StreamReader, StreamWriter, transport or task per connection. In a
benchmark the simulator shares the cores with the program it measures, and asyncio's streams were
about half of its CPU per request. Every other connection (a fault, HTTP, v3 frames, a request
that arrives in pieces) is handed to the stream path, which replies with the same bytes.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import json
import socket

from rig_monitor.sim import wire_faults
from rig_monitor.sim.httpwire import (
    KEEP_ALIVE_IDLE_S,
    BadFrame,
    BadHttp,
    bad_request,
    keeps_open,
    read_frame,
    read_http_request,
)
from rig_monitor.sim.miner import SimMiner

READ_TIMEOUT_S = 10.0
REQUEST_GAP_S = 0.5
MAX_REQUEST = 64 * 1024
BACKLOG = 128
CROSS_THREAD_TIMEOUT_S = 10.0
ACCEPT_RETRY_S = 1.0  # out of file descriptors: stop accepting this long (asyncio's own delay)
# accept() errors that mean "out of resources, try later" (asyncio's list), not a broken socket
_ACCEPT_PAUSE_ERRNOS = frozenset({errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM})


def _running_on(loop: asyncio.AbstractEventLoop) -> bool:
    try:
        return asyncio.get_running_loop() is loop
    except RuntimeError:
        return False


def _complete(data: bytes) -> bool:
    """cgminer reads one request per connection; a JSON one is complete once it parses."""
    text = data.rstrip(b"\x00\r\n \t")
    if not text.startswith(b"{"):
        return bool(text)
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


async def read_request(reader: asyncio.StreamReader) -> bytes:
    """The first bytes within READ_TIMEOUT_S, plus what follows until the JSON parses or the client
    pauses for REQUEST_GAP_S (then the request is answered as is, e.g. with "Invalid JSON").
    ``asyncio.timeout``, not ``wait_for``: on 3.11 wait_for wraps the read in a task of its own,
    a third of the simulator's per-connection bookkeeping."""
    async with asyncio.timeout(READ_TIMEOUT_S):
        data = await reader.read(65536)
    while data and not _complete(data) and len(data) < MAX_REQUEST:
        try:
            async with asyncio.timeout(REQUEST_GAP_S):
                chunk = await reader.read(65536)
        except TimeoutError:
            break
        if not chunk:
            break
        data += chunk
    return data


# A benchmark that wraps read_request (hang after identification) gets every request: see _PlainRpc.
_READ_REQUEST = read_request


def _readers_supported(loop: asyncio.AbstractEventLoop) -> bool:
    """``add_reader`` works: a selector loop (not Windows' default proactor loop)."""
    return isinstance(loop, asyncio.SelectorEventLoop)


def bind_socket(host: str, port: int) -> socket.socket:
    """Bind synchronously so that errors surface at once and a reopened port is live on return."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(BACKLOG)
        sock.setblocking(False)
    except BaseException:
        sock.close()
        raise
    return sock


class Listener:
    """Serves one service of one miner on (ip, port) and tracks its open connections so stop() can
    end them. ``port`` defaults to the miner's RPC port. The listener sets the miner's
    ``on_faults_changed``; a miner with several listeners gets a hook that syncs them all (the
    fleet installs it)."""

    def __init__(self, miner: SimMiner, port: int | None = None, service: str = "rpc") -> None:
        self.miner = miner
        self.port = miner.port if port is None else port
        self.service = service
        self._server: asyncio.Server | _PlainRpc | None = None
        self._serving: asyncio.Task[None] | None = None
        self._connections: set[asyncio.Task[None]] = set()
        self._adopting: set[asyncio.Task[None]] = set()  # sockets on their way to the stream path
        self._sending: set[asyncio.WriteTransport] = set()  # the rests of large short-path replies
        self._retired: list[_PlainRpc] = []  # closed by `offline`, maybe still holding connections
        self._writers: set[asyncio.StreamWriter] = set()
        self._stopped = False
        self._loop: asyncio.AbstractEventLoop | None = None
        miner.on_faults_changed = self._sync_offline

    @property
    def listening(self) -> bool:
        return self._server is not None or self._serving is not None

    async def open(self) -> None:
        self._stopped = False
        self._loop = asyncio.get_running_loop()
        if "offline" in self.miner.faults:
            return
        self._server = await self._start(bind_socket(self.miner.ip, self.port))

    def _plain(self) -> bool:
        """Plain CGMiner API on this port, on a loop that has ``add_reader``: the service the
        short path can serve. Windows' default loop (proactor) has no ``add_reader``: the demo
        there takes the stream path for every connection."""
        return (
            self.service == "rpc"
            and not self.miner.persona.rpc_speaks_http(self.miner.model)
            and _readers_supported(asyncio.get_running_loop())
        )

    async def _start(self, sock: socket.socket) -> asyncio.Server | _PlainRpc:
        if self._plain():
            return _PlainRpc(self, sock)
        return await asyncio.start_server(self._serve, sock=sock)

    def to_stream(self, conn: socket.socket, data: bytes = b"") -> None:
        """Serve an accepted connection on the stream path, ``data`` being what was read of it."""
        loop = asyncio.get_running_loop()
        reader = asyncio.StreamReader(loop=loop)
        if data:
            reader.feed_data(data)
        protocol = asyncio.StreamReaderProtocol(reader, self._serve, loop=loop)
        self._adopt(conn, protocol)

    def _adopt(self, conn: socket.socket, protocol: asyncio.BaseProtocol) -> None:
        async def adopt() -> None:
            try:
                await asyncio.get_running_loop().connect_accepted_socket(lambda: protocol, conn)
            except BaseException:
                conn.close()
                raise

        task = asyncio.get_running_loop().create_task(adopt())
        self._adopting.add(task)
        task.add_done_callback(self._adopted)

    def _adopted(self, task: asyncio.Task[None]) -> None:
        self._adopting.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None and not isinstance(exc, OSError):  # a client gone early is not news
            task.get_loop().call_exception_handler(
                {"message": "simulator: adopting a connection failed", "exception": exc}
            )

    def send_rest(self, conn: socket.socket, rest: bytes) -> None:
        """The socket's buffer took part of a reply: a transport sends the rest, then closes."""
        self._adopt(conn, _SendRest(rest, self._sending))

    def _sync_offline(self) -> None:
        if self._stopped:
            return
        loop = self._loop
        if loop is not None and not _running_on(loop):
            # Injected from another thread (e.g. a test holding the SimMiner): apply it on the
            # fleet's loop and wait, so the fault is in force when inject() returns.
            async def apply() -> None:
                self._sync_offline()

            asyncio.run_coroutine_threadsafe(apply(), loop).result(CROSS_THREAD_TIMEOUT_S)
            return
        if "offline" in self.miner.faults:
            if self._serving is not None:
                self._serving.cancel()
            if self._server is not None:
                self._server.close()  # closes the listening socket now: connects are refused
                self._retired = [p for p in self._retired if p.waiting]
                if isinstance(self._server, _PlainRpc) and self._server.waiting:
                    self._retired.append(self._server)  # its waiting connections, for close()
                self._server = None
        elif self._server is None and self._serving is None:
            sock = bind_socket(self.miner.ip, self.port)  # accepting (backlog) on return
            self._serving = asyncio.get_running_loop().create_task(self._serve_on(sock))

    async def _serve_on(self, sock: socket.socket) -> None:
        try:
            self._server = await self._start(sock)
        except BaseException:
            sock.close()
            raise
        finally:
            self._serving = None

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._connections.add(task)
        self._writers.add(writer)
        try:
            if self.miner.dark():  # flapping: the connection dies as a bad cable kills it
                writer.transport.abort()
                return
            if self.service == "btminer_v3":
                await self._serve_v3(reader, writer)
            elif self.service == "http" or self.miner.persona.rpc_speaks_http(self.miner.model):
                await self._serve_http(reader, writer)
            else:
                request = await read_request(reader)
                if not request:
                    return  # connected and left without asking (a port probe)
                await self._hang_if_hung()
                await self._send(writer, self.miner.handle(request))
        except (OSError, TimeoutError, asyncio.CancelledError):
            writer.transport.abort()
        finally:
            self._connections.discard(task)
            self._writers.discard(writer)
            writer.close()

    async def _hang_if_hung(self) -> None:
        if "hung" in self.miner.faults:
            await asyncio.Event().wait()  # until stop() cancels us

    async def _send(self, writer: asyncio.StreamWriter, data: bytes) -> None:
        if "slow" in self.miner.faults:
            step = max(1, -(-len(data) // wire_faults.SLOW_CHUNKS))
            for i in range(0, len(data), step):
                writer.write(data[i : i + step])
                await writer.drain()
                await asyncio.sleep(wire_faults.SLOW_REPLY_S / wire_faults.SLOW_CHUNKS)
        else:
            writer.write(data)
            await writer.drain()

    async def _serve_http(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """One request, or more while the replies leave the connection open (httpwire.KEEP_OPEN)
        and the client did not ask to close it."""
        kept = False  # waiting for a further request on a connection left open
        while True:
            try:
                request = await read_http_request(
                    reader, KEEP_ALIVE_IDLE_S if kept else READ_TIMEOUT_S
                )
            except BadHttp as exc:
                await self._hang_if_hung()
                await self._send(writer, bad_request(str(exc)))
                return
            except TimeoutError:
                if not kept:
                    raise
                return  # a kept connection left idle: closed, as lighttpd does
            if request is None:
                return  # a port probe, or the client closed a kept connection
            await self._hang_if_hung()
            response = self.miner.handle_http(request)
            await self._send(writer, response)
            if request.headers.get("connection", "").lower() == "close" or not keeps_open(response):
                return
            kept = True

    async def _serve_v3(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Frames until the client closes; a bad frame or a None reply closes the connection."""
        while True:
            try:
                request = await read_frame(reader, READ_TIMEOUT_S)
            except BadFrame:
                return
            if request is None:
                return
            await self._hang_if_hung()
            data = self.miner.handle_v3(request)
            if data is None:
                return
            await self._send(writer, data)
            if "garbage" in self.miner.faults or "truncated" in self.miner.faults:
                return  # the stream is out of frame sync: close it, as a broken firmware would

    async def close(self) -> None:
        self._stopped = True
        if self._serving is not None:
            self._serving.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._serving
        server, self._server = self._server, None
        retired, self._retired = self._retired, []
        for plain in retired:
            plain.abort()
        if isinstance(server, _PlainRpc):
            server.abort()
        elif server is not None:
            server.close()
        tasks = list(self._connections) + list(self._adopting)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
        for writer in list(self._writers):
            writer.transport.abort()
        for transport in list(self._sending):
            transport.abort()
        if isinstance(server, asyncio.Server):
            await server.wait_closed()


class _SendRest(asyncio.Protocol):
    """Writes the rest of a reply and closes; listed in ``sending`` until closed, so that a
    stopping fleet can abort it like any open connection."""

    def __init__(self, rest: bytes, sending: set[asyncio.WriteTransport]) -> None:
        self._rest = rest
        self._sending = sending
        self._transport: asyncio.WriteTransport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.WriteTransport)
        self._transport = transport
        self._sending.add(transport)
        transport.write(self._rest)
        transport.close()  # after the buffer is sent, as StreamWriter.close does

    def connection_lost(self, exc: Exception | None) -> None:
        if self._transport is not None:
            self._sending.discard(self._transport)


class _PlainRpc:
    """Accepts on one miner's plain RPC port and answers a healthy miner's requests from loop
    callbacks: accept, recv, ``SimMiner.handle``, send, close. Same bytes and the same timeouts as
    the stream path; anything else goes there (:meth:`Listener.to_stream`): a miner with any
    fault (checked again once the request is in), a request not complete in its first read, a
    reply larger than the socket's buffer (its rest), or a benchmark's wrapped ``read_request``."""

    def __init__(self, listener: Listener, sock: socket.socket) -> None:
        self._listener = listener
        self._sock = sock
        self._loop = asyncio.get_running_loop()
        self._waiting: dict[socket.socket, asyncio.TimerHandle] = {}  # no request yet
        self._closed = False
        self._loop.add_reader(sock.fileno(), self._accept)

    def _accept(self) -> None:
        for _ in range(BACKLOG):
            if self._closed:  # a request just served took the miner offline (a reboot)
                return
            try:
                conn, _addr = self._sock.accept()
            except (BlockingIOError, InterruptedError, ConnectionAbortedError):
                return
            except OSError as exc:
                if exc.errno not in _ACCEPT_PAUSE_ERRNOS:
                    raise
                self._loop.call_exception_handler(
                    {"message": "socket.accept() out of system resource", "exception": exc}
                )
                self._loop.remove_reader(self._sock.fileno())
                self._loop.call_later(ACCEPT_RETRY_S, self._resume)
                return
            conn.setblocking(False)
            miner = self._listener.miner
            if miner.faults or read_request is not _READ_REQUEST:
                self._listener.to_stream(conn)
            else:
                self._read(conn)

    def _resume(self) -> None:
        if not self._closed:
            self._loop.add_reader(self._sock.fileno(), self._accept)

    def _read(self, conn: socket.socket) -> None:
        try:
            data = conn.recv(65536)
        except (BlockingIOError, InterruptedError):
            if conn not in self._waiting:
                self._loop.add_reader(conn.fileno(), self._read, conn)
                self._waiting[conn] = self._loop.call_later(READ_TIMEOUT_S, self._drop, conn)
            return
        except OSError:
            self._drop(conn)
            return
        self._unwait(conn)
        if not data:
            conn.close()  # connected and left without asking (a port probe)
            return
        miner = self._listener.miner
        if miner.faults or not _complete(data):
            self._listener.to_stream(conn, data)  # more may follow; or a fault came meanwhile
            return
        try:
            reply = miner.handle(data)
        except BaseException:
            conn.close()
            raise
        try:
            sent = conn.send(reply)
        except (BlockingIOError, InterruptedError):
            sent = 0
        except OSError:
            conn.close()  # the client is gone
            return
        if sent < len(reply):
            self._listener.send_rest(conn, reply[sent:])
        else:
            conn.close()

    def _unwait(self, conn: socket.socket) -> None:
        timer = self._waiting.pop(conn, None)
        if timer is not None:
            timer.cancel()
            self._loop.remove_reader(conn.fileno())

    def _drop(self, conn: socket.socket) -> None:
        """No request within READ_TIMEOUT_S, or the socket failed: closed, as the stream path
        aborts it."""
        self._unwait(conn)
        conn.close()

    @property
    def waiting(self) -> int:
        """Connections accepted and still waiting for their request."""
        return len(self._waiting)

    def close(self) -> None:
        """Stops accepting; requests already in keep their answer (as ``asyncio.Server.close``)."""
        if not self._closed:
            self._closed = True
            self._loop.remove_reader(self._sock.fileno())
            self._sock.close()

    def abort(self) -> None:
        """Closes the connections still waiting for their request too (the fleet stops)."""
        self.close()
        for conn in list(self._waiting):
            self._drop(conn)
