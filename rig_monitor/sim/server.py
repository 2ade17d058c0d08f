"""One TCP listener per simulated miner and service: one request per connection, reply, close.

Services: "rpc" (the CGMiner API, like cgminer; or HTTP when the persona's 4028 speaks HTTP, like
ePIC), "http" (the web port) and "btminer_v3" (length-prefixed JSON frames, several per connection).
Also where the timing faults live, for every service alike: ``offline`` closes the listening socket,
``hung`` reads and then waits forever, ``slow`` dribbles the reply.
"""

from __future__ import annotations

import asyncio
import contextlib
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
        self._server: asyncio.Server | None = None
        self._serving: asyncio.Task[None] | None = None
        self._connections: set[asyncio.Task[None]] = set()
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
        self._server = await asyncio.start_server(
            self._serve, sock=bind_socket(self.miner.ip, self.port)
        )

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
                self._server = None
        elif self._server is None and self._serving is None:
            sock = bind_socket(self.miner.ip, self.port)  # accepting (backlog) on return
            self._serving = asyncio.get_running_loop().create_task(self._serve_on(sock))

    async def _serve_on(self, sock: socket.socket) -> None:
        try:
            self._server = await asyncio.start_server(self._serve, sock=sock)
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
        if server is not None:
            server.close()
        tasks = list(self._connections)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
        for writer in list(self._writers):
            writer.transport.abort()
        if server is not None:
            await server.wait_closed()
