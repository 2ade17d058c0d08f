"""Serve one capture set over the real protocols on a loopback address, for end-to-end tests.

- API port (TCP): one request per connection, reply + NUL, close, like cgminer. A joined request
  ("summary+pools") is answered the way cgminer joins replies: {"summary":[{…}],"pools":[{…}]}.
  Such a joined reply is *derived* from the captured single replies and logged as such.
- A command that was not captured gets cgminer's own error reply (STATUS E, code 14, "Invalid
  command"), never invented data. One derivation is made: when ``version`` was not captured but
  the captured ``stats`` reply carries Bitmain's version fields in STATS[0] (BMMiner or CGMiner,
  Miner, CompileTime, Type — the fields its ``version`` reply has), ``version`` is answered
  with exactly those fields, its Msg saying it is derived, and the log marks it.
- Web port (HTTP/1.1): a request whose path was captured is served (200, application/json);
  anything else is a 404. For stock Antminer sets every path sits behind HTTP Digest (realm
  "antMiner Configuration", root/root) as on the real web UI.
- ePIC serves its REST API on the API port: for ePIC sets that port speaks HTTP instead.
- Whatsminer API v3 (4-byte length + JSON frames) on its own port, from ``rpc/<cmd>.json`` files
  named with the dotted v3 commands; a set with only those has nothing on the API port (v3
  firmware may close 4028), so detection's v3 fallback is what finds it. An uncaptured v3 command
  gets a v3-shaped error (code -1, the replay's own code: the firmware's is not captured).

Each reply served is logged as (service, request, origin) with origin "captured",
"derived: …" or "not captured", so a test can show exactly which bytes were real.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import socket
import socketserver
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.replay.corpus import CaptureSet

DIGEST_REALM = "antMiner Configuration"
DIGEST_USER, DIGEST_PASSWORD = "root", "root"
VERSION_FIELDS = ("CGMiner", "BMMiner", "API", "Miner", "CompileTime", "Type")
HTTP_ON_API_PORT = frozenset({"epic"})
DIGEST_FAMILIES = frozenset({"antminer"})


@dataclass(slots=True)
class Served:
    service: str
    request: str
    origin: str


def _compact(obj: Any) -> bytes:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode()


def invalid_command(when: int) -> dict[str, Any]:
    """cgminer's reply to a command it does not know, exactly as a real cgminer 4.11.1 prints
    it (tests/fixtures/cgminer-4.11.1/invalid_cmd.raw: code 14, no Description); the replay's
    log, not the reply, says the command was not captured."""
    return {
        "STATUS": [{"STATUS": "E", "When": when, "Code": 14, "Msg": "Invalid command"}],
        "id": 1,
    }


class Replay:
    """The reply logic, separate from sockets so it is easy to read."""

    def __init__(self, cs: CaptureSet) -> None:
        self.cs = cs
        self.log: list[Served] = []
        self._lock = threading.Lock()
        self.nonces: set[str] = set()

    def note(self, service: str, request: str, origin: str) -> None:
        with self._lock:
            self.log.append(Served(service, request, origin))

    def _when(self) -> int:
        stats = self.cs.rpc_json("stats") or self.cs.rpc_json("summary") or {}
        status = stats.get("STATUS") if isinstance(stats, dict) else None
        item = status[0] if isinstance(status, list) and status else status
        when = item.get("When") if isinstance(item, dict) else None
        return int(when) if isinstance(when, int | float) else int(time.time())

    def derived_version(self) -> dict[str, Any] | None:
        stats = self.cs.rpc_json("stats")
        items = stats.get("STATS") if isinstance(stats, dict) else None
        head = items[0] if isinstance(items, list) and items else None
        if not isinstance(head, dict) or "Type" not in head:
            return None
        status = dict(stats["STATUS"][0]) if isinstance(stats.get("STATUS"), list) else {}
        status.update({"Code": 22, "Msg": "BMMiner versions (replay: derived from captured stats)"})
        return {
            "STATUS": [status],
            "VERSION": [{k: head[k] for k in VERSION_FIELDS if k in head}],
            "id": 1,
        }

    def one(self, command: str) -> tuple[dict[str, Any] | None, bytes | None, str]:
        """(parsed reply, exact captured bytes or None, origin) for one command."""
        raw = self.cs.rpc.get(command)
        if raw is not None:
            parsed = self.cs.rpc_json(command)
            return parsed, raw, "captured"
        if command == "version":
            derived = self.derived_version()
            if derived is not None:
                return derived, None, "derived: version fields of captured stats STATS[0]"
        return invalid_command(self._when()), None, "not captured"

    def rpc_reply(self, request: bytes) -> bytes:
        text = request.rstrip(b"\x00\r\n ").decode("utf-8", errors="replace")
        try:
            doc = json.loads(text)
            command = str(doc.get("command", "")) if isinstance(doc, dict) else ""
        except ValueError:
            command = text.split("|", 1)[0]  # cgminer's plain-text form
        commands = [c for c in command.split("+") if c]
        if len(commands) == 1:
            parsed, raw, origin = self.one(commands[0])
            self.note("rpc", commands[0], origin)
            if raw is not None and parsed is None:
                return raw.rstrip(b"\x00")  # a .raw capture that is not JSON: as it was sent
            if raw is not None and self.cs.rpc_is_raw(commands[0]):
                return raw.rstrip(b"\x00")
            return _compact(parsed)
        joined: dict[str, Any] = {}
        for c in commands:
            parsed, _raw, origin = self.one(c)
            self.note("rpc", c, f"derived: joined ({origin})")
            joined[c] = [parsed]
        joined["id"] = 1
        return _compact(joined)

    # -- Whatsminer API v3 ------------------------------------------------------------------
    def speaks_v3_only(self) -> bool:
        """Only v3 commands ("get.device.info") captured: v3 firmware, which may close 4028."""
        return bool(self.cs.rpc) and all("." in c for c in self.cs.rpc)

    def v3_reply(self, body: bytes) -> dict[str, Any]:
        try:
            doc = json.loads(body)
            cmd = str(doc.get("cmd", "")) if isinstance(doc, dict) else ""
        except ValueError:
            cmd = ""
        captured = self.cs.rpc_json(cmd) if "." in cmd else None
        if isinstance(captured, dict):
            self.note("v3", cmd, "captured")
            return captured
        self.note("v3", cmd, "not captured")
        # the shape of a v3 error (code != 0, text in msg); the code is the replay's own
        return {"code": -1, "msg": f"replay: {cmd!r} was not captured", "desc": cmd}

    # -- HTTP -------------------------------------------------------------------------------
    def needs_digest(self) -> bool:
        return self.cs.family in DIGEST_FAMILIES and bool(self.cs.http)

    def digest_ok(self, header: str, method: str) -> bool:
        fields = _parse_digest(header)
        if fields.get("username") != DIGEST_USER or fields.get("nonce") not in self.nonces:
            return False
        ha1 = _md5(f"{DIGEST_USER}:{fields.get('realm', '')}:{DIGEST_PASSWORD}")
        ha2 = _md5(f"{method}:{fields.get('uri', '')}")
        if fields.get("qop"):
            want = _md5(
                f"{ha1}:{fields['nonce']}:{fields.get('nc', '')}:{fields.get('cnonce', '')}:"
                f"{fields['qop']}:{ha2}"
            )
        else:
            want = _md5(f"{ha1}:{fields['nonce']}:{ha2}")
        return secrets.compare_digest(want, fields.get("response", ""))

    def challenge(self) -> str:
        nonce = secrets.token_hex(16)
        with self._lock:
            self.nonces.add(nonce)
        return f'Digest realm="{DIGEST_REALM}", qop="auth", nonce="{nonce}"'

    def http_body(self, path: str) -> bytes | None:
        full = path.strip("/").replace("/", "_").replace("?", "_")
        return self.cs.http.get(full) or self.cs.http.get(
            path.split("?", 1)[0].strip("/").replace("/", "_")
        )


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()


def _parse_digest(header: str) -> dict[str, str]:
    if not header.lower().startswith("digest "):
        return {}
    out: dict[str, str] = {}
    for part in _split_commas(header[7:]):
        key, _, value = part.strip().partition("=")
        out[key.strip().lower()] = value.strip().strip('"')
    return out


def _split_commas(text: str) -> list[str]:
    parts, buf, quoted = [], "", False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        if ch == "," and not quoted:
            parts.append(buf)
            buf = ""
        else:
            buf += ch
    parts.append(buf)
    return parts


class _RpcHandler(socketserver.BaseRequestHandler):
    server: _RpcServer

    def handle(self) -> None:
        sock: socket.socket = self.request
        sock.settimeout(2.0)
        data = b""
        try:
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                data += chunk
                if _complete(data):
                    break
        except TimeoutError:
            pass
        if not data:
            return
        replay = self.server.replay
        if data.startswith((b"GET ", b"POST ", b"HEAD ")):
            replay.note("rpc", data.split(b"\r\n", 1)[0].decode(errors="replace"), "not captured")
            sock.sendall(
                b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            )
            return
        sock.sendall(replay.rpc_reply(data) + b"\x00")


def _complete(data: bytes) -> bool:
    text = data.rstrip(b"\x00\r\n \t")
    if data.endswith(b"\x00") or not text.startswith(b"{"):
        return bool(text)
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _quiet_disconnects(server: socketserver.BaseServer, request: Any, address: Any) -> None:
    """A client that hangs up early (detection cancels the losing probe) is no error to print."""
    import sys

    exc = sys.exc_info()[1]
    if isinstance(exc, ConnectionError | TimeoutError):
        return
    socketserver.BaseServer.handle_error(server, request, address)


class _V3Handler(socketserver.BaseRequestHandler):
    """Whatsminer API v3: 4-byte little-endian length + JSON, both ways, one request here."""

    server: _V3Server

    def handle(self) -> None:
        sock: socket.socket = self.request
        sock.settimeout(2.0)
        try:
            head = _recv_exactly(sock, 4)
            body = _recv_exactly(sock, int.from_bytes(head, "little"))
        except (TimeoutError, OSError, ValueError):
            return
        payload = _compact(self.server.replay.v3_reply(body))
        sock.sendall(len(payload).to_bytes(4, "little") + payload)


def _recv_exactly(sock: socket.socket, n: int) -> bytes:
    if n > 1 << 20:
        raise ValueError("frame too large")
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise ValueError("closed")
        data += chunk
    return data


class _RpcServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    handle_error = _quiet_disconnects

    def __init__(self, addr: tuple[str, int], replay: Replay) -> None:
        self.replay = replay
        super().__init__(addr, _RpcHandler)


def _http_handler(replay: Replay, service: str) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            if replay.needs_digest() and not replay.digest_ok(
                self.headers.get("Authorization", ""), self.command
            ):
                replay.note(service, f"{self.command} {self.path}", "digest challenge")
                self._send(
                    401,
                    b"<html><body>401 Unauthorized</body></html>",
                    {"WWW-Authenticate": replay.challenge(), "Content-Type": "text/html"},
                )
                return
            # a captured page answers the method it was captured with (IceRiver's is a POST)
            body = replay.http_body(self.path) if self.command in ("GET", "POST") else None
            if body is None:
                replay.note(service, f"{self.command} {self.path}", "not captured")
                self._send(404, b"404 Not Found", {"Content-Type": "text/plain"})
                return
            replay.note(service, f"{self.command} {self.path}", "captured")
            self._send(200, body, {"Content-Type": "application/json"})

        do_GET = _serve
        do_POST = _serve
        do_HEAD = _serve

        def handle(self) -> None:
            """An HTTP server answers a non-HTTP request (the cgminer JSON probe) with 400 at
            once, as ePIC's does, instead of waiting for a request line that never comes."""
            sock: socket.socket = self.connection
            sock.settimeout(2.0)
            try:
                head = sock.recv(8, socket.MSG_PEEK)
            except (TimeoutError, OSError):
                return
            if head and not head.split(b" ", 1)[0].isalpha():
                replay.note(service, head.decode(errors="replace"), "not captured")
                sock.sendall(
                    b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                )
                return
            super().handle()

    return Handler


class _V3Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    handle_error = _quiet_disconnects

    def __init__(self, addr: tuple[str, int], replay: Replay) -> None:
        self.replay = replay
        super().__init__(addr, _V3Handler)


class _HttpServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    handle_error = _quiet_disconnects


@dataclass(slots=True)
class ReplayServer:
    """Context manager: the set's API and web ports on ``host`` (loopback), ephemeral ports."""

    cs: CaptureSet
    host: str
    replay: Replay = field(init=False)
    rpc_port: int = 0
    web_port: int = 0
    v3_port: int = 0
    _servers: list[socketserver.BaseServer] = field(default_factory=list)
    _threads: list[threading.Thread] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.host.startswith("127."):
            raise ValueError("the replay server serves loopback addresses only")
        self.replay = Replay(self.cs)

    def __enter__(self) -> ReplayServer:
        rpc: socketserver.BaseServer
        if self.cs.family in HTTP_ON_API_PORT:
            rpc = _HttpServer((self.host, 0), _http_handler(self.replay, "rpc"))
        else:
            rpc = _RpcServer((self.host, 0), self.replay)
        web = _HttpServer((self.host, 0), _http_handler(self.replay, "http"))
        v3 = _V3Server((self.host, 0), self.replay)
        self._servers = [rpc, web, v3]
        self.rpc_port = rpc.server_address[1]  # type: ignore[index]
        self.web_port = web.server_address[1]  # type: ignore[index]
        self.v3_port = v3.server_address[1]  # type: ignore[index]
        if self.replay.speaks_v3_only():  # v3 firmware may close 4028: nothing listens there
            rpc.server_close()
            self._servers.remove(rpc)
        for srv in self._servers:
            t = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05})
            t.daemon = True
            t.start()
            self._threads.append(t)
        return self

    def __exit__(self, *exc: object) -> None:
        for srv in self._servers:
            srv.shutdown()
            srv.server_close()
        for t in self._threads:
            t.join(timeout=2)
