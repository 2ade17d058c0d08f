"""The server side of the miners' other wires: a minimal HTTP/1.1 and the Whatsminer v3 framing.

Miner web servers (lighttpd on Antminer, ESP-IDF httpd on Bitaxe, ePIC's REST server) answer one
request per connection well enough; that is mostly what the simulator imitates: request line,
headers, a Content-Length body, ``Connection: close``. The stock Antminer's Digest challenge is
the exception: lighttpd leaves that connection open for the answer (KEEP_OPEN). Digest auth is implemented server-side so the client's
real Digest handshake (401 challenge, then a hashed retry) is exercised, not bypassed.

Shares no code with the client (``core/wire/http.py``, httpx) on purpose.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
import struct
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import parse_qsl, unquote, urlsplit

MAX_HEAD = 16 * 1024
MAX_BODY = 256 * 1024
MAX_FRAME = 256 * 1024
_METHOD = re.compile(rb"^[A-Z]{3,7} ")
_DIGEST_PARAM = re.compile(r'(\w+)=(?:"([^"]*)"|([^\s,]+))')


class BadHttp(Exception):
    """The bytes are not an HTTP request the server can answer (it replies 400)."""


@dataclass(frozen=True, slots=True)
class HttpRequest:
    method: str
    path: str  # without the query string, percent-decoded
    query: dict[str, str]
    headers: dict[str, str]  # keys lower-cased
    body: bytes
    target: str  # the raw request target, as the Digest ``uri`` names it


def looks_like_http(first: bytes) -> bool:
    """A request starts with an upper-case method token; a CGMiner JSON request starts with "{"."""
    return bool(_METHOD.match(first[:8]))


async def read_http_request(reader: asyncio.StreamReader, timeout_s: float) -> HttpRequest | None:
    """One request, or None when the client connected and left without asking (a port probe)."""
    head = bytearray()
    async with asyncio.timeout(timeout_s):
        while b"\r\n\r\n" not in head:
            chunk = await reader.read(4096)
            if not chunk:
                if not head:
                    return None
                raise BadHttp("request ended inside the headers")
            head += chunk
            if head[:1] == b"{" or (len(head) >= 8 and not looks_like_http(bytes(head[:8]))):
                raise BadHttp("not an HTTP request")
            if len(head) > MAX_HEAD:
                raise BadHttp("headers too large")
        raw_head, _, rest = bytes(head).partition(b"\r\n\r\n")
        lines = raw_head.decode("latin-1").split("\r\n")
        parts = lines[0].split(" ")
        if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
            raise BadHttp(f"bad request line {lines[0]!r}")
        method, target, _ = parts
        headers: dict[str, str] = {}
        for line in lines[1:]:
            name, sep, value = line.partition(":")
            if not sep:
                raise BadHttp(f"bad header line {line!r}")
            headers[name.strip().lower()] = value.strip()
        try:
            length = int(headers.get("content-length", "0"))
        except ValueError:
            raise BadHttp("bad Content-Length") from None
        if not 0 <= length <= MAX_BODY:
            raise BadHttp("body too large")
        body = bytearray(rest)
        while len(body) < length:
            chunk = await reader.read(length - len(body))
            if not chunk:
                raise BadHttp("request ended inside the body")
            body += chunk
    url = urlsplit(target)
    return HttpRequest(
        method=method,
        path=unquote(url.path) or "/",
        query=dict(parse_qsl(url.query, keep_blank_values=True)),
        headers=headers,
        body=bytes(body[:length]),
        target=target,
    )


# A reply whose headers hold this item leaves the connection open (no ``Connection`` header on
# the wire: HTTP/1.1's default), as lighttpd does; every other reply says ``Connection: close``.
KEEP_OPEN = ("Connection", "keep-alive")
# How long a kept connection waits for the next request: lighttpd's default
# ``server.max-keep-alive-idle`` (5 s, lighttpd 1.4 configuration docs).
KEEP_ALIVE_IDLE_S = 5.0


def render_head(status: int, headers: dict[str, str], length: int | None) -> bytes:
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = "Unknown"
    keep = length is not None and headers.get(KEEP_OPEN[0]) == KEEP_OPEN[1]
    lines = [f"HTTP/1.1 {status} {reason}"]
    lines += [
        f"{k}: {v}" for k, v in headers.items() if k.lower() not in ("content-length", "connection")
    ]
    if length is not None:
        lines.append(f"Content-Length: {length}")
    if not keep:
        lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def keeps_open(response: bytes) -> bool:
    """Whether a rendered reply left the connection open for another request (render_head)."""
    head = response.partition(b"\r\n\r\n")[0]
    return (
        head.startswith(b"HTTP/1.1 ")
        and b"\r\nContent-Length: " in head
        and b"\r\nConnection: close" not in head
    )


def render_response(status: int, headers: dict[str, str], body: bytes) -> bytes:
    return render_head(status, headers, len(body)) + body


def bad_request(message: str) -> bytes:
    return render_response(
        400, {"Content-Type": "text/plain"}, f"400 Bad Request: {message}\n".encode()
    )


def not_found(path: str) -> bytes:
    body = f"<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1>{path}</body></html>"
    return render_response(404, {"Content-Type": "text/html"}, body.encode())


# --- HTTP Digest (RFC 2617, MD5, qop=auth) ------------------------------------------------------


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()


def digest_challenge(
    realm: str, body: bytes = b"", *, keep_open: bool = False
) -> tuple[int, dict[str, str], bytes]:
    """``keep_open``: the connection stays open for the answer (see KEEP_OPEN)."""
    nonce = os.urandom(16).hex()
    www = f'Digest realm="{realm}", qop="auth", nonce="{nonce}", opaque="{_md5(realm)}"'
    html = body or b"<html><head><title>401 Unauthorized</title></head><body>401</body></html>"
    headers = {"WWW-Authenticate": www, "Content-Type": "text/html"}
    if keep_open:
        headers[KEEP_OPEN[0]] = KEEP_OPEN[1]
    return 401, headers, html


def digest_ok(
    method: str, headers: dict[str, str], realm: str, username: str, password: str
) -> bool:
    """Whether the request's Authorization header proves ``username``/``password``. Any nonce is
    accepted (the sim keeps no nonce table); the hash must still match, so a wrong password fails."""
    auth = headers.get("authorization", "")
    scheme, _, rest = auth.partition(" ")
    if scheme.lower() != "digest":
        return False
    p = {m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3)
         for m in _DIGEST_PARAM.finditer(rest)}  # fmt: skip
    if p.get("username") != username or p.get("realm") != realm:
        return False
    uri, nonce, response = p.get("uri"), p.get("nonce"), p.get("response")
    if not uri or not nonce or not response:
        return False
    ha1 = _md5(f"{username}:{realm}:{password}")
    ha2 = _md5(f"{method}:{uri}")
    qop = p.get("qop")
    if qop:
        expected = _md5(f"{ha1}:{nonce}:{p.get('nc', '')}:{p.get('cnonce', '')}:{qop}:{ha2}")
    else:
        expected = _md5(f"{ha1}:{nonce}:{ha2}")
    return expected == response.lower()


# --- Whatsminer API v3 framing (protocols.md §2.6): 4-byte little-endian length + UTF-8 JSON ----


class BadFrame(Exception):
    """The frame cannot be read as a v3 request (the server closes the connection)."""


async def read_frame(reader: asyncio.StreamReader, timeout_s: float) -> dict[str, object] | None:
    """One request object, or None on a clean EOF between frames."""
    async with asyncio.timeout(timeout_s):
        try:
            header = await reader.readexactly(4)
        except asyncio.IncompleteReadError as exc:
            if not exc.partial:
                return None
            raise BadFrame("connection closed inside the length prefix") from None
        (length,) = struct.unpack("<I", header)
        if not 0 < length <= MAX_FRAME:
            raise BadFrame(f"frame length {length} out of range")
        try:
            payload = await reader.readexactly(length)
        except asyncio.IncompleteReadError:
            raise BadFrame("connection closed inside the frame") from None
    try:
        obj = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise BadFrame("frame is not JSON") from None
    if not isinstance(obj, dict):
        raise BadFrame("frame is not a JSON object")
    return obj


def frame(payload: bytes) -> bytes:
    return struct.pack("<I", len(payload)) + payload
