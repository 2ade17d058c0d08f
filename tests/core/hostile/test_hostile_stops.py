"""A miner recognised as sending junk (errors.HostileReply) is not asked again in the same round.

Issue 10: each hostile miner cost the sweep ~3-6 ms of CPU, mostly requests that could only read
the same junk again: the single ``version``/``devdetails`` after the multi-command probe, the web
probe, the Whatsminer v3 probe, and for a known Antminer its web fallback. Real loopback servers
count the requests each port receives.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

import pytest

from rig_monitor.core.drivers import antminer_web
from rig_monitor.core.drivers.antminer import AntminerDriver
from rig_monitor.core.drivers.base import Session
from rig_monitor.core.drivers.detect import detect
from rig_monitor.core.engine.poller import Poller
from rig_monitor.core.errors import HostileReply, MinerError
from rig_monitor.core.model import ErrorKind, Identity, MinerSnapshot, Ports, Target
from rig_monitor.core.wire.cgminer import CGMinerClient, Limits, parse_reply
from rig_monitor.core.wire.http import HttpClient, HttpReply
from rig_monitor.core.wire.jsonrepair import MAX_CONTAINERS, MAX_DEPTH
from rig_monitor.core.wire.whatsminer_v3 import frame, parse_frame, probe_v3

LIMITS = Limits(connect_timeout_s=2.0, read_timeout_s=10.0)
_ips = (f"127.93.{n}.1" for n in itertools.count(1))

# The shape issue 10 reproduced: JSON full of trailing commas that never closes (~2 MB).
UNIT = b'{"a":[1,2,],"b":{"c":3,},},'
HEAD = b'{"STATUS":[{"STATUS":"S","Msg":"stats",},],"STATS":['
SLICE = UNIT * 1850  # ~50 KB
SLICES = 40
JUNK_MESSAGE = f"bad reply: over {MAX_CONTAINERS:,} objects and lists, more than any miner sends"
# A small broken reply: an ordinary failure (not JSON even after repairs), not junk
GARBAGE = b'{"STATUS":[{"STATUS":"S"}],"SUMMARY":[{"Elapsed":5 x}]}'


@dataclass
class Port:
    port: int
    requests: int = 0
    slices_sent: int = 0


Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter, Port], Awaitable[None]]


@contextlib.asynccontextmanager
async def serve(ip: str, handler: Handler) -> AsyncIterator[Port]:
    counter = Port(0)

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        counter.requests += 1
        with contextlib.suppress(OSError):
            await handler(reader, writer, counter)
        writer.close()

    server = await asyncio.start_server(handle, ip, 0)
    counter.port = server.sockets[0].getsockname()[1]
    try:
        yield counter
    finally:
        server.close()
        await server.wait_closed()


async def junk_rpc(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, p: Port) -> None:
    await reader.read(4096)
    writer.write(HEAD)
    for _ in range(SLICES):  # dribbled, so a reader that stops early stops the sending
        writer.write(SLICE)
        await writer.drain()
        p.slices_sent += 1
        await asyncio.sleep(0.005)
    writer.write(b"\x00")
    await writer.drain()


async def garbage_rpc(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, p: Port) -> None:
    await reader.read(4096)
    writer.write(GARBAGE + b"\x00")
    await writer.drain()


async def junk_v3(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, p: Port) -> None:
    await reader.read(4096)
    writer.write((len(HEAD) + SLICES * len(SLICE)).to_bytes(4, "little") + HEAD)
    for _ in range(SLICES):
        writer.write(SLICE)
        await writer.drain()
        p.slices_sent += 1
        await asyncio.sleep(0.005)


async def not_found(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, p: Port) -> None:
    await reader.readuntil(b"\r\n\r\n")
    writer.write(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
    await writer.drain()


def closed_port(ip: str) -> int:
    import socket

    with socket.socket() as s:
        s.bind((ip, 0))
        port: int = s.getsockname()[1]
    return port  # nothing listens there now: connecting is refused


# --- the wire layer names junk ---------------------------------------------------------------


def _deep(depth: int) -> bytes:
    return b'{"STATUS":' + b"[" * depth + b"1" + b"]" * depth + b"}"


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (HEAD + UNIT * 10_000, "objects and lists, more than any miner sends"),
        (_deep(MAX_DEPTH * 4), "nested too deep"),
        (b'{"STATUS":[{"Msg":"' + b"log line, " * 30_000 + b'",}', "too large to repair"),
    ],
)
def test_junk_is_a_hostile_reply_with_clear_words(raw: bytes, words: str) -> None:
    with pytest.raises(HostileReply) as info:
        parse_reply(raw)
    assert info.value.kind is ErrorKind.BAD_REPLY
    assert info.value.message.startswith("bad reply: ")
    assert words in info.value.message
    with pytest.raises(HostileReply):
        parse_frame(raw)  # the same words over Whatsminer v3


@pytest.mark.parametrize(
    "raw",
    [
        b'{"STATUS":[{"STATUS":"S",}],"SUMMARY":[{"Elapsed":5,}]',  # repaired, read
        b'{"STATUS":[{"STATUS":"S"}],"SUMMARY":[{"Elapsed":5 x}]}',  # small and broken
    ],
)
def test_an_ordinary_broken_reply_is_not_called_hostile(raw: bytes) -> None:
    try:
        parse_reply(raw)
    except MinerError as exc:
        assert not isinstance(exc, HostileReply)
        assert exc.kind is ErrorKind.BAD_REPLY


def test_a_big_web_page_where_json_was_asked_is_not_called_hostile() -> None:
    page = "<html><script>" + "function f(){return [1];}" * 20_000 + "</script></html>"
    reply = HttpReply(200, {}, page, "http://127.93.0.1/cgi-bin/stats.cgi")
    with pytest.raises(MinerError) as info:
        reply.json()
    assert not isinstance(info.value, HostileReply)
    assert info.value.kind is ErrorKind.NOT_A_MINER


def test_the_v3_reader_stops_at_the_bracket_cap_instead_of_reading_2_mb() -> None:
    async def go() -> tuple[Exception, int]:
        ip = next(_ips)
        async with serve(ip, junk_v3) as v3:
            try:
                await probe_v3(ip, v3.port, LIMITS)
            except HostileReply as exc:
                return exc, v3.slices_sent
        raise AssertionError("read as a v3 miner")

    error, sent = asyncio.run(go())
    assert str(error) == JUNK_MESSAGE
    assert sent < SLICES // 4  # ~200 KB read of the 2 MB announced


def test_frames_of_real_size_still_read_whole() -> None:
    log = "Chain[0]: nonce error, asic 0 core 0 times 1, " * 25_000  # 25,000 '[' in 1.2 MB
    body = {"code": 0, "msg": {"miner": {"type": "M60S"}, "log": log}}

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, p: Port) -> None:
        await reader.read(4096)
        data = frame(body)
        for i in range(0, len(data), 30_000):
            writer.write(data[i : i + 30_000])
            await writer.drain()

    async def go() -> Identity | None:
        ip = next(_ips)
        async with serve(ip, handle) as v3:
            return await probe_v3(ip, v3.port, LIMITS)

    identity = asyncio.run(go())
    assert identity is not None and identity.model == "M60S"


# --- detection stops at the first junk -------------------------------------------------------


def test_a_hostile_reply_stops_detection_after_one_probe() -> None:
    async def go() -> tuple[MinerError, Port, Port, Port]:
        ip = next(_ips)
        async with (
            serve(ip, junk_rpc) as rpc,
            serve(ip, not_found) as web,
            serve(ip, junk_v3) as v3,
        ):
            http = HttpClient(LIMITS)
            try:
                await detect(
                    CGMinerClient(ip, rpc.port, LIMITS),
                    v3.port,
                    http=http,
                    web_port=web.port,
                    web_after_s=30.0,  # the web probe only for an inconclusive RPC answer
                )
            except MinerError as exc:
                return exc, rpc, web, v3
            finally:
                await http.aclose()
        raise AssertionError("identified")

    error, rpc, web, v3 = asyncio.run(go())
    assert isinstance(error, HostileReply)
    assert error.message == JUNK_MESSAGE
    assert rpc.requests == 1  # the multi-command probe only: no single version/devdetails
    assert web.requests == 0 and v3.requests == 0
    assert rpc.slices_sent < SLICES // 4


def test_an_ordinary_bad_reply_still_tries_the_single_commands_and_the_web() -> None:
    async def go() -> tuple[Port, Port]:
        ip = next(_ips)
        async with serve(ip, garbage_rpc) as rpc, serve(ip, not_found) as web:
            http = HttpClient(LIMITS)
            try:
                with contextlib.suppress(MinerError):
                    await detect(
                        CGMinerClient(ip, rpc.port, LIMITS),
                        closed_port(ip),
                        http=http,
                        web_port=web.port,
                        web_after_s=30.0,
                    )
            finally:
                await http.aclose()
        return rpc, web

    rpc, web = asyncio.run(go())
    # the multi-command probe, version and devdetails; then detection's fallback stage asks
    # stats and summary of a port that answered (detect_more: it stops only on refused/silent)
    assert rpc.requests == 5
    assert web.requests >= 1


def test_junk_on_v3_is_reported_rather_than_the_closed_4028() -> None:
    async def go() -> MinerError:
        ip = next(_ips)
        async with serve(ip, junk_v3) as v3:
            try:
                await detect(CGMinerClient(ip, closed_port(ip), LIMITS), v3.port)
            except MinerError as exc:
                return exc
        raise AssertionError("identified")

    error = asyncio.run(go())
    assert isinstance(error, HostileReply) and error.message == JUNK_MESSAGE


def test_the_poller_shows_a_junk_sender_as_bad_reply_after_one_request() -> None:
    async def go() -> tuple[MinerSnapshot, Port, Port]:
        ip = next(_ips)
        async with serve(ip, junk_rpc) as rpc, serve(ip, not_found) as web:
            poller = Poller(LIMITS, ports=Ports(web=web.port, whatsminer_v3=closed_port(ip)))
            try:
                snap = await poller.poll(Target(ip, rpc.port))
            finally:
                await poller.aclose()
        return snap, rpc, web

    snap, rpc, web = asyncio.run(go())
    assert not snap.online
    assert snap.error_kind is ErrorKind.BAD_REPLY
    assert snap.error == JUNK_MESSAGE
    assert rpc.requests == 1
    # The web probe starts only if 4028 has not answered in 0.25 s (a loaded machine): then it
    # is cancelled once the junk arrives, at most its one request.
    assert web.requests <= 1


# --- a known Antminer sending junk on 4028: no web fallback ---------------------------------


def _nothing_due() -> dict[str, object]:
    """The identity and health pages were just read: only the fallback would ask the web."""
    now = time.monotonic()
    st = antminer_web.WebState()
    st.read_at = {antminer_web.SYSTEM_INFO: now, antminer_web.SUMMARY: now}
    return {antminer_web.STATE_KEY: st}


@pytest.mark.parametrize(("rpc_handler", "web_asked"), [(junk_rpc, False), (garbage_rpc, True)])
def test_the_antminer_web_fallback_is_skipped_only_for_junk(
    rpc_handler: Handler, web_asked: bool
) -> None:
    async def go() -> tuple[MinerError, Port]:
        ip = next(_ips)
        async with serve(ip, rpc_handler) as rpc, serve(ip, not_found) as web:
            http = HttpClient(LIMITS)
            session = Session(
                Target(ip, rpc.port, web_port=web.port),
                CGMinerClient(ip, rpc.port, LIMITS),
                Identity(family="antminer", make="Antminer", firmware="stock"),
                http,
                state=_nothing_due(),
            )
            try:
                await AntminerDriver().fetch(session)
            except MinerError as exc:
                return exc, web
            finally:
                await http.aclose()
        raise AssertionError("read")

    error, web = asyncio.run(go())
    assert error.kind is ErrorKind.BAD_REPLY
    assert isinstance(error, HostileReply) is not web_asked
    assert (web.requests > 0) is web_asked
