"""No HTTP connection outlives its request, even when the caller gives up (issue 10).

httpcore 1.0.9 orphans a pooled connection when a request's task is cancelled at the wrong moment
(encode/httpcore#1093); detection races and poll budgets cancel requests every sweep, and ~150
sockets were left ESTABLISHED/CLOSE-WAIT between sweeps.
"""

from __future__ import annotations

import asyncio
import contextlib
import random

import psutil

from rig_monitor.core.wire.cgminer import Limits
from rig_monitor.core.wire.http import HttpClient

HOST = "127.68.0.1"


def _client_sockets(port: int) -> int:
    return sum(
        1
        for c in psutil.Process().net_connections(kind="tcp")
        if c.raddr and c.raddr.port == port and c.status != psutil.CONN_LISTEN
    )


async def _server() -> tuple[asyncio.Server, int]:
    rnd = random.Random(2)

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(OSError, asyncio.IncompleteReadError, asyncio.CancelledError):
            await reader.readuntil(b"\r\n\r\n")
            await asyncio.sleep(rnd.uniform(0.0, 0.02))
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}")
            await writer.drain()
            await asyncio.sleep(0.2)  # then the miner hangs up: CLOSE-WAIT if we never close
        writer.close()

    server = await asyncio.start_server(handle, HOST, 0)
    return server, int(server.sockets[0].getsockname()[1])


def test_cancelled_requests_leave_no_socket_open() -> None:
    """Callers that give up at random moments (connecting, sending, waiting, reading), as the
    detection race and the poll budget do: measured 5 sockets and a stuck pool entry before."""

    async def go() -> int:
        server, port = await _server()
        http = HttpClient(Limits(1.0, 2.0), max_connections=16, shards=1)
        rnd = random.Random(1)

        async def give_up() -> None:
            task = asyncio.ensure_future(http.get(f"http://{HOST}:{port}/api"))
            await asyncio.sleep(rnd.uniform(0.0, 0.03))
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

        try:
            for _ in range(20):  # sweeps
                await asyncio.gather(*(give_up() for _ in range(16)))
            await asyncio.sleep(1.0)  # every request has ended and the server has hung up
            between_sweeps = _client_sockets(port)
            assert await http.get_json(f"http://{HOST}:{port}/api") == {}  # the pool still works
        finally:
            await http.aclose()
            await asyncio.sleep(0.3)
            server.close()
            await server.wait_closed()
        return between_sweeps

    between_sweeps = asyncio.run(go())
    assert between_sweeps == 0, f"{between_sweeps} sockets left open between sweeps"
