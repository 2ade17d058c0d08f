"""Asyncio client for the CGMiner-family TCP API (cgminer, bmminer, bosminer, btminer v1/v2, …).

One request per connection; the reply ends with a NUL byte and/or the miner closing the socket.
Every call has a connect timeout, an overall read deadline and a size cap, so a hung, slow or
babbling miner costs at most one deadline and one capped buffer. Multi-command requests
(``summary+stats+pools``) fall back to single commands on firmware that refuses them.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import functools
import json
import re
import socket
import time
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from rig_monitor.core.errors import HostileReply, MinerError
from rig_monitor.core.model import ErrorKind
from rig_monitor.core.wire.jsonrepair import (
    MAX_CONTAINERS,
    HostileText,
    ReplyDecodeError,
    decode_text,
    loads_lenient,
    loads_reply_fast,
)
from rig_monitor.core.wire.sockio import (
    DeadlinePassed,
    bare_ok,
    connect_now,
    connected,
    recv,
    send_all,
    tcp_socket,
)

Reply = dict[str, Any]
REPAIRS_KEY = "_repairs"  # set on a reply that needed JSON repairs: their names


@dataclass(frozen=True, slots=True)
class Limits:
    connect_timeout_s: float = 3.0
    read_timeout_s: float = 5.0  # deadline for the whole reply, from the request being sent
    max_bytes: int = 2 * 1024 * 1024  # real replies stay under a few hundred KB


DEFAULT_LIMITS = Limits()

# Replies past this size are rare (broken or hostile firmware, a huge log): a few may be read at
# once per loop, the rest wait (their bytes stay in the kernel's socket buffer) within their read
# deadline. Without it, 130 hostile miners streaming 2 MB each held ~600 MB at the same moment,
# and the allocator kept that resident after the sweep.
BIG_REPLY_BYTES = 256 * 1024
BIG_REPLIES_AT_ONCE = 8
_big_gates: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
    weakref.WeakKeyDictionary()
)


# While a reply streams in its brackets are counted, strings included (a log line "Chain[0]: …"
# has one): reading stops once there are more than jsonrepair accepts outside strings AND they
# are dense (one byte in 25 or more; JSON of small objects is ~1 in 8, a log of "Chain[0]" lines
# ~1 in 47), so a reply that is mostly brackets is dropped after ~200 KB instead of 2 MB.
STREAM_MIN_DENSITY = 25


def check_containers(seen: int, chunk: bytes, size: int) -> int:
    """Count the brackets a reply opens as it arrives (``size``: bytes so far, this chunk
    included); stop reading one that opens more than any miner sends, instead of buffering the
    rest of its 2 MB (jsonrepair would refuse it)."""
    seen += chunk.count(b"{") + chunk.count(b"[")
    if seen > MAX_CONTAINERS and seen * STREAM_MIN_DENSITY > size:
        raise HostileReply(
            f"bad reply: over {MAX_CONTAINERS:,} objects and lists, more than any miner sends",
        )
    return seen


def decode_failure(
    exc: ReplyDecodeError, message: str, kind: ErrorKind = ErrorKind.BAD_REPLY
) -> MinerError:
    """The miner's error for a reply jsonrepair refused: ``HostileReply`` when no real firmware
    sends such a thing, so that callers stop asking this miner (see errors.HostileReply). Only
    for a reply shaped like JSON (``kind`` BAD_REPLY): a web UI's big page where JSON was asked
    is a wrong URL, not junk."""
    if isinstance(exc, HostileText) and kind is ErrorKind.BAD_REPLY:
        return HostileReply(message)
    return MinerError(kind, message)


def big_reply_gate() -> asyncio.Semaphore:
    """This loop's gate for replies over BIG_REPLY_BYTES (one per loop: tests run many loops)."""
    loop = asyncio.get_running_loop()
    gate = _big_gates.get(loop)
    if gate is None:
        gate = _big_gates[loop] = asyncio.Semaphore(BIG_REPLIES_AT_ONCE)
    return gate


_UNREACHABLE = {errno.EHOSTUNREACH, errno.ENETUNREACH, errno.EHOSTDOWN, errno.EADDRNOTAVAIL}


async def connect(
    host: str, port: int, limits: Limits = DEFAULT_LIMITS
) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """Open a TCP connection, mapping every failure onto the operator's words (also used by v3)."""
    # asyncio.timeout rather than wait_for: no extra Task per call (3.11), which matters on the
    # hot path of thousands of polls (three of these per request).
    try:
        async with asyncio.timeout(limits.connect_timeout_s):
            return await asyncio.open_connection(host, port)
    except TimeoutError:
        raise MinerError(
            ErrorKind.TIMEOUT, f"timed out: no TCP answer in {limits.connect_timeout_s:g} s"
        ) from None
    except OSError as exc:
        raise _connect_error(exc, port) from None


class ByteReader(Protocol):
    """What a reply reader needs from a connection: asyncio's StreamReader, or _SockReader."""

    async def read(self, n: int = -1) -> bytes: ...

    async def readexactly(self, n: int) -> bytes: ...


ReadReply = Callable[[ByteReader, Limits], Awaitable[bytes]]


async def exchange(
    host: str,
    port: int,
    payload: bytes,
    read: ReadReply,
    limits: Limits = DEFAULT_LIMITS,
    what: str = "reply",
) -> bytes:
    """One request on its own connection, the reply read by ``read`` under the read deadline.

    Shared by every TCP protocol here (CGMiner's NUL-terminated replies, Whatsminer v3's
    length-prefixed frames), so they fail with the same words and never leak a socket. IPv4
    literals on a selector loop take a bare socket (as ``send_raw``): no transport, protocol,
    writer or close handshake per request.
    """
    if _bare(host):
        return await _exchange_sock(host, port, payload, None, read, limits, what)
    reader, writer = await connect(host, port, limits)
    try:
        async with asyncio.timeout(limits.read_timeout_s):
            writer.write(payload)
            await writer.drain()
            return await read(reader, limits)
    except TimeoutError:
        raise MinerError(
            ErrorKind.TIMEOUT, f"timed out: no complete {what} in {limits.read_timeout_s:g} s"
        ) from None
    except (ConnectionResetError, BrokenPipeError) as exc:
        raise MinerError(ErrorKind.BAD_REPLY, f"bad reply: connection reset ({exc})") from None
    finally:
        writer.close()
        with contextlib.suppress(TimeoutError, OSError):
            async with asyncio.timeout(0.5):
                await writer.wait_closed()


async def send_raw(host: str, port: int, payload: bytes, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """Send one request and return the raw reply bytes (without the NUL terminator)."""
    # the bare-socket path needs a selector loop (add_reader/add_writer): Windows' default
    # proactor loop, and any other, take asyncio's streams as before
    if _bare(host):
        return await _exchange_sock(host, port, payload, _read_reply_sock, None, limits, "reply")
    return await exchange(host, port, payload, _read_reply, limits)


def _bare(host: str) -> bool:
    """Host names, Windows' default proactor loop and any other take asyncio's streams."""
    return bare_ok(host, asyncio.get_running_loop())


ReadSock = Callable[[asyncio.AbstractEventLoop, socket.socket, Limits, float], Awaitable[bytes]]


class _SockReader:
    """StreamReader's ``read`` and ``readexactly`` on a bare socket (the frame readers' needs);
    each wait ends at the request's deadline."""

    def __init__(self, loop: asyncio.AbstractEventLoop, sock: socket.socket, deadline: float):
        self._loop, self._sock, self._deadline = loop, sock, deadline
        self._buf = bytearray()
        self._eof = False

    async def _fill(self) -> None:
        chunk = await recv(self._loop, self._sock, self._deadline)
        if chunk:
            self._buf += chunk
        else:
            self._eof = True

    async def read(self, n: int = -1) -> bytes:
        if not self._buf and not self._eof:
            await self._fill()
        if n < 0:
            while not self._eof:
                await self._fill()
            n = len(self._buf)
        out = bytes(self._buf[:n])
        del self._buf[:n]
        return out

    async def readexactly(self, n: int) -> bytes:
        while len(self._buf) < n and not self._eof:
            await self._fill()
        if len(self._buf) < n:
            partial = bytes(self._buf)
            self._buf.clear()
            raise asyncio.IncompleteReadError(partial, n)
        return await self.read(n)


async def _exchange_sock(
    host: str,
    port: int,
    payload: bytes,
    read_sock: ReadSock | None,
    read: ReadReply | None,
    limits: Limits,
    what: str,
) -> bytes:
    """``exchange`` on a bare non-blocking socket (IPv4 literals: every poll). The reply is read
    by ``read_sock`` (CGMiner's fast path) or by ``read`` on a :class:`_SockReader`.

    The steady sweep opens one connection per request (cgminer closes after each reply), and
    asyncio's streams cost a transport, a protocol, a reader, a writer, a close handshake and two
    timeouts each; here the socket is driven directly and the loop is asked only to say when it
    is writable (connected) or readable. Same deadlines, caps and words as ``exchange``: connect
    within ``connect_timeout_s``, the whole reply within ``read_timeout_s`` of the request.
    A connect that is already complete when asked again (loopback, a fast LAN) skips the
    writable wait and runs under a single timer, the read deadline.
    """
    loop = asyncio.get_running_loop()
    sock = tcp_socket()
    reading = False
    try:
        try:
            reading = connect_now(sock, host, port)
        except OSError as exc:
            raise _connect_error(exc, port) from None
        if not reading:
            try:
                await connected(loop, sock, loop.time() + limits.connect_timeout_s)
            except DeadlinePassed:
                raise  # a TimeoutError: "no TCP answer", below
            except OSError as exc:
                raise _connect_error(exc, port) from None
            reading = True
        # Deadlines on the waits themselves, not an asyncio.timeout around the request: the
        # steady sweep's commonest step, and the timeout's context object, task look-up and
        # timer cost more than the two timers at most that a request's waits set here.
        deadline = loop.time() + limits.read_timeout_s
        try:
            await send_all(loop, sock, payload, deadline)
            if read_sock is not None:
                return await read_sock(loop, sock, limits, deadline)
            assert read is not None
            async with asyncio.timeout_at(deadline):  # also bounds a wait for the big-reply gate
                return await read(_SockReader(loop, sock, deadline), limits)
        except (ConnectionResetError, BrokenPipeError) as exc:
            raise MinerError(ErrorKind.BAD_REPLY, f"bad reply: connection reset ({exc})") from None
    except TimeoutError:
        if reading:
            raise MinerError(
                ErrorKind.TIMEOUT, f"timed out: no complete {what} in {limits.read_timeout_s:g} s"
            ) from None
        raise MinerError(
            ErrorKind.TIMEOUT, f"timed out: no TCP answer in {limits.connect_timeout_s:g} s"
        ) from None
    finally:
        sock.close()


def _connect_error(exc: OSError, port: int) -> MinerError:
    if isinstance(exc, ConnectionRefusedError):
        return MinerError(ErrorKind.REFUSED, f"refused: nothing listens on port {port}")
    if exc.errno in _UNREACHABLE:
        return MinerError(ErrorKind.UNREACHABLE, f"unreachable: {exc.strerror}")
    return MinerError(ErrorKind.UNREACHABLE, f"cannot connect: {exc}")


async def _read_reply_sock(
    loop: asyncio.AbstractEventLoop, sock: socket.socket, limits: Limits, deadline: float
) -> bytes:
    """``_read_reply`` for a bare socket: up to the NUL or the close, capped and gated alike, the
    whole reply by ``deadline`` (a reply in several chunks: under one asyncio.timeout, which
    also bounds the wait for the big-reply gate)."""
    chunk = await recv(loop, sock, deadline, wait_first=True)
    nul = chunk.find(b"\x00")
    if nul >= 0:
        return chunk[:nul]  # the common case: a whole reply in one read
    if not chunk:
        return b""
    async with asyncio.timeout_at(deadline):
        return await _read_capped(lambda: recv(loop, sock), limits, chunk)


async def _read_reply(reader: ByteReader, limits: Limits) -> bytes:
    return await _read_capped(lambda: reader.read(65536), limits)


async def _read_capped(
    read: Callable[[], Awaitable[bytes]], limits: Limits, chunk: bytes | None = None
) -> bytes:
    """Chunks from ``read`` (``chunk`` first, if given) up to the NUL or the close: refused past
    the size cap or too many brackets, and through the big-reply gate once large."""
    async with contextlib.AsyncExitStack() as stack:
        chunks: list[bytes] = []
        size = containers = 0
        big = False
        while True:
            if chunk is None:
                chunk = await read()
            if not chunk:
                break
            nul = chunk.find(b"\x00")
            if nul >= 0:
                chunks.append(chunk[:nul])
                break
            chunks.append(chunk)
            size += len(chunk)
            containers = check_containers(containers, chunk, size)
            if size > limits.max_bytes:
                raise MinerError(
                    ErrorKind.TOO_LARGE,
                    f"reply too large: over {limits.max_bytes // (1024 * 1024)} MiB, dropped",
                )
            if not big and size > BIG_REPLY_BYTES:
                big = True
                await stack.enter_async_context(big_reply_gate())
            chunk = None
        return b"".join(chunks)


def parse_text_reply(text: str) -> Reply:
    """The plain-text reply form (``STATUS=S,…|SUMMARY,Elapsed=68,…|``) as the JSON shape."""
    out: dict[str, Any] = {}
    for section in _split_unescaped(text, "|"):
        if not section.strip():
            continue
        fields = _split_unescaped(section, ",")
        name = "STATUS"
        obj: dict[str, Any] = {}
        for i, item in enumerate(fields):
            key, sep, value = _partition_unescaped(item, "=")
            if not sep:
                if i == 0:
                    name = _unescape(key)
                continue
            obj[_unescape(key)] = _text_value(_unescape(value))
        if name == "STATUS" and "STATUS" not in obj:
            name = "STATUS"
        out.setdefault(name, []).append(obj)
    return out


def _split_unescaped(text: str, sep: str) -> list[str]:
    return re.split(r"(?<!\\)" + re.escape(sep), text)


def _partition_unescaped(text: str, sep: str) -> tuple[str, str, str]:
    m = re.search(r"(?<!\\)" + re.escape(sep), text)
    if not m:
        return text, "", ""
    return text[: m.start()], sep, text[m.end() :]


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _text_value(value: str) -> Any:
    try:
        return int(value)
    except ValueError:
        pass
    try:
        return float(value)
    except ValueError:
        return value


def parse_reply(raw: bytes) -> Reply:
    """Reply bytes → dict, repairing real firmware's broken JSON. Raises MinerError."""
    try:
        fast = loads_reply_fast(raw)
    except ReplyDecodeError as exc:
        raise decode_failure(exc, f"bad reply: {exc}") from None
    if fast is not None:
        value, applied = fast
        if not isinstance(value, dict):
            raise MinerError(ErrorKind.BAD_REPLY, f"bad reply: a JSON {type(value).__name__}")
        if applied:
            value[REPAIRS_KEY] = applied
        return value
    text = decode_text(raw)
    if not text:
        raise MinerError(ErrorKind.BAD_REPLY, "bad reply: empty")
    if text.startswith("Socket connect failed"):
        raise MinerError(
            ErrorKind.BAD_REPLY, "bad reply: the miner's API proxy has no miner behind it"
        )
    if text.startswith("STATUS="):
        return parse_text_reply(text)
    if text[0] not in "{[,":
        kind = ErrorKind.BAD_REPLY if "STATUS" in text[:200] else ErrorKind.NOT_A_MINER
        raise MinerError(kind, f"{kind}: reply starts with {text[:24]!r}")
    try:
        value, applied = loads_lenient(text)
    except ReplyDecodeError as exc:
        raise decode_failure(exc, f"bad reply: {exc}") from None
    if isinstance(value, list) and value and isinstance(value[0], dict):
        value = value[0]
    if not isinstance(value, dict):
        raise MinerError(ErrorKind.BAD_REPLY, f"bad reply: a JSON {type(value).__name__}")
    if applied:
        value[REPAIRS_KEY] = applied  # so the poller can tell the operator what was salvaged
    return value


@dataclass(frozen=True, slots=True)
class Status:
    letter: str  # S, I, W, E, F
    code: int | None
    msg: str
    description: str

    @property
    def ok(self) -> bool:
        return self.letter in ("S", "I")


def status_of(reply: Reply) -> Status:
    """The STATUS of a reply in any of its shapes (list of one object, or btminer's flat form)."""
    st = reply.get("STATUS")
    if isinstance(st, list) and st and isinstance(st[0], dict):
        d = st[0]
        return Status(
            str(d.get("STATUS", "")),
            _int(d.get("Code")),
            str(d.get("Msg", "")),
            str(d.get("Description", "")),
        )
    if isinstance(st, str):  # btminer flat envelope, or cgminer's bare "RESTART"/"BYE"
        letter = st if len(st) == 1 else ("S" if st in ("RESTART", "BYE") else st[:1])
        msg = reply.get("Msg")
        return Status(
            letter,
            _int(reply.get("Code")),
            msg if isinstance(msg, str) else "",
            str(reply.get("Description", "")),
        )
    return Status("", None, "", "")


def status_ok(reply: Reply) -> bool:
    """``status_of(reply).ok`` without building the Status (a few times per poll per reply)."""
    st = reply.get("STATUS")
    if isinstance(st, list) and st and isinstance(st[0], dict):
        return str(st[0].get("STATUS", "")) in ("S", "I")
    return status_of(reply).ok


def _int(v: Any) -> int | None:
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


def request_bytes(command: str, parameter: str | None = None) -> bytes:
    if parameter is None:
        return _plain_request(command)  # every poll's: encoded once
    body: dict[str, str] = {"command": command}
    if parameter is not None:
        body["parameter"] = parameter
    return json.dumps(body, separators=(",", ":")).encode()


@functools.lru_cache(maxsize=256)
def _plain_request(command: str) -> bytes:
    """No parameter, so nothing secret is kept (a parameter may carry a pool password)."""
    return json.dumps({"command": command}, separators=(",", ":")).encode()


# Replies read ahead (detection) serve a ``multi`` asked this soon after. Detection may wait
# seconds for the web login on a loaded machine (drivers/detect.py): a reading that old is
# still a first reading (sweeps are 30 s apart), asking again cost a request per miner.
PRIMED_FOR_S = 10.0


def split_multi(reply: Reply, commands: list[str] | tuple[str, ...]) -> dict[str, Reply]:
    """A multi-command reply → each member's normal reply (members missing from it are absent)."""
    out: dict[str, Reply] = {}
    for c in commands:
        part = reply.get(c)
        if isinstance(part, list) and part and isinstance(part[0], dict):
            out[c] = part[0]
        elif isinstance(part, dict):
            out[c] = part
    return out


class CGMinerClient:
    """Talks to one miner's API port. Remembers multi-command support, and replies read ahead
    (``prime``) that the next ``multi`` may use instead of asking again."""

    def __init__(self, host: str, port: int = 4028, limits: Limits = DEFAULT_LIMITS) -> None:
        self.host = host
        self.port = port
        self.limits = limits
        self.multi_supported: bool | None = None  # learned on first use
        self.last_rtt_ms: float | None = None
        self._primed: tuple[float, dict[str, Reply]] | None = None

    def prime(self, replies: dict[str, Reply]) -> None:
        """Replies just read (detection's identify-and-read request), for the first poll."""
        self._primed = (time.monotonic(), replies)

    def primed_reply(self, command: str) -> Reply | None:
        """One reply read ahead, left in place for the first poll (detection's fallback stage
        looks at it instead of asking again)."""
        if self._primed is None or time.monotonic() - self._primed[0] > PRIMED_FOR_S:
            return None
        return self._primed[1].get(command)

    def _take_primed(self, cmds: list[str]) -> dict[str, Reply] | None:
        if self._primed is None:
            return None
        at, replies = self._primed
        self._primed = None  # used once, and only while fresh
        if time.monotonic() - at > PRIMED_FOR_S or not all(c in replies for c in cmds):
            return None
        return {c: replies[c] for c in cmds}

    async def raw(self, payload: bytes) -> bytes:
        t0 = time.monotonic()
        data = await send_raw(self.host, self.port, payload, self.limits)
        self.last_rtt_ms = (time.monotonic() - t0) * 1000.0
        return data

    async def command(self, command: str, parameter: str | None = None) -> Reply:
        return parse_reply(await self.raw(request_bytes(command, parameter)))

    async def text(self, command: str) -> str:
        """The raw reply text (used by detection, which looks for vendor markers anywhere)."""
        return decode_text(await self.raw(command.encode()))

    async def multi(self, *commands: str) -> dict[str, Reply]:
        """Run several report commands; each value is that command's normal reply.

        A member the firmware rejects comes back as its error reply (check ``status_of``);
        a member missing altogether is absent from the result.
        """
        cmds = list(dict.fromkeys(commands))
        primed = self._take_primed(cmds)
        if primed is not None:
            return primed
        if len(cmds) == 1:
            return {cmds[0]: await self.command(cmds[0])}
        if self.multi_supported is not False:
            reply = await self.command("+".join(cmds))
            if any(c in reply for c in cmds):
                self.multi_supported = True
                out = split_multi(reply, cmds)
                missing = [c for c in cmds if c not in out]
                if missing:
                    out.update(await self._singles(missing))
                return out
            self.multi_supported = False
        return await self._singles(cmds)

    async def _singles(self, cmds: list[str]) -> dict[str, Reply]:
        results = await asyncio.gather(*(self.command(c) for c in cmds), return_exceptions=True)
        out: dict[str, Reply] = {}
        first_error: MinerError | None = None
        for c, r in zip(cmds, results, strict=True):
            if isinstance(r, MinerError):
                first_error = first_error or r
            elif isinstance(r, BaseException):
                raise r
            else:
                out[c] = r
        if not out and first_error is not None:
            raise first_error
        return out
