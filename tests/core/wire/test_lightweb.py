"""The light HTTP path under HttpClient (httptools on bare sockets) against scripted loopback
servers: framing, hostile replies, cancellation (the socket must be closed, not orphaned)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
import pytest

from rig_monitor.core.errors import MinerError
from rig_monitor.core.model import ErrorKind
from rig_monitor.core.wire.cgminer import Limits
from rig_monitor.core.wire.http import HttpClient
from rig_monitor.core.wire.lightweb import LightTransport

Script = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]
LIMITS = Limits(1.0, 0.5, max_bytes=64 * 1024)


async def _serve(script: Script) -> tuple[asyncio.Server, str, list[bytes]]:
    requests: list[bytes] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        requests.append(await reader.readuntil(b"\r\n\r\n"))
        try:
            await script(reader, writer)
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    return server, f"http://127.0.0.1:{port}/x", requests


def run(script: Script, timeout: float = 5.0) -> tuple[object, list[bytes]]:
    async def go() -> tuple[object, list[bytes]]:
        server, url, requests = await _serve(script)
        client = HttpClient(LIMITS)
        try:
            async with asyncio.timeout(timeout):
                try:
                    return await client.get(url), requests
                except MinerError as exc:
                    return exc, requests
        finally:
            await client.aclose()
            server.close()

    return asyncio.run(go())


def test_the_light_transport_is_the_default() -> None:
    client = HttpClient(LIMITS)
    assert client._clients == [None] * len(client._clients)  # made only when first needed
    transport = client._client(0)._transport
    assert isinstance(transport, LightTransport)
    asyncio.run(client.aclose())


def test_chunked_body_is_assembled_and_one_request_per_connection() -> None:
    async def script(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        w.write(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
        w.write(b'4\r\n{"a"\r\n3\r\n:1}\r\n0\r\n\r\n')
        await w.drain()

    reply, requests = run(script)
    assert getattr(reply, "status", None) == 200 and reply.json() == {"a": 1}  # type: ignore[attr-defined]
    assert b"connection: close" in requests[0].lower()
    assert requests[0].startswith(b"GET /x HTTP/1.1\r\n")


def test_body_until_close_without_length() -> None:
    async def script(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        w.write(b"HTTP/1.0 200 OK\r\n\r\n<html>AxeOS</html>")
        await w.drain()

    reply, _ = run(script)
    assert reply.text == "<html>AxeOS</html>"  # type: ignore[attr-defined]


def test_silent_after_headers_is_a_timeout() -> None:
    async def script(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        w.write(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{")
        await w.drain()
        await asyncio.sleep(3)

    err, _ = run(script)
    assert isinstance(err, MinerError) and err.kind is ErrorKind.TIMEOUT


def test_closed_without_reply_and_garbage_are_bad_replies() -> None:
    async def closes(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        return

    async def garbage(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        w.write(b"\x00\xffnot http at all\r\n\r\n")
        await w.drain()

    for script in (closes, garbage):
        err, _ = run(script)
        assert isinstance(err, MinerError) and err.kind is ErrorKind.BAD_REPLY, err


def test_oversized_body_is_too_large() -> None:
    async def script(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        w.write(b"HTTP/1.1 200 OK\r\nContent-Length: 200000\r\n\r\n" + b" " * 200000)
        await w.drain()

    err, _ = run(script)
    assert isinstance(err, MinerError) and err.kind is ErrorKind.TOO_LARGE


def test_cancelled_request_closes_its_socket() -> None:
    async def go() -> bool:
        closed = asyncio.Event()

        async def script(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
            w.write(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{")
            await w.drain()
            await r.read()  # returns b"" once the client closed its end
            closed.set()

        server, url, _ = await _serve(script)
        client = HttpClient(Limits(1.0, 30.0))
        task = asyncio.create_task(client.get(url))
        await asyncio.sleep(0.2)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        try:
            await asyncio.wait_for(closed.wait(), 2.0)
            return True
        finally:
            await client.aclose()
            server.close()

    assert asyncio.run(go())


@pytest.mark.parametrize("path", ["httpcore", "light"])
def test_both_transports_read_the_same_reply(path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RIG_MONITOR_HTTP", path)

    async def script(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        body = b'{"minertype":"Antminer S21"}'
        w.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\nX-A: b\r\n\r\n%s" % (len(body), body))
        await w.drain()

    reply, _ = run(script)
    assert reply.json() == {"minertype": "Antminer S21"}  # type: ignore[attr-defined]
    assert reply.headers["x-a"] == "b"  # type: ignore[attr-defined]


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_a_host_name_takes_asyncio_streams_and_reads_the_same(
    host: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """IPv4 literals go over a bare socket, anything else (a name, IPv6) over asyncio's streams:
    both read the same reply and close their connection."""
    from rig_monitor.core.wire import lightweb

    opened: list[str] = []
    real_open = asyncio.open_connection

    async def counted(h: str, p: int) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        opened.append(h)
        return await real_open(h, p)

    monkeypatch.setattr(lightweb.asyncio, "open_connection", counted)

    async def script(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        body = b'{"minertype":"Antminer S21"}'
        w.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))
        await w.drain()

    async def go() -> tuple[object, list[bytes]]:
        server, url, requests = await _serve(script)
        client = HttpClient(LIMITS)
        try:
            return await client.get(url.replace("127.0.0.1", host)), requests
        finally:
            await client.aclose()
            server.close()

    reply, requests = asyncio.run(go())
    assert reply.json() == {"minertype": "Antminer S21"}  # type: ignore[attr-defined]
    assert len(requests) == 1 and b"Connection: close" in requests[0]
    assert opened == ([] if host == "127.0.0.1" else ["localhost"])


def _run_call(
    script: Script, call: Callable[[HttpClient, str], Awaitable[object]]
) -> tuple[object, list[bytes], bytes]:
    """``call`` against a scripted server; also returns what the server read after the head."""

    async def go() -> tuple[object, list[bytes], bytes]:
        rest = bytearray()

        async def body_then(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(0.2):
                    rest.extend(await r.read(65536))
            await script(r, w)

        server, url, requests = await _serve(body_then)
        client = HttpClient(LIMITS)
        try:
            async with asyncio.timeout(5.0):
                try:
                    return await call(client, url), requests, bytes(rest)
                except MinerError as exc:
                    return exc, requests, bytes(rest)
        finally:
            await client.aclose()
            server.close()

    return asyncio.run(go())


async def _ok_json(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
    w.write(b'HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n{"ok":true}')
    await w.drain()


def test_a_post_goes_on_the_light_path_with_its_body_and_length() -> None:
    async def post(c: HttpClient, url: str) -> object:
        reply = await c.post(url, json_body={"a": 1})
        assert c._clients == [None] * len(c._clients)  # no httpx client was made for it
        return reply

    reply, requests, rest = _run_call(_ok_json, post)
    assert getattr(reply, "status", None) == 200 and reply.json() == {"ok": True}  # type: ignore[attr-defined]
    head = requests[0].lower()
    assert head.startswith(b"post /x http/1.1\r\n")
    assert b"content-length: 8\r\n" in head and b"content-type: application/json" in head
    assert rest == b'{"a": 1}'


def test_query_parameters_go_on_the_light_path_and_stay_out_of_messages() -> None:
    async def refuse(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        w.write(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nnope!")
        await w.drain()

    reply, requests, _ = _run_call(
        refuse, lambda c, url: c.get_json(url + "?a=1", params={"user": "root", "pwd": "s e&c"})
    )
    assert requests[0].startswith(b"GET /x?a=1&user=root&pwd=s+e%26c HTTP/1.1\r\n")
    assert (
        isinstance(reply, MinerError) and "s+e" not in reply.message and "pwd" not in reply.message
    )


def test_a_form_post_is_encoded_as_a_form() -> None:
    _, requests, rest = _run_call(_ok_json, lambda c, url: c.post(url, data={"k": "v w"}))
    assert b"content-type: application/x-www-form-urlencoded" in requests[0].lower()
    assert rest == b"k=v+w"


def _raw_reply(raw: bytes, chunked_writes: bool = False) -> object:
    async def script(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        if chunked_writes:  # one byte at a time: the parser must carry state across reads
            for i in range(len(raw)):
                w.write(raw[i : i + 1])
                await w.drain()
        else:
            w.write(raw)
            await w.drain()

    reply, _ = run(script)
    return reply


_DIGEST_401 = (
    b"HTTP/1.1 401 Unauthorized\r\n"
    b'WWW-Authenticate: Digest realm="antMiner Configuration", qop="auth", nonce="1:2"\r\n'
    b"Content-Type: text/html\r\nContent-Length: 16\r\n\r\n<html>401</html>"
)


def test_a_reply_fed_one_byte_at_a_time_reads_the_same() -> None:
    whole = _raw_reply(_DIGEST_401)
    dribbled = _raw_reply(_DIGEST_401, chunked_writes=True)
    for reply in (whole, dribbled):
        assert getattr(reply, "status", None) == 401
        assert reply.headers["www-authenticate"].startswith('Digest realm="antMiner')  # type: ignore[attr-defined]
        assert reply.text == "<html>401</html>"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "raw",
    [
        b"HTTP/1.1 200 OK\nContent-Length: 2\n\nok",  # bare LF line ends (h11 read them)
        b"HTTP/1.1 200\r\nContent-Length: 2\r\n\r\nok",  # no reason phrase
        b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
        b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"2\r\nok\r\n0\r\n\r\n",  # the chunks win over the length
        b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\noktrailing junk",
    ],
)
def test_replies_h11_read_are_still_read(raw: bytes) -> None:
    reply = _raw_reply(raw)
    assert getattr(reply, "status", None) == 200 and reply.text == "ok"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "raw",
    [
        b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort",  # cut inside the body
        b"HTTP/1.1 200 OK\r\nContent-Le",  # cut inside the head
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab",  # cut inside a chunk
        b"HTTP/1.1 20 OK\r\n\r\n",  # a two-digit status
        b"HTTP/1.1 200 OK\r\nContent-Length : 2\r\n\r\nok",  # space before the colon
        b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok",
        b"HTTP/1.1 200 OK\r\nContent-Length: -2\r\n\r\nok",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nok\r\n0\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nX: " + b"a" * 40000,  # a head that never ends, over 16 KiB
        b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\nConnection: upgrade\r\n\r\nzz",
        # read by h11, refused by llhttp (lightweb._Reply): a folded header line, a control
        # character in a value, an unknown version
        b"HTTP/1.1 200 OK\r\nX-A: a\r\n b\r\nContent-Length: 2\r\n\r\nok",
        b"HTTP/1.1 200 OK\r\nX-A: a\x01b\r\nContent-Length: 2\r\n\r\nok",
        b"HTTP/1.2 200 OK\r\nContent-Length: 2\r\n\r\nok",
    ],
)
def test_cut_or_malformed_replies_are_bad_replies(raw: bytes) -> None:
    err = _raw_reply(raw)
    assert isinstance(err, MinerError) and err.kind is ErrorKind.BAD_REPLY, err


def test_a_huge_head_is_refused_before_it_is_all_read() -> None:
    """A server that streams one endless header: refused at the head limit, not at the read
    deadline (memory stays bounded)."""

    async def script(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        w.write(b"HTTP/1.1 200 OK\r\nX: ")
        with contextlib.suppress(ConnectionError):
            for _ in range(2000):  # up to 32 MiB, unless the client gives up first
                w.write(b"a" * 16384)
                await w.drain()

    err, _ = run(script)
    assert isinstance(err, MinerError) and err.kind is ErrorKind.BAD_REPLY
    assert "16 KiB" in err.message


@pytest.mark.parametrize(
    "headers",
    [{"X-A": "a\r\nInjected: 1"}, {"Bad Name": "1"}, {"X-A": "a\x00b"}],
)
def test_a_request_header_that_could_split_the_request_is_not_sent(
    headers: dict[str, str],
) -> None:
    reply, requests, _ = _run_call(_ok_json, lambda c, url: c.get(url, headers=headers))
    assert isinstance(reply, MinerError) and reply.kind is ErrorKind.BAD_REPLY
    assert requests == []  # nothing was sent


def test_httpx_client_path_follows_a_redirect_and_posts_through_the_light_transport() -> None:
    """What still goes through httpx's client (redirects, a POST with auth) rides LightTransport:
    the same parser and request writer as the light path, the body's length added by it."""
    heads: list[bytes] = []

    async def go() -> tuple[object, object]:
        async def handle(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
            head = await r.readuntil(b"\r\n\r\n")
            heads.append(head)
            if head.startswith(b"GET /a "):
                w.write(b"HTTP/1.1 302 Found\r\nLocation: /b\r\nContent-Length: 0\r\n\r\n")
            elif head.startswith(b"POST "):
                length = next(
                    int(line.split(b":")[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                )
                body = await r.readexactly(length)
                w.write(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
                w.write(b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body))
            else:
                w.write(b'HTTP/1.0 200 OK\r\n\r\n{"b": 1}')
            await w.drain()
            w.close()

        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        base = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
        client = HttpClient(LIMITS)
        try:
            got = await client.get(base + "/a", follow_redirects=True)
            posted = await client.post(
                base + "/p", json_body={"x": 1}, auth=httpx.BasicAuth("u", "p")
            )
            return got, posted
        finally:
            await client.aclose()
            server.close()

    got, posted = asyncio.run(go())
    assert getattr(got, "history", None) == [302] and got.json() == {"b": 1}  # type: ignore[attr-defined]
    assert posted.json() == {"x": 1}  # type: ignore[attr-defined]
    assert [h.split(b"\r\n")[0] for h in heads] == [
        b"GET /a HTTP/1.1",
        b"GET /b HTTP/1.1",
        b"POST /p HTTP/1.1",
    ]
    assert all(b"\r\nConnection: close\r\n" in h for h in heads)
    assert b"\r\nAuthorization: Basic " in heads[2]


def test_a_streamed_body_is_sent_whole_with_its_length() -> None:
    """httpx marks a streamed body "chunked"; LightTransport reads it whole and sends it with a
    Content-Length instead (it writes no chunk framing)."""
    seen: list[bytes] = []

    async def go() -> object:
        async def handle(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
            head = await r.readuntil(b"\r\n\r\n")
            seen.append(head)
            seen.append(await r.readexactly(4))
            w.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
            await w.drain()
            w.close()

        async def parts() -> AsyncIterator[bytes]:
            yield b"ab"
            yield b"cd"

        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        transport = LightTransport(httpx.AsyncHTTPTransport())
        try:
            async with httpx.AsyncClient(transport=transport) as client:
                reply = await client.post(f"http://127.0.0.1:{port}/s", content=parts())
                return reply.text
        finally:
            server.close()

    assert asyncio.run(go()) == "ok"
    assert b"\r\nContent-Length: 4\r\n" in seen[0] and b"chunked" not in seen[0].lower()
    assert seen[1] == b"abcd"
