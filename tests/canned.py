"""A canned-reply TCP server on a loopback address, for client tests that need exact bytes.

Independent of rig_monitor.sim on purpose: these tests pin the client to specific byte sequences
(real captures, broken replies, hangs), which the simulator produces only statistically.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
CGMINER = FIXTURES / "cgminer-4.11.1"

Responder = Callable[[bytes], bytes | None]  # None = hang (never answer)


def fixture(name: str) -> bytes:
    return (CGMINER / name).read_bytes()


def by_command(replies: dict[str, bytes], default: bytes | None = None) -> Responder:
    """Answer JSON requests from ``replies`` keyed by the command string."""

    def respond(request: bytes) -> bytes | None:
        try:
            cmd = json.loads(request)["command"]
        except (ValueError, KeyError):
            cmd = request.decode(errors="replace").strip()
        if cmd in replies:
            return replies[cmd]
        return default if default is not None else fixture("invalid_cmd.raw")

    return respond


@asynccontextmanager
async def serve(
    respond: Responder, host: str = "127.0.0.1", *, dribble: float = 0.0
) -> AsyncIterator[tuple[str, int, list[bytes]]]:
    """Yield (host, port, requests seen). Port 0 = the OS picks a free port."""
    seen: list[bytes] = []
    hung: list[asyncio.StreamWriter] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        data = await reader.read(65536)
        seen.append(data)
        reply = respond(data)
        if reply is None:
            hung.append(writer)
            return
        if dribble:
            for i in range(0, len(reply), 64):
                writer.write(reply[i : i + 64])
                await writer.drain()
                await asyncio.sleep(dribble)
        else:
            writer.write(reply)
            await writer.drain()
        writer.close()

    server = await asyncio.start_server(handle, host, 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield host, port, seen
    finally:
        for w in hung:
            w.close()
        server.close()
        await server.wait_closed()
