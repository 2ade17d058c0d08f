"""Async HTTP for the miners' web APIs (Antminer CGI, Bitaxe, ePIC, Braiins REST, …).

httpx rather than requests: it is async (thousands of miners on one loop, no thread per request)
and does HTTP Digest, which Antminer's CGI needs. One ``HttpClient`` is shared by all polls of an
engine; every request has a deadline and a size cap, and every failure becomes a MinerError with
the same words the TCP client uses, so the operator sees one vocabulary.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import os
import re
import zlib
from collections.abc import AsyncIterator, Generator
from dataclasses import dataclass, field
from typing import Any, cast
from urllib.parse import SplitResult, urlencode, urlsplit

import httpx

from rig_monitor.core.errors import MinerError
from rig_monitor.core.model import ErrorKind
from rig_monitor.core.wire.cgminer import (
    BIG_REPLY_BYTES,
    DEFAULT_LIMITS,
    Limits,
    big_reply_gate,
    check_containers,
    decode_failure,
)
from rig_monitor.core.wire.jsonrepair import ReplyDecodeError, decode_text, loads_lenient
from rig_monitor.core.wire.lightweb import Exchange, LightTransport, request_head

Auth = httpx.Auth | tuple[str, str] | None

log = logging.getLogger(__name__)


@dataclass(slots=True)
class HttpReply:
    status: int
    headers: dict[str, str]
    text: str
    url: str
    history: list[int] = field(default_factory=list)  # status codes of redirects followed
    # The Digest realm this request answered (its 401 challenge's), "" when none was asked:
    # a stock Antminer's "antMiner Configuration" names it without a ``GET /`` (detect_web).
    realm: str = ""

    def json(self) -> Any:
        try:
            return loads_lenient(self.text)[0]
        except ReplyDecodeError as exc:
            kind = ErrorKind.BAD_REPLY if self.text.lstrip()[:1] in "{[" else ErrorKind.NOT_A_MINER
            message = f"{kind}: {self.url} did not answer JSON ({exc})"
            raise decode_failure(exc, message, kind) from None


def _light_transport() -> bool:
    """Whether plain HTTP goes through lightweb (only without keep-alive, which we never use)."""
    return os.environ.get("RIG_MONITOR_HTTP") != "httpcore"


def digest(username: str, password: str) -> httpx.Auth:
    return httpx.DigestAuth(username, password)


class HttpClient:
    """Shared async HTTP client. Create and close it on the loop that uses it."""

    def __init__(
        self, limits: Limits = DEFAULT_LIMITS, *, max_connections: int = 128, shards: int = 8
    ) -> None:
        self.limits = limits
        # httpcore's pool does work proportional to queued requests × pool size on every
        # hand-out (measured: 22 M comparisons for 3,000 requests through one 256-slot pool).
        # So: several small pools, picked by host, each fed through an O(1) semaphore queue.
        self._per_shard = max(1, max_connections // max(1, shards))
        self._slots = [asyncio.Semaphore(self._per_shard) for _ in range(max(1, shards))]
        # httpx's clients are made when a request first needs one (POST, HTTPS, redirects):
        # plain GETs never do, and each client builds two SSL contexts and a transport
        self._clients: list[httpx.AsyncClient | None] = [None] * len(self._slots)
        self._inflight: set[asyncio.Task[HttpReply]] = set()
        # plain HTTP goes through lightweb (see _make_client), whose cancellation is clean
        self._light = _light_transport()

    def _client(self, shard: int) -> httpx.AsyncClient:
        client = self._clients[shard]
        if client is None:
            client = self._clients[shard] = self._make_client(self.limits, self._per_shard)
        return client

    @staticmethod
    def _make_client(limits: Limits, connections: int) -> httpx.AsyncClient:
        pool_limits = httpx.Limits(
            max_connections=connections, max_keepalive_connections=0
        )  # miners' tiny web servers handle keep-alive badly; one request per connection
        # Plain HTTP through lightweb (a cold identify + read measured
        # 3.86 against 5.52 ms CPU per miner through httpcore's pool, benchmarks/identify.py),
        # HTTPS through httpx's own transport. RIG_MONITOR_HTTP=httpcore: the old path.
        # Only without keep-alive: a pool that reuses connections needs httpcore's transport.
        transport: httpx.AsyncBaseTransport | None = None
        if _light_transport():
            transport = LightTransport(
                httpx.AsyncHTTPTransport(verify=False, limits=pool_limits, trust_env=False)
            )
        return httpx.AsyncClient(
            timeout=httpx.Timeout(limits.read_timeout_s, connect=limits.connect_timeout_s),
            limits=pool_limits,
            verify=False,  # miners serve self-signed certificates on the LAN
            follow_redirects=False,
            trust_env=False,  # never route LAN miners through a desktop's proxy settings
            transport=transport,
        )

    async def aclose(self) -> None:
        for task in list(self._inflight):
            task.cancel()
        if self._inflight:
            await asyncio.wait(list(self._inflight), timeout=1.0)
        for client in self._clients:
            if client is not None:
                await client.aclose()

    async def request(
        self,
        method: str,
        url: str,
        *,
        auth: Auth = None,
        headers: dict[str, str] | None = None,
        json_body: Any = None,
        data: dict[str, str] | str | None = None,
        params: dict[str, str] | None = None,
        follow_redirects: bool = False,
    ) -> HttpReply:
        content: bytes | None = None
        hdrs = dict(headers or {})
        if json_body is not None:
            content = json.dumps(json_body).encode()
            hdrs.setdefault("Content-Type", "application/json")
        elif isinstance(data, str):
            content = data.encode()
        # by host (urlsplit: httpx.URL's parse was a tenth of a light request's CPU)
        shard = hash(urlsplit(url).hostname) % len(self._slots)

        async def run() -> HttpReply:
            async with self._slots[shard]:
                return await self._request(
                    shard, method, url, auth, hdrs, content, data, params, follow_redirects
                )

        if self._light and url.startswith("http:"):
            # lightweb owns its one socket per request and closes it when cancelled: a caller
            # that gives up frees the socket at once (tests/core/wire/test_lightweb.py).
            return await run()
        # httpcore 1.0.9 orphans a pooled connection when the request's task is cancelled at the
        # wrong moment (encode/httpcore#1093, #830): detection races and poll budgets cancel
        # requests all the time, and ~150 sockets were left ESTABLISHED/CLOSE-WAIT between
        # sweeps. So the request runs in its own task that a cancelled caller does not cancel:
        # it ends within the request's own timeouts and hands its connection back cleanly.
        task = asyncio.ensure_future(run())
        self._inflight.add(task)
        task.add_done_callback(_forget_task(self._inflight))
        return await asyncio.shield(task)

    async def _request(
        self,
        shard: int,
        method: str,
        url: str,
        auth: Auth,
        hdrs: dict[str, str],
        content: bytes | None,
        data: dict[str, str] | str | None,
        params: dict[str, str] | None,
        follow_redirects: bool,
    ) -> HttpReply:
        try:
            if (
                self._light
                and url.startswith("http:")
                and not follow_redirects
                and (
                    (method == "GET" and (auth is None or isinstance(auth, httpx.DigestAuth)))
                    or (method == "POST" and auth is None)
                )
            ):
                # POSTs too (logins of Auradine, IceRiver, Vnish, Braiins' REST) and GETs with
                # query parameters (Goldshell's, IceRiver's): each built an httpx client per
                # shard on first use (two SSL contexts, ~2 ms) and paid its per-request cost
                if isinstance(data, dict):
                    content = urlencode(data).encode()
                    hdrs.setdefault("Content-Type", "application/x-www-form-urlencoded")
                query = urlencode(params) if params else ""
                return await self._get_light(
                    url, auth, hdrs, method=method, body=content or b"", query=query
                )
            async with self._client(shard).stream(
                method,
                url,
                auth=auth if auth is not None else httpx.USE_CLIENT_DEFAULT,
                headers=hdrs,
                content=content,
                data=data if isinstance(data, dict) else None,
                params=params,
                follow_redirects=follow_redirects,
            ) as resp:
                body = await self._read_body(
                    url, resp.headers.get("content-type", ""), resp.aiter_bytes()
                )
                reply = HttpReply(
                    status=resp.status_code,
                    headers={k.lower(): v for k, v in resp.headers.items()},
                    text=decode_text(body),
                    url=url,
                    history=[r.status_code for r in resp.history],
                    realm=_answered_realm(resp.request),
                )
        except httpx.ConnectTimeout:
            raise MinerError(
                ErrorKind.TIMEOUT,
                f"timed out: no TCP answer from {url} in {self.limits.connect_timeout_s:g} s",
            ) from None
        except httpx.TimeoutException:
            raise MinerError(
                ErrorKind.TIMEOUT,
                f"timed out: no complete reply from {url} in {self.limits.read_timeout_s:g} s",
            ) from None
        except httpx.ConnectError as exc:
            if _caused_by(exc, ConnectionRefusedError):
                raise MinerError(ErrorKind.REFUSED, f"refused: nothing listens at {url}") from None
            raise MinerError(ErrorKind.UNREACHABLE, f"unreachable: {url} ({exc})") from None
        except httpx.HTTPError as exc:
            raise MinerError(ErrorKind.BAD_REPLY, f"bad reply: {url} ({exc})") from None
        return self._checked(reply, auth)

    @staticmethod
    def _checked(reply: HttpReply, auth: Auth) -> HttpReply:
        if reply.status == 401 and auth is not None:
            raise MinerError(
                ErrorKind.AUTH_FAILED, f"auth failed: {reply.url} rejected the credentials"
            )
        return reply

    async def _read_body(self, url: str, content_type: str, chunks: AsyncIterator[bytes]) -> bytes:
        """The reply body under the size cap, the container count and the big-reply gate."""
        body = bytearray()
        gate: asyncio.Semaphore | None = None  # this loop's big-reply slot, once held
        try:
            containers = 0
            # JSON only: a web page's inline script may open many braces legitimately
            json_body = "json" in content_type
            async for chunk in chunks:
                json_body = json_body or (not body and chunk.lstrip()[:1] in (b"{", b"["))
                body += chunk
                if json_body:
                    containers = check_containers(containers, chunk, len(body))
                if len(body) > self.limits.max_bytes:
                    raise MinerError(
                        ErrorKind.TOO_LARGE,
                        f"reply too large: {url} sent over "
                        f"{self.limits.max_bytes // (1024 * 1024)} MiB",
                    )
                if gate is None and len(body) > BIG_REPLY_BYTES:
                    # (not an AsyncExitStack: one per reply was ~2 % of a small page's CPU)
                    slots = big_reply_gate()
                    await slots.acquire()
                    gate = slots
        finally:
            if gate is not None:
                gate.release()
        return bytes(body)

    async def _get_light(
        self,
        url: str,
        auth: httpx.DigestAuth | None,
        hdrs: dict[str, str],
        *,
        method: str = "GET",
        body: bytes = b"",
        query: str = "",
    ) -> HttpReply:
        """A plain request on lightweb.Exchange (see there why), Digest (GET only) through
        httpx's own flow. ``query``: encoded parameters added to the URL's own (never shown in
        a message: they may hold a password).

        A Digest challenge's 401 is answered on the same connection when the server keeps it
        open, as browsers and httpx's pooled client do: the stock web UI's 401 (lighttpd
        1.4.69, realm "antMiner Configuration") carried no ``Connection: close`` on a real
        S19j Pro (pyasic issue #243, its headers printed; Hiveon firmware, which keeps the stock
        web UI), so a cold login costs one connection, not two. A server that closes after the 401 (says
        so, or drops the connection before answering) gets the answer on a new connection."""
        parts = urlsplit(url)
        joined_query = "&".join(q for q in (parts.query, query) if q)
        target = (parts.path or "/") + (f"?{joined_query}" if joined_query else "")
        base = [("Host", parts.netloc), ("Accept", "*/*"), ("User-Agent", _USER_AGENT)]
        base += hdrs.items()
        if method != "GET" or body:
            base.append(("Content-Length", str(len(body))))
        if auth is None:
            status, headers, content = await self._exchange_light(
                parts, target, base, "", url, method, body
            )
        else:
            status, headers, content, sent = await self._digest_light(
                parts, target, base, url, auth, hdrs
            )
        joined: dict[str, str] = {}
        for name, value in headers:
            key = name.decode("latin-1").lower()
            text = value.decode("latin-1")
            joined[key] = f"{joined[key]}, {text}" if key in joined else text
        reply = HttpReply(
            status=status,
            headers=joined,
            text=decode_text(_decoded(content, joined.get("content-encoding", ""), self.limits)),
            url=url,
            realm=_realm_of(sent) if auth is not None else "",
        )
        return self._checked(reply, auth)

    async def _digest_light(
        self,
        parts: SplitResult,
        target: str,
        base: list[tuple[str, str]],
        url: str,
        auth: httpx.DigestAuth,
        hdrs: dict[str, str],
    ) -> tuple[int, list[tuple[bytes, bytes]], bytes, str]:
        """The request, and its Digest answer if challenged: status, headers, body and the
        Authorization header last sent."""
        request = httpx.Request("GET", _parsed_url(url), headers=hdrs)
        flow = auth.auth_flow(request)
        sent = next(flow).headers.get("authorization", "")  # a challenge known: answered
        # no ``Connection: close`` on this one: a 401 may follow, answered on this connection
        exchange = self._exchange(parts, _request(target, base, sent, close=False), closing=False)
        async with exchange as (status, headers, chunks):
            body = await self._read_body(url, _content_type(headers), chunks)
            if status != 401:
                return status, headers, body, sent
            try:
                retry = _answer(flow, auth, request, headers)
            except StopIteration:
                return status, headers, body, sent  # no Digest challenge, or a foreign realm
            sent = retry.headers.get("authorization", "")
            answer = _request(target, base, sent, close=True)
            if exchange.reusable():
                try:
                    status, headers, chunks = await exchange.again(answer)
                except (httpx.NetworkError, httpx.RemoteProtocolError):
                    pass  # closed after the 401 without saying so: a new connection below
                else:
                    body = await self._read_body(url, _content_type(headers), chunks)
                    return status, headers, body, sent
        async with self._exchange(parts, answer) as (status, headers, chunks):
            body = await self._read_body(url, _content_type(headers), chunks)
        return status, headers, body, sent

    def _exchange(
        self, parts: SplitResult, head: bytes, body: bytes = b"", *, closing: bool = True
    ) -> Exchange:
        return Exchange(
            parts.hostname or "",
            parts.port or 80,
            head,
            self.limits.connect_timeout_s,
            self.limits.read_timeout_s,
            body,
            closing=closing,
        )

    async def _exchange_light(
        self,
        parts: SplitResult,
        target: str,
        base: list[tuple[str, str]],
        authorization: str,
        url: str,
        method: str = "GET",
        body: bytes = b"",
    ) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        request = _request(target, base, authorization, close=True, method=method)
        async with self._exchange(parts, request, body) as (status, reply_headers, chunks):
            body = await self._read_body(url, _content_type(reply_headers), chunks)
        return status, reply_headers, body

    async def get(self, url: str, **kw: Any) -> HttpReply:
        return await self.request("GET", url, **kw)

    async def post(self, url: str, **kw: Any) -> HttpReply:
        return await self.request("POST", url, **kw)

    async def get_json(self, url: str, **kw: Any) -> Any:
        reply = await self.get(url, **kw)
        if reply.status >= 400:
            raise MinerError(ErrorKind.BAD_REPLY, f"bad reply: {url} answered HTTP {reply.status}")
        return reply.json()

    async def post_json(self, url: str, body: Any, **kw: Any) -> Any:
        reply = await self.post(url, json_body=body, **kw)
        if reply.status >= 400:
            raise MinerError(ErrorKind.BAD_REPLY, f"bad reply: {url} answered HTTP {reply.status}")
        return reply.json()


def _forget_task(inflight: set[asyncio.Task[HttpReply]]) -> Any:
    def done(task: asyncio.Task[HttpReply]) -> None:
        inflight.discard(task)
        if not task.cancelled():
            task.exception()  # retrieved: a caller that gave up must not leave a warning behind

    return done


_REALM = re.compile(r'realm="([^"]*)"', re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def _parsed_url(url: str) -> httpx.URL:
    """httpx's parse of a page URL, once per URL: the Digest flow needs an ``httpx.Request``, and
    parsing the same miner page's URL at every login was half of building one (47 against
    24 µs, timeit). httpx.URL is immutable."""
    return httpx.URL(url)


def _answered_realm(request: httpx.Request) -> str:
    return _realm_of(request.headers.get("authorization", ""))


def _realm_of(authorization: str) -> str:
    if authorization[:7].lower() != "digest ":
        return ""
    m = _REALM.search(authorization)
    return m.group(1) if m else ""


_USER_AGENT = f"python-httpx/{httpx.__version__}"  # what httpx's client sends


def _request(
    target: str, base: list[tuple[str, str]], authorization: str, close: bool, method: str = "GET"
) -> bytes:
    headers = [*base, ("Authorization", authorization)] if authorization else list(base)
    if close:
        headers.append(("Connection", "close"))
    return request_head(method, target, headers)


def _content_type(headers: list[tuple[bytes, bytes]]) -> str:
    return next((v.decode("latin-1") for k, v in headers if k == b"content-type"), "")


class _Challenge:
    """A 401 as httpx's Digest flow reads it: ``status_code``, ``headers`` (httpx's own model)
    and ``cookies``. Not an ``httpx.Response``: building one (its stream, its read, its header
    model) was ~30 µs of a stock login's ~150 µs Digest flow (timeit, 2026-12-03), and only the
    flow's Authorization header is sent, so no cookies are parsed either (httpx's cookie jar
    was ~6 % of a login's CPU). tests/core/wire/test_digest_challenge.py checks that httpx's
    flow answers it exactly as it answers a real response, so an httpx that reads more of the
    response fails there, not on a miner."""

    __slots__ = ("headers",)
    status_code = 401
    cookies: dict[str, str] = {}  # noqa: RUF012 (read-only: empty, so no Cookie header)

    def __init__(self, headers: list[tuple[bytes, bytes]]) -> None:
        self.headers = httpx.Headers(headers)


def _answer(
    flow: Generator[httpx.Request, httpx.Response, None],
    auth: httpx.DigestAuth,
    request: httpx.Request,
    headers: list[tuple[bytes, bytes]],
) -> httpx.Request:
    """The Digest flow's answer to a 401, from the light challenge; from a real response if
    this httpx reads more of it than the light one has (a newer httpx than the one tested:
    slower, never a failed login). StopIteration: no answer (no Digest challenge)."""
    try:
        return flow.send(cast(httpx.Response, _Challenge(headers)))
    except (AttributeError, TypeError) as exc:
        log.debug("httpx's Digest flow wants a full response (%s): using one", exc)
        again = auth.auth_flow(request)
        next(again)
        return again.send(httpx.Response(401, headers=headers, request=request))


def _decoded(body: bytes, encoding: str, limits: Limits) -> bytes:
    """No Accept-Encoding is sent, but a server may compress anyway: gzip and deflate are
    undone (bounded by the size cap), anything else is left to fail as JSON."""
    encoding = encoding.strip().lower()
    if encoding not in ("gzip", "x-gzip", "deflate") or not body:
        return body
    wbits = 31 if "gzip" in encoding else 15
    try:
        out = zlib.decompressobj(wbits).decompress(body, limits.max_bytes + 1)
    except zlib.error:
        raise MinerError(
            ErrorKind.BAD_REPLY, "bad reply: a compressed body that does not inflate"
        ) from None
    if len(out) > limits.max_bytes:
        raise MinerError(
            ErrorKind.TOO_LARGE,
            f"reply too large: over {limits.max_bytes // (1024 * 1024)} MiB once inflated",
        )
    return out


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    seen: BaseException | None = exc
    for _ in range(8):  # httpx → httpcore → OSError → ConnectionRefusedError
        if seen is None:
            return False
        if isinstance(seen, kind):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def base_url(ip: str, port: int, scheme: str = "http") -> str:
    default = 80 if scheme == "http" else 443
    return f"{scheme}://{ip}" if port == default else f"{scheme}://{ip}:{port}"
