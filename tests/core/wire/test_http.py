"""The shared HTTP client against a local server: digest auth, errors, size cap."""

from __future__ import annotations

import asyncio
import hashlib
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from rig_monitor.core.errors import MinerError
from rig_monitor.core.model import ErrorKind
from rig_monitor.core.wire.cgminer import Limits
from rig_monitor.core.wire.http import HttpClient, digest

REALM = "antMiner Configuration"
NONCE = "5f1a0c0de"


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path == "/cgi-bin/get_system_info.cgi":
            auth = self.headers.get("Authorization", "")
            if not auth.startswith("Digest "):
                self._send(
                    401,
                    b"",
                    {"WWW-Authenticate": f'Digest realm="{REALM}", nonce="{NONCE}", qop="auth"'},
                )
                return
            fields = dict(part.strip().split("=", 1) for part in auth[7:].split(",") if "=" in part)
            f = {k: v.strip('"') for k, v in fields.items()}
            ha1 = _md5(f"{f['username']}:{REALM}:root")
            ha2 = _md5(f"GET:{f['uri']}")
            expected = _md5(f"{ha1}:{NONCE}:{f['nc']}:{f['cnonce']}:{f['qop']}:{ha2}")
            if f["response"] != expected:
                self._send(
                    401,
                    b"",
                    {"WWW-Authenticate": f'Digest realm="{REALM}", nonce="{NONCE}", qop="auth"'},
                )
                return
            self._send(200, b'{"minertype":"Antminer S19j Pro","macaddr":"02:11:22:33:44:55",}')
        elif self.path == "/big":
            self._send(200, b"{" + b" " * (300 * 1024) + b"}")
        elif self.path == "/html":
            self._send(200, b"<html><title>router</title></html>")
        else:
            self._send(404, b"not found")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def call(coro_fn):  # type: ignore[no-untyped-def]
    async def go():  # type: ignore[no-untyped-def]
        client = HttpClient(Limits(1.0, 2.0, max_bytes=64 * 1024))
        try:
            return await coro_fn(client)
        finally:
            await client.aclose()

    return asyncio.run(go())


def test_digest_auth_and_lenient_json(server: str) -> None:
    url = server + "/cgi-bin/get_system_info.cgi"
    doc = call(lambda c: c.get_json(url, auth=digest("root", "root")))
    assert doc["minertype"] == "Antminer S19j Pro"  # trailing comma repaired


def test_wrong_password_is_auth_failed_not_offline(server: str) -> None:
    url = server + "/cgi-bin/get_system_info.cgi"
    with pytest.raises(MinerError) as info:
        call(lambda c: c.get_json(url, auth=digest("root", "wrong")))
    assert info.value.kind is ErrorKind.AUTH_FAILED


def test_size_cap(server: str) -> None:
    with pytest.raises(MinerError) as info:
        call(lambda c: c.get_json(server + "/big"))
    assert info.value.kind is ErrorKind.TOO_LARGE


def test_html_is_not_a_miner(server: str) -> None:
    with pytest.raises(MinerError) as info:
        call(lambda c: c.get_json(server + "/html"))
    assert info.value.kind is ErrorKind.NOT_A_MINER


def test_http_error_status(server: str) -> None:
    with pytest.raises(MinerError, match="HTTP 404"):
        call(lambda c: c.get_json(server + "/nope"))


def test_refused() -> None:
    with pytest.raises(MinerError) as info:
        call(lambda c: c.get("http://127.0.0.1:9/"))
    assert info.value.kind is ErrorKind.REFUSED
