"""Only a few big replies are buffered at once per loop (issue 10 soak: 130 hostile miners
streaming 2 MB each held ~600 MB at the same moment)."""

from __future__ import annotations

import asyncio
import contextlib

import pytest

from rig_monitor.core.wire import cgminer
from rig_monitor.core.wire.cgminer import Limits, send_raw

HOST = "127.71.0.1"
BODY = b'{"STATUS":[{"STATUS":"S"}],"LOG":"' + b"x" * 400_000 + b'"}'


class Counting(asyncio.Semaphore):
    def __init__(self, value: int) -> None:
        super().__init__(value)
        self.active = self.peak = 0

    async def __aenter__(self) -> None:
        await super().__aenter__()
        self.active += 1
        self.peak = max(self.peak, self.active)

    async def __aexit__(self, *exc: object) -> None:
        self.active -= 1
        await super().__aexit__(*exc)


def test_at_most_a_few_big_replies_are_read_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    gate = Counting(2)
    monkeypatch.setattr(cgminer, "big_reply_gate", lambda: gate)

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(OSError):
            await reader.read(100)
            for i in range(0, len(BODY), 100_000):  # dribbled: the reads overlap
                writer.write(BODY[i : i + 100_000])
                await writer.drain()
                await asyncio.sleep(0.02)
            writer.write(b"\x00")
            await writer.drain()
        writer.close()

    async def go() -> list[bytes]:
        server = await asyncio.start_server(handle, HOST, 0)
        port = server.sockets[0].getsockname()[1]
        try:
            return await asyncio.gather(
                *(send_raw(HOST, port, b"stats", Limits(1.0, 20.0)) for _ in range(10))
            )
        finally:
            server.close()
            await server.wait_closed()

    replies = asyncio.run(go())
    assert all(r == BODY for r in replies)  # every reply read, whole
    assert gate.peak == 2  # never more than the gate's slots at once (and it was used)


def test_a_reply_opening_too_many_objects_is_dropped_before_it_is_all_read() -> None:
    from rig_monitor.core.errors import MinerError
    from rig_monitor.core.wire.jsonrepair import MAX_CONTAINERS

    unit = b'{"a":[1,2,],"b":{"c":3,},},'
    sent: list[int] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(OSError):
            await reader.read(100)
            writer.write(b'{"STATUS":[{"STATUS":"S"}],"STATS":[')
            for _ in range(40):  # 2 MB in 40 slices, never closed
                writer.write(unit * 1850)
                await writer.drain()
                sent.append(1)
                await asyncio.sleep(0.01)
            writer.write(b"\x00")
            await writer.drain()
        writer.close()

    async def go() -> str:
        server = await asyncio.start_server(handle, HOST, 0)
        port = server.sockets[0].getsockname()[1]
        try:
            await send_raw(HOST, port, b"stats", Limits(1.0, 10.0))
        except MinerError as exc:
            return exc.message
        finally:
            server.close()
            await server.wait_closed()
        return "read"

    message = asyncio.run(go())
    assert message == (
        f"bad reply: over {MAX_CONTAINERS:,} objects and lists, more than any miner sends"
    )
    assert len(sent) < 10  # stopped reading within the first ~200 KB, not after 2 MB


def test_a_long_log_full_of_brackets_in_a_string_is_read_whole() -> None:
    from rig_monitor.core.wire.cgminer import parse_reply

    log = b"Chain[0]: nonce error, asic 0 core 0 times 1, " * 30_000  # 30,000 '[', 1.4 MB
    body = b'{"STATUS":[{"STATUS":"S"}],"LOG":"' + log + b'","id":1}'

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(OSError):
            await reader.read(100)
            writer.write(body + b"\x00")
            await writer.drain()
        writer.close()

    async def go() -> bytes:
        server = await asyncio.start_server(handle, HOST, 0)
        port = server.sockets[0].getsockname()[1]
        try:
            return await send_raw(HOST, port, b"stats", Limits(1.0, 10.0))
        finally:
            server.close()
            await server.wait_closed()

    raw = asyncio.run(go())
    assert raw == body
    assert parse_reply(raw)["LOG"] == log.decode()
